"""The subject names the metric where the case tells which (issue 27, reader's round 5: «О пересчёте доли
возвратов без учёта пяти отправлений» over «О пересчёте показателя без учёта …»), within SUBJECT_MAX, and
the seller's copy says what the Russian subject says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ozon_urgent.catalog import load_catalog
from ozon_urgent.ticket import seller_words
from ozon_urgent.ticket.russian import _parse
from ozon_urgent.ticket.subject import SUBJECT_MAX, Subject, subject_for
from ozon_urgent.ticket.template_gate import sample_content


def said(request: str, counts: dict[str, int], client_id: str, metric: str | None) -> Subject:
    subject = subject_for(request, counts, client_id, metric)
    assert subject is not None and len(subject.line) <= SUBJECT_MAX
    return subject


def test_the_subject_names_the_metric_with_the_count_in_words_where_it_fits() -> None:
    subject = said("correct_data", {"postings": 5}, "1", "доли возвратов")
    assert subject.line == "URGENT: О пересчёте доли возвратов без учёта пяти отправлений — Client ID 1"
    assert (subject.form, subject.metric, subject.digits) == ("with_ids", True, False)


def test_the_metric_keeps_its_place_over_the_count_in_words() -> None:
    # 81 characters in words with a seven-digit Client ID: the count in digits, the metric kept
    subject = said("correct_data", {"postings": 5}, "2284105", "доли возвратов")
    assert subject.line == "URGENT: О пересчёте доли возвратов без учёта 5 отправлений — Client ID 2284105"
    assert subject.digits


def test_the_metric_alone_where_it_and_the_ids_run_too_long() -> None:
    subject = said("recalibrate_attribution", {"postings": 1}, "1987340", "доли отмен по вине продавца")
    assert subject.line == "URGENT: О пересчёте доли отмен по вине продавца — Client ID 1987340"
    assert (subject.form, subject.metric) == ("metric_only", True)


def test_a_metric_too_long_for_any_form_leaves_the_generic_subject() -> None:
    subject = said("exclude_period", {"postings": 21}, "2750416", "процента заказов, выполненных вовремя")
    assert subject.line == "URGENT: Об исключении 21 отправления из расчёта показателя — Client ID 2750416"
    assert not subject.metric


def test_without_ids_the_subject_still_names_the_metric() -> None:
    subject = said("correct_data", {}, "1", "доли возвратов")
    assert subject.line == "URGENT: О корректировке данных доли возвратов — Client ID 1"
    # and the generic word without a metric, as before
    assert (
        said("correct_data", {}, "1", None).line == "URGENT: О корректировке данных показателя — Client ID 1"
    )


def test_a_request_about_the_store_is_not_changed_by_a_metric() -> None:
    subject = said("lift_penalty", {"orders": 3}, "1", "времени ответа покупателям в чатах")
    assert subject.line == "URGENT: О снятии санкций за задержку ответов в чатах — Client ID 1"


@pytest.mark.parametrize("key", sorted(load_catalog().metrics))
def test_every_metric_has_its_ozon_name_in_the_genitive_head_only(key: str) -> None:
    catalog = load_catalog()
    name, gent = catalog.metrics[key].ru.split(), catalog.metrics_gent[key].split()
    assert len(name) == len(gent)
    changed = [i for i, (a, b) in enumerate(zip(name, gent, strict=True)) if a != b]
    assert changed and changed == list(range(len(changed)))  # the head, at the start, and nothing after it
    for i in changed:  # each an inflection of Ozon's word, in the genitive
        form = _parse(name[i], None).inflect({"gent"})
        assert form is not None and form.word == gent[i]


def test_the_catalog_inflects_only_its_own_names() -> None:
    catalog = load_catalog()
    returns = catalog.scenarios["malicious_returns"]
    assert catalog.metric_ru_gent(returns, None) == "доли возвратов"  # the scenario's own metric
    assert catalog.metric_ru_gent(returns, "rating_order_cancellation") == "доли отмен по вине продавца"
    assert catalog.metric_ru_gent(returns, "Доля возвратов") is None  # copied from Seller Center
    assert catalog.metric_ru_gent(catalog.scenarios["order_attribution"], None) is None


@pytest.mark.parametrize(
    ("scenario", "metric", "client_id", "zh", "en"),
    [
        (
            "malicious_returns",
            ("доли возвратов", "退货率", "return rate"),
            "1",
            "重新计算“退货率”指标，不计入 2 个货件",
            "Recalculate the “Return rate” metric excluding 2 postings",
        ),
        (
            "order_attribution",
            ("доли отмен по вине продавца", "卖家原因取消率", "seller-fault cancellation rate"),
            "1987340",
            "重新计算“卖家原因取消率”指标",
            "Recalculate the “Seller-fault cancellation rate” metric",
        ),
        (
            "order_attribution",
            (None, "卖家原因取消率", "x"),
            "1",
            "计算指标时不计入 2 个货件",
            "Do not count 2 postings in the metric",
        ),
    ],
)
def test_the_sellers_copy_says_the_subject_as_the_russian_says_it(
    scenario: str, metric: tuple[str | None, str, str], client_id: str, zh: str, en: str
) -> None:
    gent, name_zh, name_en = metric
    content = replace(sample_content(scenario, load_catalog()), metric_gent=gent, client_id=client_id)
    assert seller_words.subject(content, "zh", "?", name_zh) == zh
    assert seller_words.subject(content, "en", "?", name_en) == en
