"""The shipped examples: every valid case is clean, every invalid one shows exactly its pitfall."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factories import TODAY
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import Severity
from ozon_urgent.policy import load_policy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
VALID = sorted((EXAMPLES / "cases").glob("*/case.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)


def codes_of(path: Path) -> set[str]:
    result = check_case(path, str(path), load_policy(), CheckOptions(today=TODAY, lang="en")).result
    return {f.code for f in result.findings if f.severity is not Severity.INFO}


def test_one_valid_example_per_scenario() -> None:
    from ozon_urgent.catalog import load_catalog

    scenarios = {re.search(r"^scenario: (\w+)", p.read_text("utf-8"), re.MULTILINE)[1] for p in VALID}  # type: ignore[index]
    assert scenarios == set(load_catalog().scenarios)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.parent.name)
def test_valid_example_is_clean(path: Path) -> None:
    assert codes_of(path) == set()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_shows_its_pitfall(path: Path) -> None:
    match = EXPECT.search(path.read_text("utf-8", errors="replace"))
    assert match, f"{path.name} needs a '# expect: CODE ...' line"
    assert codes_of(path) == set(match[1].split())
