"""`status`: a table of every case by urgency with per-store totals for people; JSON; CSV for Excel.

Times are Moscow time in the text and the CSV, UTC in JSON; days (notification, deadlines) are the
case's own calendar days.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang, Punctuation
from ozon_urgent.ledger.overview import CaseRow, Totals, overall, store_names, store_totals
from ozon_urgent.ledger.states import TicketOutcome, TicketState
from ozon_urgent.ledger.status import utc_iso
from ozon_urgent.ledger.workdays import msk

CSV_COLUMNS = (
    "store_name",
    "client_id",
    "case_id",
    "case_file",
    "scenario",
    "state",
    "notification_received",
    "appeal_deadline",
    "deadline",
    "next_action",
    "next_command",
    "reference",
    "filed_at_msk",
    "followup_due_at_msk",
    "pack_path",
)
Say = Callable[..., str]  # a message of the `cli.ledger.status` table, in the run's language
# A cell Excel would take for a formula (=, +, -, @, or a tab or return before one) is written as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class StatusView:
    """What every format shows: the rows chosen, the day deadlines are judged on, the ledger's name."""

    rows: list[CaseRow]
    ledger: str
    now: datetime
    today: date
    command_ledger: str | None = None  # the --ledger the next commands must name, when not the default
    filters: str = ""  # what the rows were chosen by (`--store 1234567`), when they were


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _case_fields(row: CaseRow, view: StatusView) -> dict[str, object]:
    """What JSON and CSV both say of a row: the case, its dates and its next command."""
    return {
        "case_id": row.case_id,
        "client_id": row.client_id,
        "store_name": row.store_name,
        "case_file": row.case_file,
        "scenario": row.scenario,
        "state": row.state.value,
        "notification_received": _day(row.notified),
        "appeal_deadline": _day(row.appeal_deadline),
        "deadline": _day(row.deadline),
        "days_left": row.due_in(view.today),
        "next_action": row.action,
        "next_command": row.command(view.command_ledger),
    }


def row_dict(row: CaseRow, view: StatusView) -> dict[str, object]:
    ticket: dict[str, object] = row.status.as_dict() if row.status else {}
    history = [
        {
            "reference": past.reference,
            "filed_at": None if past.filed_at is None else utc_iso(past.filed_at),
            "replaced_at": utc_iso(past.replaced_at),
        }
        for past in row.history
    ]
    return {
        **_case_fields(row, view),
        "reference": ticket.get("reference"),
        "previous_references": history,
        **{key: value for key, value in ticket.items() if key not in _SHOWN_ABOVE},
    }


_SHOWN_ABOVE = {"case_id", "client_id", "store_name", "scenario", "reference", "state", "next_action"}


def status_json(view: StatusView) -> str:
    totals = store_totals(view.rows, view.today)
    data = {
        "ledger": view.ledger,
        "now": utc_iso(view.now),
        "today": view.today.isoformat(),
        "time_zone": "Europe/Moscow",
        "tickets": [row_dict(row, view) for row in view.rows],
        "stores": [
            {"client_id": client or None, "store_name": name or None, **total.as_dict()}
            for (client, name), total in totals.items()
        ],
        "totals": overall(view.rows, view.today).as_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def status_csv(view: StatusView) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Chinese store names right), CRLF rows, a header."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in view.rows:
        t = row.status.ticket if row.status else None
        due = row.status.due_at if row.status else None
        cells = {
            **_case_fields(row, view),  # CSV_COLUMNS picks and orders them
            "reference": t.reference if t else None,
            "filed_at_msk": _local(t.filed_at if t else None),
            "followup_due_at_msk": _local(due),
            "pack_path": (t.pack_path or None) if t else None,
        }
        writer.writerow(_cell(cells[column]) for column in CSV_COLUMNS)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _local(moment: datetime | None) -> str | None:
    return None if moment is None else msk(moment).removesuffix(" MSK")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def status_text(view: StatusView, lang: Lang) -> str:
    def say(key: str, **params: object) -> str:
        return i18n.text(lang, "cli.ledger.status", key, **params)

    if not view.rows:
        if view.filters:
            return say("none_match", ledger=view.ledger, filters=view.filters) + "\n"
        return say("empty", ledger=view.ledger) + "\n"
    total = overall(view.rows, view.today)
    marks = i18n.punctuation(lang)
    lines = [
        say("header", ledger=view.ledger, count=len(view.rows), now=view.now, today=view.today),
        say(
            "summary",
            overdue=total.overdue,
            today=total.due_today,
            week=total.due_week,
            followup=total.followup_open,
        ),
        "",
        *_table(
            [_head(say), *(_cells(row, view, say, marks, lang) for row in view.rows)],
            view.rows,
            view,
            say,
            marks.colon,
        ),
        "",
        say("stores"),
        *_table(_store_cells(view, say), [], view, say),
        *_names_differ(view, say, marks),
    ]
    return "\n".join(lines) + "\n"


