"""`followup`: the case's new evidence passes the same gate as `build`'s before it joins the thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ozon_urgent.attachments import InspectLimits
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import CaseResult, Code, Finding
from ozon_urgent.ledger.casefile import CaseFacts
from ozon_urgent.ledger.followup import EvidenceBytes
from ozon_urgent.ledger.followup_run import FollowupDone, run_followup
from ozon_urgent.ledger.store import Store
from ozon_urgent.pipeline.gate import pass_evidence
from ozon_urgent.policy import Policy


@dataclass(frozen=True, slots=True)
class FollowupOptions:
    out: Path
    templates: Path | None = None
    fix: bool = False
    jobs: int | None = None
    cache: bool = True  # reuse and keep verdicts in the user cache folder


@dataclass(frozen=True, slots=True)
class FollowupOutcome:
    """The evidence findings of the case; `done` is None when they stopped the follow-up."""

    result: CaseResult
    done: FollowupDone | None


# Whether the evidence still covers the metric's rolling window depends on the day it is asked; a
# follow-up answers a ticket already filed, so only what is wrong with a file itself stops it.
_WINDOW_CODES = frozenset({Code.EVIDENCE_STALE, Code.WINDOW_NOT_COVERED})


def _judges_a_file(finding: Finding) -> bool:
    return finding.names_evidence_entry() and finding.code not in _WINDOW_CODES


class _EvidenceRefusedError(Exception):
    """The gate found an error in a file that would be sent: nothing is written or recorded."""


def followup_case(
    facts: CaseFacts,
    policy: Policy,
    check: CheckOptions,
    options: FollowupOptions,
    store: Store,
    now: datetime,
) -> FollowupOutcome:
    """Check the case's evidence entries (paths, then content), then write and record the follow-up.

    Only the evidence's findings count here: the case's other fields were judged when the ticket was
    built, and a window that has closed since must not stop the reply to Ozon's question.
    """
    checked = check_case(facts.file, str(facts.file), policy, check)
    result = checked.result
    if checked.case is None or checked.partial or checked.loaded is None:
        return FollowupOutcome(result, None)
    result.findings[:] = [f for f in result.findings if _judges_a_file(f)]
    limits = InspectLimits.for_policy(policy, checked.case.seller.store_name)

    def gate(sent: frozenset[str]) -> Sequence[EvidenceBytes]:
        gated = pass_evidence(
            checked,
            limits,
            fix=options.fix,
            jobs=options.jobs,
            known=sent,
            cache=options.cache,
        )
        if gated is None:
            raise _EvidenceRefusedError
        return [
            EvidenceBytes(g.index, g.data, g.report.sha256 or "", g.source_sha256, g.report.format or "")
            for g in gated
        ]

    try:
        done = run_followup(store, facts, policy, options.out, options.templates, now, gate)
    except _EvidenceRefusedError:
        return FollowupOutcome(result, None)
    return FollowupOutcome(result, done)
