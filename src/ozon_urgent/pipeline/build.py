"""`build`: check a case, judge its evidence bytes, render the ticket and write the pack atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ozon_urgent import __version__
from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_blobs, start_workers
from ozon_urgent.attachments.fix_batch import apply_fixes, change_params
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import Catalog, load_catalog
from ozon_urgent.checking.crosscase import CaseSummary, SharedEvidence, batch_findings
from ozon_urgent.checking.engine import CheckedCase, CheckOptions, attachment_findings, check_case
from ozon_urgent.findings import CaseResult, Code, Finding, RunResult, Severity, make_finding
from ozon_urgent.ledger import Conflict, DuplicateTicketError, Ledger, find_conflict, open_ledger, record_pack
from ozon_urgent.ledger.workdays import msk
from ozon_urgent.pipeline.progress import Progress
from ozon_urgent.policy import Policy, policy_for
from ozon_urgent.ticket.content import (
    CATEGORY,
    PRIORITY,
    PackAttachment,
    TicketContent,
    attachment_name,
    ticket_content,
)
from ozon_urgent.ticket.pack import PackExistsError, PackWriteError, clean_stale, write_pack
from ozon_urgent.ticket.render import Renderer, preflight


@dataclass(frozen=True, slots=True)
class BuildOptions:
    out: Path
    force: bool = False
    fix: bool = False
    templates: Path | None = None
    strict: bool = False
    jobs: int | None = None
    progress: Progress | None = None
    # The ledger of built and filed tickets (a path or URL; None: the default in the user data folder)
    # and the moment the build happens, for the 72-hour duplicate guard.
    ledger: str | None = None
    now: datetime | None = None


@dataclass(slots=True)
class BuildRun:
    result: RunResult
    packs: list[Path]


def run_build(
    files: list[Path], policy_file: Path | None, check: CheckOptions, options: BuildOptions
) -> BuildRun:
    """Build every case; one bad case never stops the others. Raises PolicyError / TemplateError.

    A first pass checks every case and keeps only a small summary of each, so a broken template override
    and the batch-wide findings (a case_id used twice, IDs split across scenarios) are known before any
    pack is written, while memory stays flat however many cases there are; the second pass checks each
    case again (a millisecond) and builds it.
    """
    catalog = load_catalog()
    renderer = Renderer(options.templates)
    policies = [policy_for(file.parent, policy_file) for file in files]
    start_workers(InspectLimits.for_policy(policies[0]) if policies else InspectLimits(), options.jobs)
    summaries = [
        CaseSummary.of(check_case(file, str(file), policy, check))
        for file, policy in zip(files, policies, strict=True)
    ]
    scenarios = {summary.scenario for summary in summaries if summary.scenario}
    for policy in {id(p): p for p in policies}.values():
        preflight(renderer, scenarios, catalog, policy, check.lang)
    extra = batch_findings(summaries, check.lang)
    del summaries
    clean_stale(options.out)
    shared = SharedEvidence()
    results: list[CaseResult] = []
    packs: list[Path] = []
    with closing(open_ledger(options.ledger)) as ledger:
        for number, (file, policy) in enumerate(zip(files, policies, strict=True)):
            item = check_case(file, str(file), policy, check)
            item.result.add(*extra.get(number, []))
            pack = build_case(item, policy, check, options, renderer, shared, ledger)
            results.append(item.result)
            if pack is not None:
                packs.append(pack)
            if options.progress is not None:
                options.progress(item.result.file)
    return BuildRun(RunResult(cases=results, strict=options.strict), packs)


def build_case(
    checked: CheckedCase,
    policy: Policy,
    check: CheckOptions,
    options: BuildOptions,
    renderer: Renderer,
    shared: SharedEvidence,
    ledger: Ledger,
) -> Path | None:
    """The pack of one checked case, or None; every problem is added to the case's findings."""
    result, case, loaded = checked.result, checked.case, checked.loaded
    if case is None or loaded is None or _has_errors(result):
        return None
    limits = InspectLimits.for_policy(policy)
    blobs: list[tuple[str, bytes]] = []
    now = options.now or datetime.now(UTC)
    # --fix may shrink a file over the limit, so it may read more; the copy must still fit.
    read_limit = limits.fix_max_input_bytes if options.fix else limits.max_bytes
    folder = Path(result.file).parent
    for index, item in enumerate(case.evidence):
        # The bytes judged below are the bytes the pack gets: read once, through one descriptor.
        read = read_evidence(folder / item.file, read_limit)
        if read.data is None:
            report = AttachmentReport(
                item.file, read.size, None, None, None, None, None, (read.hit,) if read.hit else ()
            )
            result.add(*attachment_findings(case, loaded, result.file, check.lang, [(index, report)]))
            return None
        blobs.append((item.file, read.data))
    reports = inspect_blobs(blobs, limits, options.jobs)
    sources = [hashlib.sha256(data).hexdigest() for _, data in blobs]  # before --fix: what the seller has
    if options.fix:
        blobs, reports = _fixed(checked, blobs, reports, limits, check)
    result.add(*attachment_findings(case, loaded, result.file, check.lang, list(enumerate(reports))))
    for index, report in enumerate(reports):
        result.add(*shared.note(checked, index, report.sha256, check.lang))
    if _has_errors(result) or result.case_id is None:
        return None
    catalog = load_catalog()
    attachments, files = _attachments(case, catalog, blobs, reports)
    content = ticket_content(case, result.case_id, catalog, attachments)
    ticket = renderer.ticket(content)
    files["ticket.txt"] = ticket.text.encode("utf-8")
    files["FILING.md"] = renderer.filing(content, catalog, policy, check.lang).encode("utf-8")
    files["ticket.json"] = _ticket_json(
        content, ticket.subject, ticket.body, result.case_sha256 or "", result.findings
    )
    conflict = find_conflict(
        ledger,
        case.seller.client_id,
        case.scenario,
        content.ids,
        now,
        exclude_case=result.case_id,
        duplicate_hours=policy.duplicate_hours,
    )
    if conflict is not None:
        result.add(_duplicate_finding(conflict, result, check))
        return None
    target = options.out / result.case_id
    try:
        write_pack(target, files, force=options.force)
    except PackExistsError:
        result.add(_build_finding(Code.PACK_EXISTS, result, check, pack=str(target)))
        return None
    except PackWriteError as exc:
        result.add(_build_finding(Code.PACK_WRITE_FAILED, result, check, pack=str(target), detail=exc.detail))
        return None
    try:
        record_pack(
            ledger,
            case_id=result.case_id,
            client_id=case.seller.client_id,
            scenario=case.scenario,
            ids=content.ids,
            case_sha256=result.case_sha256 or "",
            attachments=[(a.name, a.sha256) for a in attachments],
            pack_path=str(target),
            now=now,
            source_sha256s=sources,
            duplicate_hours=policy.duplicate_hours,
        )
    except DuplicateTicketError as lost:  # another process filed a conflicting ticket meanwhile
        shutil.rmtree(target, ignore_errors=True)
        result.add(_duplicate_finding(lost.conflict, result, check))
        return None
    return target


