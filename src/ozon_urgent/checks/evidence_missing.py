"""C180: an evidence file that does not exist."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ozon_urgent.attachments.locate import OS_ERROR_KINDS
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceFileMissing(Check):
    """The file named in `evidence[].file` does not exist (or cannot be reached) next to the case.

    Wrong: `file: evidence/waybil.pdf` (a typo). Right: the path as it is on disk, relative to the case file.
    When the same folder holds a file of the same name with another extension (`chat_records.jpg` for
    `chat_records.pdf`) or a name a letter or two away, the message names it.
    """

    code = Code.EVIDENCE_FILE_MISSING
    name = "evidence-file-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, (item, where) in enumerate(zip(ctx.case.evidence, ctx.located, strict=True)):
            if where.verdict in ("missing", "os_error"):
                known = where.verdict == "os_error" and where.detail in OS_ERROR_KINDS.values()
                variant = f"os_error_{where.detail}" if known else where.verdict
                near = _near_file(ctx.case_file.parent, item.file) if variant == "missing" else None
                params: dict[str, object] = {"file": item.file, "error": where.detail, "near": near}
                yield Hit(("evidence", index, "file"), "near" if near else variant, params)


_LISTED = 2000  # a folder's names looked at for a near one: evidence folders hold dozens


def _near_file(base: Path, written: str) -> str | None:
    """A file beside where `written` points that the seller likely meant, as they would write it: one of
    the same name with another extension, else the closest name. None when the folder is not there."""
    wanted = PurePosixPath(written.replace("\\", "/"))
    folder = base / wanted.parent
    try:
        with os.scandir(folder) as entries:
            names = [e.name for _, e in zip(range(_LISTED), entries, strict=False) if e.is_file()]
    except OSError:
        return None
    same_stem = [name for name in names if PurePosixPath(name).stem.casefold() == wanted.stem.casefold()]
    found = sorted(same_stem) or difflib.get_close_matches(wanted.name, names, n=1, cutoff=0.8)
    return str(wanted.parent / found[0]) if found else None
