"""What the ledger needs from a case file: its identity, its IDs and its evidence files' SHA-256s."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ozon_urgent.errors import UserError
from ozon_urgent.ledger.errors import LedgerRefusedError
from ozon_urgent.loader import LoadError, load_case
from ozon_urgent.model import Case
from ozon_urgent.validate import validate_case

ID_KINDS = ("postings", "orders", "skus", "products", "offer_ids")


class CaseUnreadableError(UserError):
    """The case file cannot be read as YAML (exit 3), with the loader's code and line."""

    table = "cli.ledger"

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
    def ids(self) -> dict[str, list[str]]:
        return {kind: [str(v) for v in getattr(self.case.affected, kind)] for kind in ID_KINDS}

    def sources(self) -> list[tuple[str, str]]:
        """(file, SHA-256) of each evidence file that can be read; unreadable ones are skipped."""
        out = []
        for item in self.case.evidence:
            try:
                data = (self.file.parent / item.file).read_bytes()
            except OSError:
                continue
            out.append((item.file, hashlib.sha256(data).hexdigest()))
        return out


def read_case_facts(file: Path) -> CaseFacts:
    """The validated case; a file that does not validate is refused (run `check` for the details)."""
    try:
        loaded = load_case(file)
    except LoadError as problem:
        raise CaseUnreadableError(file, problem.code, problem.line) from None
    validated = validate_case(loaded)
    if isinstance(validated, ValidationError):
        raise LedgerRefusedError("case_invalid", file=str(file))
    return CaseFacts(file, validated, validated.case_id or file.stem, loaded.sha256)
