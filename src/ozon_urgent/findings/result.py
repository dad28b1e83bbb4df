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
    """Worst result of a case or a run; `cli.exit` maps it to the exit status (docs/exit-codes.md)."""

    OK = "ok"
    FINDINGS = "fail"
    UNREADABLE = "unreadable"


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
    file: str
    line: int | None
    path: FieldPath = ()  # where in the case file: ("evidence", 1, "file"); () for the file as a whole
    variant: str = ""  # which of the code's messages: `message_<variant>` in the catalog, when it has one
    params: Mapping[str, object] = field(default_factory=dict)  # what the message names (Phrase: words too)
    # Input that cannot be read as a case at all (I/O, encoding, YAML syntax) exits 3, not 1.
    unreadable: bool = False

    @property
    def path_text(self) -> str:
        """The path as findings print it: `evidence[1].file`."""
        return field_path(self.path)

    def names_evidence_entry(self) -> bool:
        """Whether the finding is about one of the case's evidence entries (`evidence[i]…`)."""
        return len(self.path) >= 2 and self.path[0] == "evidence" and isinstance(self.path[1], int)


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
        if any(f.unreadable for f in self.findings):
            return Outcome.UNREADABLE
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
        for worst in (Outcome.UNREADABLE, Outcome.FINDINGS):
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
