"""`status` for people: one block per ticket, most urgent first, every time in Moscow time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ozon_urgent.ledger.status import TicketStatus
from ozon_urgent.ledger.workdays import msk

Say = Callable[..., str]  # (key, **params) → the message in the user's language


def status_text(items: list[TicketStatus], ledger: str, now: datetime, say: Say, filters: str = "") -> str:
    """`filters` names what `items` were chosen by (`--client 1234567`), when they were."""
    if not items:
        if filters:
            return say("none_match", ledger=ledger, filters=filters) + "\n"
        return say("empty", ledger=ledger) + "\n"
    lines = [say("header", ledger=ledger, count=len(items), now=msk(now)), say("columns"), ""]
    for item in items:
        t = item.ticket
        age = "—" if item.age_working_days is None else str(item.age_working_days)
        seller = f"{t.store_name} ({t.client_id})" if t.store_name else t.client_id
        lines.append(f"{t.case_id}  ·  {seller}  ·  {t.reference or '—'}  ·  {say(item.state)}  ·  {age}")
        due = msk(item.due_at) if item.due_at else ""
        lines.append(f"    → {say('action_' + item.action, due=due)}")
        if item.duplicate_until is not None:
            lines.append(f"    ! {say('duplicate_open', until=msk(item.duplicate_until))}")
        if t.outcome_note:
            lines.append(f"    « {t.outcome_note} »")
    return "\n".join(lines) + "\n"
