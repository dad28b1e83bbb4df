"""C179: pinyin left in Russian text (kuaidi, shangpin, xiajia)."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports, listed, more_variant
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianPinyin(Check):
    """A Latin word that is made only of Mandarin syllables and is no English word: pinyin the translation
    did not touch, such as «kuaidi» (快递), «shangpin» (商品) or «xiajia» (下架).

    Support cannot read it. Wrong: «Товары сняты с продажи (xiajia) по ошибке». Right: «Товары сняты
    с продажи по ошибке». A brand name that happens to look like pinyin goes in «ёлочки» or `allow_words`.
    """

    code = Code.RUSSIAN_PINYIN
    name = "russian-pinyin"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            if report.pinyin:
                yield Hit(path, more_variant(report.pinyin), listed(report.pinyin))
