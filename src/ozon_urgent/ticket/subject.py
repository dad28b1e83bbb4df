"""The ticket's subject: the request, agreeing with what is listed, naming the metric where it fits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ozon_urgent.ticket.russian import count, noun_form
from ozon_urgent.ticket.wording import PRODUCT_KINDS

SUBJECT_MAX = 80
# The metric where the subject cannot name it: a name copied from Seller Center, which is not inflected.
UNNAMED = "показателя"


class _Request(NamedTuple):
    """A request's subject phrases: the IDs it is about ("postings", "goods" or "" for the store), the
    phrase with them («{ids}»: their count and noun in the genitive), the phrase naming the metric alone
    where that with the IDs runs too long (an agent routes by the metric; the letter lists the IDs), and
    the phrase where none are listed. «{metric}» is the metric in the genitive, or «показателя»."""

    about: str
    with_ids: str
    metric_only: str
    without: str


_REQUESTS: dict[str, _Request] = {
    "exclude_period": _Request(
        "postings",
        "Об исключении {ids} из расчёта {metric}",
        "",
        "Об исключении периода сбоя из расчёта {metric}",
    ),
    "correct_data": _Request(
        "postings",
        "О пересчёте {metric} без учёта {ids}",
        "О пересчёте {metric}",
        "О корректировке данных {metric}",
    ),
    "recalibrate_attribution": _Request(
        "postings",
        "О пересчёте {metric} без учёта {ids}",
        "О пересчёте {metric}",
        "Об исправлении привязки заказов и пересчёте {metric}",
    ),
    "restore_listing": _Request("goods", "О возврате в продажу {ids}", "", "О возврате товаров в продажу"),
    "manual_review": _Request(
        "goods",
        "О пересмотре решения о снятии с продажи {ids}",
        "",
        "О пересмотре решения о снятии товаров с продажи",
    ),
    "lift_restriction": _Request("", "", "", "Об отмене ограничения продаж"),
    "remove_low_activity_flag": _Request("", "", "", "О снятии отметки о низкой активности"),
    "lift_penalty": _Request("", "", "", "О снятии санкций за задержку ответов в чатах"),
}

SubjectForm = Literal["with_ids", "metric_only", "without"]


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject line and how it was said, for the seller's copy to say the same: which phrase
    (`form`), whether it names the metric and whether its count is in digits."""

    line: str
    form: SubjectForm
    metric: bool = False
    digits: bool = False


def request_about(request: str) -> str:
    """Which IDs a request acts on: "postings", "goods", or "" for a request about the store as a whole."""
    return _REQUESTS[request].about if request in _REQUESTS else ""


def subject_line(phrase: str, client_id: str) -> str:
    """`URGENT: <the request> — Client ID …`: what the seller asks for, and whose store; the store's name
    opens the letter itself (it would run the subject past SUBJECT_MAX characters for most stores)."""
    return f"URGENT: {phrase} — Client ID {client_id}"


def subject_for(
    request: str, counts: Mapping[str, int], client_id: str, metric: str | None = None
) -> Subject | None:
    """The subject, the first of these within SUBJECT_MAX (a subject cut short in the queue loses its
    end): the metric by name (`metric`, in the genitive: «О пересчёте доли возвратов без учёта пяти
    отправлений», as an Ozon agent asked), its count in digits, the metric alone; then «показателя» with
    the count in words, in digits. A count under ten is in words, as Russian business prose writes it
    («двух товаров», which an agent asked for over «2 товаров»). None for a request it does not know."""
    candidates = _candidates(request, counts, metric)
    if not candidates:
        return None
    lines = [(subject_line(said.line, client_id), said) for said in candidates]
    line, said = next(((line, s) for line, s in lines if len(line) <= SUBJECT_MAX), lines[-1])
    return Subject(line, said.form, said.metric, said.digits)


def _candidates(request: str, counts: Mapping[str, int], metric: str | None) -> list[Subject]:
    """The subject's phrases in the order preferred, each as a Subject whose `line` is the phrase alone."""
    if request not in _REQUESTS:
        return []
    about, with_ids, metric_only, without = _REQUESTS[request]
    goods = next((counts[key] for key in PRODUCT_KINDS if counts.get(key)), 0)
    number, noun = (counts.get("postings", 0), "отправление") if about == "postings" else (goods, "товар")
    out: list[Subject] = []
    for name in (metric, UNNAMED) if metric else (UNNAMED,):
        named = name != UNNAMED
        if not about or not number:
            out.append(Subject(without.format(metric=name), "without", named))
            continue
        for words in (True, False):
            ids = _some(number, noun, words=words)
            out.append(Subject(with_ids.format(ids=ids, metric=name), "with_ids", named, not words))
        if named and metric_only:
            out.append(Subject(metric_only.format(metric=name), "metric_only", named))
    return out


def _some(number: int, noun: str, *, words: bool = True) -> str:
    """«отправления» over one, «21 отправления», «трёх отправлений» over more, in the genitive; two to nine
    in digits where `words` is off."""
    return noun_form(noun, 1, "gent") if number == 1 else count(number, noun, "gent", words=words)
