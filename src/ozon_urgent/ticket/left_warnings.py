"""The warnings a build leaves on a case, as FILING.md lists them for a seller who reads nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ozon_urgent.findings import Finding, Severity, words
from ozon_urgent.i18n import Lang

# Enough to read before filing; the rest are one `check` away, and a long list buries the steps.
SHOWN = 8


@dataclass(frozen=True, slots=True)
class LeftWarnings:
    shown: tuple[tuple[str, str], ...] = ()  # (code, one-line message in the reader's language)
    more: int = 0  # warnings not shown

    def __bool__(self) -> bool:
        return bool(self.shown)

    @property
    def total(self) -> int:
        return len(self.shown) + self.more


def left_warnings(
    findings: Iterable[Finding], lang: Lang, said_elsewhere: Iterable[str] = ()
) -> LeftWarnings:
    """The warnings among `findings`, each (code, message) once, first come first; `said_elsewhere`: codes
    FILING.md already says in a paragraph of its own (C173's review, C160's deadline)."""
    skip, seen = set(said_elsewhere), dict[tuple[str, str], None]()
    for finding in findings:
        if finding.severity is Severity.WARNING and finding.code not in skip:
            seen[(finding.code, " ".join(words(finding, lang).message.split()))] = None
    found = list(seen)
    return LeftWarnings(tuple(found[:SHOWN]), max(0, len(found) - SHOWN))
