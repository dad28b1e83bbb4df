"""What the Russian gate's checks share: the texts they read, the case's own words, and capped lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ozon_urgent.checks.base import CaseContext
from ozon_urgent.checks.russian_text import russian_fields
from ozon_urgent.findings import FieldPath

if TYPE_CHECKING:
    from ozon_urgent.russian_gate import TextReport

# A 100,000-character paste could name thousands of words: the first ten say what is wrong, a count the rest.
MAX_LISTED = 10


def gate_fields(ctx: CaseContext) -> Iterator[tuple[FieldPath, str]]:
    """Every seller-supplied text that reaches the ticket: the Russian fields and the notification's text."""
    yield from russian_fields(ctx)
    if ctx.case.notification.text:
        yield ("notification", "text"), ctx.case.notification.text


def gate_reports(ctx: CaseContext) -> Iterator[tuple[FieldPath, TextReport]]:
    """The gate's report on each field; computed once per text, whichever check asks first."""
    from ozon_urgent.russian_gate import allowed, analyse  # its regexes load with the first Russian checked

    words = allowed([*ctx.case.allow_words, ctx.case.seller.store_name])  # the store's name is a name
    for path, text in gate_fields(ctx):
        yield path, analyse(text, words)


def listed(items: Sequence[str], quote: bool = True) -> dict[str, object]:
    """Params naming at most MAX_LISTED items, and how many more there are (variant "more" shows it)."""
    shown = [f"«{item}»" if quote else item for item in items[:MAX_LISTED]]
    return {"words": ", ".join(shown), "more": max(0, len(items) - MAX_LISTED)}


def more_variant(items: Sequence[object]) -> str:
    return "more" if len(items) > MAX_LISTED else ""
