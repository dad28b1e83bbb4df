"""`ozon-urgent ARGS` run in-process through Typer's CliRunner, its result as plain data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from ozon_urgent.cli.app import app
from ozon_urgent.cli.environment import Environment


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


def invoke(
    *args: str | Path,
    env: Mapping[str, str | None] | None = None,
    typed: str | None = None,
    environment: Environment | None = None,
) -> CliResult:
    """One run with a runner of its own: `env` overrides variables for it, `typed` is what the user types,
    `environment` is the world the commands see (None: the real one: the clock, the terminal, sleeping)."""
    result = CliRunner().invoke(
        app, [str(a) for a in args], input=typed, env=env, obj=environment, catch_exceptions=False
    )
    return CliResult(result.exit_code, result.stdout, result.stderr)
