"""`record`, `resolve` and `followup`: the ledger of filed tickets (`status` reads it: cli/status.py)."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ozon_urgent import i18n
from ozon_urgent.cli.environment import environment, iso_form, parse_time
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
    run_lang,
    today_of,
    user_lang,
)
from ozon_urgent.cli.report import FormatOpt, report
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger.states import TicketOutcome

# The ledger's own modules (sqlite3, holidays) load with the commands that use them, not at start-up;
# ledger.states is only the enums the options name.
if TYPE_CHECKING:
    from ozon_urgent.ledger import Ledger
    from ozon_urgent.ledger.queries import Ticket
    from ozon_urgent.pipeline.case_facts import CaseFacts
    from ozon_urgent.policy import Policy


def _case_argument(help_text: str) -> Any:
    """CASE, its help saying what each command does with it, not "CASE  The case file." over again."""
    return typer.Argument(metavar="CASE", help=help_text, dir_okay=False, show_default=False)


RecordCase = Annotated[Path, _case_argument("The case file (`case.yaml`) to record as filed.")]
ResolveCase = Annotated[Path, _case_argument("The case file (`case.yaml`) whose ticket Ozon answered.")]
FollowupCase = Annotated[Path, _case_argument("The case file (`case.yaml`) to follow up.")]


def text(lang: Lang, key: str, table: str = "cli.ledger", /, **params: object) -> str:
    return i18n.text(lang, table, key, **params)


def say_waiting() -> None:
    """The ledger waits for another process's write lock (up to 30 s): one line, so it never looks hung."""
    typer.echo(text(run_lang(), "waiting"), err=True)


@contextmanager
def ledger_session(explicit: str | None) -> Iterator[Ledger]:
    """The open ledger, closed however the command ends; its errors carry their own messages."""
    from ozon_urgent.ledger import open_ledger

    store = open_ledger(explicit, on_wait=say_waiting)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _as_typed(case: Path, ledger: str | None) -> Iterator[None]:
    """A ledger refusal whose message gives a command names the case file as the user typed it, and the
    same `--ledger` (a file's: a database URL may carry a password, and is never printed): without it, the
    command copied from the message would go to the default ledger."""
    from ozon_urgent.ledger import LedgerRefusedError

    try:
        yield
    except LedgerRefusedError as refused:
        if "file" in refused.params:
            given = f" --ledger {shlex.quote(ledger)}" if ledger and "://" not in ledger else ""
            refused.params["file"] = shlex.quote(str(case)) + given
        raise


def _case(file: Path) -> CaseFacts:
    from ozon_urgent.pipeline.case_facts import read_case_facts

    return read_case_facts(file)


def refuse_other_case(store: Ledger, facts: CaseFacts) -> None:
    """A case file that only repeats the case_id of another case file's filed ticket is not that ticket:
    recording, correcting or following it up from here would change the other case's record (exit 1)."""
    from ozon_urgent.casefile.identity import same_case_file
    from ozon_urgent.ledger import get_ticket
    from ozon_urgent.ledger.errors import LedgerRefusedError

    with store.read():
        ticket = get_ticket(store, facts.client_id, facts.case_id)
    if ticket is None or ticket.reference is None or same_case_file(ticket.case_file, facts.file):
        return
    raise LedgerRefusedError(
        "case_id_filed_elsewhere",
        case=facts.case_id,
        this=shlex.quote(str(facts.file)),
        other=shlex.quote(ticket.case_file or ""),
        reference=ticket.reference,
        filed=ticket.filed_at,
    )


def policy_of(explicit: Path | None, case_file: Path | None = None) -> Policy:
    from ozon_urgent.policy import load_policy, policy_for

    if case_file is not None:
        return policy_for(case_file.parent, explicit)
    return load_policy(*([explicit] if explicit else []))


