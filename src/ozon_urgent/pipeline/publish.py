"""A built pack put in place and recorded in the ledger together: both happen, or neither does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ozon_urgent.casefile.model import Case
from ozon_urgent.findings import CaseResult, Code, Finding, make_finding
from ozon_urgent.ledger import BuiltPack, CaseKey, Conflict, DuplicateTicketError, Ledger, recording_pack
from ozon_urgent.ledger.errors import FiledMeanwhileError
from ozon_urgent.ledger.queries import Ticket
from ozon_urgent.pipeline.contents import PackContents
from ozon_urgent.pipeline.gate import GatedFile
from ozon_urgent.pipeline.repeat import filed_pack_kept
from ozon_urgent.ticket.pack import PackExistsError, PackWriteError, StagedPack, stage_pack


@dataclass(frozen=True, slots=True)
class Publishing:
    target: Path
    force: bool
    now: datetime
    duplicate_hours: int


def built_pack(
    case: Case, result: CaseResult, contents: PackContents, gated: Sequence[GatedFile], target: Path
) -> BuiltPack:
    """What the ledger notes of the pack `contents` makes of a checked case, to be put at `target`."""
    assert result.case_id is not None
    key = CaseKey(
        case.seller.client_id, result.case_id, case.seller.store_name, str(Path(result.file).resolve())
    )
    return BuiltPack(
        key,
        case.scenario,
        contents.content.ids,
        result.case_sha256 or "",
        [(a.name, a.sha256) for a in contents.attachments],
        str(target),
        [g.source_sha256 for g in gated],  # before --fix: what the seller has
    )


def publish_pack(
    files: dict[str, bytes], record: BuiltPack, ledger: Ledger, how: Publishing, result: CaseResult
) -> Path | None:
    """The pack at `how.target` with its ledger row committed, or None with the reason among the findings.

    The pack is written whole beside its target first; it is moved into place inside the ledger's write
    transaction, which refuses a duplicate before writing anything, and taken back out if the transaction
    does not commit. Without `--force` it is put there only if no pack is: two builds of one case at
    once both pass the check before staging, and the second to publish is refused (B002), not told
    "pack written" over the first's pack. A failure of the ledger itself (locked past the timeout, the
    server gone) is raised for the run to stop on.
    """
    try:
        staged = stage_pack(how.target, files, force=how.force)
    except PackExistsError as exc:
        result.add(_finding(Code.PACK_EXISTS, result, exc.variant, pack=str(how.target)))
        return None
    except PackWriteError as exc:
        result.add(_write_failed(result, how, exc))
        return None
    try:
        _record(staged, record, ledger, how)
    except PackExistsError as exc:  # another build of the case published first: it wins, this one is refused
        result.add(_finding(Code.PACK_EXISTS, result, exc.variant, pack=str(how.target)))
        return None
    except DuplicateTicketError as duplicate:
        result.add(duplicate_finding(duplicate.conflict, result))
        return None
    except FiledMeanwhileError as filed:  # `record` ran while this case was being built
        assert isinstance(filed.ticket, Ticket) and result.case_id is not None
        result.add(filed_pack_kept(result.file, result.case_id, filed.ticket))
        return None
    except PackWriteError as exc:
        result.add(_write_failed(result, how, exc))
        return None
    staged.settle()
    return how.target


def _record(staged: StagedPack, record: BuiltPack, ledger: Ledger, how: Publishing) -> None:
    try:
        with recording_pack(ledger, record, how.now, how.duplicate_hours):
            staged.publish()  # the row commits only once the pack is in place
    except BaseException:  # a duplicate, a failed rename, the ledger or its commit: no pack it does not know
        staged.discard()
        raise


def duplicate_finding(conflict: Conflict, result: CaseResult) -> Finding:
    return _finding(
        Code.DUPLICATE_TICKET,
        result,
        reference=conflict.reference,
        case_id=conflict.case_id,
        filed_at=conflict.filed_at,
        window_ends=conflict.window_ends,
        overlap=", ".join(value for _, value in conflict.overlap),
    )


def _write_failed(result: CaseResult, how: Publishing, exc: PackWriteError) -> Finding:
    return _finding(Code.PACK_WRITE_FAILED, result, pack=str(how.target), detail=exc.detail)


def _finding(code: Code, result: CaseResult, variant: str = "", **params: object) -> Finding:
    return make_finding(code, variant, file=result.file, line=None, path=(), params=params)
