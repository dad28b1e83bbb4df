"""What a command takes from the world it runs in (the time, the terminal, a pause), made once a run."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

NOW_ENV = "OZON_URGENT_NOW"


def parse_time(value: str) -> datetime:
    """ISO 8601; without a zone it is Moscow time, the time Seller Center shows. Raises ValueError."""
    from ozon_urgent.ledger.workdays import MOSCOW

    moment = datetime.fromisoformat(value.strip())
    return moment.replace(tzinfo=MOSCOW) if moment.tzinfo is None else moment


# A date and time as people write them outside ISO 8601: 2026/12/04 15:00, 2026.12.04, 2026年12月4日 15:00.
_LOOSE = re.compile(
    r"(?P<y>\d{4})\s*[/.年-]\s*(?P<m>\d{1,2})\s*[/.月-]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|(?<=日))(?P<hh>\d{1,2})[:：](?P<mm>\d{2}))?"
)


def iso_form(value: str) -> str | None:
    """`2026/12/04 15:00` as a time option takes it, `2026-12-04T15:00`; None when it is not a date of
    that shape (or no real day), so the message says the form itself rather than only that it is wrong."""
    found = _LOOSE.fullmatch(value.strip())
    if found is None:
        return None
    year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    return f"{date}T{int(found['hh']):02d}:{found['mm']}" if found["hh"] else date


def system_clock() -> datetime:
    """Now, or OZON_URGENT_NOW (ISO 8601) for reproducible runs."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        return parse_time(fixed)
    return datetime.now(UTC)


def _stdin_isatty() -> bool:
    return sys.stdin.isatty()


@dataclass(frozen=True)
class Environment:
    """The world as commands see it, as httpie hands its `Environment` to every layer.

    A run makes the real one when it first asks (`environment`); a test passes its own instead,
    `CliRunner().invoke(app, args, obj=Environment(now=frozen))`, rather than patching module globals.
    Each member is asked when it is needed: the process's stdin, for one, is swapped by CliRunner.
    """

    now: Callable[[], datetime] = system_clock
    stdin_isatty: Callable[[], bool] = _stdin_isatty
    sleep: Callable[[float], None] = time.sleep  # between retries of the Seller API


def environment(ctx: typer.Context) -> Environment:
    """The run's environment: the one it was given (`obj=`), else the real one, made once and kept."""
    return ctx.ensure_object(Environment)