def _filed_at(at: str | None, now: datetime) -> datetime | None:
    """`--at` as an instant (None when not given); refused when it is not a time or lies ahead."""
    if at is None:
        return None
    try:
        filed_at = parse_time(at)
    except ValueError:
        if (iso := iso_form(at)) is not None:
            fail("at_form", table="cli.ledger", value=at, iso=iso)
        fail("bad_at", table="cli.ledger", value=at)
    if filed_at > now:  # now, in Moscow and Beijing time: a seller a few hours off sees by how much
        fail("at_future", table="cli.ledger", value=at, now=now)
    return filed_at


def _refuse_before_notification(
    file: Path, facts: CaseFacts, at: str | None, filed_at: datetime | None
) -> None:
    """A ticket cannot be filed before the notification it answers: `--at` must be on or after that day
    (in Moscow time), or every date the follow-up quotes is wrong."""
    from ozon_urgent.ledger.workdays import moscow_day

    received = facts.case.notification.received
    if at is not None and filed_at is not None and moscow_day(filed_at) < received:
        fail("at_before_notification", table="cli.ledger", value=at, received=received.isoformat(), file=file)


def _foreign(ref: str, user: Lang) -> str:
    """What a Reference ID holds that Ozon's never does, by kind and with the very characters: 工单 copied
    with the number, a full-width １２３ typed with the IME on, a Cyrillic С that looks Latin."""
    from ozon_urgent.ledger.reference import foreign_characters

    said = [text(user, f"ref_kind_{kind}", chars=chars) for kind, chars in foreign_characters(ref).items()]
    last = "和" if user == "zh" else " and "
    return (
        i18n.punctuation(user).enumeration.join(said[:-1]) + last + said[-1]
        if len(said) > 1
        else "".join(said)
    )


def record(
    ctx: typer.Context,
    case: RecordCase,
    ref: Annotated[str, typer.Option("--ref", metavar="ID", help="Ozon's Reference ID of the filed ticket.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="TIME",
            help="When it was actually filed, e.g. 2026-12-03T15:00 (Moscow time unless a zone is given).",
        ),
    ] = None,
    amend: Annotated[
        bool,
        typer.Option(
            "--amend",
            help="Correct the Reference ID (and, with --at, the time) recorded for CASE; the old ones are"
            " kept in its history.",
        ),
    ] = False,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
) -> None:
    """Record that CASE was filed in Seller Center under Ozon's Reference ID (`--amend`: correct it)."""
    from ozon_urgent.ledger.reference import MAX_LENGTH, reference_problem

    user = user_lang(lang)
    problem = reference_problem(ref)
    if problem is not None:
        fail(f"ref_{problem}", table="cli.ledger", ref=ref, limit=MAX_LENGTH, found=_foreign(ref, user))
    now = environment(ctx).now()
    filed_at = _filed_at(at, now)
    facts = _case(case)
    _refuse_before_notification(case, facts, at, filed_at)
    if amend:
        _amend(facts, ref, filed_at, now, ledger, user)
        return
    _record_new(case, facts, ref, (filed_at or now, now), ledger, policy, user)


def _record_new(
    case: Path,
    facts: CaseFacts,
    ref: str,
    when: tuple[datetime, datetime],  # filed at, and now
    ledger: str | None,
    policy: Path | None,
    user: Lang,
) -> None:
    from ozon_urgent.ledger import record_filing

    filed_at, now = when
    rules = policy_of(policy, case)
    with ledger_session(ledger) as store, _as_typed(case, ledger):
        refuse_other_case(store, facts)
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
    recorded = text(user, "recorded", case=facts.case_id, filed=ticket.filed_at, reference=ticket.reference)
    typer.echo(recorded + _what_follows(ticket.filed_at, now, rules, user), err=True)
    _warn_filed_before_built(ticket, user)


def _warn_filed_before_built(ticket: Ticket, user: Lang) -> None:
    """A ticket filed (`--at`) before its pack was built is likely a typo, and the follow-up's day is
    counted from it. Only a warning: the ledger keeps the latest build's time, so a pack built again
    with `--force` after the seller filed an earlier one makes a true `--at` look too early."""
    if ticket.built_at is not None and ticket.filed_at is not None and ticket.filed_at < ticket.built_at:
        typer.echo(text(user, "at_before_build", filed=ticket.filed_at, built=ticket.built_at), err=True)


