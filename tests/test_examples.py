"""The shipped examples: every valid case is clean, every invalid one shows exactly its pitfall."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from factories import TODAY
from kit.cli import RunCli
from kit.repo import EXAMPLE_CASES, EXPECT, INVALID_EXAMPLES, REPO
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import Severity
from ozon_urgent.policy import load_policy

# Days the examples must give the same verdict on: the day they are dated for, and long after it.
LATER = [TODAY, date(2027, 6, 1), date(2099, 12, 31)]


def codes_of(path: Path, today: date = TODAY) -> set[str]:
    result = check_case(path, str(path), load_policy(), CheckOptions(today=today)).result
    return {f.code for f in result.findings if f.severity is not Severity.INFO}


def test_one_valid_example_per_scenario() -> None:
    from ozon_urgent.catalog import load_catalog

    scenarios = {re.search(r"^scenario: (\w+)", p.read_text("utf-8"), re.MULTILINE)[1] for p in EXAMPLE_CASES}  # type: ignore[index]
    assert scenarios == set(load_catalog().scenarios)


@pytest.mark.parametrize("today", LATER, ids=str)
@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.parent.name)
def test_valid_example_is_clean(path: Path, today: date) -> None:
    assert codes_of(path, today) == set()


@pytest.mark.parametrize("today", LATER, ids=str)
@pytest.mark.parametrize("path", INVALID_EXAMPLES, ids=lambda p: p.stem)
def test_invalid_example_shows_its_pitfall(path: Path, today: date) -> None:
    match = EXPECT.search(path.read_text("utf-8", errors="replace"))
    assert match, f"{path.name} needs a '# expect: CODE ...' line"
    assert codes_of(path, today) == set(match[1].split())


def _findings(result_stdout: str) -> dict[str, list[dict[str, object]]]:
    return {Path(case["file"]).parent.name: case["findings"] for case in json.loads(result_stdout)["cases"]}


@pytest.mark.parametrize("today", ["2027-06-01", "2099-12-31", None], ids=["2027", "2099", "the clock"])
def test_examples_stay_green_under_strict_on_any_date(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, today: str | None
) -> None:
    """The examples carry `as_of`: judged as of that day whatever `--today` or the clock says, nothing
    date-dependent turns them red, and each says it is judged so (C162, a note)."""
    monkeypatch.delenv("OZON_URGENT_TODAY")
    args = ["check", "--strict", "--format", "json", *(["--today", today] if today else [])]
    result = run_cli(*args, REPO / "examples" / "cases")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["summary"] == {"cases": len(EXAMPLE_CASES), "errors": 0, "warnings": 0}
    for findings in _findings(result.stdout).values():
        [note] = findings
        assert note["code"] == "C162" and note["severity"] == "info" and "2026-11-26" in str(note["message"])


def test_examples_build_under_strict_long_after_their_date(run_cli: RunCli, tmp_path: Path) -> None:
    """`make demo`'s build, with no fixed today of its own, on a day long after the examples."""
    result = run_cli(
        "build", "--strict", "--today", "2030-01-01", "--out", tmp_path / "out", REPO / "examples" / "cases"
    )
    assert result.exit_code == 0, result.stdout
    assert len(list((tmp_path / "out").glob("*/*"))) == len(EXAMPLE_CASES)  # <out>/<store>/<case_id>


def _copied(tmp_path: Path, *, keep_as_of: bool = False) -> Path:
    """An example copied as a seller would start a real case from it: its `as_of` line deleted, or kept."""
    example = next(p for p in EXAMPLE_CASES if "carrier-failure-2026-11" in p.parent.name)
    folder = tmp_path / "live"
    shutil.copytree(example.parent, folder)
    case = folder / "case.yaml"
    if not keep_as_of:
        case.write_text(re.sub(r"^as_of: .*\n", "", case.read_text("utf-8"), flags=re.M), encoding="utf-8")
    return case


