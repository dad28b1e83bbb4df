"""Shared fixtures: a CLI runner with an isolated environment, and case builders."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli import CliResult, RunCli, invoke
from kit.repo import EXAMPLE_CASES, REPO
from ozon_urgent.cli.app import app
from ozon_urgent.cli.environment import NOW_ENV

# When the example packs are built: the morning of `--today`, Moscow time (FILING dates step 10 from it).
BUILT_AT = "2026-11-26T10:12:00+03:00"

# The test files that take longest, first (CPU seconds on 2 cores, from `pytest --durations`). `make test`
# hands test files to its workers in collection order (`--dist loadfile --no-loadscope-reorder`): one of
# these begun last would run alone at the end while the other cores wait. A stale name only loses its
# head start; the rest keep their order.
HEAVY_FIRST = (
    "test_fuzz.py",  # one test, ~80 s: mutants for its time budget, then all of them through the CLI
    "test_fuzz_faults.py",  # ~30 s on an idle machine: builds in subprocesses, killed, raced, starved
    "test_ci.py",  # ~70 s: builds the wheel and runs the CI snippets' steps in a venv
    "attachments/test_verdict_cache.py",  # ~90 s: every test judges (OCRs) its pictures afresh
    "attachments/test_attachment_hidden.py",  # ~35 s
    "test_wheel.py",  # one test, ~20 s: builds the wheel and pip-installs it into a fresh venv
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    place = {REPO / "tests" / name: rank for rank, name in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: place.get(item.path, len(place)))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


def pytest_configure(config: pytest.Config) -> None:
    """The user data and cache folders (homes of the default ledger and the verdict cache) point into
    temporary folders for the whole run, so no test, subprocess or forgotten option can reach the real
    ledger or cache of whoever runs the suite."""
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="ozon-urgent-test-data-")
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ozon-urgent-test-cache-")
    os.environ.pop("OZON_URGENT_NO_CACHE", None)


@pytest.fixture(autouse=True)
def _own_ledger(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test builds against a ledger of its own, never the user's real one."""
    monkeypatch.setenv("OZON_URGENT_LEDGER", str(tmp_path_factory.mktemp("ledger") / "ledger.sqlite3"))


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test keeps evidence verdicts in a cache folder of its own: nothing judged in one test (or
    on the machine) can answer for another."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `ozon-urgent ARGS` in-process with a clean, English, fixed-date environment."""
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "OZON_URGENT_POLICY", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OZON_URGENT_TODAY", "2026-11-26")

    def run(*args: str | Path, env: dict[str, str] | None = None) -> CliResult:
        return invoke(*args, env=env)

    return run


@pytest.fixture(scope="session")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example built once, in English and in Chinese (FILING.md and the seller's copy differ):
    `packs / lang` is the `--out` folder.

    Built with relative paths, as `make demo` does (`examples/cases/…`, `--out out`), from a folder where
    `examples` leads to the repository's: FILING.md names the case file and the pack's folder as `build`
    was given them, and the golden files must not depend on where the checkout is.
    """
    root = tmp_path_factory.mktemp("packs")
    cases = [str(path.relative_to(REPO)) for path in EXAMPLE_CASES]
    for lang in ("en", "zh"):
        ran_in = root / f"run-{lang}"
        ran_in.mkdir()
        (ran_in / "examples").symlink_to(REPO / "examples")
        with contextlib.chdir(ran_in):
            args = ["build", "--out", "out", "--lang", lang, "--today", "2026-11-26"]
            # A fixed build time: FILING's `--at` example is the first whole hour after the build.
            result = CliRunner().invoke(app, [*args, *cases], env={NOW_ENV: BUILT_AT})
        assert result.exit_code == 0, result.stdout
        (root / lang).symlink_to(ran_in / "out")
    return root
