"""Russian working days in Moscow time: holidays, transferred days off, working Saturdays, Friday night."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from ledger_testkit import utc

from ozon_urgent.ledger.workdays import MOSCOW, followup_due, is_working_day, msk, working_days_passed


def moscow(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


@pytest.mark.parametrize(
    ("filed", "due"),
    [
        # Friday 18:00 MSK: Mon, Tue, Wed are the three full days; due at the start of Thursday.
        (moscow(2026, 11, 20, 18), moscow(2026, 11, 26)),
        # Filed Tuesday: Wed, Thu, Fri have passed by Saturday 00:00.
        (moscow(2026, 11, 17, 10), moscow(2026, 11, 21)),
        # May holidays 2026: 9 May (Saturday) is observed on Monday 11 May.
        (moscow(2026, 5, 6, 12), moscow(2026, 5, 13)),
        # Across 1 May 2026 (a Friday holiday).
        (moscow(2026, 4, 30, 12), moscow(2026, 5, 7)),
        # New Year: 31.12.2025 is a transferred day off, 1–8 January holidays, 9 January transferred.
        (moscow(2025, 12, 30, 10), moscow(2026, 1, 15)),
        # Saturday 1 November 2025 is a working day (moved from 3 November): it counts.
        (moscow(2025, 10, 30, 15), moscow(2025, 11, 6)),
        # Saturday 28 December 2024 is a working day; 30 and 31 December are transferred days off.
        (moscow(2024, 12, 26, 9), moscow(2025, 1, 10)),
    ],
    ids=[
        "friday-evening",
        "tuesday",
        "may-victory-day",
        "may-first",
        "new-year",
        "working-saturday",
        "dec-2024",
    ],
)
def test_followup_due(filed: datetime, due: datetime) -> None:
    assert followup_due(filed, 3) == due
    assert working_days_passed(filed, due) == 3
    assert working_days_passed(filed, due - timedelta(minutes=1)) == 2


def test_calendar_facts_the_rule_relies_on() -> None:
    assert is_working_day(date(2025, 11, 1))  # a Saturday moved to a working day
    assert not is_working_day(date(2025, 11, 3))  # the Monday it was moved from
    assert not is_working_day(date(2026, 5, 11))  # Victory Day observed
    assert not is_working_day(date(2026, 1, 9))  # transferred from 3 January
    assert is_working_day(date(2026, 1, 12))


def test_the_day_is_moscows_not_utcs() -> None:
    # 22:30 UTC on Thursday is 01:30 MSK on Friday: Friday is the filing day and does not count.
    assert followup_due(utc(2026, 11, 19, 22, 30), 3) == moscow(2026, 11, 26)
    # 20:30 UTC on Thursday is still Thursday (23:30 MSK): Friday, Monday, Tuesday count.
    assert followup_due(utc(2026, 11, 19, 20, 30), 3) == moscow(2026, 11, 25)
    # Friday 23:30 MSK is Friday 20:30 UTC: the weekend and Friday itself do not count.
    assert followup_due(utc(2026, 11, 20, 20, 30), 3) == moscow(2026, 11, 26)


def test_age_counts_only_finished_working_days() -> None:
    filed = moscow(2026, 11, 20, 18)  # Friday
    assert working_days_passed(filed, moscow(2026, 11, 23, 23, 59)) == 0  # Monday not over yet
    assert working_days_passed(filed, moscow(2026, 11, 24, 0, 0)) == 1
    assert working_days_passed(filed, moscow(2026, 11, 25, 23, 59)) == 2
    assert working_days_passed(filed, moscow(2026, 11, 26)) == 3
    assert working_days_passed(filed, moscow(2026, 11, 30)) == 5  # the weekend adds nothing


def test_due_instant_is_just_after_the_third_day() -> None:
    filed = moscow(2026, 11, 20, 18)
    due = followup_due(filed, 3)
    assert msk(due) == "26.11.2026 00:00 MSK"
    assert due.astimezone(MOSCOW).hour == 0
    assert working_days_passed(filed, moscow(2026, 11, 25, 23, 59)) == 2
