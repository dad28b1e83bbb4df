"""Every value read from the ledger, taken as its column's type: a value of another type is a damaged ledger.

The ledger is a file (or a database) other tools can write: a row edited by hand, restored from a bad
backup or written by a buggy script may hold `'not a time'` where a timestamp belongs. Each such value
is reported with the row it sits in and what was expected, exit 3 like any other corrupt ledger, rather
than reaching the code that computes deadlines from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger.errors import LedgerError
from ozon_urgent.ledger.states import TicketOutcome
from ozon_urgent.ledger.store import TS_FORMAT, Ledger
from ozon_urgent.unsafe_text import shown

_SHOWN_CHARS = 60  # a value longer than this is cut: the message names it, it need not print it whole


class LedgerDamagedError(LedgerError):
    """A value in the ledger that is not of its column's type; `expected` names the type in the message."""

    def __init__(self, store: Ledger, row: object, case: object, column: str, value: object, expected: str):
        super().__init__(
            "damaged",
            ledger=store.location.shown,
            row=row,
            case=shown_value(case) if not isinstance(case, str) else shown(case),
            column=column,
            value=shown_value(value),
        )
        self.expected = expected

    def message(self, lang: Lang) -> str:
        expected = i18n.text(lang, self.table, f"expected_{self.expected}")
        return i18n.text(lang, self.table, self.kind, expected=expected, **self.params)


def shown_value(value: object) -> str:
    """A stored value as the message quotes it: `'not a time'`, `12345`, `NULL`, `<3 bytes>`."""
    if value is None:
        return "NULL"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    text = repr(value)
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return shown(text)


@dataclass(frozen=True, slots=True)
class RowReader:
    """Reads the values of one row of the ticket `row` (its id) of case `case`; `column` names each."""

    store: Ledger
    row: object
    case: object

    def _damaged(self, column: str, value: object, expected: str) -> LedgerDamagedError:
        return LedgerDamagedError(self.store, self.row, self.case, column, value, expected)

    def text(self, column: str, value: object) -> str:
        if not isinstance(value, str):
            raise self._damaged(column, value, "text")
        return value

    def optional_text(self, column: str, value: object) -> str | None:
        return None if value is None else self.text(column, value)

    def integer(self, column: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._damaged(column, value, "integer")
        return value

    def instant(self, column: str, value: object) -> datetime:
        """SQLite holds an instant as fixed-width UTC text (`Ledger.ts`), PostgreSQL as a timestamptz."""
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC)
        if isinstance(value, str):
            try:
                return datetime.strptime(value, TS_FORMAT).replace(tzinfo=UTC)
            except ValueError:
                pass
        raise self._damaged(column, value, "time")

    def optional_instant(self, column: str, value: object) -> datetime | None:
        return None if value is None else self.instant(column, value)

    def outcome(self, column: str, value: object) -> TicketOutcome | None:
        if value is None:
            return None
        if isinstance(value, str) and value in {outcome.value for outcome in TicketOutcome}:
            return TicketOutcome(value)
        raise self._damaged(column, value, "outcome")
