"""C188: the Russian explanation ends with a request of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code
from ozon_urgent.russian_gate.sentences import sentence_spans

_REQUEST = re.compile(r"^(?:убедительно |очень )?(?:просим|прошу|просьба|пожалуйста)\b", re.IGNORECASE)


class RussianOwnRequest(Check):
    """`explanation.ru` ends with a request («Просим исключить период…»): the ticket states the request
    itself, right after the list of IDs, so the letter would ask twice, in two wordings.

    Fail: an explanation whose last sentence is «Просим восстановить товары в продаже.». Pass: the facts
    alone, ending with what proves them; the request comes from the scenario and `request:`.
    """

    code = Code.RUSSIAN_OWN_REQUEST
    name = "russian-own-request"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        text = (ctx.case.explanation.ru or "") if ctx.case.explanation else ""
        spans = sentence_spans(text)
        if not spans:
            return
        start, end = spans[-1]
        last = text[start:end].strip()
        if _REQUEST.match(last):
            yield Hit(("explanation", "ru"), params={"sentence": last[:120]})
