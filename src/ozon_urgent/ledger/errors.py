"""What the ledger refuses, as data: the CLI turns each into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class LedgerError(Exception):
    """The ledger cannot be opened, read or written (exit 3); `kind` picks the message, `params` fill it."""

    def __init__(self, kind: str, **params: object) -> None:
        super().__init__(f"{kind}: {params}")
        self.kind = kind
        self.params = params


class LedgerRefusedError(Exception):
    """A valid request the ledger refuses (exit 1): a duplicate, a second Reference ID, nothing new."""

    def __init__(self, kind: str, **params: object) -> None:
        super().__init__(f"{kind}: {params}")
        self.kind = kind
        self.params = params


@dataclass(frozen=True, slots=True)
class Conflict:
    """A ticket of the same seller and scenario, with overlapping IDs, filed inside the duplicate window."""

    case_id: str
    reference: str
    filed_at: datetime
    window_ends: datetime
    overlap: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (kind, value)


class DuplicateTicketError(LedgerRefusedError):
    """Filing this would duplicate `conflict`: Ozon archives such tickets, so comment on it instead."""

    def __init__(self, conflict: Conflict) -> None:
        super().__init__("duplicate", case=conflict.case_id, reference=conflict.reference)
        self.conflict = conflict
