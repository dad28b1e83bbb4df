"""What the ledger refuses, as data: each error carries its message kind and its exit status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ozon_urgent import i18n
from ozon_urgent.errors import ExitStatus, UserError
from ozon_urgent.i18n import Lang


class LedgerError(UserError):
    """The ledger cannot be opened, read or written (exit 3); `kind` picks the message, `params` fill it."""

    table = "cli.ledger"


class LedgerRefusedError(UserError):
    """A valid request the ledger refuses (exit 1): a duplicate, a second Reference ID, nothing new."""

    table = "cli.ledger"
    exit_status = ExitStatus.FINDINGS


@dataclass(frozen=True, slots=True)
class Conflict:
    """A ticket of the same seller and scenario, with overlapping IDs, filed inside the duplicate window."""

    case_id: str
    reference: str
    filed_at: datetime
    window_ends: datetime
    overlap: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (kind, value)


class FiledMeanwhileError(LedgerRefusedError):
    """The case's ticket was recorded as filed after its build began: its pack is kept (`ticket`: the
    filed row, a `queries.Ticket`)."""

    def __init__(self, ticket: object, case: str) -> None:
        super().__init__("filed_meanwhile", case=case)
        self.ticket = ticket


class DuplicateTicketError(LedgerRefusedError):
    """Filing this would duplicate `conflict`: Ozon archives such tickets, so comment on it instead."""

    def __init__(self, conflict: Conflict, case: str) -> None:
        super().__init__("duplicate", case=case, reference=conflict.reference)
        self.conflict = conflict
        self.case = case

    def message(self, lang: Lang) -> str:
        c = self.conflict
        params = {
            "case": self.case,
            "other": c.case_id,
            "reference": c.reference,
            "overlap": ", ".join(value for _, value in c.overlap),
            "filed": c.filed_at,
            "hours": round((c.window_ends - c.filed_at).total_seconds() / 3600),
            "until": c.window_ends,
        }
        return i18n.text(lang, self.table, self.kind, **params)