def _duplicate_finding(conflict: Conflict, result: CaseResult, check: CheckOptions) -> Finding:
    return _build_finding(
        Code.DUPLICATE_TICKET,
        result,
        check,
        reference=conflict.reference,
        case_id=conflict.case_id,
        filed_at=msk(conflict.filed_at),
        window_ends=msk(conflict.window_ends),
        overlap=", ".join(value for _, value in conflict.overlap),
    )


def _fixed(
    checked: CheckedCase,
    blobs: list[tuple[str, bytes]],
    reports: list[AttachmentReport],
    limits: InspectLimits,
    check: CheckOptions,
) -> tuple[list[tuple[str, bytes]], list[AttachmentReport]]:
    """The pack's copies after `--fix`, each change reported (B004) at its evidence entry."""
    assert checked.case is not None and checked.loaded is not None
    outcomes = apply_fixes(blobs, reports, limits)
    folder = Path(checked.result.file).parent
    for index, fixed in enumerate(outcomes):
        path = ("evidence", index, "file")
        for change in fixed.changes:
            checked.result.add(
                make_finding(
                    Code.ATTACHMENT_FIXED,
                    "",
                    file=str(folder / checked.case.evidence[index].file),
                    line=checked.loaded.line_of(path),
                    path=path,
                    params=change_params(change, check.lang),
                    lang=check.lang,
                )
            )
    return (
        [(name, fixed.data) for (name, _), fixed in zip(blobs, outcomes, strict=True)],
        [fixed.report for fixed in outcomes],
    )


def _has_errors(result: CaseResult) -> bool:
    return any(f.severity is Severity.ERROR for f in result.findings)


def _build_finding(code: Code, result: CaseResult, check: CheckOptions, **params: object) -> Finding:
    return make_finding(code, "", file=result.file, line=None, path=(), params=params, lang=check.lang)


def _attachments(
    case: Case, catalog: Catalog, blobs: list[tuple[str, bytes]], reports: list[AttachmentReport]
) -> tuple[list[PackAttachment], dict[str, bytes]]:
    attachments: list[PackAttachment] = []
    files: dict[str, bytes] = {}
    for number, (item, (_, data), report) in enumerate(zip(case.evidence, blobs, reports, strict=True), 1):
        name = attachment_name(number, item.kind, report.format or "pdf")
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
