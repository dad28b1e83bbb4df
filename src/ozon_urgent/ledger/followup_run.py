"""`followup` as one step: is it due, is anything new, write the pack, then record it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ozon_urgent.catalog import load_catalog
from ozon_urgent.ledger.casefile import CaseFacts
from ozon_urgent.ledger.errors import LedgerRefusedError
from ozon_urgent.ledger.followup import EvidenceBytes, followup_files, plan_followup, render_comment
from ozon_urgent.ledger.queries import get_ticket, next_attachment_number, sent_sha256s, ticket_ids
from ozon_urgent.ledger.records import record_followup
from ozon_urgent.ledger.store import Store
from ozon_urgent.ledger.workdays import followup_due, msk, working_days_passed
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.pack import stage_pack


@dataclass(frozen=True, slots=True)
class FollowupDone:
    number: int
    reference: str
    pack: Path
    files: int


# The evidence gate, called once the thread's SHA-256s are known: the case's evidence fit for a pack,
# the files Ozon already has left out. It raises when the evidence may not be sent.
EvidenceGate = Callable[[frozenset[str]], Sequence[EvidenceBytes]]


def run_followup(
    store: Store,
    facts: CaseFacts,
    policy: Policy,
    out: Path,
    templates: Path | None,
    now: datetime,
    evidence: EvidenceGate,
) -> FollowupDone:
    """Raises LedgerRefusedError (unrecorded, answered, not due, nothing new), TemplateError, PackError,
    and whatever `evidence` raises for files that may not be sent."""
    with store.read():
        ticket = get_ticket(store, facts.client_id, facts.case_id)
        if ticket is None or ticket.reference is None or ticket.filed_at is None:
            raise LedgerRefusedError("not_recorded", case=facts.case_id)
        sent, known = sent_sha256s(store, ticket.id), ticket_ids(store, ticket.id)
        first_number = next_attachment_number(store, ticket.id)
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
            since=msk(start),
            due=msk(due),
        )
    catalog = load_catalog()
    plan = plan_followup(
        facts.case,
        evidence(sent),
        ticket,
        sent,
        known,
        kinds_ru={kind: spec.names.ru for kind, spec in catalog.kinds.items()},
        first_number=first_number,
    )
    if plan.empty:
        raise LedgerRefusedError("nothing_new", case=facts.case_id, reference=ticket.reference)
    comment = render_comment(plan, working_days_passed(ticket.filed_at, now), templates)
    target = Path(os.path.abspath(out / f"{facts.case_id}-followup-{plan.number}"))
    staged = stage_pack(target, followup_files(plan, comment, now), force=False)
    try:
        record_followup(
            store,
            ticket=ticket,
            number=plan.number,
            new_ids=plan.new_ids,
            attachments=[(a.name, a.sha256) for a in plan.attachments],
            sources=[(a.name, a.source_sha256) for a in plan.attachments if a.source_sha256 != a.sha256],
            pack_path=str(target),
            now=now,
            publish=staged.publish,
        )
    except BaseException:
        staged.discard()  # a pack the ledger does not know would be sent twice
        raise
    staged.settle()
    return FollowupDone(plan.number, ticket.reference, target, len(plan.attachments))
