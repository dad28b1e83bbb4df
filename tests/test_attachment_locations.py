"""A finding about an evidence file names the file without a line of it, and points at its entry in the
case file apart: a JPEG has no line 41 (SPEC §4: `file` is the attachment, `path` the field)."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from factories import variant, write_case
from kit.cli import RunCli

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif" / "sarif-2.1.0-required.schema.json").read_text()
)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 1200), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A case whose second evidence entry, `evidence/photo.jpg`, is a PNG (A202)."""
    folder = tmp_path / "store" / "case"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "photo.jpg").write_bytes(_png())
    return write_case(folder, variant("misjudged_delisting", {"evidence[1].file": "evidence/photo.jpg"}))


def _entry_line(case: Path) -> int:
    [number] = [n for n, line in enumerate(case.read_text("utf-8").splitlines(), 1) if "photo.jpg" in line]
    return number


def test_text_names_the_file_and_its_entry_apart(run_cli: RunCli, case: Path) -> None:
    result = run_cli("check", case)
    photo = case.parent / "evidence" / "photo.jpg"
    [line] = [line for line in result.stdout.splitlines() if " A202 " in line]
    assert line.startswith(f"{photo}: A202 error: "), line  # no `:LINE` after a picture
    assert line.endswith(f" [{case}:{_entry_line(case)}, evidence[1].file]"), line
    assert not re.search(rf"{re.escape(str(photo))}:\d", result.stdout)


def test_json_has_no_line_for_the_file(run_cli: RunCli, case: Path) -> None:
    found = json.loads(run_cli("check", "--format", "json", case).stdout)["cases"][0]["findings"]
    [hit] = [f for f in found if f["code"] == "A202"]
    assert hit["file"] == str(case.parent / "evidence" / "photo.jpg")
    assert hit["line"] is None and hit["path"] == "evidence[1].file"
    assert set(hit) == {"code", "severity", "file", "line", "path", "message", "hint"}  # the same envelope
    others = [f for f in found if f["file"] == str(case)]
    assert all(f["line"] or f["path"] == "" for f in others)  # the case file's own findings keep theirs


def test_sarif_locates_the_file_without_a_line_and_relates_the_entry(run_cli: RunCli, case: Path) -> None:
    log = json.loads(run_cli("check", "--format", "sarif", case).stdout)
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "A202"]
    [location] = result["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": str(case.parent / "evidence" / "photo.jpg")}
    }
    [related] = result["relatedLocations"]
    assert related["physicalLocation"] == {
        "artifactLocation": {"uri": str(case)},
        "region": {"startLine": _entry_line(case)},
    }
    assert related["message"]["text"] == "evidence[1].file"


def test_github_annotates_the_file_without_a_line(run_cli: RunCli, case: Path) -> None:
    out = run_cli("check", case, env={"GITHUB_ACTIONS": "true"}).stdout
    [line] = [line for line in out.splitlines() if "title=A202" in line]
    assert line.startswith("::error file=") and ",line=" not in line, line


def test_junit_text_points_at_the_entry(run_cli: RunCli, case: Path) -> None:
    xml = ET.fromstring(run_cli("check", "--format", "junit", case).stdout)
    [failure] = xml.iter("failure")
    assert "photo.jpg: A202 error: " in (failure.text or "")
    assert f"[{case}:{_entry_line(case)}, evidence[1].file]" in (failure.text or "")