def _names_differ(view: StatusView, say: Say, marks: Punctuation) -> list[str]:
    """A store its cases name two ways is counted once, under the name most of them give: say so, and
    which name the totals use, so the seller neither misses the slip nor looks for a missing store."""
    lines = []
    for client, names in store_names(view.rows).items():
        if len(names) > 1:
            quoted = marks.enumeration.join(f"“{name}”" for name in names)
            lines.append(say("names_differ", client_id=client, names=quoted, shown=names[0]))
    return ["", *lines] if lines else []


def _head(say: Say) -> list[str]:
    keys = ("col_due", "col_state", "col_store", "col_case", "col_scenario", "col_notified", "col_appeal")
    return [say(key) for key in (*keys, "col_reference")]


def _cells(row: CaseRow, view: StatusView, say: Say, marks: Punctuation, lang: Lang) -> list[str]:
    t = row.status.ticket if row.status else None
    due = (
        "—"
        if row.deadline is None
        else row.deadline.isoformat() + _when(row.due_in(view.today), row.followup_date, say, marks)
    )
    reference = (t.reference if t else None) or "—"
    if row.history:
        was = say("was", references=", ".join(past.reference for past in row.history))
        reference += f"{marks.opening}{was}{marks.closing}"
    return [
        due,
        say(row.state.value),
        _store(row.client_id, row.store_name),
        row.case_id,
        _scenario(row.scenario, lang),
        _day(row.notified) or "—",
        _day(row.appeal_deadline) or "—",
        reference,
    ]


def _scenario(code: str | None, lang: Lang) -> str:
    """A Chinese reader gets the scenario's name (`init` and `scenarios` show it beside its code); JSON and
    CSV keep the code, which scripts and `--scenario` take."""
    from ozon_urgent.catalog import load_catalog

    scenario = load_catalog().scenarios.get(code or "")
    return scenario.names.zh if scenario is not None and lang == "zh" else code or "—"


def _when(days: int | None, followup: bool, say: Say, marks: Punctuation) -> str:
    """How far the row's date is from today. A deadline can be missed ("3 d late"); the day a follow-up
    becomes allowed cannot: past it, the seller simply may follow up."""
    if days is None:
        return ""
    if followup:
        words = say("followup_open", days=-days) if days < 0 else None
        words = words or (say("followup_today") if days == 0 else say("followup_in", days=days))
    elif days < 0:
        words = say("days_late", days=-days)
    else:
        words = say("due_today") if days == 0 else say("days_left", days=days)
    return f"{marks.opening}{words}{marks.closing}"


def _store(client_id: str | None, name: str | None) -> str:
    if not client_id:
        return "—"
    return f"{name} ({client_id})" if name else client_id


def _details(row: CaseRow, view: StatusView, say: Say, colon: str) -> list[str]:
    """The lines under a row: the next action with its exact command, then the ledger's warnings."""
    due: object = row.status.due_at if row.status and row.status.due_at else ""  # said in the reader's words
    command = row.command(view.command_ledger, say("reference_placeholder"))
    action = say("action_" + row.action, due=due)
    lines = [f"    → {action}" + (f"{colon}{command}" if command else "")]
    if row.status and row.status.duplicate_until is not None:
        lines.append(f"    ! {say('duplicate_open', until=row.status.duplicate_until)}")
    if row.status and row.status.ticket.outcome_note:
        lines.append(f"    « {row.status.ticket.outcome_note} »")
    return lines


def _store_cells(view: StatusView, say: Say) -> list[list[str]]:
    keys = ("col_store", "col_cases", "col_overdue", "col_today", "col_week", *_STATE_COLUMNS)
    body = [[say(key) for key in keys]]
    for (client, name), total in store_totals(view.rows, view.today).items():
        body.append([_store(client, name), *_counts(total)])
    body.append([say("all_stores"), *_counts(overall(view.rows, view.today))])
    return body


# The totals' state columns: Ozon's three answers (TicketOutcome) share one.
_OPEN_STATES = (TicketState.NOT_BUILT, TicketState.BUILT, TicketState.WAITING, TicketState.FOLLOWUP_DUE)
_STATE_COLUMNS = ("col_not_built", "col_built", "col_waiting", "col_followup_due", "col_answered")


def _counts(total: Totals) -> list[str]:
    states = total.states
    figures = [total.cases, total.overdue, total.due_today, total.due_week]
    figures += [states[state] for state in _OPEN_STATES]
    figures.append(sum(states[outcome.value] for outcome in TicketOutcome))
    return [str(figure) for figure in figures]


def _table(
    cells: list[list[str]], rows: list[CaseRow], view: StatusView, say: Say, colon: str = ": "
) -> list[str]:
    """Columns padded by the room they take on screen; a case row has its next action below it."""
    widths = [max(i18n.display_width(line[i]) for line in cells) for i in range(len(cells[0]))]
    lines = [_line(cells[0], widths)]
    for number, line in enumerate(cells[1:]):
        lines.append(_line(line, widths))
        if rows:
            lines += _details(rows[number], view, say, colon)
    return lines


def _line(cells: list[str], widths: list[int]) -> str:
    padded = (
        cell + " " * (width - i18n.display_width(cell)) for cell, width in zip(cells, widths, strict=True)
    )
    return "  ".join(padded).rstrip()
