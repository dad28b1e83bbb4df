"""The words that depend on what a case lists: subject, ID heading and blocks, the ID list's title.

Each agrees with what is listed (one posting, one SKU, postings only), through pymorphy3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ozon_urgent.ticket.russian import (
    GrammaticalCase,
    _parse,
    capitalised,
    count,
    joined,
    noun_form,
    which,
)

SUBJECT_MAX = 80
PRODUCT_KINDS = ("skus", "products", "offer_ids")
# What each kind of ID is a number of, in the heading and the ID list's title.
_NOUNS = {"postings": "отправление", "orders": "заказ"}
# A block's label over one ID and over more (docs/russian-terms.md).
_LABELS = {
    "postings": ("Номер отправления", "Номера отправлений"),
    "orders": ("Номер заказа", "Номера заказов"),
    "skus": ("SKU", "SKU"),
    "paired": ("SKU и артикул", "SKU и артикулы"),
    "products": ("Идентификатор товара (product_id)", "Идентификаторы товаров (product_id)"),
    "offer_ids": ("Артикул", "Артикулы"),
}


@dataclass(frozen=True, slots=True)
class IdBlock:
    """One list of the letter: its label («Номера отправлений, всего 21:», empty where the heading says
    what the IDs are) and the rows shown, one ID a line, a SKU with its артикул where the case pairs them."""

    label: str
    rows: tuple[str, ...]


def listed_nouns(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """What the IDs are, with how many: postings, orders, then products (SKUs, product IDs or артикулы
    of the same goods, so the longest of those lists)."""
    nouns = [(noun, counts[key]) for key, noun in _NOUNS.items() if counts.get(key)]
    goods = max((counts.get(key, 0) for key in PRODUCT_KINDS), default=0)
    return [*nouns, ("товар", goods)] if goods else nouns


def ids_heading(counts: Mapping[str, int], total: str = "") -> str:
    """«Отправление, к которому относится обращение:», «Отправления и товары, к которым …:»; `total`
    («всего 21») is added in parentheses where the heading stands over the list itself."""
    nouns = listed_nouns(counts)
    subject = capitalised(joined([noun_form(noun, number) for noun, number in nouns]))
    return f"{subject}, к {which(nouns)} относится обращение{f' ({total})' if total else ''}:"


def id_list_title(counts: Mapping[str, int]) -> str:
    """The attached list's title, naming only what it holds: «Перечень отправлений», «… и товаров»."""
    nouns = listed_nouns(counts)
    return "Перечень " + joined([noun_form(noun, number, "gent") for noun, number in nouns])


def id_blocks(
    groups: Sequence[tuple[str, Sequence[str]]], offers: Mapping[str, str], preview: int | None
) -> tuple[str, tuple[IdBlock, ...]]:
    """The heading and the blocks under it. A single list of postings or orders stands under the heading
    alone; any other list keeps its label, which says whether the numbers are SKUs, product IDs or
    артикулы. `preview`: how many of each list to show when the whole list is attached."""
    paired = {offers[sku] for key, items in groups if key == "skus" for sku in items if sku in offers}
    lists: list[tuple[str, tuple[str, ...]]] = []
    for key, items in groups:
        if key == "skus" and paired:
            rows = tuple(f"{sku} — {offers[sku]}" if sku in offers else sku for sku in items)
            lists.append(("paired", rows))
        elif key == "offer_ids":
            rest = tuple(item for item in items if item not in paired)
            lists += [(key, rest)] if rest else []
        else:
            lists.append((key, tuple(items)))
    counts = {key: len(items) for key, items in groups}
    if len(lists) == 1 and lists[0][0] in _NOUNS:
        rows = lists[0][1]
        shown = rows if preview is None or len(rows) <= preview else rows[:preview]
        return ids_heading(counts, _total(len(rows), len(shown))), (IdBlock("", shown),)
    return ids_heading(counts), tuple(_block(key, rows, preview) for key, rows in lists)


def _block(key: str, rows: tuple[str, ...], preview: int | None) -> IdBlock:
    one, many = _LABELS[key]
    if len(rows) == 1:
        return IdBlock(f"{one}:", rows)
    shown = rows if preview is None or len(rows) <= preview else rows[:preview]
    return IdBlock(f"{many}, {_total(len(rows), len(shown))}:", shown)


def _total(listed: int, shown: int) -> str:
    if listed == 1:
        return ""
    return f"всего {listed}" if shown == listed else f"всего {listed}, первые {shown}"


def _some(number: int, noun: str, case: str = "nomn") -> str:
    """«отправление» over one, «21 отправление», «3 отправлений» (genitive) over more."""
    return noun_form(noun, 1, case) if number == 1 else count(number, noun, case)  # type: ignore[arg-type]


# The subject's request by the case's `request`: (the IDs it is about, the phrase naming them — «{ids}»
# is their count and noun, «{ids_gent}» the same in the genitive — and the phrase where none are listed).
_REQUESTS: dict[str, tuple[str, str, str]] = {
    "exclude_period": (
        "postings",
        "Исключить {ids} из расчёта показателя",
        "Исключить период сбоя из расчёта показателя",
    ),
    "correct_data": (
        "postings",
        "Пересчитать показатель без учёта {ids_gent}",
        "Скорректировать данные показателя",
    ),
    "recalibrate_attribution": (
        "postings",
        "Не учитывать {ids} при расчёте показателя",
        "Исправить привязку заказов и пересчитать показатель",
    ),
    "restore_listing": ("goods", "Вернуть в продажу {ids}", "Вернуть товары в продажу"),
    "manual_review": (
        "goods",
        "Пересмотреть снятие с продажи {ids_gent}",
        "Пересмотреть снятие товаров с продажи",
    ),
    "lift_restriction": ("", "", "Снять с магазина ограничение продаж"),
    "remove_low_activity_flag": ("", "", "Снять с магазина отметку о низкой активности"),
    "lift_penalty": ("", "", "Снять санкции за превышение времени ответа в чатах"),
}


