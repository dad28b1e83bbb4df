"""Options every command shares: the message language, the policy file, the day dates are judged on."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang


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


def user_lang(choice: LangChoice | None) -> Lang:
    """The chosen language, else the locale's (zh when it says Chinese)."""
    return i18n.detect_lang() if choice is None else ("zh" if choice is LangChoice.ZH else "en")
