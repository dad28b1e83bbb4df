"""Where the proof is: which attached files show each ID the letter lists (issue 26, item 3).

A file counts only where its index shows the ID (`attachments.shown.shows`); a file whose text was not
read (`shown` is None) and the generated ID list are never counted. The letter then ends each ID's row
with the files that show it («47905269-0899-3 — файл 03», «… — файлы 01, 03»), or, where every listed ID
is shown by the same files, says so once under the list («Все отправления указаны в файле 03.»).
An ID no file shows keeps its bare row: the checks (item 2) tell the seller, the letter claims nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from ozon_urgent.attachments.model import Shown
from ozon_urgent.attachments.shown import shows
from ozon_urgent.ticket.russian import count, joined, noun_form

Proof = Mapping[str, tuple[str, ...]]  # an ID → the numbers («03») of the files that show it


class Evidence(Protocol):
    """What the proof needs of an attachment (ticket.content.PackAttachment)."""

    @property
    def number(self) -> int: ...

    @property
    def shown(self) -> Shown | None: ...


def proof_of(attachments: Sequence[Evidence], ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each ID that some file shows → the numbers of those files, in the letter's order; an ID no file
    shows is left out."""
    read = [(f"{a.number:02d}", a.shown) for a in attachments if a.shown is not None]
    proof: dict[str, tuple[str, ...]] = {}
    for value in ids:
        files = tuple(number for number, shown in read if shows(shown, value))
        if files:
            proof[value] = files
    return proof


def common_files(
    groups: Sequence[tuple[str, Sequence[str]]], offers: Mapping[str, str], proof: Proof
) -> tuple[str, ...]:
    """The files that show every listed ID, where each ID is shown by exactly these and more than one ID
    is listed: the letter then says them once under the list; () otherwise. An SKU written with its
    артикул counts as shown by a file that shows either of the two."""
    rows: list[set[str]] = []
    paired = {offers[sku] for key, items in groups if key == "skus" for sku in items if sku in offers}
    for key, items in groups:
        for item in items:
            if key == "offer_ids" and item in paired:
                continue  # on its SKU's row
            files = set(proof.get(item, ()))
            if key == "skus" and item in offers:
                files |= set(proof.get(offers[item], ()))
            rows.append(files)
    if len(rows) < 2 or not rows[0] or any(files != rows[0] for files in rows):
        return ()
    return tuple(sorted(rows[0]))


def ru_files(numbers: Sequence[str]) -> str:
    """« — файл 03», « — файлы 01, 03»: the end of an ID's row; nothing where no file shows it."""
    if not numbers:
        return ""
    return f" — {'файл' if len(numbers) == 1 else 'файлы'} {', '.join(numbers)}"


def zh_files(numbers: Sequence[str]) -> str:
    """「（见附件 03）」「（见附件 01、03）」: the Chinese copy's row end."""
    return f"（见附件 {'、'.join(numbers)}）" if numbers else ""


def en_files(numbers: Sequence[str]) -> str:
    """The English copy's row end: " — file 03", " — files 01, 03"."""
    if not numbers:
        return ""
    return f" — {'file' if len(numbers) == 1 else 'files'} {', '.join(numbers)}"


def ru_common(nouns: Sequence[tuple[str, int]], files: Sequence[str]) -> str:
    """The line under the list: «Все три заказа указаны в файле 02.», «Оба товара указаны в файлах 01
    и 02.», «Все отправления указаны…» (ten or more: a numeral ending in one, «все 21 отправление
    указаны», reads wrong), «Отправления и товары указаны…» — what the list holds (`nouns`:
    wording.listed_nouns)."""
    if len(nouns) == 1:
        noun, number = nouns[0]
        if number == 2:
            what = f"Оба {noun_form(noun, 1, 'gent')}"
        else:  # an agent asked for the count: «Все три заказа», not «Все заказы»
            what = f"Все {count(number, noun) if number < 10 else noun_form(noun, number)}"
    else:
        what = joined([noun_form(noun, number) for noun, number in nouns])
        what = what[:1].upper() + what[1:]
    where = f"файле {files[0]}" if len(files) == 1 else f"файлах {joined(list(files))}"
    return f"{what} указаны в {where}."


def listed_files(files: Sequence[str], lang: str) -> str:
    """The files of the line under the list in the seller's copy: «附件 01、03», "files 01 and 03"."""
    if lang == "zh":
        return f"附件 {'、'.join(files)}"
    if len(files) == 1:
        return f"file {files[0]}"
    return f"files {', '.join(files[:-1])} and {files[-1]}"
