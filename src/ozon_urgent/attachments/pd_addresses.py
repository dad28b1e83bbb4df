"""A delivery address: a street with its house and flat, a town, a region, a postcode, on one line or
over up to three (a label prints «г. Москва,» / «ул. Ленина, д. 5,» / «кв. 12»).

Each part found adds to the score; a flat number makes it a home. The seller's own addresses (a
warehouse, the sender's block of a label, a pick-up point) are not a buyer's: a sender's label, a
warehouse's words or the policy's `own_addresses` take the score down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ozon_urgent.attachments.pd_layout import Cell, Document, same_column
from ozon_urgent.attachments.pd_score import RECIPIENT_WORDS, SENDER_WORDS, nearest
from ozon_urgent.attachments.pd_shapes import claimed_spans, inside_claimed

_I = re.IGNORECASE
_STREET = re.compile(
    r"(?<![а-яёa-z])(?:ул(?:ица)?|просп(?:ект)?|пр-к?т|пер(?:еулок)?|шоссе|ш|б-р|бул(?:ьвар)?|"
    r"наб(?:ережная)?|пл(?:ощадь)?|пр-з?д|проезд|мкр(?:-?н)?|микрорайон|туп(?:ик)?|аллея|тракт|кв-л|"
    r"квартал)(?:\. *| +)(?-i:[А-ЯЁ0-9])[\w.-]*(?: (?-i:[А-ЯЁ])[\w-]*)?",
    _I,
)
_STREET_AFTER = re.compile(  # «Ленина ул.», «Мира пр-т»: the type after the name
    r"[А-ЯЁ][\w-]+ (?:(?:ул|улица|пр-т|проспект|пер|переулок|шоссе|бульвар|б-р|наб|пл|проезд)\.?|пр\.)"
    r"(?![а-яё])"
)
_HOUSE = re.compile(
    r"(?:(?<![а-яё])д(?:ом)?\.? *\d+[а-яА-Я]?(?:/\d+)?|(?<=[\w.]), *\d{1,4}[а-яА-Я]?(?:/\d+)?(?![\d.,:])|"
    r"(?<=[а-яё]) \d{1,4}[а-яА-Я]?(?: *[-–] *\d{1,4})?(?![\d.,:])|"
    r"(?<![\d.,])\d{1,4}[а-я]? *[-–] *\d{1,4}(?![\d.,:]))",
    _I,
)
_FLAT = re.compile(r"(?<![а-яё])(?:кв|квартира|кв-ра|apt)\.? *\d+|\d{1,4} *[-–] *\d{1,4}(?![\d.,:])", _I)
_BUILDING = re.compile(r"(?<![а-яё])(?:корп(?:ус)?|к\.|стр(?:оение)?|лит(?:ера)?)\.? *\d+[а-я]?", _I)
_TOWN = re.compile(
    r"(?<![а-яё])(?:г|гор|пос|пгт|рп|с|дер|ст-ца|аул)\. *[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?|"
    r"\b(?:Москва|Санкт-Петербург|СПб|Новосибирск|Екатеринбург|Казань|Нижний Новгород|Челябинск|"
    r"Самара|Омск|Ростов-на-Дону|Уфа|Красноярск|Воронеж|Пермь|Волгоград|Краснодар|Саратов|Тюмень)\b",
)
_REGION = re.compile(
    r"[А-ЯЁ][а-яё-]+(?:ая|ий|ой) (?:обл(?:асть)?|край|р-н|район|округ)\.?|"
    r"(?<![а-яё])(?:респ(?:ублика)?\.? [А-ЯЁ][а-яё]+|обл\.|р-н)",
)
_POSTCODE = re.compile(r"(?<![\d-])[1-6]\d{5}(?![\d-])")

_PARTS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("street", _STREET, 0.45),
    ("street", _STREET_AFTER, 0.45),
    ("house", _HOUSE, 0.2),
    ("flat", _FLAT, 0.3),
    ("building", _BUILDING, 0.1),
    ("town", _TOWN, 0.25),
    ("region", _REGION, 0.2),
    ("postcode", _POSTCODE, 0.15),
)
_ADDRESS_WORDS = re.compile(
    r"адрес|куда\b|address|ship to|deliver to|地址|收货|" + RECIPIENT_WORDS, re.IGNORECASE
)
_SENDER = re.compile(SENDER_WORDS + r"|откуда|from\b|return to|возврат", re.IGNORECASE)
# Places that are a business's, not a home: the seller's warehouse, Ozon's sorting centre, a pick-up point.
_BUSINESS = re.compile(
    r"склад|\bсц\b|сортировоч|распределит|\bрц\b|\bпвз\b|пункт выдачи|постамат|офис|\bоф\.|\bтц\b|"
    r"\bтрц\b|\bбц\b|ozon|озон|\bооо\b|\bип\b|\bао\b|warehouse|fulfil|фулфил|терминал|\bтк\b|"
    r"отделени|почтамт",
    re.IGNORECASE,
)
# What every address has (see `_address`): a street, a town or a region, looked for before any other part.
_PLACES = (_STREET, _STREET_AFTER, _TOWN, _REGION)
_MAX_LINES = 3
_MARKED = re.compile(r"(?<![а-яё])(?:д|дом|кв|квартира|корп|корпус|стр|строение)\.? *\d", re.IGNORECASE)
_WORD_PART = re.compile(r"[^\W\d_]")
_GROUP_GAP = 30  # characters between two parts of one address, at most


@dataclass(frozen=True, slots=True)
class AddressPart:
    cell: Cell
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Address:
    parts: tuple[AddressPart, ...]
    score: float

    @property
    def raw(self) -> str:
        return ", ".join(part.cell.text[part.start : part.end] for part in self.parts)


def find_addresses(document: Document, own: Sequence[str] = ()) -> Iterator[Address]:
    """Addresses in a page: runs of up to three lines whose cells hold an address's parts."""
    if not any(place.search(cell.text) for cell in document.cells for place in _PLACES):
        return  # every address names a street, a town or a region: most pages of prose name none
    features = [_features(cell) for cell in document.cells]
    used: set[int] = set()
    for index in range(len(document.cells)):
        if index in used or not _starts(document.cells[index], features[index]):
            continue
        chain = [index]
        kinds = {kind for kind, _, _ in features[index]}
        for later in range(index + 1, len(document.cells)):
            candidate = document.cells[later]
            last = document.cells[chain[-1]]
            if candidate.line == last.line:
                continue
            if candidate.line > last.line + 1 or len(chain) >= _MAX_LINES:
                break
            if not _continues(candidate, features[later]) or not same_column(last, candidate):
                continue
            more = {kind for kind, _, _ in features[later]}
            if ("street" in kinds and "street" in more) or ("town" in kinds and "town" in more):
                break  # a second street or town: the next address, not the rest of this one
            chain.append(later)
            kinds |= more
        address = _address(document, [(document.cells[i], features[i]) for i in chain], own)
        if address is not None:
            used.update(chain)
            yield address


