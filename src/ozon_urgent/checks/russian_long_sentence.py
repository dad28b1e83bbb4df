"""C184: a sentence too long for support to read fast."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import MAX_LISTED, gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianLongSentence(Check):
    """A sentence has more than 50 words (numbers and IDs not counted).

    Support reads many tickets a day and reads fast; a long sentence from a translation tool hides the
    fact that matters. Split it into short sentences: one fact each. Wrong: one sentence that strings
    together the notification, the carrier's failure, the dates, the compensation and the request with
    «и», «а также», «в связи с чем». Right: «Служба доставки задержала 21 отправление. Она признала
    свою вину и выплатила компенсацию. Просим исключить период из расчёта показателя».
    """

    code = Code.RUSSIAN_LONG_SENTENCE
    name = "russian-long-sentence"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        from ozon_urgent.russian_gate.form import LONG_SENTENCE_WORDS

        for path, report in gate_reports(ctx):
            for sentence in report.long_sentences[:MAX_LISTED]:
                params = {"words": sentence.words, "limit": LONG_SENTENCE_WORDS, "start": sentence.start}
                yield Hit(path, params=params)
