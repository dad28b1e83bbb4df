"""`record`, `resolve`, `followup` and `status`: the ledger of filed tickets."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.cli.environment import environment, parse_time
from ozon_urgent.cli.exit import fail, status_of
from ozon_urgent.cli.options import (
    CacheOpt,
    JobsOpt,
    LangOpt,
    LedgerOpt,
    PolicyOpt,
    TemplatesOpt,
    TodayOpt,
    one_of,
    today_of,
    user_lang,
)
from ozon_urgent.cli.report import FormatOpt, report
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger.states import TicketOutcome, TicketState
from ozon_urgent.unsafe_text import shown as printable

# The ledger's own modules (sqlite3, holidays) load with the commands that use them, not at start-up;
# ledger.states is only the two enums the options name.
if TYPE_CHECKING:
    from ozon_urgent.ledger import Ledger
    from ozon_urgent.ledger.status import TicketStatus
    from ozon_urgent.pipeline.case_facts import CaseFacts
    from ozon_urgent.policy import Policy


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


CaseArg = Annotated[
    Path, typer.Argument(metavar="CASE", help="The case file.", dir_okay=False, show_default=False)
]


def text(lang: Lang, key: str, table: str = "cli.ledger", /, **params: object) -> str:
    return i18n.text(lang, table, key, **params)


@contextmanager
def _ledger(explicit: str | None) -> Iterator[Ledger]:
    """The open ledger, closed however the command ends; its errors carry their own messages."""
    from ozon_urgent.ledger import open_ledger

    store = open_ledger(explicit)
    try:
        yield store
    finally:
        store.close()


def _case(file: Path) -> CaseFacts:
    from ozon_urgent.pipeline.case_facts import read_case_facts

    return read_case_facts(file)


def _policy(explicit: Path | None, case_file: Path | None = None) -> Policy:
    from ozon_urgent.policy import load_policy, policy_for

    if case_file is not None:
        return policy_for(case_file.parent, explicit)
    return load_policy(*([explicit] if explicit else []))


def _filed_at(at: str | None, now: datetime) -> datetime:
    if at is None:
        return now
    try:
        filed_at = parse_time(at)
    except ValueError:
        fail("bad_at", table="cli.ledger", value=at)
    if filed_at > now:
        fail("at_future", table="cli.ledger", value=at)
    return filed_at


def record(
    ctx: typer.Context,
    case: CaseArg,
    ref: Annotated[str, typer.Option("--ref", metavar="ID", help="Ozon's Reference ID of the filed ticket.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="TIME", help="When it was filed (ISO 8601; Moscow time unless a zone is given)."
        ),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
) -> None:
    """Record that CASE was filed in Seller Center under Ozon's Reference ID."""
    from ozon_urgent.ledger import record_filing
    from ozon_urgent.ledger.reference import MAX_LENGTH, reference_problem
    from ozon_urgent.ledger.workdays import followup_due, msk

    user = user_lang(lang)
    problem = reference_problem(ref)
    if problem is not None:
        fail(f"ref_{problem}", table="cli.ledger", ref=ref, limit=MAX_LENGTH)
    filed_at = _filed_at(at, environment(ctx).now())
    facts = _case(case)
    rules = _policy(policy, case)
    with _ledger(ledger) as store:
        ticket, new = record_filing(
            store,
            facts.key,
            scenario=facts.case.scenario,
            ids=facts.ids,
            case_sha256=facts.sha256,
            sources=facts.sources(max_bytes=rules.max_attachment_bytes),
            reference=ref,
            filed_at=filed_at,
            duplicate_hours=rules.duplicate_hours,
        )
    assert ticket.filed_at is not None
    if not new:
        typer.echo(text(user, "recorded_again", case=facts.case_id, reference=ticket.reference), err=True)
        return
    typer.echo(
        text(
            user,
            "recorded",
            case=facts.case_id,
            filed=msk(ticket.filed_at),
            reference=ticket.reference,
            due=msk(followup_due(ticket.filed_at, rules.followup_working_days)),
            days=rules.followup_working_days,
            until=msk(ticket.filed_at + timedelta(hours=rules.duplicate_hours)),
        ),
        err=True,
    )


