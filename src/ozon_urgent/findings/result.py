"""Findings and results: the plain data every stage returns and every reporter reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Key = str | int
FieldPath = tuple[Key, ...]  # where in the case file: ("evidence", 1, "file")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Outcome(StrEnum):
    """Worst result of a case or a run; `cli.exit` maps it to the exit status (docs/exit-codes.md).

    A case file that cannot be read or parsed (Y001–Y005) is a case that fails, like any error: the input
    is at fault, not the tool. Only a finding that says the tool or its environment failed on the case
    (a pack that cannot be written, B003; a bug, B008) makes it TOOL_FAILED.
    """

    OK = "ok"
    FINDINGS = "fail"
    TOOL_FAILED = "tool_failed"


class BuildStatus(StrEnum):
    """What `build` did with a case: pack written and recorded, kept as it was, refused by its findings,
    or never reached."""

    BUILT = "built"
    SKIPPED = "skipped"  # its pack was already what the build would make (B010): a success, nothing written
    REFUSED = "refused"
    FAILED = "failed"  # the run itself failed (the ledger, the disk) while this case was being built
    NOT_ATTEMPTED = "not_attempted"  # the run stopped before this case


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found, as data: its code and the variant and parameters of its message, and where.

    Words come last: `findings.words` says a finding in the reader's language, and only reporters and the
    CLI call it, so nothing that checks a case needs to know who will read the result.
    """

    code: str
    severity: Severity
    file: str  # the case file, or the attachment the finding is about
    line: int | None  # the line in `file`; None when there is none (an attachment has no lines)
    path: FieldPath = ()  # where in the case file: ("evidence", 1, "file"); () for the file as a whole
    variant: str = ""  # which of the code's messages: `message_<variant>` in the catalog, when it has one
    params: Mapping[str, object] = field(default_factory=dict)  # what the message names (Phrase: words too)
    # The tool or its environment failed on this case (B003 the disk, B008 a bug): the run exits 3, not 1.
    tool_failed: bool = False
    # When `file` is an attachment: the line in the case file of the entry (`path`) that names it.
    case_line: int | None = None

    @property
    def path_text(self) -> str:
        """The path as findings print it: `evidence[1].file`."""
        return field_path(self.path)

    @property
    def line_in_case(self) -> int | None:
        """The line in the case file the finding points at: `line`, or for an attachment its entry's."""
        return self.case_line if self.case_line is not None else self.line

    @property
    def about_attachment(self) -> bool:
        """Whether `file` is an attachment the case names, not the case file."""
        return self.case_line is not None

    def names_evidence_entry(self) -> bool:
        """Whether the finding is about one of the case's evidence entries (`evidence[i]…`)."""
        return len(self.path) >= 2 and self.path[0] == "evidence" and isinstance(self.path[1], int)


@dataclass(frozen=True, slots=True)
class Worded:
    """A parameter worded in each language where it is made, from data the findings do not read (the
    scenario catalog's Chinese names beside a list of keys: `skus`（SKU）、`products`（商品 ID）)."""

    en: str
    zh: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """A parameter that is itself words: a key of the message catalog, said in the reader's language."""

    table: str
    key: str


@dataclass(slots=True)
class CaseResult:
    file: str
    case_id: str | None = None
    scenario: str | None = None
    findings: list[Finding] = field(default_factory=list)
    case_sha256: str | None = None  # of the bytes the case was loaded from
    # Codes the case's policy switches off (`disable`): dropped here, whichever stage raises them.
    disabled: frozenset[str] = frozenset()
    build: BuildStatus | None = None  # set by `build` only

    def add(self, *findings: Finding) -> None:
        self.findings.extend(f for f in findings if f.code not in self.disabled)

    def outcome(self, *, strict: bool = False) -> Outcome:
        if any(f.tool_failed for f in self.findings):
            return Outcome.TOOL_FAILED
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        if any(f.severity in failing for f in self.findings):
            return Outcome.FINDINGS
        return Outcome.OK

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass(slots=True)
class RunResult:
    cases: list[CaseResult]
    strict: bool = False

    def outcome(self) -> Outcome:
        outcomes = {case.outcome(strict=self.strict) for case in self.cases}
        for worst in (Outcome.TOOL_FAILED, Outcome.FINDINGS):
            if worst in outcomes:
                return worst
        return Outcome.OK

    def count(self, severity: Severity) -> int:
        return sum(case.count(severity) for case in self.cases)


def field_path(path: FieldPath) -> str:
    """`('evidence', 1, 'file')` → `evidence[1].file`, the form findings use."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