_Feature = tuple[str, int, int]


def _features(cell: Cell) -> list[_Feature]:
    """The address's parts in a cell, none inside a date, an amount or an ID («2026-11-04», «851,90»);
    where a long line holds several groups of them (prose), the weightiest group of parts that stand
    within a few words of each other."""
    text = cell.text
    if not _WORD_PART.search(text):
        return []  # no letters, no street, town or «д.»: an ID, a date, an amount
    spans = claimed_spans(text)
    found: list[_Feature] = []
    for kind, pattern, _ in _PARTS:
        for match in pattern.finditer(text):
            if not inside_claimed(spans, match.start(), match.end()):
                found.append((kind, match.start(), match.end()))
    found.sort(key=lambda feature: feature[1])
    groups: list[list[_Feature]] = []
    for feature in found:
        if groups and feature[1] - max(end for _, _, end in groups[-1]) <= _GROUP_GAP:
            groups[-1].append(feature)
        else:
            groups.append([feature])
    weights = {kind: weight for kind, _, weight in _PARTS}
    return max(groups, key=lambda group: sum(weights[kind] for kind in {k for k, _, _ in group}), default=[])


def _starts(cell: Cell, found: list[_Feature]) -> bool:
    """An address starts with a word part; numbers alone only as a house with its flat («д. 5, кв. 12»)."""
    kinds = {kind for kind, _, _ in found}
    # a postcode heads a label's address («388703, Московская обл.,» where OCR garbled «обл.»)
    return bool(kinds & {"street", "town", "region", "postcode"}) or _continues(cell, found)


def _continues(cell: Cell, found: list[_Feature]) -> bool:
    """A line that carries on an address: a word part, or a house or flat written with its word («д. 5,
    кв. 12», «корп. 2»); numbers alone («345-67-89» of a phone) do not."""
    kinds = {kind for kind, _, _ in found}
    return bool(kinds & {"street", "town", "region", "postcode", "building"}) or (
        bool(kinds & {"house", "flat"}) and _MARKED.search(cell.text) is not None
    )


def _address(
    document: Document, chain: list[tuple[Cell, list[_Feature]]], own: Sequence[str]
) -> Address | None:
    weights = {kind: weight for kind, _, weight in _PARTS}
    kinds = {kind for _, found in chain for kind, _, _ in found}
    if not kinds & {"street", "town", "region"} or len(kinds) < 2:
        return None  # numbers alone («345-67», «10-45») or a town alone («Новосибирск») are no address
    score = sum(weights[kind] for kind in kinds)
    first_cell, first_found = chain[0]
    start = min(begin for _, begin, _ in first_found)
    context = document.context(first_cell, start, reach=3)
    label = nearest(context[-120:], {"address": _ADDRESS_WORDS, "sender": _SENDER})
    if label == "address":
        score += 0.3
    elif label == "sender":
        score -= 0.6
    parts = tuple(
        AddressPart(cell, min(b for _, b, _ in found), max(e for _, _, e in found)) for cell, found in chain
    )
    text = " ".join(part.cell.text for part in parts)
    heading = document.heading(first_cell)  # a table's «Склад» column holds warehouses
    near = "\n".join(context.rsplit("\n", 2)[-2:])  # its line, and the line above (a sentence wrapped)
    if _BUSINESS.search(text) or _BUSINESS.search(near) or _BUSINESS.search(heading):
        score -= 0.5
    if own and _is_own(text, own):
        return None
    if score < 0.5:
        return None
    return Address(parts, min(1.0, score))


_TOKEN = re.compile(r"[а-яёa-z]{3,}|\d+")


def _is_own(text: str, own: Sequence[str]) -> bool:
    """Most of the address's words and numbers belong to one of the seller's own addresses."""
    words = set(_TOKEN.findall(text.lower().replace("ё", "е")))
    if not words:
        return False
    for address in own:
        theirs = set(_TOKEN.findall(address.lower().replace("ё", "е")))
        if theirs and len(words & theirs) >= 0.6 * len(words):
            return True
    return False
