"""`record`, `resolve`, `followup` and `status`: the ledger commands (registered by cli.py)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ozon_urgent import i18n
from ozon_urgent.cli_options import LangChoice, LangOpt, PolicyOpt, user_lang
from ozon_urgent.findings import EXIT_USAGE
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy, PolicyError, load_policy, policy_for

if TYPE_CHECKING:  # the ledger (sqlite3, holidays) loads with the commands that use it, not at start-up
    from ozon_urgent.ledger import Ledger
    from ozon_urgent.ledger.casefile import CaseFacts
    from ozon_urgent.ledger.errors import DuplicateTicketError

EXIT_REFUSED, EXIT_FAILED = 1, 3
NOW_ENV = "OZON_URGENT_NOW"


def system_clock() -> datetime:
    """Now, or OZON_URGENT_NOW (ISO 8601) for reproducible runs; tests replace `clock` instead."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        return parse_time(fixed)
    return datetime.now(UTC)


clock: Callable[[], datetime] = system_clock


class Outcome(StrEnum):
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


CaseArg = Annotated[Path, typer.Argument(help="The case file.", dir_okay=False, show_default=False)]
LedgerOpt = Annotated[
    str | None,
    typer.Option(
        "--ledger",
        envvar="OZON_URGENT_LEDGER",
        help="SQLite file or postgresql:// URL (default: ledger.sqlite3 in the user data folder).",
        show_envvar=True,
    ),
]


def parse_time(value: str) -> datetime:
    """ISO 8601; without a zone it is Moscow time, the time Seller Center shows. Raises ValueError."""
    from ozon_urgent.ledger.workdays import MOSCOW

    moment = datetime.fromisoformat(value.strip())
    return moment.replace(tzinfo=MOSCOW) if moment.tzinfo is None else moment


def text(lang: Lang, key: str, table: str = "cli.ledger", /, **params: object) -> str:
    return i18n.text(lang, table, key, **params)


def _lang(choice: LangChoice | None) -> Lang:
    return user_lang(choice)


def _fail(lang: Lang, key: str, code: int, /, **params: object) -> NoReturn:
    typer.echo(f"ozon-urgent: {text(lang, key, **params)}", err=True)
    raise typer.Exit(code)


@contextmanager
def _ledger(explicit: str | None, lang: Lang) -> Iterator[Ledger]:
    """The open ledger; every ledger error and refusal becomes its message and exit code."""
    from ozon_urgent.ledger import LedgerError, LedgerRefusedError, open_ledger
    from ozon_urgent.ledger.errors import DuplicateTicketError

    try:
        store = open_ledger(explicit)
    except LedgerError as error:
        _fail(lang, error.kind, EXIT_FAILED, **error.params)
    try:
        yield store
    except DuplicateTicketError as duplicate:
        _fail_duplicate(duplicate, lang, "?")
    except LedgerError as error:
        _fail(lang, error.kind, EXIT_FAILED, **error.params)
    except LedgerRefusedError as refusal:
        _fail(lang, refusal.kind, EXIT_REFUSED, **refusal.params)
    finally:
        store.close()


def _fail_duplicate(duplicate: DuplicateTicketError, lang: Lang, case: str) -> NoReturn:
    from ozon_urgent.ledger.workdays import msk

    c = duplicate.conflict
    _fail(
        lang,
        "duplicate",
        EXIT_REFUSED,
        case=case,
        other=c.case_id,
        reference=c.reference,
        overlap=", ".join(value for _, value in c.overlap),
        filed=msk(c.filed_at),
        hours=round((c.window_ends - c.filed_at).total_seconds() / 3600),
        until=msk(c.window_ends),
    )


def _case(file: Path, lang: Lang) -> CaseFacts:
    from ozon_urgent.ledger import LedgerRefusedError
    from ozon_urgent.ledger.casefile import CaseUnreadableError, read_case_facts

    try:
        return read_case_facts(file)
    except CaseUnreadableError as problem:
        _fail(lang, "case_unreadable", EXIT_FAILED, file=file, line=problem.line or 1, code=problem.code)
    except LedgerRefusedError as refusal:
        _fail(lang, refusal.kind, EXIT_REFUSED, **refusal.params)


def _policy(lang: Lang, explicit: Path | None, case_file: Path | None = None) -> Policy:
    try:
        if case_file is not None:
            return policy_for(case_file.parent, explicit)
        return load_policy(*([explicit] if explicit else []))
    except PolicyError as exc:
        message = i18n.text(lang, "cli.errors", "policy", file=exc.file, detail=exc.detail)
        typer.echo(f"ozon-urgent: {message}", err=True)
        raise typer.Exit(EXIT_FAILED) from None


