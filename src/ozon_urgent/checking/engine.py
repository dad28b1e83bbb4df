"""Checking a case: load it, validate it against the model, run every check, return findings."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from ozon_urgent.attachments.locate import EvidencePath, locate_evidence
from ozon_urgent.attachments.model import AttachmentReport
from ozon_urgent.casefile.identity import default_case_id, same_case_file
from ozon_urgent.casefile.loader import Loaded
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.opening import open_case
from ozon_urgent.casefile.partial import partial_case
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checks import CHECKS, CaseContext, Check, Hit
from ozon_urgent.checks.control_characters import ControlCharacters, control_hits
from ozon_urgent.errors import debug_enabled
from ozon_urgent.findings import CaseResult, Code, Finding, Severity, declaration, make_finding
from ozon_urgent.policy import Policy


@dataclass(frozen=True, slots=True)
class CheckOptions:
    today: date
    # (Client ID, case_id) of the tickets the ledger holds as filed, with the case file each was recorded
    # from (`ledger.read_filed`): their cases, like those with a `filed:` block, are no longer judged on
    # deadlines; a new case that only repeats a filed case's id still is.
    filed: Mapping[tuple[str, str], str | None] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class CheckedCase:
    """One case file's findings, with its validated model and loaded data when it got that far."""

    result: CaseResult
    case: Case | None = None
    loaded: Loaded | None = None
    located: tuple[EvidencePath, ...] = ()  # where each evidence path leads, when the case validated
    # The case validated only with its refused fields set aside (`casefile.partial`): checked, and its
    # evidence judged, but never built or followed up.
    partial: bool = False


def check_case(file: Path, display: str, policy: Policy, options: CheckOptions) -> CheckedCase:
    """Every finding for one case file that needs no evidence content (see `attachment_findings`).

    Whatever goes wrong inside stays this case's: an unexpected exception becomes its B008 finding.
    """
    try:
        return _check_case(file, display, policy, options)
    except Exception as exc:
        if debug_enabled():
            raise
        result = CaseResult(file=display, case_id=default_case_id(file))
        result.add(internal_error(exc, display))
        return CheckedCase(result)


def _filed_in_ledger(filed: Mapping[tuple[str, str], str | None], key: tuple[str, str], file: Path) -> bool:
    """Whether the ledger holds this very case as filed, not another case that used its id first."""
    return key in filed and same_case_file(filed[key], file)


def internal_error(exc: Exception, display: str) -> Finding:
    """A bug met on one case, said on that case: its type and first words, never a traceback."""
    detail = " ".join(str(exc).split())[:160]
    error = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return make_finding(Code.INTERNAL_ERROR, "", file=display, line=None, path=(), params={"error": error})


def _check_case(file: Path, display: str, policy: Policy, options: CheckOptions) -> CheckedCase:
    result = CaseResult(file=display, case_id=default_case_id(file), disabled=frozenset(policy.disable))
    opened = open_case(file, display)
    result.add(*opened.problems)
    loaded, validated = opened.loaded, opened.case
    if loaded is None:
        return CheckedCase(result)
    _note_identity(result, loaded)
    result.case_sha256 = loaded.sha256
    tainted: frozenset[str] = frozenset()
    if validated is None:
        partial = partial_case(loaded)
        if partial is None:
            if ControlCharacters.code not in result.disabled:
                for hit in control_hits(loaded.data):
                    result.add(_finding(ControlCharacters, hit, loaded, display))
            return CheckedCase(result, None, loaded)
        # Every problem in one run: the checks that read none of the refused fields run as usual.
        validated, tainted = partial.case, partial.tainted
    case = validated
    result.case_id = case.case_id or default_case_id(file)
    base = os.path.realpath(file.parent)
    ctx = CaseContext(
        case_file=file,
        loaded=loaded,
        case=case,
        policy=policy,
        catalog=load_catalog(),
        today=case.as_of or options.today,  # an example is judged as of its own day (C162)
        located=tuple(locate_evidence(base, item.file) for item in case.evidence),
        run_today=options.today,
        filed_in_ledger=_filed_in_ledger(options.filed, (case.seller.client_id, result.case_id), file),
    )
    for check in CHECKS:
        if check.code in result.disabled:
            continue  # not run at all: some checks cost real time (the Russian gate, personal data)
        if tainted:
            reading = _Reads(case)
            hits = list(check().run(dataclasses.replace(ctx, case=cast(Case, reading))))
            if reading.fields & tainted:
                continue  # it judged a stand-in for a field the schema refused
        else:
            hits = list(check().run(ctx))
        for hit in hits:
            result.add(_finding(check, hit, ctx.loaded, display))
    return CheckedCase(result, case, loaded, ctx.located, partial=bool(tainted))


class _Reads:
    """The case as a check sees it, noting which top-level fields the check reads."""

    def __init__(self, case: Case) -> None:
        self._case = case
        self.fields: set[str] = set()

    def __getattr__(self, name: str) -> object:
        self.fields.add(name)
        return getattr(self._case, name)


def attachment_findings(
    case: Case, loaded: Loaded, display: str, reports: Sequence[tuple[int, AttachmentReport]]
) -> list[Finding]:
    """Findings for evidence judged by content: about the file, pointing at its `evidence[i].file` line.

    `personal_data_ok: true` on an evidence entry (the seller's own contacts) turns its personal-data
    findings into notes.
    """
    folder = os.path.dirname(display)
    found = []
    for index, report in reports:
        item = case.evidence[index]
        path = ("evidence", index, "file")
        for hit in report.hits:
            quiet = item.personal_data_ok and hit.code.startswith("P")
            found.append(
                make_finding(
                    declaration(hit.code),
                    hit.variant,
                    file=os.path.join(folder, item.file),
                    line=None,  # a line of the attachment means nothing; its entry's is `case_line`
                    path=path,
                    params=hit.params,
                    severity=Severity.INFO if quiet else None,
                    case_line=loaded.line_of(path),
                )
            )
    return found


def _finding(check: type[Check], hit: Hit, loaded: Loaded, display: str) -> Finding:
    return make_finding(
        check.declaration,
        hit.variant,
        file=hit.file or display,
        line=loaded.line_of(hit.path),
        path=hit.path,
        params=hit.params,
    )


def _note_identity(result: CaseResult, loaded: Loaded) -> None:
    """case_id and scenario for the report, even when the rest of the case does not validate."""
    if isinstance(loaded.data, dict):
        case_id, scenario = loaded.data.get("case_id"), loaded.data.get("scenario")
        if isinstance(case_id, str) and case_id:
            result.case_id = case_id
        if isinstance(scenario, str):
            result.scenario = scenario
