"""Helpers shared by the Russian-text checks: which fields reach the ticket, and script counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext
from ozon_urgent.findings import FieldPath

CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def russian_fields(ctx: CaseContext) -> Iterator[tuple[FieldPath, str]]:
    """Every seller-written text that goes into the Russian ticket, with its field path."""
    if ctx.case.explanation is not None:
        yield from ctx.case.explanation.russian()  # the facts, then what the store changed
    for index, item in enumerate(ctx.case.evidence):
        if item.caption_ru:
            yield ("evidence", index, "caption_ru"), item.caption_ru
    for index, link in enumerate(ctx.case.links):
        if link.caption_ru:
            yield ("links", index, "caption_ru"), link.caption_ru