def record(
    case: CaseArg,
    ref: Annotated[str, typer.Option("--ref", help="Ozon's Reference ID of the filed ticket.")],
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
    from ozon_urgent.ledger import DuplicateTicketError, record_filing
    from ozon_urgent.ledger.reference import MAX_LENGTH, reference_problem
    from ozon_urgent.ledger.workdays import followup_due, msk

    user_lang = _lang(lang)
    problem = reference_problem(ref)
    if problem is not None:
        _fail(user_lang, f"ref_{problem}", EXIT_USAGE, ref=ref, limit=MAX_LENGTH)
    now = clock()
    filed_at = now
    if at is not None:
        try:
            filed_at = parse_time(at)
        except ValueError:
            _fail(user_lang, "bad_at", EXIT_USAGE, value=at)
        if filed_at > now:
            _fail(user_lang, "at_future", EXIT_USAGE, value=at)
    facts = _case(case, user_lang)
    rules = _policy(user_lang, policy, case)
    with _ledger(ledger, user_lang) as store:
        try:
            ticket, new = record_filing(
                store,
                case_id=facts.case_id,
                client_id=facts.case.seller.client_id,
                scenario=facts.case.scenario,
                ids=facts.ids,
                case_sha256=facts.sha256,
                sources=facts.sources(),
                reference=ref,
                filed_at=filed_at,
                duplicate_hours=rules.duplicate_hours,
            )
        except DuplicateTicketError as duplicate:
            _fail_duplicate(duplicate, user_lang, facts.case_id)
    assert ticket.filed_at is not None
    if not new:
        message = text(user_lang, "recorded_again", case=facts.case_id, reference=ticket.reference)
        typer.echo(message, err=True)
        return
    typer.echo(
        text(
            user_lang,
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
    case: CaseArg,
    outcome: Annotated[Outcome, typer.Option("--outcome", help="How Ozon answered.")],
    note: Annotated[str | None, typer.Option("--note", help="A note for your records.")] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record how Ozon answered the ticket of CASE."""
    from ozon_urgent.ledger import record_outcome

    user_lang = _lang(lang)
    facts = _case(case, user_lang)
    with _ledger(ledger, user_lang) as store:
        ticket = record_outcome(store, facts.case_id, outcome.value, note, clock())
    typer.echo(
        text(user_lang, "resolved", case=facts.case_id, reference=ticket.reference, outcome=outcome.value),
        err=True,
    )


def followup(
    case: CaseArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the follow-up pack.")] = Path("out"),
    templates: Annotated[
        Path | None,
        typer.Option("--templates", file_okay=False, exists=True, help="Folder of template overrides."),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
) -> None:
    """Write the Russian follow-up comment for CASE's ticket, with only its new evidence, and record it."""
    from ozon_urgent.ledger.followup_run import run_followup
    from ozon_urgent.pack import PackExistsError, PackWriteError
    from ozon_urgent.render import TemplateError

    user_lang = _lang(lang)
    facts = _case(case, user_lang)
    rules = _policy(user_lang, policy, case)
    with _ledger(ledger, user_lang) as store:
        try:
            done = run_followup(store, facts, rules, out, templates, clock())
        except TemplateError as exc:
            _fail(user_lang, "template", EXIT_FAILED, name=exc.name, line=exc.line or "?", detail=exc.detail)
        except PackExistsError as exc:
            _fail(user_lang, "pack_exists", EXIT_FAILED, pack=exc.args[0])
        except PackWriteError as exc:
            _fail(user_lang, "write", EXIT_FAILED, pack=exc.path, detail=exc.detail)
    typer.echo(
        text(
            user_lang,
            "followup_written",
            number=done.number,
            reference=done.reference,
            pack=done.pack,
            files=done.files,
        ),
        err=True,
    )


def status(
    output_format: Annotated[StatusFormat, typer.Option("--format", "-f", help="Report format.")] = (
        StatusFormat.TEXT
    ),
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
) -> None:
    """Every ticket: its age in Russian working days, its state and what to do next, most urgent first."""
    from ozon_urgent.ledger import list_tickets
    from ozon_urgent.ledger.status import ledger_status

    user_lang = _lang(lang)
    rules = _policy(user_lang, policy)
    now = clock()
    with _ledger(ledger, user_lang) as store:
        with store.read():
            tickets = list_tickets(store)
        shown = store.location.shown
    items = ledger_status(
        tickets, now, followup_days=rules.followup_working_days, duplicate_hours=rules.duplicate_hours
    )
    if output_format is StatusFormat.JSON:
        data = {
            "ledger": shown,
            "now": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "time_zone": "Europe/Moscow",
            "tickets": [item.as_dict() for item in items],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    from ozon_urgent.ledger.status_text import status_text

    def say(key: str, **params: object) -> str:
        return text(user_lang, key, "cli.ledger.status", **params)

    sys.stdout.write(status_text(items, shown, now, say))
