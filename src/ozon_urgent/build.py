"""`build`: check a case, judge its evidence bytes, render the ticket and write the pack atomically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ozon_urgent import __version__
from ozon_urgent.attachments import AttachmentReport, inspect_blobs
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.batch import limits_for
from ozon_urgent.catalog import Catalog, load_catalog
from ozon_urgent.engine import CheckOptions, attachment_findings, check_case, make_finding
from ozon_urgent.findings import CaseResult, Finding, RunResult, Severity
from ozon_urgent.fixes import apply_fixes, change_params
from ozon_urgent.loader import LoadError, load_case
from ozon_urgent.model import Case
from ozon_urgent.pack import PackExistsError, PackWriteError, clean_stale, write_pack
from ozon_urgent.policy import Policy, policy_for
from ozon_urgent.render import Renderer, preflight
from ozon_urgent.ticket import CATEGORY, PRIORITY, PackAttachment, TicketContent, ticket_content

_EXTENSION = {"pdf": "pdf", "jpeg": "jpg"}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    out: Path
    force: bool = False
    fix: bool = False


@dataclass(slots=True)
class BuildOutcome:
    result: CaseResult
    pack: Path | None = None
    changes: list[str] = field(default_factory=list)


def build_case(
    file: Path,
    policy: Policy,
    check: CheckOptions,
    options: BuildOptions,
    renderer: Renderer,
    taken: dict[str, str],
) -> BuildOutcome:
    """Everything for one case file. Raises TemplateError (the run stops); pack problems are findings."""
    checked = check_case(file, str(file), policy, check)
    result, case, loaded = checked.result, checked.case, checked.loaded
    outcome = BuildOutcome(result)
    if case is None or loaded is None or _has_errors(result):
        return outcome
    limits = limits_for(policy)
    blobs: list[tuple[str, bytes]] = []
    # --fix may shrink a file over the limit, so it may read more; the copy must still fit.
    read_limit = limits.fix_max_input_bytes if options.fix else limits.max_bytes
    for index, item in enumerate(case.evidence):
        # The bytes judged below are the bytes the pack gets: read once, through one descriptor.
        read = read_evidence(file.parent / item.file, read_limit)
        if read.data is None:
            report = AttachmentReport(
                item.file, read.size, None, None, None, None, None, (read.hit,) if read.hit else ()
            )
            result.findings.extend(
                attachment_findings(case, loaded, result.file, check.lang, [(index, report)])
            )
            return outcome
        blobs.append((item.file, read.data))
    reports = inspect_blobs(blobs, limits)
    if options.fix:
        outcomes = apply_fixes(blobs, reports, limits)
        blobs = [(name, fixed.data) for (name, _), fixed in zip(blobs, outcomes, strict=True)]
        reports = [fixed.report for fixed in outcomes]
        for index, fixed in enumerate(outcomes):
            path = ("evidence", index, "file")
            for change in fixed.changes:
                result.findings.append(
                    make_finding(
                        "B004",
                        "",
                        file=str(file.parent / case.evidence[index].file),
                        line=loaded.line_of(path),
                        path=path,
                        params=change_params(change, check.lang),
                        lang=check.lang,
                    )
                )
    result.findings.extend(
        attachment_findings(case, loaded, result.file, check.lang, list(enumerate(reports)))
    )
    if _has_errors(result) or result.case_id is None:
        return outcome
    if result.case_id in taken:  # the first case with this id keeps its pack
        result.findings.append(
            _build_finding("B001", result, check, case_id=result.case_id, other=taken[result.case_id])
        )
        return outcome
    taken[result.case_id] = result.file
    catalog = load_catalog()
    attachments, files = _attachments(case, catalog, blobs, reports)
    content = ticket_content(case, result.case_id, catalog, attachments)
    ticket = renderer.ticket(content)
    files["ticket.txt"] = ticket.text.encode("utf-8")
    files["FILING.md"] = renderer.filing(content, catalog, policy, check.lang).encode("utf-8")
    files["ticket.json"] = _ticket_json(
        content, ticket.subject, ticket.body, result.case_sha256 or "", result.findings
    )
    target = options.out / result.case_id
    try:
        write_pack(target, files, force=options.force)
    except PackExistsError:
        result.findings.append(_build_finding("B002", result, check, pack=str(target)))
        return outcome
    except PackWriteError as exc:
        result.findings.append(_build_finding("B003", result, check, pack=str(target), detail=exc.detail))
        return outcome
    outcome.pack = target
    return outcome


def _build_finding(code: str, result: CaseResult, check: CheckOptions, **params: object) -> Finding:
    return make_finding(code, "", file=result.file, line=None, path=(), params=params, lang=check.lang)


def _has_errors(result: CaseResult) -> bool:
    return any(f.severity is Severity.ERROR for f in result.findings)


def _attachments(
    case: Case, catalog: Catalog, blobs: list[tuple[str, bytes]], reports: list[AttachmentReport]
) -> tuple[list[PackAttachment], dict[str, bytes]]:
    attachments: list[PackAttachment] = []
    files: dict[str, bytes] = {}
    for number, (item, (_, data), report) in enumerate(zip(case.evidence, blobs, reports, strict=True), 1):
        name = f"{number:02d}-{item.kind}.{_EXTENSION[report.format or 'pdf']}"
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(
            PackAttachment(
                number,
                name,
                item.kind,
                catalog.kinds[item.kind].names.ru,
                item.caption_ru,
                len(data),
                digest,
                item.span(),
            )
        )
        files[f"attachments/{name}"] = data
    return attachments, files


def _ticket_json(
    content: TicketContent, subject: str, body: str, case_sha256: str, findings: list[Finding]
) -> bytes:
    data = {
        "case_id": content.case_id,
        "scenario": content.scenario,
        "category": CATEGORY,
        "priority": PRIORITY,
        "subject": subject,
        "body": body,
        "ids": content.ids,
        "attachments": [
            {"name": a.name, "kind": a.kind, "bytes": a.size, "sha256": a.sha256} for a in content.attachments
        ],
        "links": [{"kind_ru": link.kind_ru, "url": link.url} for link in content.links],
        "case_sha256": case_sha256,
        "tool_version": __version__,
        "findings": [f.as_dict() for f in findings],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(slots=True)
class BuildRun:
    result: RunResult
    packs: list[Path]


def run_build(
    files: list[Path],
    policy_file: Path | None,
    check: CheckOptions,
    *,
    out: Path,
    force: bool,
    fix: bool,
    templates: Path | None,
    strict: bool,
) -> BuildRun:
    """Build every case; one bad case never stops the others. Raises PolicyError / TemplateError."""
    catalog = load_catalog()
    renderer = Renderer(templates)
    policies = {file: policy_for(file.parent, policy_file) for file in files}
    scenarios = {scenario for file in files if (scenario := _scenario_of(file))}
    for policy in {id(p): p for p in policies.values()}.values():
        preflight(renderer, scenarios, catalog, policy, check.lang)
    clean_stale(out)
    options = BuildOptions(out=out, force=force, fix=fix)
    taken: dict[str, str] = {}
    cases: list[CaseResult] = []
    packs: list[Path] = []
    for file in files:
        outcome = build_case(file, policies[file], check, options, renderer, taken)
        cases.append(outcome.result)
        if outcome.pack is not None:
            packs.append(outcome.pack)
    return BuildRun(RunResult(cases=cases, strict=strict), packs)


def _scenario_of(file: Path) -> str | None:
    """The scenario a case file names, read cheaply for the template pre-flight; None when unreadable."""
    try:
        loaded = load_case(file)
    except LoadError:
        return None
    scenario = loaded.data.get("scenario") if isinstance(loaded.data, dict) else None
    return scenario if isinstance(scenario, str) else None
