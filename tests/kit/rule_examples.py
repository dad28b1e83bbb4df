"""The pass/fail examples of tests/data/checks/<CODE>.yaml: read, written out as case files, checked.

A failing example pins where its findings point, as sqlfluff's rule cases pin `start_line_no` and
yamllint's tests pin `problem=(line, column)`:

    fail:
      - name: a typo
        set: {scenario: carrier_failur}
        at: [{line: 2, path: scenario}]

`at` lists every finding of the file's code, in any order: its `line` (null when the finding has none)
and its `path` as reports write it ("" for the file as a whole; a missing key is named with the line of
the mapping it is missing from). The case file an example makes is `factories.variant`
written by `factories.write_case`, so its lines are those of that YAML; `raw` writes the bytes as given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factories import TODAY, variant, write_case
from kit.findings import Where
from kit.repo import REPO
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import Finding
from ozon_urgent.policy import load_policy

RULE_DATA = REPO / "tests" / "data" / "checks"


@dataclass(frozen=True)
class Example:
    code: str
    expect_fail: bool
    name: str
    spec: dict[str, Any]
    scenario: str

    @property
    def id(self) -> str:
        return f"{self.code}-{'fail' if self.expect_fail else 'pass'}-{self.name}"

    def expected_at(self) -> list[Where] | None:
        """The (line, path) of each finding a failing example pins; None when it pins none."""
        if "at" not in self.spec:
            return None
        return [(entry["line"], entry["path"]) for entry in self.spec["at"]]


def load_examples() -> list[Example]:
    found = []
    for file in sorted(RULE_DATA.glob("*.yaml")):
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


EXAMPLES = load_examples()


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


def check_example(example: Example, tmp_path: Path) -> list[Finding]:
    """Every finding the real engine gives the example's case file, judged as of factories.TODAY."""
    path = write_example(example, tmp_path)
    return check_case(path, str(path), load_policy(), CheckOptions(today=TODAY)).result.findings
