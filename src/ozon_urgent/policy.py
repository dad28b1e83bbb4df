"""Policy: the article's limits as defaults, overridable by `ozon-urgent.toml` or `--policy FILE`."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

POLICY_FILENAME = "ozon-urgent.toml"


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_attachment_bytes: int = Field(gt=0)
    formats: tuple[Literal["pdf", "jpeg"], ...]
    stale_after_days: int = Field(gt=0)
    duplicate_hours: int = Field(gt=0)
    followup_working_days: int = Field(gt=0)
    appeal_window_days: int = Field(gt=0)
    disable: tuple[str, ...] = ()
    metric_windows: dict[str, int] = Field(default_factory=dict)
    windows: dict[str, int] = Field(default_factory=dict)

    def window_for(self, scenario_id: str, scenario_days: int | None, metric: str | None) -> int | None:
        """The rolling window in days: the metric's if the policy names it, else the scenario's."""
        if metric and metric in self.metric_windows:
            return self.metric_windows[metric]
        return self.windows.get(scenario_id, scenario_days)


class PolicyError(Exception):
    """A policy file that cannot be read or does not fit; the CLI exits 3 with this message."""

    def __init__(self, file: Path, detail: str) -> None:
        super().__init__(f"{file}: {detail}")
        self.file = file
        self.detail = detail


def _defaults() -> dict[str, object]:
    text = resources.files("ozon_urgent").joinpath("data/policy.toml").read_text("utf-8")
    return tomllib.loads(text)


def _read_toml(file: Path) -> dict[str, object]:
    try:
        return tomllib.loads(file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(file, f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(file, f"not valid TOML: {exc}") from None


def load_policy(*files: Path) -> Policy:
    """Defaults, then each file in order; a later file's keys win, tables merge key by key."""
    merged = _defaults()
    for file in files:
        for key, value in _read_toml(file).items():
            current = merged.get(key)
            if isinstance(value, dict) and isinstance(current, dict):
                merged[key] = {**current, **value}
            else:
                merged[key] = value
    try:
        return Policy.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PolicyError(files[-1] if files else Path("policy.toml"), f"{where}: {first['msg']}") from None


_cache: dict[tuple[Path, ...], Policy] = {}


def policy_for(case_dir: Path, explicit: Path | None) -> Policy:
    """The policy for cases in `case_dir`: defaults < `ozon-urgent.toml` beside them < `--policy`."""
    files = [p for p in (case_dir / POLICY_FILENAME,) if p.is_file()]
    if explicit is not None:
        files.append(explicit)
    key = tuple(files)
    if key not in _cache:
        _cache[key] = load_policy(*files)
    return _cache[key]