def resolve(
    ctx: typer.Context,
    case: CaseArg,
    outcome: Annotated[
        TicketOutcome, typer.Option("--outcome", metavar=one_of(TicketOutcome), help="How Ozon answered.")
    ],
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note for your records.")
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record how Ozon answered the ticket of CASE."""
    from ozon_urgent.ledger import record_outcome

    user = user_lang(lang)
    facts = _case(case)
    with _ledger(ledger) as store:
        ticket = record_outcome(store, facts.client_id, facts.case_id, outcome, note, environment(ctx).now())
    typer.echo(
        text(user, "resolved", case=facts.case_id, reference=ticket.reference, outcome=outcome.value),
        err=True,
    )


def followup(
    ctx: typer.Context,
    case: CaseArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FOLDER", help="Folder for the follow-up pack.")
    ] = Path("out"),
    fix: Annotated[
        bool, typer.Option("--fix", help="Send compliant copies of fixable files, as `build --fix` does.")
    ] = False,
    templates: TemplatesOpt = None,
    output_format: FormatOpt = None,
    jobs: JobsOpt = None,
    cache: CacheOpt = True,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write the Russian follow-up comment for CASE's ticket, with only its new evidence, and record it.

    New evidence passes the same checks as in `build` (paths, format, size, content, personal data).
    """
    from ozon_urgent.checking.engine import CheckOptions
    from ozon_urgent.findings import RunResult
    from ozon_urgent.pipeline.followup import FollowupOptions, followup_case

    user = user_lang(lang)
    facts = _case(case)
    rules = _policy(policy, case)
    options = FollowupOptions(out=out, templates=templates, fix=fix, jobs=jobs, cache=cache)
    with _ledger(ledger) as store:
        check = CheckOptions(today=today_of(today))
        outcome = followup_case(facts, rules, check, options, store, environment(ctx).now())
    done = outcome.done
    run = RunResult(cases=[outcome.result])
    if done is None or outcome.result.findings or output_format is not None:
        report(run, output_format, user, quiet=False, output=None)
    if done is None:
        typer.echo(text(user, "followup_refused", case=facts.case_id), err=True)
        raise typer.Exit(status_of(run.outcome()))
    typer.echo(
        text(
            user,
            "followup_written",
            number=done.number,
            reference=done.reference,
            pack=done.pack,
            files=done.files,
        ),
        err=True,
    )


def status(
    ctx: typer.Context,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", metavar=one_of(StatusFormat), help="Report format.")
    ] = StatusFormat.TEXT,
    client: Annotated[
        list[str] | None, typer.Option("--client", metavar="CLIENT_ID", help="Only this store (repeatable).")
    ] = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option("--scenario", metavar="SCENARIO", help="Only this scenario (repeatable)."),
    ] = None,
    state: Annotated[
        list[TicketState] | None,
        typer.Option("--state", metavar=one_of(TicketState), help="Only this state (repeatable)."),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
) -> None:
    """Every ticket: its store, age in Russian working days, state and next step, most urgent first."""
    from ozon_urgent.reporters.ledger_status import status_json, status_text

    user = user_lang(lang)
    rules = _policy(policy)
    now = environment(ctx).now()
    items, shown = _ticket_statuses(ledger, rules, now)
    items = _chosen(items, client or [], scenario or [], state or [])
    if output_format is StatusFormat.JSON:
        sys.stdout.write(status_json(items, shown, now))
        return
    filters = " ".join(
        f"{option} {value}"
        for option, values in (("--client", client), ("--scenario", scenario), ("--state", state))
        for value in values or ()
    )
    sys.stdout.write(printable(status_text(items, shown, now, user, filters), lines=True))


def _ticket_statuses(ledger: str | None, rules: Policy, now: datetime) -> tuple[list[TicketStatus], str]:
    """Where every ticket stands, most urgent first, and the ledger as messages may name it."""
    from ozon_urgent.ledger import list_tickets
    from ozon_urgent.ledger.status import ledger_status

    with _ledger(ledger) as store:
        with store.read():
            tickets = list_tickets(store)
        shown = store.location.shown
    items = ledger_status(
        tickets, now, followup_days=rules.followup_working_days, duplicate_hours=rules.duplicate_hours
    )
    return items, shown


def _chosen(
    items: list[TicketStatus], clients: list[str], scenarios: list[str], states: list[TicketState]
) -> list[TicketStatus]:
    """The tickets `--client`, `--scenario` and `--state` ask for; an option not given keeps every one."""
    return [
        item
        for item in items
        if (not clients or item.ticket.client_id in clients)
        and (not scenarios or item.ticket.scenario in scenarios)
        and (not states or item.state in states)
    ]
