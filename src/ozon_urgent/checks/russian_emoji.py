"""C186: emoji in Russian text."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports, listed
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianEmoji(Check):
    """Emoji stand in the Russian text: 🙏, 😢, ✅ and the like have no place in a formal request.

    Text symbols such as №, ©, ✓ are fine. Wrong: «Просим восстановить товары 🙏». Right: «Просим
    восстановить товары в продаже».
    """

    code = Code.RUSSIAN_EMOJI
    name = "russian-emoji"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            if report.emoji:
                yield Hit(path, params={**listed(report.emoji, quote=False), "count": len(report.emoji)})