def test_a_live_case_still_gets_its_deadline_warning(run_cli: RunCli, tmp_path: Path) -> None:
    case = _copied(tmp_path)
    on_time = run_cli("check", "--strict", "--today", "2026-11-26", case)
    assert on_time.exit_code == 0 and "C16" not in on_time.stdout
    late = run_cli("check", "--strict", "--format", "json", "--today", "2026-12-10", case)
    assert late.exit_code == 1
    [codes] = [[f["code"] for f in findings] for findings in _findings(late.stdout).values()]
    assert codes == ["C160"]
    # Months on, the evidence is stale too: an error, strict or not.
    stale = run_cli("check", "--format", "json", "--today", "2027-06-01", case)
    assert stale.exit_code == 1 and {"C151", "C160"} <= {
        f["code"] for findings in _findings(stale.stdout).values() for f in findings
    }


def test_an_as_of_kept_in_a_live_case_is_named_as_the_problem(run_cli: RunCli, tmp_path: Path) -> None:
    """A seller who copied an example, kept its `as_of` and put in a newer notification is told that the
    notification is after `as_of`, and to delete that line, not that it is "in the future"."""
    case = _copied(tmp_path, keep_as_of=True)
    case.write_text(
        case.read_text("utf-8").replace("received: 2026-11-20", "received: 2027-03-01"), encoding="utf-8"
    )
    result = run_cli("check", "--today", "2027-03-02", case)
    assert result.exit_code == 1
    assert (
        "C161 error: notification date 2027-03-01 is after the case's `as_of` (2026-11-26)" in result.stdout
    )
    assert "delete the `as_of` line" in result.stdout


# A code that mixes letters and digits: a document's number (AW-2026-1187, WEB-88412), never an Ozon ID.
# ASCII bounds: in Chinese a number runs straight into the next character («AW-2026-1187号»).
DOCUMENT_NUMBER = re.compile(
    r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![A-Za-z0-9-])"
)


def _parts(path: Path) -> list[tuple[str, dict[str, str]]]:
    explanation = yaml.safe_load(path.read_text("utf-8"))["explanation"]
    return [(name, explanation[name]) for name in ("facts", "changes") if explanation.get(name)]


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.parent.name)
def test_examples_seller_text_names_the_document_numbers_its_russian_names(path: Path) -> None:
    """A native reader found the seller's words citing invoice and order numbers the Russian left out
    (the Russian prose may not carry Latin document numbers, test_build): the seller then reads a claim
    the ticket does not make. The number stays in the attached file; both texts name the same ones."""
    for name, part in _parts(path):
        own, russian = set(DOCUMENT_NUMBER.findall(part["text"])), set(DOCUMENT_NUMBER.findall(part["ru"]))
        assert own == russian, f"{path.parent.name} {name}: only in the seller's text {sorted(own - russian)}"


def test_document_number_pattern_finds_codes_not_ids() -> None:
    text = "order WEB-88412, contract No. FF-2026-1187, posting 12093355-0518-1, C150; 发票（AW-2026-1187号）"
    assert DOCUMENT_NUMBER.findall(text) == ["WEB-88412", "FF-2026-1187", "AW-2026-1187"]


def _comments(path: Path) -> list[str]:
    """The example's comments, without the editor's schema line (a directive, not prose)."""
    lines = path.read_text("utf-8").splitlines()
    comments = [line.split("#", 1)[1].strip() for line in lines if "#" in line]
    return [text for text in comments if not text.startswith("yaml-language-server:")]


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: p.parent.name)
def test_examples_comments_are_in_the_sellers_language(path: Path) -> None:
    """A seller copies an example to start a case: a Chinese seller's example explains itself in Chinese,
    an English seller's in English."""
    chinese = yaml.safe_load(path.read_text("utf-8"))["explanation"]["source_lang"] == "zh"
    comments = _comments(path)
    assert comments, path
    for text in comments:
        assert bool(re.search(r"[\u4e00-\u9fff]", text)) == chinese, f"{path.parent.name}: {text}"
