"""Reading a case for translation: the exact text and bytes' hash, and the validated model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.opening import open_case
from ozon_urgent.errors import ExitStatus, UserError
from ozon_urgent.findings import Finding


@dataclass(frozen=True, slots=True)
class CaseSource:
    text: str  # decoded, without the byte-order mark
    sha256: str  # of the file's bytes, to notice a save made while DeepL was translating
    bom: bool
    case: Case


class CaseFailedError(UserError):
    """A case that was not translated; `kind` is a message in `cli.translate`, the file is unchanged.

    `findings` say why, when the case file itself is at fault; a batch reports them and goes on.
    """

    table = "cli.translate"

    def __init__(
        self,
        kind: str,
        params: dict[str, object],
        exit_status: ExitStatus = ExitStatus.FAILED,
        findings: list[Finding] | None = None,
    ) -> None:
        super().__init__(kind, **params)
        self.exit_status = exit_status
        self.findings = findings or []


def read_case_source(path: Path, display: str) -> CaseSource:
    """The case as `check` reads it; a file `check` would reject is not translated."""
    opened = open_case(path, display)
    findings = list(opened.problems)
    if opened.loaded is None or opened.text is None:
        raise CaseFailedError("unreadable", {"file": display}, ExitStatus.FINDINGS, findings)
    if opened.case is None:
        raise CaseFailedError(
            "invalid", {"file": display, "count": len(findings)}, ExitStatus.FINDINGS, findings
        )
    # The file is read with utf-8-sig; a hash that differs from the text's own means a BOM was there.
    digest = opened.loaded.sha256
    bom = hashlib.sha256(opened.text.encode("utf-8")).hexdigest() != digest
    return CaseSource(opened.text, digest, bom, opened.case)
