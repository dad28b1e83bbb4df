"""`--no-cache` on the commands that judge evidence: nothing read from the verdict cache, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RunCli
from factories import base_case, write_case
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
