"""Helpers for the Russian gate's tests: real case contexts, the gate's checks run on them, their messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factories import variant, write_case
from ozon_urgent import i18n
from ozon_urgent.casefile.loader import load_case
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.validate import validate_case
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checks.base import CaseContext, Hit
from ozon_urgent.checks.russian_gate_rules import RUSSIAN_GATE_CHECKS
from ozon_urgent.policy import load_policy

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
DATA = TESTS / "data" / "checks"
GATE_CODES: set[str] = {check.code.value for check in RUSSIAN_GATE_CHECKS}
TODAY_ISO = "2026-11-26"


@dataclass(frozen=True)
class GateHit:
    code: str
    hit: Hit


def case_data(changes: dict[str, Any], scenario: str = "carrier_failure") -> dict[str, Any]:
    """The shared test case (tests/factories.py) with `changes` applied, as the data-file tests build it."""
    built: dict[str, Any] = variant(scenario, changes)
    return built


def context_of(case_file: Path) -> CaseContext:
    """The context the engine gives checks, for a case file that validates."""
    from datetime import date

    loaded = load_case(case_file)
    case = validate_case(loaded)
    assert isinstance(case, Case), case
    return CaseContext(
        case_file=case_file,
        loaded=loaded,
        case=case,
        policy=load_policy(),
        catalog=load_catalog(),
        today=date.fromisoformat(TODAY_ISO),
        located=(),  # the gate's checks read text only
    )


def context_for(folder: Path, changes: dict[str, Any]) -> CaseContext:
    path: Path = write_case(folder, case_data(changes), with_files=False)
    return context_of(path)


def run_gate(ctx: CaseContext) -> list[GateHit]:
    return [GateHit(check.code, hit) for check in RUSSIAN_GATE_CHECKS for hit in check().run(ctx)]


def gate_catalog(lang: str) -> dict[str, dict[str, str]]:
    """The gate's entries of the message catalog of `lang`."""
    catalog = i18n.catalog("zh" if lang == "zh" else "en")
    return {code: dict(entry) for code, entry in catalog.items() if code in GATE_CODES}


def render(found: GateHit, lang: str) -> tuple[str, str]:
    """Message and hint as the engine fills them: `message_<variant>` where it exists, else `message`."""
    entry = gate_catalog(lang)[found.code]
    variant = found.hit.variant
    message = entry[f"message_{variant}"] if variant and f"message_{variant}" in entry else entry["message"]
    hint = entry[f"hint_{variant}"] if variant and f"hint_{variant}" in entry else entry["hint"]
    return message.format(**found.hit.params), hint.format(**found.hit.params)
