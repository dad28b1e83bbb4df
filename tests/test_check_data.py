"""Every rule's pass/fail examples from tests/data/checks/<CODE>.yaml, run through the real engine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import TODAY, variant, write_case
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.checks import RULES
from ozon_urgent.findings import Code, words
from ozon_urgent.policy import load_policy

DATA = Path(__file__).parent / "data" / "checks"


@dataclass(frozen=True)
class Example:
    code: str
    expect_fail: bool
    name: str
    spec: dict[str, Any]
    scenario: str


def _examples() -> list[Example]:
    found = []
    for file in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(file.read_text("utf-8"))
        for outcome in ("pass", "fail"):
            for spec in data.get(outcome, []):
                found.append(
                    Example(
                        file.stem,
                        outcome == "fail",
                        spec["name"],
                        spec,
                        spec.get("scenario", data.get("scenario", "carrier_failure")),
                    )
                )
    return found


EXAMPLES = _examples()


def _setup(folder: Path, how: str) -> None:
    evidence = folder / "evidence"
    evidence.mkdir(parents=True, exist_ok=True)
    if how == "symlink_out":
        outside = folder.parent / "outside.pdf"
        outside.write_bytes(b"%PDF-1.4\n")
        (evidence / "link.pdf").symlink_to(outside)
    elif how == "symlink_in":
        (evidence / "target.pdf").write_bytes(b"%PDF-1.4\n")
        (evidence / "link.pdf").symlink_to(evidence / "target.pdf")
    elif how == "fifo":
        os.mkfifo(evidence / "pipe.pdf")
    elif how == "dir":
        (evidence / "folder.pdf").mkdir()


def run_example(example: Example, tmp_path: Path) -> set[str]:
    path = write_example(example, tmp_path)
    result = check_case(path, str(path), load_policy(), CheckOptions(today=TODAY)).result
    for finding in result.findings:  # every finding is complete and readable
        said = words(finding, "en")
        assert said.message and said.hint and "{" not in said.message, finding
    return {finding.code for finding in result.findings}


def write_example(example: Example, tmp_path: Path) -> Path:
    """The example's case file (and the files it needs) under `tmp_path`."""
    folder = tmp_path / example.spec.get("folder", "case")
    name = example.spec.get("file", "case.yaml")
    if example.spec.get("raw") is not None:
        folder.mkdir()
        path: Path = folder / "case.yaml"
        raw = example.spec["raw"]
        data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
        path.write_bytes(data.ljust(example.spec.get("pad_to", 0), b"#"))
    else:
        if "setup" in example.spec:
            _setup(folder, example.spec["setup"])
        case = variant(example.scenario, example.spec.get("set", {}))
        path = write_case(folder, case, name, with_files=not example.spec.get("no_files", False))
        if example.spec.get("no_files"):
            for item in case["evidence"][1:]:
                (folder / item["file"]).parent.mkdir(parents=True, exist_ok=True)
                (folder / item["file"]).write_bytes(b"%PDF-1.4\n")
    return path


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=lambda e: f"{e.code}-{'fail' if e.expect_fail else 'pass'}-{e.name}"
)
def test_rule_example(example: Example, tmp_path: Path) -> None:
    codes = run_example(example, tmp_path)
    if example.expect_fail:
        assert example.code in codes
    else:
        assert example.code not in codes
        assert not codes - set(example.spec.get("allow", [])), f"unexpected findings {codes}"


# Rules about file content or whole runs have their examples where those are made: generated hostile
# files under tests/attachments, packs in test_build.py. Each entry names the test that proves it.
TESTED_ELSEWHERE = {
    "B001": "test_build.py::test_same_case_id_twice_keeps_the_first",
    "B002": "test_build.py::test_existing_pack_needs_force",
    "B003": "test_build.py::test_out_folder_is_a_file",
    "B004": "test_check_content.py::test_fix_preview_then_fixed_copy_input_untouched",
    "B005": "test_batch.py::test_cross_case_findings",
    "B006": "test_batch.py::test_cross_case_findings",
    "B007": "test_build.py::test_a_duplicate_of_a_ticket_filed_within_72_hours_is_refused",
    "B008": "test_hardening.py::test_a_bug_on_one_case_is_that_case_s_finding",
    "B009": "test_letter.py::test_a_body_still_too_long_names_what_to_cut",
}


def test_every_rule_has_pass_and_fail_data() -> None:
    attachment_codes = {code.value for code in Code if code.startswith(("A", "P"))}
    covered = {(e.code, e.expect_fail) for e in EXAMPLES}
    attachment_tests = "".join(
        p.read_text("utf-8") for p in (DATA.parents[1] / "attachments").glob("test_*.py")
    )
    for code in sorted(attachment_codes):
        assert f'"{code}"' in attachment_tests, f"{code} has no attachment test"
    for where in TESTED_ELSEWHERE.values():
        file, _, test = where.partition("::")
        assert f"def {test}(" in (DATA.parents[1] / file).read_text("utf-8"), where
    for code in set(RULES) - attachment_codes - set(TESTED_ELSEWHERE):
        assert (code, True) in covered, f"{code} has no failing example in tests/data/checks/{code}.yaml"
        assert (code, False) in covered, f"{code} has no passing example in tests/data/checks/{code}.yaml"
