"""`followup`: is it due, does the new evidence pass `build`'s gate, is anything new; write it, record it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ozon_urgent.attachments import InspectLimits
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.engine import CheckedCase, CheckOptions, check_case
from ozon_urgent.findings import CaseResult, Code, Finding
from ozon_urgent.ledger import FollowupRecord, Ledger, LedgerRefusedError, recording_followup
from ozon_urgent.ledger.queries import (
    IdSet,
    Ticket,
    get_ticket,
    next_attachment_number,
    sent_sha256s,
    ticket_ids,
)
from ozon_urgent.ledger.workdays import followup_due, working_days_passed
from ozon_urgent.pipeline.case_facts import CaseFacts
from ozon_urgent.pipeline.followup_pack import (
    EvidenceBytes,
    FollowupPlan,
    followup_files,
    plan_followup,
    render_comment,
)
from ozon_urgent.pipeline.gate import GatedFile, pass_evidence
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.pack import pack_folder, stage_pack


@dataclass(frozen=True, slots=True)
class FollowupOptions:
    out: Path
    templates: Path | None = None
    fix: bool = False
    jobs: int | None = None
    cache: bool = True  # reuse and keep verdicts in the user cache folder


@dataclass(frozen=True, slots=True)
class FollowupDone:
    number: int
    reference: str
    pack: Path
    files: int


@dataclass(frozen=True, slots=True)
class FollowupOutcome:
    """The evidence findings of the case; `done` is None when they stopped the follow-up."""

    result: CaseResult
    done: FollowupDone | None


@dataclass(frozen=True, slots=True)
class _Thread:
    """The filed ticket and what its thread already holds: SHA-256s, IDs, the next attachment's number."""

    ticket: Ticket
    sent: frozenset[str]
    known_ids: IdSet
    first_number: int


# Whether the evidence still covers the metric's rolling window depends on the day it is asked; a
# follow-up answers a ticket already filed, so only what is wrong with a file itself stops it.
_WINDOW_CODES = frozenset({Code.EVIDENCE_STALE, Code.WINDOW_NOT_COVERED})


def _judges_a_file(finding: Finding) -> bool:
    return finding.names_evidence_entry() and finding.code not in _WINDOW_CODES


def followup_case(
    facts: CaseFacts,
    policy: Policy,
    check: CheckOptions,
    options: FollowupOptions,
    store: Ledger,
    now: datetime,
) -> FollowupOutcome:
    """Check the case's evidence entries (paths, then content), then write and record the follow-up.

    Only the evidence's findings count here: the case's other fields were judged when the ticket was
    built, and a window that has closed since must not stop the reply to Ozon's question.

    Raises LedgerRefusedError (unrecorded, answered, not due, nothing new), TemplateError and PackError.
    """
    checked = check_case(facts.file, str(facts.file), policy, check)
    result = checked.result
    if checked.case is None or checked.partial or checked.loaded is None:
        return FollowupOutcome(result, None)
    result.findings[:] = [f for f in result.findings if _judges_a_file(f)]
    limits = InspectLimits.for_policy(policy, checked.case.seller.store_name)
    thread = _due_thread(store, facts, policy, now)
    # Only once the thread's SHA-256s are known: the files Ozon already has are neither judged nor sent.
    evidence = _new_evidence(checked, limits, options, thread.sent)
    if evidence is None:  # the gate found an error in a file that would be sent: nothing is written
        return FollowupOutcome(result, None)
    plan = _plan(facts, thread, evidence)
    return FollowupOutcome(result, _write_and_record(store, facts, plan, options, now))


def _due_thread(store: Ledger, facts: CaseFacts, policy: Policy, now: datetime) -> _Thread:
    """The case's ticket as the ledger has it, refused when unrecorded, answered or not due yet."""
    with store.read():
        ticket = get_ticket(store, facts.client_id, facts.case_id)
        if ticket is None or ticket.reference is None or ticket.filed_at is None:
            raise LedgerRefusedError("not_recorded", case=facts.case_id)
        thread = _Thread(
            ticket,
            sent_sha256s(store, ticket.id),
            ticket_ids(store, ticket.id),
            next_attachment_number(store, ticket.id),
        )
    if ticket.outcome is not None:
        raise LedgerRefusedError("already_answered", case=facts.case_id, outcome=ticket.outcome)
    start = ticket.clock_start
    assert start is not None
    due = followup_due(start, policy.followup_working_days)
    if now < due:
        raise LedgerRefusedError(
            "not_due",
            case=facts.case_id,
            reference=ticket.reference,
            days=policy.followup_working_days,
            since=start,
            due=due,
        )
    return thread


def _new_evidence(
    checked: CheckedCase,
    limits: InspectLimits,
    options: FollowupOptions,
    sent: frozenset[str],
) -> list[EvidenceBytes] | None:
    """The case's evidence fit for a pack, the files Ozon already has left out; None when any is an error."""
    gated = pass_evidence(
        checked,
        limits,
        fix=options.fix,
        jobs=options.jobs,
        known=sent,
        cache=options.cache,
    )
    return None if gated is None else [_evidence_bytes(g) for g in gated]


def _evidence_bytes(gated: GatedFile) -> EvidenceBytes:
    report = gated.report
    return EvidenceBytes(
        gated.index, gated.data, report.sha256 or "", gated.source_sha256, report.format or ""
    )


def _plan(facts: CaseFacts, thread: _Thread, evidence: list[EvidenceBytes]) -> FollowupPlan:
    """What the follow-up sends; refused when Ozon already has all of it."""
    catalog = load_catalog()
    plan = plan_followup(
        facts.case,
        evidence,
        thread.ticket,
        thread.sent,
        thread.known_ids,
        kinds_ru={kind: spec.names.ru for kind, spec in catalog.kinds.items()},
        first_number=thread.first_number,
    )
    if plan.empty:
        raise LedgerRefusedError("nothing_new", case=facts.case_id, reference=thread.ticket.reference)
    return plan


def _write_and_record(
    store: Ledger, facts: CaseFacts, plan: FollowupPlan, options: FollowupOptions, now: datetime
) -> FollowupDone:
    """The comment and the pack written, and the follow-up recorded: both, or neither."""
    ticket = plan.ticket
    assert ticket.filed_at is not None and ticket.reference is not None
    comment = render_comment(plan, working_days_passed(ticket.filed_at, now), options.templates)
    target = pack_folder(options.out, facts.client_id, f"{facts.case_id}-followup-{plan.number}")
    staged = stage_pack(target, followup_files(plan, comment, now), force=False)
    record = FollowupRecord(
        ticket,
        plan.number,
        plan.new_ids,
        [(a.name, a.sha256) for a in plan.attachments],
        str(target),
        [(a.name, a.source_sha256) for a in plan.attachments if a.source_sha256 != a.sha256],
    )
    try:
        with recording_followup(store, record, now):
            staged.publish()  # inside the transaction: the row commits only once the pack is in place
    except BaseException:
        staged.discard()  # a pack the ledger does not know would be sent twice
        raise
    staged.settle()
    return FollowupDone(plan.number, ticket.reference, target, len(plan.attachments))
