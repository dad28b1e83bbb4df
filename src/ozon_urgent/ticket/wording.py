"""The words that depend on what a case lists: ID heading and blocks, the ID list's title (the subject:
ticket.subject).

Each agrees with what is listed (one posting, one SKU, postings only), through pymorphy3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ozon_urgent.ticket.proof import Proof
from ozon_urgent.ticket.russian import (
    GrammaticalCase,
    _parse,
    count,
    joined,
    noun_form,
)

PRODUCT_KINDS = ("skus", "products", "offer_ids")
# What each kind of ID is a number of, in the heading and the ID list's title.
_NOUNS = {"postings": "отправление", "orders": "заказ"}
# A list's head over one ID and over more, and the noun its count agrees with (docs/russian-terms.md):
# «Номера трёх отправлений», «SKU и артикулы шести товаров»; and, where a single list of goods stands
# under the heading alone, what its numbers are («Обращение касается двух товаров (product_id):»).
_LABELS = {
    "postings": ("Номер", "Номера", "отправление"),
    "orders": ("Номер", "Номера", "заказ"),
    "skus": ("SKU", "SKU", "товар"),
    "paired": ("SKU и артикул", "SKU и артикулы", "товар"),
    "products": ("Идентификатор (product_id)", "Идентификаторы (product_id)", "товар"),
    "offer_ids": ("Артикул", "Артикулы", "товар"),
}
_KINDS = {
    "skus": ("SKU", "SKU"),
    "paired": ("SKU и артикул", "SKU и артикулы"),
    "products": ("product_id",) * 2,
    "offer_ids": ("артикул", "артикулы"),
}
_GOODS_BLOCKS = ("skus", "paired", "products", "offer_ids")


@dataclass(frozen=True, slots=True)
class IdBlock:
    """One list of the letter: what it lists (`key`: postings, orders, skus, paired — SKUs with their
    артикулы —, products, offer_ids), its label («Номера трёх отправлений с этими товарами:», empty where
    the heading says what the IDs are), how many it holds, the rows shown, one ID a line, and for each
    row the numbers of the attached files that show its ID (ticket.proof; none for an SKU with its
    артикул, whose row keeps its form, and none at all where the letter says no file per row)."""

    key: str
    label: str
    rows: tuple[str, ...]
    total: int = 0
    files: tuple[tuple[str, ...], ...] = ()

    @property
    def proven(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each row with the files that show its ID (empty where none is said): what templates list."""
        return tuple((row, self.files[i] if i < len(self.files) else ()) for i, row in enumerate(self.rows))


