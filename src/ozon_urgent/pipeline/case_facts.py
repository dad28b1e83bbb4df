"""What the ledger commands need from a case file: its identity, its IDs and its evidence files' SHA-256s."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments.locate import locate_evidence
from ozon_urgent.attachments.model import InspectLimits
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.casefile.identity import default_case_id, usable_case_id
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.opening import open_case
from ozon_urgent.errors import ExitStatus, UserError
from ozon_urgent.ledger.errors import LedgerRefusedError
from ozon_urgent.ledger.records import CaseKey

# The default policy's max_attachment_bytes; `record` should pass the case's own policy value.
DEFAULT_MAX_BYTES = InspectLimits().max_bytes


class CaseUnreadableError(UserError):
    """The case file cannot be read as YAML, with the loader's code and line: the case fails (exit 1)."""

    table = "cli.ledger"
    exit_status = ExitStatus.FINDINGS

    def __init__(self, file: Path, code: str, line: int | None) -> None:
        super().__init__("case_unreadable", file=file, line=line or 1, code=code)
        self.file, self.code, self.line = file, code, line


@dataclass(frozen=True, slots=True)
class CaseFacts:
    file: Path
    case: Case
    case_id: str
    sha256: str

    @property
    def client_id(self) -> str:
        return self.case.seller.client_id

    @property
    def key(self) -> CaseKey:
        """The ledger's key for this case: the seller's Client ID and the case_id, with the store's name."""
        return CaseKey(self.client_id, self.case_id, self.case.seller.store_name, str(self.file.resolve()))

    @property
    def ids(self) -> dict[str, list[str]]:
        return self.case.affected.ids_by_kind()

    def sources(self, max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[str, str]]:
        """(file, SHA-256) of each evidence file that build would read; refused ones are skipped.

        Located and read as the evidence gate does for build and follow-up (inside the case's folder, a
        symlink to a file there followed, nothing over `max_bytes`), so a hash recorded here is one a
        follow-up can match.
        """
        out = []
        base = os.path.realpath(self.file.parent)
        for item in self.case.evidence:
            where = locate_evidence(base, item.file)
            if where.verdict != "ok" or where.resolved is None:
                continue
            read = read_evidence(where.resolved, max_bytes)
            if read.data is not None:
                out.append((item.file, hashlib.sha256(read.data).hexdigest()))
        return out


def read_case_facts(file: Path) -> CaseFacts:
    """The validated case; a file that does not validate is refused (run `check` for the details)."""
    opened = open_case(file, str(file))
    if opened.loaded is None:
        [problem] = opened.problems
        raise CaseUnreadableError(file, problem.code, problem.line)
    if opened.case is None:
        raise LedgerRefusedError("case_invalid", file=str(file))
    case_id = opened.case.case_id or default_case_id(file)
    if not usable_case_id(case_id):  # C103: the folder's name cannot name a ticket
        raise LedgerRefusedError("case_invalid", file=str(file))
    return CaseFacts(file, opened.case, case_id, opened.loaded.sha256)