def _what_follows(filed_at: datetime, now: datetime, rules: Policy, user: Lang) -> str:
    """The follow-up's day and the 72-hour guard, each said as ahead or already past: a filing recorded
    days late (`--at`) has both behind it, and "do not file before" a moment gone misleads."""
    from ozon_urgent.ledger.workdays import followup_due

    due = followup_due(filed_at, rules.followup_working_days)
    until = filed_at + timedelta(hours=rules.duplicate_hours)
    follow = "recorded_followup_open" if due <= now else "recorded_followup_ahead"
    guard = "recorded_guard_over" if until <= now else "recorded_guard_ahead"
    return text(user, follow, due=due, days=rules.followup_working_days) + text(user, guard, until=until)


def _amend(
    facts: CaseFacts, ref: str, filed_at: datetime | None, now: datetime, ledger: str | None, user: Lang
) -> None:
    from ozon_urgent.ledger.corrections import amend_filing

    with ledger_session(ledger) as store, _as_typed(facts.file, ledger):
        refuse_other_case(store, facts)
        done = amend_filing(store, facts.key, ref, filed_at, now)
    ticket = done.ticket
    assert ticket.filed_at is not None
    if done.old_reference is None or done.old_filed_at is None:
        typer.echo(
            text(user, "amended_nothing", case=facts.case_id, reference=ref, filed=ticket.filed_at),
            err=True,
        )
        return
    typer.echo(
        text(
            user,
            "amended",
            case=facts.case_id,
            reference=ticket.reference,
            filed=ticket.filed_at,
            old=done.old_reference,
            old_filed=done.old_filed_at,
        ),
        err=True,
    )
    _warn_filed_before_built(ticket, user)


def resolve(
    ctx: typer.Context,
    case: ResolveCase,
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
    with ledger_session(ledger) as store:
        refuse_other_case(store, facts)
        ticket = record_outcome(store, facts.client_id, facts.case_id, outcome, note, environment(ctx).now())
    typer.echo(
        text(user, "resolved", case=facts.case_id, reference=ticket.reference, outcome=outcome.value),
        err=True,
    )


def _written_as_of(today: str | None, now: datetime) -> datetime:
    """The moment a follow-up is written and recorded as of: now, or with `--today` the end of that day
    in Moscow, as `status --today` judges it. The "too early" refusal and the working days the comment
    counts both follow from it. A later day than today is refused: the ledger would hold a follow-up
    that has not been written yet, and restart the ticket's clock from it."""
    from ozon_urgent.ledger.workdays import MOSCOW, moscow_day

    if not today:
        return now
    day, current = today_of(today), moscow_day(now)
    if day > current:
        fail("followup_today_future", table="cli.ledger", value=today, today=current.strftime("%d.%m.%Y"))
    return now if day == current else datetime.combine(day, time(23, 59, 59), MOSCOW)


def followup(
    ctx: typer.Context,
    case: FollowupCase,
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

    New evidence passes the same checks as in `build` (paths, format, size, content, personal data). With
    --today, the comment counts working days to that day and the follow-up is recorded as written on it
    (Moscow time).
    """
    from ozon_urgent.checking.engine import CheckOptions
    from ozon_urgent.findings import RunResult
    from ozon_urgent.pipeline.followup import FollowupOptions, followup_case

    user = user_lang(lang)
    facts = _case(case)
    rules = policy_of(policy, case)
    options = FollowupOptions(out=out, templates=templates, fix=fix, jobs=jobs, cache=cache)
    now = _written_as_of(today, environment(ctx).now())
    with ledger_session(ledger) as store:
        refuse_other_case(store, facts)
        check = CheckOptions(today=today_of(today))
        outcome = followup_case(facts, rules, check, options, store, now)
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
