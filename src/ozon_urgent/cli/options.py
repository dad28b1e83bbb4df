"""Options several commands share, and turning their raw values into what the core takes."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.casefile.dates import FIRST_DATE, LAST_DATE
from ozon_urgent.cli.exit import fail
from ozon_urgent.i18n import Lang

# The language the running command chose, so that an error raised anywhere later speaks it too.
_RUN_LANG: ContextVar[Lang | None] = ContextVar("ozon_urgent_lang", default=None)


class LangChoice(StrEnum):
    ZH = "zh"
    EN = "en"


LangOpt = Annotated[
    LangChoice | None, typer.Option("--lang", help="Language of messages (default: from the locale).")
]
PolicyOpt = Annotated[
    Path | None,
    typer.Option(
        "--policy",
        envvar="OZON_URGENT_POLICY",
        dir_okay=False,
        help="Policy TOML; wins over ozon-urgent.toml beside the cases.",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="OZON_URGENT_TODAY",
        metavar="YYYY-MM-DD",
        help="Judge dates as of this day (reproducible CI runs).",
    ),
]
LedgerOpt = Annotated[
    str | None,
    typer.Option(
        "--ledger",
        envvar="OZON_URGENT_LEDGER",
        help="SQLite file or postgresql:// URL (default: ledger.sqlite3 in the user data folder).",
        show_envvar=True,
    ),
]
PathsArg = Annotated[list[str], typer.Argument(help="Case files, folders and globs.", show_default=False)]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="Leave out files whose path or folder matches (repeatable), e.g. --exclude drafts.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems, no summary.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Processes that judge evidence (default: one per core)."),
]
CacheOpt = Annotated[
    bool,
    typer.Option(
        "--cache/--no-cache",
        help="Reuse verdicts on evidence already judged, kept in the user cache folder (off: neither read"
        " nor written; OZON_URGENT_NO_CACHE=1 does the same).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", dir_okay=False, help="Write the report to this file instead of stdout."),
]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        file_okay=False,
        exists=True,
        help="Folder of template overrides (see `templates export`).",
    ),
]


def user_lang(choice: LangChoice | None) -> Lang:
    """The chosen language, else the locale's (zh when it says Chinese).

    It is remembered for the command's run, so an error raised anywhere later speaks the same language.
    """
    lang: Lang = i18n.detect_lang() if choice is None else ("zh" if choice is LangChoice.ZH else "en")
    _RUN_LANG.set(lang)
    return lang


def start_run() -> None:
    """Forget the previous command's language (tests run many commands in one process)."""
    _RUN_LANG.set(None)


def run_lang() -> Lang:
    """The language the running command chose, or the locale's when it stopped before choosing."""
    return _RUN_LANG.get() or i18n.detect_lang()


def today_of(value: str | None) -> date:
    """`--today` / OZON_URGENT_TODAY as a date, or the real today when not given."""
    if not value:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail("bad_today", value=value)
    if not FIRST_DATE <= day <= LAST_DATE:
        fail("today_range", value=value, first=FIRST_DATE.isoformat(), last=LAST_DATE.isoformat())
    return day
