"""`ozon-urgent pull`: draft case files from the Ozon Seller API's ratings and FBS/rFBS error index."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ozon_urgent import i18n
from ozon_urgent.casefile.dates import FIRST_DATE
from ozon_urgent.cli.environment import Environment, environment
from ozon_urgent.cli.exit import ExitStatus, fail
from ozon_urgent.cli.options import LangOpt, TodayOpt, today_of, user_lang
from ozon_urgent.i18n import Lang
from ozon_urgent.unsafe_text import shown

TIMEOUT_SECONDS = 30.0  # per call; the Seller API answers in well under a second when it is healthy
_CLIENT_ID = re.compile(r"[0-9]{1,20}")


_OutOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        file_okay=False,
        metavar="FOLDER",
        help="Folder for the drafts and the ratings snapshot.",
    ),
]
_SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        help="Read rating history and error-index postings from this day "
        "(default: 90 days of history, the error index's own window).",
    ),
]
_ClientIdOpt = Annotated[
    str | None,
    typer.Option(
        "--client-id",
        envvar="OZON_CLIENT_ID",
        metavar="CLIENT_ID",
        help="Ozon Client-Id. The API key comes only from OZON_API_KEY or a hidden prompt.",
    ),
]


def pull(
    ctx: typer.Context,
    out: _OutOpt = Path("drafts"),
    since: _SinceOpt = None,
    client_id: _ClientIdOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Read ratings and error-index postings from the Ozon Seller API and draft a case per rating in trouble.

    Every rating in WARNING or CRITICAL gets a draft case file in --out (never overwriting one), with the
    scenario that fits, its postings and dates; `ratings-YYYY-MM-DD.json` keeps what the API answered.
    OZON_API_URL overrides the API's address.
    """
    from ozon_urgent.seller_api.pull import PullOptions, run_pull
    from ozon_urgent.seller_api.report import report_lines
    from ozon_urgent.seller_api.transport import DEFAULT_URL, Credentials, SellerApiClient

    user: Lang = user_lang(lang)
    day = today_of(today)
    start = _since(since)
    if start is not None and start > day:
        _fail("since_future", value=start.isoformat(), today=day.isoformat())
    base_url = os.environ.get("OZON_API_URL", "").strip() or DEFAULT_URL
    if not base_url.startswith(("https://", "http://")):
        _fail("bad_url", value=base_url)
    world = environment(ctx)
    credentials = Credentials(_client_id(client_id), _api_key(user, world))
    client = SellerApiClient(credentials, base_url, timeout=TIMEOUT_SECONDS, sleep=world.sleep)
    options = PullOptions(
        out=out, today=day, since=start, client_id=credentials.client_id, api_url=base_url, lang=user
    )
    try:
        result = run_pull(client, options)
    except OSError as error:
        _fail("out_unwritable", ExitStatus.FAILED, folder=out, detail=error.strerror or error)
    lines = report_lines(result, credentials.client_id, out, user)
    # Rating names and keys come from Ozon's servers: shown escaped, like everything printed.
    sys.stdout.write(shown("\n".join(lines), lines=True) + "\n")


def _say(lang: Lang, key: str, **params: object) -> str:
    return i18n.text(lang, "cli.pull", key, **params)


def _fail(key: str, status: ExitStatus = ExitStatus.USAGE, **params: object) -> NoReturn:
    fail(key, table="cli.pull", status=status, **params)


def _since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        _fail("bad_date", option="--since", value=value)
    if day < FIRST_DATE:  # the Seller API has nothing that old; a typo in the year
        _fail("bad_date", option="--since", value=value)
    return day


def _client_id(value: str | None) -> str:
    client_id = (value or "").strip()
    if not client_id:
        _fail("no_client_id")
    if not _CLIENT_ID.fullmatch(client_id):
        _fail("bad_client_id", value=client_id)
    return client_id


def _api_key(lang: Lang, world: Environment) -> str:
    """OZON_API_KEY, else a hidden prompt on a terminal; never an option, so it stays out of shell history."""
    key = os.environ.get("OZON_API_KEY", "").strip()
    if not key and world.stdin_isatty():
        answer: str = typer.prompt(
            _say(lang, "prompt"), default="", hide_input=True, show_default=False, err=True
        )
        key = answer.strip()
    if not key:
        _fail("no_api_key")
    return key
