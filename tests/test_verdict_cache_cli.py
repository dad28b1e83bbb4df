"""`--no-cache` on the commands that judge evidence: nothing read from the verdict cache, nothing written."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import ozon_urgent
from factories import base_case, make_jpeg, make_pdf, write_case
from kit.cli import RunCli
from ozon_urgent.attachments.verdict_cache import FILENAME, cache_dir


def _case(tmp_path: Path) -> Path:
    return write_case(tmp_path / "case", base_case("misjudged_delisting"))


def _cases(run_cli: RunCli, *args: str | Path) -> list[dict[str, object]]:
    result = run_cli(*args[:1], "--format", "json", *args[1:])
    cases: list[dict[str, object]] = json.loads(result.stdout)["cases"]
    return cases


@pytest.mark.parametrize("command", ["check", "build"])
def test_no_cache_writes_no_cache(run_cli: RunCli, tmp_path: Path, command: str) -> None:
    case = _case(tmp_path)
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    run_cli(command, "--no-cache", *extra, case)
    assert not (cache_dir() / FILENAME).exists()
    run_cli(command, *extra, "--force", case) if command == "build" else run_cli(command, case)
    assert (cache_dir() / FILENAME).is_file()


def test_check_reports_the_same_with_and_without_the_cache(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case(tmp_path)
    cold = _cases(run_cli, "check", case)
    warm = _cases(run_cli, "check", case)
    off = _cases(run_cli, "check", "--no-cache", case)
    assert cold == warm == off


def test_the_environment_switch_writes_no_cache(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("check", _case(tmp_path), env={"OZON_URGENT_NO_CACHE": "1"})
    assert not (cache_dir() / FILENAME).exists()


def test_two_processes_filling_the_cache_at_once_agree(tmp_path: Path) -> None:
    """Two `check` runs over the same 12 cases, started together, one cache folder: the same reports,
    every verdict stored once, and a third run that judges nothing reads them all back intact."""
    for number in range(12):
        case = base_case("misjudged_delisting")
        case["case_id"] = f"race-{number:02d}"
        folder = tmp_path / "cases" / f"case-{number:02d}"
        write_case(folder, case)
        for evidence in folder.glob("evidence/*"):  # files of their own, so there is much to store
            jpeg = evidence.suffix == ".jpg"
            evidence.write_bytes(make_jpeg(640 + number, 800) if jpeg else make_pdf(f"Statement {number}"))
    command = [sys.executable, "-m", "ozon_urgent", "check", "--format", "json", "--today", "2026-11-26"]
    env = {**os.environ, "PYTHONPATH": str(Path(ozon_urgent.__file__).parents[1])}
    runs = [
        subprocess.Popen([*command, str(tmp_path / "cases")], stdout=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    first, second = (json.loads(output)["cases"] for output in outputs)
    assert first == second
    with contextlib.closing(sqlite3.connect(cache_dir() / FILENAME)) as conn:
        keys = [key for (key,) in conn.execute("SELECT key FROM verdicts")]
    assert len(keys) == len(set(keys)) > 12
    third = subprocess.run(
        [*command, "--jobs", "1", str(tmp_path / "cases")], capture_output=True, env=env, check=False
    )
    assert json.loads(third.stdout)["cases"] == first


@pytest.mark.parametrize("debug", ["1", ""])
def test_a_damaged_cache_is_noted_by_the_command_line_only_under_debug(
    run_cli: RunCli, tmp_path: Path, debug: str
) -> None:
    """The cache only logs what went wrong with it: the command line alone prints, under OZON_URGENT_DEBUG=1,
    and the run goes on either way."""
    case = _case(tmp_path)
    cache_dir().mkdir(parents=True, exist_ok=True)
    (cache_dir() / FILENAME).write_bytes(b"not a database\n" * 200)
    result = run_cli("check", "--format", "json", case, env={"OZON_URGENT_DEBUG": debug})
    notes = [line for line in result.stderr.splitlines() if "verdict cache" in line]
    assert notes == (["ozon-urgent: verdict cache rebuilt: file is not a database"] if debug else [])
    assert result.exit_code == 0 and len(json.loads(result.stdout)["cases"]) == 1
