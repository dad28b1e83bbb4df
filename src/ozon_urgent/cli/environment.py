"""What a command takes from the world it runs in (the time, the terminal, a pause), made once a run."""

from __future__ import annotations

import os
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
