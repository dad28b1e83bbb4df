"""`status`: one block per ticket for people, every time in Moscow time; or JSON, every time in UTC."""

from __future__ import annotations

import json
from datetime import datetime

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger.status import TicketStatus, utc_iso
from ozon_urgent.ledger.workdays import msk


def status_json(items: list[TicketStatus], ledger: str, now: datetime) -> str:
    data = {
        "ledger": ledger,
        "now": utc_iso(now),
        "time_zone": "Europe/Moscow",
        "tickets": [item.as_dict() for item in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def status_text(items: list[TicketStatus], ledger: str, now: datetime, lang: Lang, filters: str = "") -> str:
    """`filters` names what `items` were chosen by (`--client 1234567`), when they were."""

    def say(key: str, **params: object) -> str:
        return i18n.text(lang, "cli.ledger.status", key, **params)

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
