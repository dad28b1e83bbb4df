"""FILING's `record --at` example: a time on the pack's build day, after the build, in Beijing and Moscow
time. Following it must never draw `record`'s warning that the ticket was filed before its pack was built
(a fixed time of day, or the notification's day, would for a pack built later that day or week)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ozon_urgent.i18n import BEIJING, MOSCOW  # `--at` without a zone is Moscow time


@dataclass(frozen=True, slots=True)
class AtExample:
    """The example filing time as the seller reads it (Beijing) and as `--at` takes it (Moscow)."""

    beijing: datetime
    moscow: datetime

    @property
    def at(self) -> str:
        """What follows `--at`: `2026-11-26T11:00`, Moscow time as `record` reads a time with no zone."""
        return self.moscow.strftime("%Y-%m-%dT%H:%M")

    @property
    def same_day(self) -> bool:
        """Whether Beijing and Moscow are on the same date at that time (not from 19:00 Moscow on)."""
        return self.beijing.date() == self.moscow.date()


def at_example(built: datetime | None, received: date) -> AtExample:
    """The first whole hour after the build, in Moscow time: on the build day unless built after 23:00.
    Without a build time (a template rendered on its own) 14:30 on the notification's day stands in."""
    if built is None:
        moscow = datetime.combine(received, time(14, 30), MOSCOW)
    else:
        moscow = built.astimezone(MOSCOW).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return AtExample(beijing=moscow.astimezone(BEIJING), moscow=moscow)
