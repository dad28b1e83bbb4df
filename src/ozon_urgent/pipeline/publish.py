"""A built pack put in place and recorded in the ledger together: both happen, or neither does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ozon_urgent.casefile.model import Case
from ozon_urgent.findings import CaseResult, Code, Finding, make_finding
from ozon_urgent.ledger import CaseKey, Conflict, DuplicateTicketError, Ledger, find_conflict, record_pack
from ozon_urgent.ledger.workdays import msk
from ozon_urgent.pipeline.contents import PackContents
from ozon_urgent.pipeline.gate import GatedFile
from ozon_urgent.ticket.pack import PackExistsError, PackWriteError, stage_pack


@dataclass(frozen=True, slots=True)
class PackRecord:
    """What the ledger notes of a built pack."""

    key: CaseKey
    scenario: str
    ids: dict[str, list[str]]
    case_sha256: str
    attachments: list[tuple[str, str]]  # (name in the pack, SHA-256)
    sources: list[str]  # SHA-256 of each evidence file as the seller has it, before --fix

    @classmethod
    def of(
        cls, case: Case, result: CaseResult, contents: PackContents, gated: Sequence[GatedFile]
    ) -> PackRecord:
        assert result.case_id is not None
        key = CaseKey(
            case.seller.client_id, result.case_id, case.seller.store_name, str(Path(result.file).resolve())
        )
        return cls(
            key,
            case.scenario,
            contents.content.ids,
            result.case_sha256 or "",
            [(a.name, a.sha256) for a in contents.attachments],
            [g.source_sha256 for g in gated],  # before --fix: what the seller has
        )


@dataclass(frozen=True, slots=True)
class Publishing:
    target: Path
    force: bool
    now: datetime
    duplicate_hours: int


def publish_pack(
    files: dict[str, bytes], record: PackRecord, ledger: Ledger, how: Publishing, result: CaseResult
) -> Path | None:
    """The pack at `how.target` with its ledger row committed, or None with the reason among the findings.

    The pack is written whole beside its target first; it is moved into place inside the ledger's write
    transaction, and taken back out if the transaction does not commit. A failure of the ledger itself
    (locked past the timeout, the server gone) is raised for the run to stop on.
    """
    conflict = find_conflict(
        ledger,
        record.key.client_id,
        record.scenario,
        record.ids,
        how.now,
        exclude_case=record.key.case_id,
        duplicate_hours=how.duplicate_hours,
    )
    if conflict is not None:  # known before anything is written
        result.add(duplicate_finding(conflict, result))
        return None
    try:
        staged = stage_pack(how.target, files, force=how.force)
    except PackExistsError as exc:
        result.add(_finding(Code.PACK_EXISTS, result, exc.variant, pack=str(how.target)))
        return None
    except PackWriteError as exc:
        result.add(_write_failed(result, how, exc))
        return None
    try:
        record_pack(
            ledger,
            record.key,
            scenario=record.scenario,
            ids=record.ids,
            case_sha256=record.case_sha256,
            attachments=record.attachments,
            pack_path=str(how.target),
            now=how.now,
            source_sha256s=record.sources,
            duplicate_hours=how.duplicate_hours,
            publish=staged.publish,
        )
    except DuplicateTicketError as lost:  # another process filed a conflicting ticket meanwhile
        staged.discard()
        result.add(duplicate_finding(lost.conflict, result))
        return None
    except PackWriteError as exc:
        staged.discard()
        result.add(_write_failed(result, how, exc))
        return None
    except BaseException:  # the ledger failed, or its commit did: no pack the ledger does not know
        staged.discard()
        raise
    staged.settle()
    return how.target


def duplicate_finding(conflict: Conflict, result: CaseResult) -> Finding:
    return _finding(
        Code.DUPLICATE_TICKET,
        result,
        reference=conflict.reference,
        case_id=conflict.case_id,
        filed_at=msk(conflict.filed_at),
        window_ends=msk(conflict.window_ends),
        overlap=", ".join(value for _, value in conflict.overlap),
    )


def _write_failed(result: CaseResult, how: Publishing, exc: PackWriteError) -> Finding:
    return _finding(Code.PACK_WRITE_FAILED, result, pack=str(how.target), detail=exc.detail)


def _finding(code: Code, result: CaseResult, variant: str = "", **params: object) -> Finding:
    return make_finding(code, variant, file=result.file, line=None, path=(), params=params)
