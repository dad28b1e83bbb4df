"""Hostile fields and bugs stay one case's problem: located findings, a whole report, nothing raw printed."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import CLIENT_ID, base_case, write_case
from kit.cli import RunCli
from kit.repo import REPO
from ozon_urgent.checks.base import CaseContext, Hit
from ozon_urgent.checks.ids_empty import IdsEmpty
from ozon_urgent.errors import debug_enabled

EXAMPLES = sorted((REPO / "examples" / "cases").glob("*/case.yaml"))
HAOYUN = REPO / "examples" / "cases" / "haoyun-auto-carrier-failure-2026-11"

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        node: Any = case
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return mutate


# Each was a crash (internal error, exit 3, an empty JSON stdout) or passed in silence; now a located finding.
CRASHES: dict[str, tuple[Mutation | str, str, str]] = {
    "a 5000-digit integer": ("skus:\n  - " + "9" * 5000, "S003", "affected.skus[0]"),
    "evidence path '.'": (_set("evidence.0.file", "."), "S003", "evidence[0].file"),
    "evidence path './'": (_set("evidence.0.file", "./"), "S003", "evidence[0].file"),
    "evidence path with a NUL": (_set("evidence.0.file", "evi\0dence.pdf"), "S003", "evidence[0].file"),
    "received 0001-01-01": ("received: 0001-01-01", "S003", "notification.received"),
    "covers to 9999-12-31": ("to: 9999-12-31", "S003", "evidence[0].covers.to"),
    "a Unix timestamp for a date": ("received: 1764288000", "S003", "notification.received"),
    "a period ending next year": ("to: 2027-11-09", "C141", "period.to"),
    "an escape sequence in the store": (
        _set("seller.store_name", "Hao\x1b]0;x\x07yun"),
        "C191",
        "seller.store_name",
    ),
    "a carriage return in the notice": (_set("notification.text", "ok\rNOT OK"), "C191", "notification.text"),
    "a right-to-left override in an ID": (_set("affected.postings.0", "57195475\u202e-0050-3"), "C191", ""),
    "control characters in a caption": (_set("evidence.0.caption_ru", "Трек\u2066номер"), "C191", ""),
}
# Edits of the example's own text, for values yaml.safe_dump would quote (and so turn into valid text).
_LINE_EDITS = {
    "a 5000-digit integer": ("  postings:\n", "  skus:\n    - " + "9" * 5000 + "\n  postings:\n"),
    "received 0001-01-01": ("received: 2026-11-20", "received: 0001-01-01"),
    "covers to 9999-12-31": ("to: 2026-11-19}", "to: 9999-12-31}"),
    "a Unix timestamp for a date": ("received: 2026-11-20", "received: 1764288000"),
    "a period ending next year": ("to: 2026-11-09}", "to: 2027-11-09}"),
}


def _hostile_case(root: Path, name: str) -> Path:
    folder = root / f"hostile-{list(CRASHES).index(name):02d}"
    shutil.copytree(HAOYUN, folder)
    path = folder / "case.yaml"
    mutation = CRASHES[name][0]
    text = path.read_text("utf-8")
    if isinstance(mutation, str):
        old, new = _LINE_EDITS[name]
        assert old in text, name
        text = text.replace(old, new, 1)
    else:
        case = yaml.safe_load(text)
        mutation(case)
        text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
    path.write_text(
        text.replace("case_id: haoyun-auto-carrier-failure-2026-11", f"case_id: {folder.name}"), "utf-8"
    )
    return path


def test_the_examples_and_one_file_per_crash_in_one_batch(run_cli: RunCli, tmp_path: Path) -> None:
    hostile = {name: _hostile_case(tmp_path, name) for name in CRASHES}
    before = {path: path.read_bytes() for path in hostile.values()}
    result = run_cli("check", "--format", "json", *EXAMPLES, *hostile.values())
    envelope = json.loads(result.stdout)
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    cases = {case["file"]: case for case in envelope["cases"]}
    assert len(cases) == len(EXAMPLES) + len(CRASHES)
    for path in EXAMPLES:
        assert cases[str(path)]["status"] == "ok", cases[str(path)]["findings"]
    for name, path in hostile.items():
        _, code, field = CRASHES[name]
        found = [f for f in cases[str(path)]["findings"] if f["code"] == code]
        assert found, (name, cases[str(path)]["findings"])
        assert all(f["line"] for f in found), name  # located in the case file
        if field:
            assert field in {f["path"] for f in found}, (name, found)
        assert "B008" not in {f["code"] for f in cases[str(path)]["findings"]}, name
    assert {path: path.read_bytes() for path in hostile.values()} == before


def test_today_outside_the_calendar_a_case_can_mean(run_cli: RunCli) -> None:
    result = run_cli("check", "--today", "0001-01-01", *EXAMPLES)
    assert result.exit_code == 2 and "0001-01-01 is outside" in result.stderr and result.stdout == ""


@pytest.fixture
def broken_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A check with a bug that shows on one case only (its case_id names it)."""
    real = IdsEmpty.run

    def run(self: IdsEmpty, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.case_id == "doomed":
            raise ZeroDivisionError("division by zero in a check")
        yield from real(self, ctx)

    monkeypatch.setattr(IdsEmpty, "run", run)
    monkeypatch.delenv("OZON_URGENT_DEBUG", raising=False)
    yield "doomed"


def test_a_bug_on_one_case_is_that_case_s_finding(run_cli: RunCli, tmp_path: Path, broken_check: str) -> None:
    doomed = write_case(tmp_path / "doomed", {**base_case("carrier_failure"), "case_id": broken_check})
    fine = write_case(tmp_path / "fine", base_case("malicious_returns"))
    result = run_cli("check", "--format", "json", doomed, fine)
    by_id = {case["case_id"]: case for case in json.loads(result.stdout)["cases"]}
    assert result.exit_code == 3  # every case judged and reported, but the tool failed: not 1
    # Its one error is the bug; the batch's own findings (its IDs also in the other case) still come.
    [finding] = [f for f in by_id["doomed"]["findings"] if f["severity"] == "error"]
    assert {f["code"] for f in by_id["doomed"]["findings"]} <= {"B008", "B005"}
    assert (
        finding["code"] == "B008" and "ZeroDivisionError: division by zero in a check" in finding["message"]
    )
    assert by_id["test-malicious-returns"]["status"] == "ok"
    built = run_cli("build", "--format", "json", "--out", tmp_path / "out", doomed, fine)
    statuses = {case["case_id"]: case["build"] for case in json.loads(built.stdout)["cases"]}
    assert statuses == {"doomed": "refused", "test-malicious-returns": "built"} and built.exit_code == 3
    assert [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").glob("*/*")] == [
        f"{CLIENT_ID}/test-malicious-returns"
    ]


def test_debug_lets_the_bug_raise(run_cli: RunCli, tmp_path: Path, broken_check: str) -> None:
    doomed = write_case(tmp_path, {**base_case("carrier_failure"), "case_id": broken_check})
    with pytest.raises(ZeroDivisionError):
        run_cli("check", doomed, env={"OZON_URGENT_DEBUG": "1"})


@pytest.mark.parametrize(
    "value, on", [("1", True), ("true", True), ("TRUE", True), ("0", False), ("", False), ("no", False)]
)
def test_debug_is_on_only_when_asked(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("OZON_URGENT_DEBUG", value)
    assert debug_enabled() is on


def test_nothing_raw_reaches_a_terminal_or_an_annotation(run_cli: RunCli, tmp_path: Path) -> None:
    """A file name and a field with ESC / CR / U+202E, in every format people or annotations read."""
    case = base_case("carrier_failure")
    case["scenario"] = "carrier\x1b]0;pwned\x07_failure"
    path = write_case(tmp_path / "store\x1b[31m", case)
    for output_format in ("text", "github", "junit", "sarif"):
        out = run_cli("check", "--no-content", "--format", output_format, path).stdout
        assert "\x1b" not in out and "\x07" not in out, output_format
        assert "\\x1b" in out, output_format
    ET.fromstring(run_cli("check", "--no-content", "--format", "junit", path).stdout.split("\n", 1)[1])
    exact = json.loads(run_cli("check", "--no-content", "--format", "json", path).stdout)
    assert exact["cases"][0]["scenario"] == "carrier\x1b]0;pwned\x07_failure"  # JSON keeps the exact text


def test_an_error_message_quoting_a_path_is_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    policy = tmp_path / "bad\x1b[2Jpolicy.toml"
    policy.write_text("stale_after_days = [\n", "utf-8")
    result = run_cli("check", "--policy", policy, *EXAMPLES[:1])
    assert result.exit_code == 3 and "\x1b" not in result.stderr and "bad\\x1b[2Jpolicy.toml" in result.stderr


def test_a_field_of_combining_marks_is_judged_not_hung(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    case["explanation"]["ru"] = "Отправления задержаны" + "\u0301" * 120_000
    path = write_case(tmp_path, case)
    result = run_cli("check", "--no-content", "--format", "json", path)
    assert result.exit_code in (0, 1) and json.loads(result.stdout)["summary"]["cases"] == 1
    huge = tmp_path / "huge.yaml"
    huge.write_text("explanation:\n  ru: " + "\u0301" * 600_000 + "\n", "utf-8")
    too_big = run_cli("check", "--format", "json", huge)
    assert too_big.exit_code == 1 and json.loads(too_big.stdout)["cases"][0]["findings"][0]["code"] == "Y001"


def test_a_case_file_linked_to_another_is_reported_not_built_twice(run_cli: RunCli, tmp_path: Path) -> None:
    original = write_case(tmp_path / "a", base_case("carrier_failure"))
    (tmp_path / "b").mkdir()
    os.symlink(original, tmp_path / "b" / "case.yaml")
    result = run_cli("build", "--format", "json", "--out", tmp_path / "out", tmp_path / "a", tmp_path / "b")
    cases = json.loads(result.stdout)["cases"]
    assert [c["build"] for c in cases] == ["built", "refused"]
    # the link's evidence paths are read beside the link, where there is none (C180); its id is taken
    assert {f["code"] for f in cases[1]["findings"]} == {"B001", "C180"}


def test_a_case_deleted_after_it_was_found(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = write_case(tmp_path / "gone", base_case("carrier_failure"))
    write_case(tmp_path / "kept", base_case("malicious_returns"))
    from ozon_urgent.casefile import discovery

    real = discovery.discover

    def discover_then_delete(*args: Any, **kwargs: Any) -> discovery.Discovery:
        found = real(*args, **kwargs)
        gone.unlink()  # removed between discovery and reading
        return found

    monkeypatch.setattr("ozon_urgent.cli.cases.discover", discover_then_delete)
    result = run_cli("check", "--no-content", "--format", "json", tmp_path)
    cases = {Path(c["file"]).parent.name: c for c in json.loads(result.stdout)["cases"]}
    assert result.exit_code == 1 and cases["gone"]["findings"][0]["code"] == "Y001"  # that case fails
    assert cases["kept"]["status"] == "ok"


def test_fix_says_why_it_cannot_convert_a_huge_picture(run_cli: RunCli, tmp_path: Path) -> None:
    """A 51-megapixel PNG: `check --fix` and `build --fix` say --fix made no copy, why, and what to do."""
    from PIL import Image

    case = base_case("carrier_failure")
    case["evidence"][0]["file"] = "evidence/photo.png"
    (tmp_path / "evidence").mkdir()
    Image.new("L", (8000, 6400), 255).save(tmp_path / "evidence" / "photo.png")
    path = write_case(tmp_path, case)
    for command in (["check"], ["build", "--out", tmp_path / "out"]):
        result = run_cli(*command, "--fix", "--format", "json", path)
        findings = json.loads(result.stdout)["cases"][0]["findings"]
        [refused] = [f for f in findings if f["code"] == "B004"]
        assert "`--fix` made no copy: the image has 51 megapixels, more than the 50" in refused["message"]
        assert "6000×4000" in refused["hint"] and refused["path"] == "evidence[0].file"
        assert result.exit_code == 1  # the file's own error stays
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
