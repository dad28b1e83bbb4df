"""`status`'s rows: the cases found on disk joined with the ledger's tickets by (Client ID, case_id).

A case file is read cheaply, as the batch's first pass reads it (its YAML only, each field taken when it
is valid on its own), so a case that does not validate yet still shows with what it has. A ticket whose
case file was not among the paths given is shown with the case file the ledger kept, read the same way
for its notification date.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ozon_urgent.casefile.identity import default_case_id
from ozon_urgent.casefile.loader import LoadError, load_case
from ozon_urgent.casefile.model import CaseDate, CaseId, ClientId
from ozon_urgent.ledger.overview import BUILD, CHECK, CaseRow, appeal_deadline
from ozon_urgent.ledger.queries import PastReference
from ozon_urgent.ledger.states import TicketState
from ozon_urgent.ledger.status import TicketStatus
from ozon_urgent.policy import Policy, policy_for

_DATE: TypeAdapter[date] = TypeAdapter(CaseDate)
_CLIENT: TypeAdapter[str] = TypeAdapter(ClientId)
_CASE_ID: TypeAdapter[str] = TypeAdapter(CaseId)


@dataclass(frozen=True, slots=True)
class CaseOnDisk:
    """What `status` reads of a case file; `readable` is False when its YAML cannot be read at all."""

    file: Path
    client_id: str | None
    store_name: str | None
    case_id: str
    scenario: str | None
    notified: date | None
    readable: bool = True


def _valid(adapter: TypeAdapter[str] | TypeAdapter[date], value: object) -> object | None:
    try:
        return None if value is None else adapter.validate_python(value)
    except ValidationError:
        return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_case_on_disk(file: Path) -> CaseOnDisk:
    """The fields `status` shows, each taken when valid; an unreadable file keeps only its name's case_id."""
    try:
        loaded = load_case(file)
    except LoadError:
        return CaseOnDisk(file, None, None, default_case_id(file), None, None, readable=False)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    seller = data.get("seller") if isinstance(data.get("seller"), dict) else {}
    notice = data.get("notification") if isinstance(data.get("notification"), dict) else {}
    assert isinstance(seller, dict) and isinstance(notice, dict)
    client = _valid(_CLIENT, seller.get("client_id"))
    notified = _valid(_DATE, notice.get("received"))
    return CaseOnDisk(
        file,
        client if isinstance(client, str) else None,
        _text(seller.get("store_name")),
        str(_valid(_CASE_ID, data.get("case_id")) or default_case_id(file)),
        _text(data.get("scenario")),
        notified if isinstance(notified, date) else None,
    )


class _Windows:
    """Each case folder's appeal window (its policy's `appeal_window_days`), read once per folder."""

    def __init__(self, policy_file: Path | None) -> None:
        self.policy_file = policy_file
        self.seen: dict[Path, Policy] = {}

    def days(self, file: Path) -> int:
        folder = file.parent
        if folder not in self.seen:
            self.seen[folder] = policy_for(folder, self.policy_file)
        return self.seen[folder].appeal_window_days


def shown_path(stored: str) -> str:
    """A path the ledger kept (absolute) as a command in this folder takes it: relative below it."""
    try:
        relative = os.path.relpath(stored)
    except ValueError:  # another drive (Windows)
        return stored
    return stored if relative.startswith("..") else relative


def status_rows(
    files: Sequence[Path],
    statuses: Sequence[TicketStatus],
    histories: Mapping[int, list[PastReference]],
    policy_file: Path | None,
) -> list[CaseRow]:
    """A row per ticket and per case file on disk, one for both when they are the same case."""
    windows = _Windows(policy_file)
    on_disk: dict[tuple[str | None, str], list[CaseOnDisk]] = {}
    for file in files:
        case = read_case_on_disk(file)
        on_disk.setdefault((case.client_id, case.case_id), []).append(case)
    rows = [_ticket_row(item, on_disk, histories, windows) for item in statuses]
    rows += [_never_built(case, windows) for cases in on_disk.values() for case in cases]
    return rows


def _ticket_row(
    item: TicketStatus,
    on_disk: dict[tuple[str | None, str], list[CaseOnDisk]],
    histories: Mapping[int, list[PastReference]],
    windows: _Windows,
) -> CaseRow:
    """A ticket's row, with the case file given for it, else the one the ledger kept, when it is there."""
    t = item.ticket
    given = on_disk.get((t.client_id, t.case_id))
    case = given.pop(0) if given else None
    file = str(case.file) if case is not None else None
    if case is None and t.case_file:
        file = shown_path(t.case_file)
        if Path(t.case_file).is_file():
            case = read_case_on_disk(Path(t.case_file))
    notified = case.notified if case is not None else None
    return CaseRow(
        t.client_id,
        (case.store_name if case is not None else None) or t.store_name,
        t.case_id,
        file,
        t.scenario,
        item.state,
        item.action,
        notified,
        appeal_deadline(notified, windows.days(case.file)) if case is not None else None,
        item,
        tuple(histories.get(t.id, ())),
    )


def _never_built(case: CaseOnDisk, windows: _Windows) -> CaseRow:
    return CaseRow(
        case.client_id,
        case.store_name,
        case.case_id,
        str(case.file),
        case.scenario,
        TicketState.NOT_BUILT,
        BUILD if case.readable and case.client_id else CHECK,
        case.notified,
        appeal_deadline(case.notified, windows.days(case.file)),
    )
