"""Helpers for the ledger tests: the CLI at a moment the test sets, case files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import factories
from kit.cli import CliResult, invoke
from ozon_urgent.cli.environment import Environment


class FrozenClock:
    """The clock a test hands the commands (`Environment.now`): time moves by assignment, not by sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# What the user's shell may carry into a test of the ledger commands: a language, a ledger, a clock.
USER_VARIABLES = (
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "OZON_URGENT_LANG",
    "OZON_URGENT_LEDGER",
    "OZON_URGENT_NOW",
    "OZON_URGENT_TODAY",
)


def clear_user_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in USER_VARIABLES:
        monkeypatch.delenv(var, raising=False)


def run(*args: str | Path, clock: Callable[[], datetime] | None = None) -> CliResult:
    """`ozon-urgent ARGS` with `clock` as the time (None: the real clock, or OZON_URGENT_NOW)."""
    return invoke(*args, environment=None if clock is None else Environment(now=clock))


def make_pdf(text: str) -> bytes:
    """A real one-page PDF: a follow-up's new evidence passes the same content checks as build's."""
    return factories.make_pdf(text)


def write_case(
    folder: Path,
    case_id: str,
    postings: list[str],
    *,
    client_id: str = "1234567",
    scenario: str = "carrier_failure",
    evidence: dict[str, str] | None = None,
) -> Path:
    """A valid case; `evidence` maps kind → the text of a small PDF written beside it."""
    files = evidence or {"carrier_statement": "Statement", "compensation_voucher": "Voucher"}
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    items = []
    for number, (kind, text) in enumerate(files.items(), 1):
        name = f"evidence/{case_id}-{number}-{kind}.pdf"
        (folder / name).write_bytes(make_pdf(text))
        items.append({"file": name, "kind": kind, "date": "2026-11-18", "caption_ru": f"Документ {number}"})
    case: dict[str, Any] = {
        "case_id": case_id,
        "scenario": scenario,
        "seller": {"store_name": "Bright Home", "client_id": client_id},
        "notification": {"received": "2026-11-16"},
        "affected": {"postings": postings},
        "period": {"from": "2026-09-17", "to": "2026-11-15"},
        "request": "exclude_period",
        "explanation": {
            "source_lang": "ru",
            "ru": "Отправления задержаны по вине перевозчика.",
            "ru_reviewed": True,
        },
        "evidence": items,
    }
    if scenario in ("carrier_failure", "sync_delay"):  # C196: the agent's first question
        case["delivery"] = {"scheme": "rFBS", "carrier": "SwiftRoute Logistics"}
    path = folder / f"{case_id}.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
