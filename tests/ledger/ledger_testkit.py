"""Helpers for the ledger tests: merged messages, a CLI with the ledger commands, case files, a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import factories
from ozon_urgent.cli import ledger as cli_ledger
from ozon_urgent.cli.app import app


class FrozenClock:
    """The injected clock: tests move time by assignment, never by sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def freeze(monkeypatch: pytest.MonkeyPatch, now: datetime) -> FrozenClock:
    frozen = FrozenClock(now)
    monkeypatch.setattr(cli_ledger, "clock", frozen)
    return frozen


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str | Path) -> Ran:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


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
    path = folder / f"{case_id}.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
