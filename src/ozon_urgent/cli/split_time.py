"""`--at 2026-12-05 14:30`: the shell split a date and time in two; say how to write it as one value."""

from __future__ import annotations

import re

from typer._click.core import Context
from typer._click.exceptions import UsageError
from typer.core import TyperOption

from ozon_urgent.cli.environment import iso_form
from ozon_urgent.i18n import Lang

# Options that take a date and time carry this metavar (`record --at`).
TIME_METAVAR = "TIME"
_EXTRA = re.compile(r"Got unexpected extra argument\(?s?\)? \((?P<args>.*)\)$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?")


def split_time_message(error: UsageError, lang: Lang) -> str | None:
    """The message for a time left over after a date-time option's date, or None when it is not that."""
    from ozon_urgent import i18n

    extra = _EXTRA.match(error.message)
    ctx: Context | None = error.ctx
    if extra is None or ctx is None:
        return None
    stray = extra["args"].split(" ")[0]
    if not _CLOCK.fullmatch(stray):
        return None
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if not (isinstance(param, TyperOption) and param.metavar == TIME_METAVAR and isinstance(value, str)):
            continue
        if _DATE.fullmatch(value.strip()):  # a whole date-time given and a stray word after it: not this
            params = {"option": max(param.opts, key=len), "date": value.strip(), "time": stray}
            return i18n.text(lang, "cli.errors", "time_split", **params)
        written = f"{value.strip()} {stray}"
        if (iso := iso_form(written)) is not None:  # 2026/12/04 15:00: the form is what is wrong
            return i18n.text(lang, "cli.ledger", "at_form", value=written, iso=iso)
    return None
