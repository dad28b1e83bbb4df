"""The reading set: five cases a native reader reads beside the ten examples (issue 25): one posting, one
SKU, 45 postings, no IDs, and a follow-up. Each is made from an example the way a seller would change it,
built through the CLI, and kept as a golden letter (`make golden` rewrites them, never a hand); every
letter of the set and of the examples is then spell-checked by hunspell-ru."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import factories
from kit.cli import invoke
from kit.packs import find_pack
from kit.repo import GOLDEN, REPO
from ozon_urgent.cli.environment import Environment
from ozon_urgent.ledger.workdays import MOSCOW

READING = GOLDEN / "reading-set"
EXAMPLES = REPO / "examples" / "cases"
TODAY = "2026-11-26"
FILED_AT = "2026-11-24T10:00"
WALL_CLOCK = datetime(2026, 12, 7, 12, 0, tzinfo=MOSCOW)


CASES = yaml.safe_load((REPO / "tests" / "data" / "reading_set.yaml").read_text("utf-8"))


def _changed(data: dict[str, Any], new: dict[str, Any]) -> None:
    """The example as the seller changed it: other IDs (or none), their own facts and changes where given."""
    if "postings" in new:
        data["affected"] = {
            "postings": [f"{48_015_000 + 137 * n}-{(37 * n) % 1000:04d}-1" for n in range(new["postings"])]
        }
    elif new["affected"] is None:
        del data["affected"]
    else:
        data["affected"] = new["affected"]
    if "facts" in new:
        data["explanation"] = {"source_lang": "zh", "facts": new["facts"], "ru_reviewed": True}
        if "changes" in new:
            data["explanation"]["changes"] = new["changes"]


def _made(tmp_path: Path, example: str, new: dict[str, Any] | None = None) -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    case = folder / "case.yaml"
    if new:
        data = yaml.safe_load(case.read_text("utf-8"))
        _changed(data, new)
        case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return case


def _golden(name: str, produced: str, request: pytest.FixtureRequest) -> None:
    golden = READING / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden`"
    assert produced == golden.read_text("utf-8")


@pytest.mark.parametrize("name", CASES)
def test_each_new_case_renders_its_letter(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    case = _made(tmp_path, CASES[name]["example"], CASES[name])
    result = invoke("build", case, "--out", tmp_path / "out", "--today", TODAY, "--ledger", tmp_path / "l.db")
    assert result.exit_code == 0, result.stdout + result.stderr
    case_id = yaml.safe_load(case.read_text("utf-8"))["case_id"]
    _golden(f"{name}.txt", (find_pack(tmp_path / "out", case_id) / "ticket.txt").read_text("utf-8"), request)


def test_the_follow_up_renders_its_comment(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """bright-home filed on 24.11; a week later the seller adds a buyer's chat and the posting it is about."""
    case = _made(tmp_path, "bright-home-delisting-2026-11")
    environment = Environment(now=lambda: WALL_CLOCK)
    ledger = tmp_path / "l.db"
    recorded = invoke("record", case, "--ref", "OZ-4100027", "--at", FILED_AT, "--ledger", ledger,
                      environment=environment)  # fmt: skip
    assert recorded.exit_code == 0, recorded.stderr
    chat = case.parent / "evidence" / "buyer-chat-61024887-0118-1.pdf"
    chat.write_bytes(factories.make_pdf("Buyer chat 61024887-0118-1: order received, no complaint"))
    data = yaml.safe_load(case.read_text("utf-8"))
    data["affected"]["postings"].append("61024887-0118-1")
    data["evidence"].append(
        {
            "file": "evidence/buyer-chat-61024887-0118-1.pdf",
            "kind": "buyer_communication",
            "date": "2026-11-27",
            "caption_ru": "Переписка с покупателем по отправлению 61024887-0118-1",
        }
    )
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "out"
    result = invoke("followup", case, "--today", "2026-12-02", "--ledger", ledger, "--out", out,
                    environment=environment)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    comment = find_pack(out, "bright-home-delisting-2026-11-followup-1") / "comment.txt"
    _golden("follow-up.txt", comment.read_text("utf-8"), request)


# --- hunspell-ru over every letter ------------------------------------------------------------------

_ALLOWED = re.compile(r"^- `([^`]+)`", re.M)


def _allowed_words() -> set[str]:
    """docs/russian-terms.md's list of the words hunspell-ru does not know but a letter may use."""
    text = (REPO / "docs" / "russian-terms.md").read_text("utf-8")
    section = text.split("## Words hunspell-ru does not know", 1)[1].split("\n## ", 1)[0]
    return {word.lower() for word in _ALLOWED.findall(section)}


def _letters() -> list[Path]:
    return sorted([*GOLDEN.glob("*/ticket.txt"), *READING.glob("*.txt")])


def _flagged(text: str) -> set[str]:
    """The Cyrillic words hunspell-ru does not know (Latin words are store names, file names, IDs)."""
    found = subprocess.run(
        ["hunspell", "-d", "ru_RU", "-l", "-i", "utf-8"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {word for word in found.split() if re.search("[а-яё]", word, re.I)}


def test_the_spell_checker_is_real() -> None:
    """hunspell-ru is installed (`.ci/run` installs it) and catches a misspelt word: without this, a
    missing dictionary would pass every letter."""
    assert shutil.which("hunspell"), "hunspell is not installed: `.ci/run` installs hunspell and hunspell-ru"
    assert _flagged("Просим исключить отправлене из расчёта.") == {"отправлене"}
    assert _letters(), "no letters to check"


@pytest.mark.parametrize("letter", _letters(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hunspell_ru_knows_every_word_of_the_letter(letter: Path) -> None:
    unknown = {word for word in _flagged(letter.read_text("utf-8")) if word.lower() not in _allowed_words()}
    assert not unknown, f"{letter}: hunspell-ru does not know {sorted(unknown)} (docs/russian-terms.md)"
