"""`status`: every case on disk or in the ledger, its deadline and the exact command that moves it on."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ozon_urgent.cli.cases import case_files
from ozon_urgent.cli.environment import environment
from ozon_urgent.cli.ledger import ledger_session, policy_of
from ozon_urgent.cli.options import (
    ExcludeOpt,
    LangOpt,
    LedgerOpt,
    PolicyOpt,
    TodayOpt,
    one_of,
    today_of,
    user_lang,
)
from ozon_urgent.cli.status_filters import checked_filters
from ozon_urgent.ledger.states import Due, TicketState
from ozon_urgent.unsafe_text import shown as printable

if TYPE_CHECKING:
    from ozon_urgent.ledger.overview import CaseRow


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"


def status(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Case files, folders and globs.", show_default=False),
    ] = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", metavar=one_of(StatusFormat), help="Report format.")
    ] = StatusFormat.TEXT,
    store: Annotated[
        list[str] | None,
        typer.Option(
            "--store",
            "--client",
            metavar="NAME|CLIENT_ID",
            help="Only this store, by name or Client ID (repeatable).",
        ),
    ] = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option("--scenario", metavar="SCENARIO", help="Only this scenario (repeatable)."),
    ] = None,
    state: Annotated[
        list[str] | None,
        typer.Option("--state", metavar=one_of(TicketState), help="Only this state (repeatable)."),
    ] = None,
    due: Annotated[
        Due | None,
        typer.Option(
            "--due",
            metavar=one_of(Due),
            help="Only cases past the appeal deadline, or with something to do within 7 days, today"
            " included (a follow-up counts from the day it is allowed, and is never overdue).",
        ),
    ] = None,
    exclude: ExcludeOpt = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
) -> None:
    """Every case, on disk or in the ledger: its store, state, deadline and next command, most urgent first.

    With PATHs, the case files found there are listed too, the ones never built included.
    """
    from ozon_urgent.reporters.ledger_status import StatusView, status_csv, status_json, status_text

    user = user_lang(lang)
    chosen = checked_filters(store or [], scenario or [], state or [], due)
    files = case_files(paths, exclude) if paths else []
    now = environment(ctx).now()
    from ozon_urgent.ledger.workdays import moscow_day  # the ledger's modules load with its commands

    real = moscow_day(now)
    day = today_of(today) if today else real
    if day != real:  # states too as of that day: a follow-up due by its end is due
        now = _end_of(day)
    rows, shown = _rows(files, ledger, policy, now)
    rows = [row for row in rows if chosen.keeps(row, day)]
    view = StatusView(rows, shown, now, day, _ledger_in_commands(ledger), chosen.shown)
    if output_format is StatusFormat.JSON:
        sys.stdout.write(status_json(view))
    elif output_format is StatusFormat.CSV:
        _write_bytes(status_csv(view))
    else:
        sys.stdout.write(printable(status_text(view, user), lines=True))


def _end_of(day: date) -> datetime:
    """The last second of `day` in Moscow, the moment a status "as of that day" is judged at."""
    from ozon_urgent.ledger.workdays import MOSCOW

    return datetime.combine(day, time(23, 59, 59), MOSCOW)


def _write_bytes(data: bytes) -> None:
    """Bytes as they are (a CSV's BOM and UTF-8), whatever the terminal's encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    buffer.write(data)
    buffer.flush()


def _ledger_in_commands(ledger: str | None) -> str | None:
    """The --ledger the next commands must repeat: one given on the command line, never a server URL
    (it may hold a password) nor the one OZON_URGENT_LEDGER names already."""
    if not ledger or ledger == os.environ.get("OZON_URGENT_LEDGER") or "://" in ledger:
        return None
    return ledger


def _rows(
    files: list[Path], ledger: str | None, policy: Path | None, now: datetime
) -> tuple[list[CaseRow], str]:
    """Every case's row, most urgent first, and the ledger as messages may name it."""
    from ozon_urgent.ledger import list_tickets
    from ozon_urgent.ledger.overview import by_urgency
    from ozon_urgent.ledger.queries import reference_histories
    from ozon_urgent.ledger.status import ledger_status
    from ozon_urgent.pipeline.status_rows import status_rows

    rules = policy_of(policy)
    with ledger_session(ledger) as store:
        with store.read():
            tickets = list_tickets(store)
            histories = reference_histories(store)
        shown = store.location.shown
    statuses = ledger_status(
        tickets, now, followup_days=rules.followup_working_days, duplicate_hours=rules.duplicate_hours
    )
    return by_urgency(status_rows(files, statuses, histories, policy)), shown