def listed_nouns(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """What the IDs are, with how many: postings, orders, then products (SKUs, product IDs or артикулы
    of the same goods, so the longest of those lists)."""
    nouns = [(noun, counts[key]) for key, noun in _NOUNS.items() if counts.get(key)]
    goods = max((counts.get(key, 0) for key in PRODUCT_KINDS), default=0)
    return [*nouns, ("товар", goods)] if goods else nouns


def ids_heading(nouns: Sequence[tuple[str, int]]) -> str:
    """«Обращение касается отправлений и товаров:» — what the lists hold, in their order."""
    return f"Обращение касается {joined([noun_form(noun, number, 'gent') for noun, number in nouns])}:"


def id_list_title(counts: Mapping[str, int]) -> str:
    """The attached list's title, naming only what it holds: «Перечень отправлений», «… и товаров»."""
    nouns = listed_nouns(counts)
    return "Перечень " + joined([noun_form(noun, number, "gent") for noun, number in nouns])


def id_blocks(
    groups: Sequence[tuple[str, Sequence[str]]],
    offers: Mapping[str, str],
    preview: int | None,
    main: str | None = None,
    whole: str | None = None,
    proof: Proof | None = None,
) -> tuple[str, tuple[IdBlock, ...]]:
    """The heading and the blocks under it, the list the request acts on (`main`) first. A single list of
    postings or orders stands under the heading alone, its count in the heading («Обращение касается 21
    отправления:»); any other list has its label, which says what its IDs are to the main list's («Номера
    трёх отправлений с этими товарами:»). `preview`: how many of each list to show when it is attached,
    and `whole` that attachment's name («… (ниже — первые пять; полный перечень — в файле 04):»);
    `proof`: the files that show each ID (ticket.proof), said at the end of its row."""
    lists = _lists(groups, offers, proof or {})
    first = "paired" if main == "skus" and any(key == "paired" for key, _, _ in lists) else main
    lists.sort(key=lambda item: item[0] != first)  # stable: the rest keep the catalog's order
    shown = [rows if preview is None or len(rows) <= preview else rows[:preview] for _, rows, _ in lists]
    if len(lists) == 1:
        (key, only, files), part = lists[0], shown[0]
        number = len(only)
        noun = _LABELS[key][2]
        what = noun_form(noun, 1, "gent") if number == 1 else count(number, noun, "gent")
        kind = f" ({_KINDS[key][number > 1]})" if key in _KINDS else ""
        return f"Обращение касается {what}{kind}{_first(number, len(part), whole)}:", (
            IdBlock(key, "", part, number, files[: len(part)]),
        )
    nouns = _nouns_in_order([(key, len(rows)) for key, rows, _ in lists])
    main_list = lists[0][:2] if lists[0][0] == first else None
    blocks = tuple(
        IdBlock(
            key,
            _label(key, (len(rows), len(part)), main_list if key != first else None, whole),
            part,
            len(rows),
            files[: len(part)],
        )
        for (key, rows, files), part in zip(lists, shown, strict=True)
    )
    return ids_heading(nouns), blocks


_Rows = tuple[str, ...]


def _lists(
    groups: Sequence[tuple[str, Sequence[str]]], offers: Mapping[str, str], proof: Proof
) -> list[tuple[str, _Rows, tuple[_Rows, ...]]]:
    """Each list's key, its rows (an SKU with its артикул on one row, «SKU — артикул», the артикул then
    left out of its own list) and each row's files; a paired row keeps its form, without files."""
    paired = {offers[sku] for key, items in groups if key == "skus" for sku in items if sku in offers}
    lists: list[tuple[str, _Rows, tuple[_Rows, ...]]] = []
    for key, items in groups:
        if key == "skus" and paired:
            rows = tuple(f"{sku} — {offers[sku]}" if sku in offers else sku for sku in items)
            files = tuple(() if sku in offers else proof.get(sku, ()) for sku in items)
            lists.append(("paired", rows, files))
            continue
        rest = tuple(item for item in items if key != "offer_ids" or item not in paired)
        if rest:
            lists.append((key, rest, tuple(proof.get(item, ()) for item in rest)))
    return lists


def _first(number: int, shown: int, whole: str | None = None) -> str:
    """« (ниже — первые пять; полный перечень — в файле 04)» over a list the letter shows only in part."""
    if shown >= number:
        return ""
    rest = f"; полный перечень — в файле {whole.split('-', 1)[0]}" if whole else ""
    return f" (ниже — первые {count(shown, 'отправление').split()[0]}{rest})"


def _nouns_in_order(lists: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """What the lists are numbers of, once each, in the letter's order; goods by their longest list."""
    nouns: list[tuple[str, int]] = []
    goods = max((number for key, number in lists if key in _GOODS_BLOCKS), default=0)
    for key, _ in lists:
        noun = _NOUNS.get(key, "товар")
        if noun not in (n for n, _ in nouns):
            nouns.append((noun, goods if noun == "товар" else dict(lists)[key]))
    return nouns


def _label(
    key: str, sizes: tuple[int, int], main: tuple[str, tuple[str, ...]] | None, whole: str | None
) -> str:
    """«Номера трёх отправлений:», «Номер заказа:», «SKU товаров из этих отправлений:», «Номера трёх
    отправлений с этими товарами:», «Артикулы этих товаров:», «Номера 1050 отправлений (ниже приведены
    первые пять):» — the count in words under ten, and what the list is to the main one (`main`)."""
    (number, shown), (one_head, many_head, noun) = sizes, _LABELS[key]
    head = one_head if number == 1 else many_head
    what = noun_form(noun, 1, "gent") if number == 1 else count(number, noun, "gent")
    related = ""
    if main is not None and key != "orders":
        one = len(main[1]) == 1
        if main[0] in _NOUNS and key in _GOODS_BLOCKS:
            related = (
                f" из {'этого' if one else 'этих'} {noun_form(_NOUNS[main[0]], 1 if one else 2, 'gent')}"
            )
        elif main[0] not in _NOUNS and key in _NOUNS:
            related = " с этим товаром" if one else " с этими товарами"
        elif main[0] not in _NOUNS:
            what = "этого товара" if one else "этих товаров"  # the same goods, by another number
    return f"{head} {what}{related}{_first(number, shown, whole)}:"


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
    attached whole by its count and file: «все 45 отправлений из приложенного перечня (файл 04)».
    The nouns are inanimate, so the nominative also serves as the accusative."""
    if attached:
        file = attached.split("-", 1)[0]  # «04» of 04-perechen-otpravlenii.pdf, as the seller cites files
        return f"{_ALL[case]} {count(number, noun, case)} из приложенного перечня (файл {file})"
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