def request_phrase(request: str, counts: Mapping[str, int]) -> str | None:
    """What the seller asks Ozon to do, as the subject says it, agreeing with what is listed: «Исключить
    отправление…», «Исключить 21 отправление…»; None for a request it does not know."""
    if request not in _REQUESTS:
        return None
    about, phrase, without = _REQUESTS[request]
    goods = next((counts[key] for key in PRODUCT_KINDS if counts.get(key)), 0)
    number, noun = (counts.get("postings", 0), "отправление") if about == "postings" else (goods, "товар")
    if not about or not number:
        return without
    return phrase.format(ids=_some(number, noun), ids_gent=_some(number, noun, "gent"))


def request_about(request: str) -> str:
    """Which IDs a request acts on: "postings", "goods", or "" for a request about the store as a whole."""
    return _REQUESTS[request][0] if request in _REQUESTS else ""


def subject_line(phrase: str, client_id: str) -> str:
    """`URGENT: <the request> — Client ID …`: what the seller asks for, and whose store; the store's name
    opens the letter itself (it would run the subject past SUBJECT_MAX characters for most stores)."""
    return f"URGENT: {phrase} — Client ID {client_id}"


_ALL = {"nomn": "все", "gent": "всех", "datv": "всем"}
_BOTH = {"nomn": "оба", "gent": "обоих", "datv": "обоим"}


def _adjective(word: str, grammemes: set[str]) -> str:
    form = _parse(word, "ADJF").inflect(grammemes)
    return str(form.word) if form is not None else word


def _gender(noun: str) -> str:
    tag = _parse(noun).tag
    return next(g for g in ("masc", "femn", "neut") if g in tag)


def listed(noun: str, number: int, case: GrammaticalCase = "nomn", attached: str | None = None) -> str:
    """How the request names the IDs the letter lists above it, agreeing in number and case: «указанное
    выше отправление», «оба перечисленных выше товара», «всех перечисленных выше отправлений»; a list
    attached whole by its count and file: «все 45 отправлений из перечня (полный перечень — во вложении …)».
    The nouns are inanimate, so the nominative also serves as the accusative."""
    if attached:
        return (
            f"{_ALL[case]} {count(number, noun, case)} из перечня (полный перечень — во вложении {attached})"
        )
    if number == 1:
        adjective = _adjective("указанный", {case, "sing", _gender(noun)})
        return f"{adjective} выше {noun_form(noun, 1, case)}"
    if number == 2:
        # «оба» takes the genitive singular noun and genitive plural adjective in the nominative
        adjective = _adjective("перечисленный", {"gent" if case == "nomn" else case, "plur"})
        form = noun_form(noun, 1, "gent") if case == "nomn" else noun_form(noun, 2, case)
        return f"{_BOTH[case]} {adjective} выше {form}"
    adjective = _adjective("перечисленный", {case, "plur"})
    return f"{_ALL[case]} {adjective} выше {noun_form(noun, number, case)}"


# The other lists of goods, by their head noun over one ID and over more.
_GOODS_LISTS = {
    "skus": ("SKU", "SKU"),
    "products": ("идентификатор", "идентификаторы"),
    "offer_ids": ("артикул", "артикулы"),
}


def also_listed(main: str, main_number: int, other: str, other_number: int) -> str:
    """One sentence saying what another list of the letter is to the IDs the request names (`main`): «В
    перечне также указаны заказы, к которым относятся эти отправления.», «… отправления с этими товарами.»,
    «… SKU товара из этих отправлений.» Each side agrees with how many IDs it lists."""
    one, m = other_number == 1, main_number == 1
    if main in ("postings", "orders"):
        these = {
            "postings": ("этого отправления", "этих отправлений"),
            "orders": ("этого заказа", "этих заказов"),
        }
        of_these = these[main][0 if m else 1]
        if other == "orders":
            what = ("заказ, к которому " if one else "заказы, к которым ") + (
                "относится это отправление" if m else "относятся эти отправления"
            )
        elif other == "postings":
            what = ("отправление " if one else "отправления ") + of_these
        else:
            goods = f"{'товара' if one else 'товаров'} из {of_these}"
            what = _goods_list(other, one, goods)
    elif other in ("postings", "orders"):
        noun = {"postings": ("отправление", "отправления"), "orders": ("заказ", "заказы")}[other][
            0 if one else 1
        ]
        what = f"{noun} {'с этим товаром' if m else 'с этими товарами'}"
    else:
        what = _goods_list(other, one, "этого товара" if m else "этих товаров")
    verb = "указаны" if not one else "указано" if what.startswith("отправление") else "указан"
    return f"В перечне также {verb} {what}."


def _goods_list(kind: str, one: bool, of: str) -> str:
    head = _GOODS_LISTS[kind][0 if one else 1]
    return f"{head} {of}{' (product_id)' if kind == 'products' else ''}"
