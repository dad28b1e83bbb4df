"""C203: a text the ticket quotes itself, wrapped whole in quotation marks in the case file."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.quotes import marks_of, wrapping
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import FieldPath, Severity
from ozon_urgent.findings.codes import Code


class TextInQuotes(Check):
    """`notification.text` or `delivery.carrier` wrapped whole in a pair of quotation marks: most often
    YAML's ASCII `"` typed with a Chinese input method, which gives “ ”, and YAML keeps those as part of
    the text. The ticket puts both texts in its own quotation marks «», so it leaves the pair out rather
    than print ««“Ваш рейтинг возвратов превысил порог”»»; the warning says so, because the same habit
    puts quotation marks into IDs (S003) and into the texts the ticket does not quote.

    Quotation marks inside a text are its own: a notice that quotes a metric by name is not flagged.

    Wrong: `text: “Ваш рейтинг возвратов превысил порог”`. Right: `text: "Ваш рейтинг возвратов превысил
    порог"` (ASCII quotation marks) or the text with no quotation marks at all.
    """

    code = Code.TEXT_IN_QUOTES
    name = "text-in-quotes"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, text in _quoted_texts(ctx):
            pair = wrapping(text)
            if pair:
                yield Hit(path, params={"field": ".".join(map(str, path)), "marks": marks_of(pair)})


def _quoted_texts(ctx: CaseContext) -> Iterator[tuple[FieldPath, str]]:
    """The seller's texts the ticket itself puts in quotation marks."""
    if ctx.case.notification.text:
        yield ("notification", "text"), ctx.case.notification.text
    if ctx.case.delivery is not None and ctx.case.delivery.carrier:
        yield ("delivery", "carrier"), ctx.case.delivery.carrier
