"""A case's appeal deadline and the days left to it, as `build` says them and a pack keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang


@dataclass(frozen=True, slots=True)
class AppealDue:
    """A built case's appeal deadline, the day `status` shows (`ledger.overview.appeal_deadline`), and the
    days left to it from the run's today (negative once past): a seller who only runs `build` learns it."""

    day: date
    days_left: int

    def when(self, lang: Lang) -> str:
        """`还有 3 天` / `就是今天` / `已超期 2 天`, counted from the run's today."""
        days = self.days_left
        if days == 0:
            return i18n.text(lang, "cli.done", "appeal_today")
        key = ("appeal_day_" if abs(days) == 1 else "appeal_days_") + ("left" if days > 0 else "late")
        return i18n.text(lang, "cli.done", key, days=abs(days))

    def as_built(self, lang: Lang) -> str:
        """The days left as of the build, for a file kept in the pack: `生成本工单包时还有 1 天` stays true
        when the seller opens FILING.md a week later, where «明天» or «还有 1 天» alone would not."""
        if self.days_left == 0:
            return i18n.text(lang, "cli.done", "appeal_built_on_the_day")
        return i18n.text(lang, "cli.done", "appeal_built", when=self.when(lang))
