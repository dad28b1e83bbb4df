"""Policy: the article's limits as defaults, overridable by `ozon-urgent.toml` or `--policy FILE`."""

from __future__ import annotations

import difflib
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ozon_urgent import i18n
from ozon_urgent.errors import UserError
from ozon_urgent.findings.codes import Code, declared
from ozon_urgent.i18n import Lang

POLICY_FILENAME = "ozon-urgent.toml"


class Policy(BaseModel):
    """Every setting, each required: its default is in data/policy.toml alone, merged under the files."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_attachment_bytes: int = Field(gt=0)
    stale_after_days: int = Field(gt=0)
    duplicate_hours: int = Field(gt=0)
    followup_working_days: int = Field(gt=0)
    appeal_window_days: int = Field(gt=0)
    ids_in_letter_max: int = Field(gt=0)
    letter_max_chars: int = Field(ge=1000)
    disable: tuple[str, ...]
    own_names: tuple[str, ...]
    own_addresses: tuple[str, ...]
    metric_windows: dict[str, int]
    windows: dict[str, int]

    def window_for(self, scenario_id: str, scenario_days: int | None, metric: str | None) -> int | None:
        """The rolling window in days: the metric's if the policy names it, else the scenario's."""
        if metric and metric in self.metric_windows:
            return self.metric_windows[metric]
        return self.windows.get(scenario_id, scenario_days)


class PolicyError(UserError):
    """A policy file that cannot be read or does not fit (exit 3).

    `detail` is a library's own words (TOML syntax, a type); `problem` names a message of the `policy`
    table instead, for the mistakes this module itself recognises.
    """

    def __init__(self, file: Path, detail: str = "", problem: str = "", **params: object) -> None:
        super().__init__("policy", file=file, detail=detail)
        self.file, self.detail = file, detail
        self.problem, self.problem_params = problem, params

    def message(self, lang: Lang) -> str:
        detail = (
            i18n.text(lang, "policy", self.problem, **self.problem_params) if self.problem else self.detail
        )
        return i18n.text(lang, self.table, self.kind, file=self.file, detail=detail)


def _shipped_defaults() -> dict[str, object]:
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
    merged = _shipped_defaults()
    for file in files:
        settings = _read_toml(file)
        _refuse_mistakes(file, settings)
        for key, value in settings.items():
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


def _refuse_mistakes(file: Path, settings: dict[str, object]) -> None:
    """Mistakes that would otherwise pass in silence: a code `disable` does not know, a retired key."""
    if "formats" in settings:
        # Ozon accepts PDF and JPEG, whatever a policy says; the key was never read, so it goes.
        raise PolicyError(file, problem="formats_retired")
    disable = settings.get("disable")
    if isinstance(disable, list):
        for code in disable:
            if isinstance(code, str):
                _check_disable(file, code)


def _check_disable(file: Path, code: str) -> None:
    known = {member.value for member in Code}
    if code not in known:
        if code.strip().upper() in known:
            raise PolicyError(file, problem="disable_case", code=code, known=code.strip().upper())
        close = difflib.get_close_matches(code.upper(), sorted(known), n=1, cutoff=0.6)
        guess = close[0] if close else ""
        raise PolicyError(
            file, problem="disable_unknown" if guess else "disable_unknown_no_guess", code=code, guess=guess
        )
    entry = declared().get(Code(code))
    if entry is not None and not entry.can_disable:
        raise PolicyError(file, problem="disable_required", code=code, name=entry.name)


_policies_by_files: dict[tuple[Path, ...], Policy] = {}


def policy_for(case_dir: Path, explicit: Path | None) -> Policy:
    """The policy for cases in `case_dir`: defaults < `ozon-urgent.toml` beside them < `--policy`."""
    files = [p for p in (case_dir / POLICY_FILENAME,) if p.is_file()]
    if explicit is not None:
        files.append(explicit)
    return _loaded(tuple(files))


def default_policy() -> Policy:
    """data/policy.toml alone: what a limit falls back on where no case's policy applies."""
    return _loaded(())


def _loaded(files: tuple[Path, ...]) -> Policy:
    if files not in _policies_by_files:
        _policies_by_files[files] = load_policy(*files)
    return _policies_by_files[files]
