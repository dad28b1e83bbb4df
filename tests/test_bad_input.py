"""The Foundation's bad inputs end to end: a finding and exit 1, never a traceback, nothing changed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factories import variant, write_case
from kit.cli import RunCli


def _alias_bomb(path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path.write_text("\n".join(lines) + "\n")


MAKERS: dict[str, tuple[Callable[[Path], object], str, int]] = {
    "empty": (lambda p: p.write_bytes(b""), "Y003", 1),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 8), "Y002", 1),
    "50 MB": (lambda p: p.write_bytes(b"a: 1\n" + b"#" * (50 * 1024 * 1024)), "Y001", 1),
    "invalid UTF-8": (lambda p: p.write_bytes(b"scenario: \xc3\x28\n"), "Y002", 1),
    "alias bomb": (_alias_bomb, "Y004", 1),
    "a key twice": (lambda p: p.write_text("a: 1\na: 1\n"), "Y005", 1),
    "10,000-deep nesting": (lambda p: p.write_text("a: " + "[" * 10000 + "]" * 10000 + "\n"), "Y005", 1),
    "a list where a mapping is expected": (
        lambda p: p.write_text("- scenario: carrier_failure\n"),
        "S003",
        1,
    ),
    "FIFO": (lambda p: os.mkfifo(p), "Y001", 1),
}


@pytest.mark.parametrize("name", list(MAKERS))
def test_bad_case_file(name: str, run_cli: RunCli, tmp_path: Path) -> None:
    make, code, exit_code = MAKERS[name]
    path = tmp_path / "case.yaml"
    make(path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    result = run_cli("check", "--format", "json", path)
    assert result.exit_code == exit_code
    assert "Traceback" not in result.stdout + result.stderr
    finding = json.loads(result.stdout)["cases"][0]["findings"][0]
    assert finding["code"] == code and finding["file"] == str(path) and finding["message"]
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"evidenc": []}, "S001", "evidenc"),
        ({"seller.clientid": "1"}, "S001", "seller.clientid"),
        ({"evidence[1].captoin": "x"}, "S001", "evidence[1].captoin"),
        ({"notification.received": "2026-02-30"}, "S003", "notification.received"),
        ({"evidence[0].file": "/etc/passwd"}, "C182", "evidence[0].file"),
        ({"evidence[0].file": "../x.pdf"}, "C182", "evidence[0].file"),
        ({"evidence[0].file": "C:\\x.pdf"}, "C182", "evidence[0].file"),
    ],
)
def test_bad_field_is_located(
    changes: dict[str, object], code: str, path: str, run_cli: RunCli, tmp_path: Path
) -> None:
    case_file = write_case(tmp_path, variant("carrier_failure", changes))
    result = run_cli("check", "--format", "json", case_file)
    findings = json.loads(result.stdout)["cases"][0]["findings"]
    match = [f for f in findings if f["code"] == code and f["path"] == path]
    assert result.exit_code == 1 and match, findings
    key = path.split(".")[-1].split("[")[0]
    lines = case_file.read_text("utf-8").splitlines()
    assert key in lines[match[0]["line"] - 1]


def test_unknown_key_suggests_the_right_one(run_cli: RunCli, tmp_path: Path) -> None:
    case_file = write_case(tmp_path, variant("carrier_failure", {"evidense": []}))
    result = run_cli("check", case_file)
    assert result.exit_code == 1
    assert ": S001 error: unknown key `evidense`: did you mean `evidence`? [evidense]" in result.stdout
    assert "Rename it to `evidence`." in result.stdout


def test_symlink_to_outside_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\n")
    case_dir = tmp_path / "case"
    (case_dir / "evidence").mkdir(parents=True)
    (case_dir / "evidence" / "x.pdf").symlink_to(secret)
    case_file = write_case(case_dir, variant("carrier_failure", {"evidence[0].file": "evidence/x.pdf"}))
    result = run_cli("check", case_file)
    assert result.exit_code == 1 and "C182" in result.stdout and "symbolic link" in result.stdout
