"""Options several commands share, and turning their raw values into what the core takes."""

from __future__ import annotations

import sys
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
from ozon_urgent.locale_lang import shows_chinese

# The language the running command chose, so that an error raised anywhere later speaks it too.
_RUN_LANG: ContextVar[Lang | None] = ContextVar("ozon_urgent_lang", default=None)
# `ozon-urgent --lang zh COMMAND`: the language a command takes when it is not given its own --lang.
_ROOT_LANG: ContextVar[Lang | None] = ContextVar("ozon_urgent_root_lang", default=None)


class LangChoice(StrEnum):
    ZH = "zh"
    EN = "en"


def one_of(choices: type[StrEnum]) -> str:
    """The metavar of an option that takes one of `choices`: `[zh|en]`."""
    return "[" + "|".join(choice.value for choice in choices) + "]"


# Every option that takes a value names it in a metavar (PATH, FILE, N, [a|b]): without one, Typer
# shows the Python type (`<list[str]>`, `<int range>`). Help texts are English here; the Chinese ones
# are in the zh catalog, "cli.help.*" (see cli/localized.py).
LangOpt = Annotated[
    LangChoice | None,
    typer.Option(
        "--lang", metavar=one_of(LangChoice), help="Language of messages and help (default: from the locale)."
    ),
]
PolicyOpt = Annotated[
    Path | None,
    typer.Option(
        "--policy",
        envvar="OZON_URGENT_POLICY",
        dir_okay=False,
        metavar="FILE",
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
        metavar="LEDGER",
        help="SQLite file or postgresql:// URL (default: ledger.sqlite3 in the user data folder).",
        show_envvar=True,
    ),
]
PathsArg = Annotated[
    list[str], typer.Argument(metavar="PATH", help="Case files, folders and globs.", show_default=False)
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="Leave out files whose path or folder matches (repeatable), e.g. --exclude drafts.",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print only the failing cases' errors and warnings: no notes, no summary."
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Processes that judge evidence (default: one per core)."
    ),
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
    typer.Option(
        "--output", dir_okay=False, metavar="FILE", help="Write the report to this file instead of stdout."
    ),
]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        file_okay=False,
        exists=True,
        metavar="FOLDER",
        help="Folder of template overrides (see `templates export`).",
    ),
]


def env_lang() -> Lang:
    """The locale's language, but English when stdout or stderr cannot show Chinese (an ASCII stream):
    a message that asked for nothing gets words the terminal can print. `--lang zh` is still obeyed."""
    lang = i18n.detect_lang()
    if lang == "zh" and not shows_chinese(sys.stdout, sys.stderr):
        return "en"
    return lang


def lang_of(choice: LangChoice | None) -> Lang | None:
    if choice is None:
        return None
    return "zh" if choice is LangChoice.ZH else "en"


def user_lang(choice: LangChoice | None) -> Lang:
    """The chosen language (the command's --lang, else the one before the command), else the locale's.

    It is remembered for the command's run, so an error raised anywhere later speaks the same language.
    """
    lang: Lang = lang_of(choice) or _ROOT_LANG.get() or env_lang()
    _RUN_LANG.set(lang)
    return lang


def choose_root_lang(choice: LangChoice | None) -> None:
    """`ozon-urgent --lang zh COMMAND`: the command speaks zh unless it is given a --lang of its own."""
    _ROOT_LANG.set(lang_of(choice))


def start_run() -> None:
    """Forget the previous command's language (tests run many commands in one process)."""
    _RUN_LANG.set(None)
    _ROOT_LANG.set(None)


def run_lang() -> Lang:
    """The language the running command chose, or the locale's when it stopped before choosing."""
    return _RUN_LANG.get() or _ROOT_LANG.get() or env_lang()


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
