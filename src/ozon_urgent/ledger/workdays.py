"""Russian working days in Moscow time: when a follow-up falls due and how old a ticket is.

Definition. The day a ticket is filed never counts: it is at best part of a day. A full working day is a
calendar day in Moscow (Europe/Moscow) that is a working day in Russia: not a Saturday or Sunday unless
the government moved a working day onto it, and not a public holiday or a day off transferred by decree
(both from the `holidays` package). A follow-up falls due when three such days have ended, i.e. at 00:00
Moscow time on the calendar day after the third full working day. Filed Friday 18:00 → Monday, Tuesday,
Wednesday are the three days → due Thursday 00:00 MSK; filed Tuesday → Wednesday to Friday → due
Saturday 00:00 MSK (three working days have passed, even if Ozon's support reads it on Monday).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")
_ONE_DAY = timedelta(days=1)


@cache
def _calendar() -> Any:
    import holidays

    # `is_working_day` honours holidays, transferred days off and the working Saturdays
    # (`weekend_workdays`) that the package models for Russia.
    return holidays.country_holidays("RU")


def is_working_day(day: date) -> bool:
    return bool(_calendar().is_working_day(day))


def moscow_day(moment: datetime) -> date:
    return moment.astimezone(MOSCOW).date()


def followup_due(filed_at: datetime, working_days: int) -> datetime:
    """The instant (Moscow time) `working_days` full Russian working days after `filed_at` have ended."""
    day = moscow_day(filed_at)
    counted = 0
    while counted < working_days:
        day += _ONE_DAY
        if is_working_day(day):
            counted += 1
    return datetime.combine(day + _ONE_DAY, time(0), MOSCOW)


def working_days_passed(since: datetime, now: datetime) -> int:
    """Full Russian working days between the two instants: after `since`'s day, before `now`'s day."""
    day, end = moscow_day(since) + _ONE_DAY, moscow_day(now)
    passed = 0
    while day < end:
        passed += is_working_day(day)
        day += _ONE_DAY
    return passed


def msk(moment: datetime) -> str:
    """`26.11.2026 00:00 MSK`: how every due time is shown, in Moscow time."""
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M MSK")
