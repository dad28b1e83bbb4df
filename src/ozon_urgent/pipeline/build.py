"""`build`: check a case, judge its evidence bytes, render the ticket and write the pack atomically."""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ozon_urgent import i18n
from ozon_urgent.attachments import InspectLimits, start_workers
from ozon_urgent.casefile.identity import default_case_id
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.crosscase import CaseSummary, SharedEvidence, batch_findings
from ozon_urgent.checking.engine import (
    CheckedCase,
    CheckOptions,
    check_case,
    internal_error,
)
from ozon_urgent.errors import UserError, debug_enabled
from ozon_urgent.findings import BuildStatus, CaseResult, Code, Finding, RunResult, Severity, make_finding
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger import CaseKey, Ledger, open_ledger
from ozon_urgent.pipeline.contents import PackContents, pack_contents
from ozon_urgent.pipeline.gate import pass_evidence
from ozon_urgent.pipeline.progress import Progress
from ozon_urgent.pipeline.publish import PackRecord, Publishing, publish_pack
from ozon_urgent.policy import Policy, policy_for
from ozon_urgent.ticket.pack import clean_stale
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.template_gate import preflight


@dataclass(frozen=True, slots=True)
class BuildOptions:
    out: Path
    force: bool = False
    fix: bool = False
    templates: Path | None = None
    strict: bool = False
    jobs: int | None = None
    cache: bool = True  # reuse and keep verdicts in the user cache folder
    progress: Progress | None = None
    # The ledger of built and filed tickets (a path or URL; None: the default in the user data folder)
    # and the moment the build happens, for the 72-hour duplicate guard.
    ledger: str | None = None
    now: datetime | None = None
    # The ledger FILING.md's `record` and `followup` commands must name: one given with `--ledger`, not
    # the default nor OZON_URGENT_LEDGER (still set when the seller runs them, and no path of this
    # machine belongs in a pack built from the environment).
    ledger_in_filing: str | None = None


@dataclass(slots=True)
class BuildRun:
    result: RunResult
    packs: list[Path]
    # The run itself stopped (the ledger, a template, a policy): each case's `build` says how far it got.
    failure: UserError | None = None

    @property
    def recorded(self) -> list[str]:
        """The cases whose pack was written and recorded, in the order they were built."""
        return [case.case_id or case.file for case in self.result.cases if case.build is BuildStatus.BUILT]

    @property
    def started(self) -> bool:
        """Whether any case got as far as being built before the run stopped."""
        return any(case.build is not BuildStatus.NOT_ATTEMPTED for case in self.result.cases)


class BuildStoppedError(UserError):
    """The run stopped part-way: its cause, then which packs were written and recorded before it."""

    def __init__(self, failure: UserError, recorded: list[str]) -> None:
        super().__init__(failure.kind, **failure.params)
        self.failure, self.recorded = failure, recorded
        self.exit_status = failure.exit_status

    def message(self, lang: Lang) -> str:
        if self.recorded:
            done = i18n.text(lang, "cli.errors", "stopped_built", cases=", ".join(self.recorded))
        else:
            done = i18n.text(lang, "cli.errors", "stopped_none")
        return f"{self.failure.message(lang)}\n{done}"


def run_build(
    files: list[Path], policy_file: Path | None, check: CheckOptions, options: BuildOptions
) -> BuildRun:
    """Build every case; one bad case never stops the others. A failure of the run itself is kept.

    A first pass checks every case and keeps only a small summary of each, so a broken template override
    and the batch-wide findings (a case_id used twice, IDs split across scenarios) are known before any
    pack is written, while memory stays flat however many cases there are; the second pass checks each
    case again (a millisecond) and builds it. When the ledger, a template or a policy fails, the run stops
    there: every pack already built is written and recorded, the case being built has neither.
    """
    placeholders = [
        CaseResult(file=str(file), case_id=default_case_id(file), build=BuildStatus.NOT_ATTEMPTED)
        for file in files
    ]
    run = BuildRun(RunResult(cases=placeholders, strict=options.strict), [])
    try:
        _build_all(files, policy_file, check, options, run)
    except UserError as failure:
        run.failure = failure
    return run


def _build_all(
    files: list[Path], policy_file: Path | None, check: CheckOptions, options: BuildOptions, run: BuildRun
) -> None:
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
    extra = batch_findings(summaries, check.lang, building=True)
    del summaries
    clean_stale(options.out)
    shared = SharedEvidence()
    with closing(open_ledger(options.ledger)) as ledger:
        for number, (file, policy) in enumerate(zip(files, policies, strict=True)):
            item = check_case(file, str(file), policy, check)
            item.result.add(*extra.get(number, []))
            item.result.build = BuildStatus.FAILED  # until it is built or refused
            run.result.cases[number] = item.result
            try:
                pack = build_case(item, policy, check, options, renderer, shared, ledger)
            except UserError:
                raise  # the run itself failed (the ledger, a template): it stops here
            except Exception as exc:  # one case's bug stays that case's finding
                if debug_enabled():
                    raise
                item.result.add(internal_error(exc, item.result.file, check.lang))
                pack = None
            item.result.build = BuildStatus.REFUSED if pack is None else BuildStatus.BUILT
            if pack is not None:
                run.packs.append(pack)
            if options.progress is not None:
                options.progress(item.result.file)


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
    result, case = checked.result, checked.case
    if case is None or checked.partial or checked.loaded is None or result.count(Severity.ERROR):
        return None
    if result.case_id is None:
        return None
    limits = InspectLimits.for_policy(policy, case.seller.store_name)
    gated = pass_evidence(
        checked, limits, fix=options.fix, lang=check.lang, jobs=options.jobs, cache=options.cache
    )
    if gated is None:
        return None
    blobs = [(case.evidence[g.index].file, g.data) for g in gated]
    reports = [g.report for g in gated]
    sources = [g.source_sha256 for g in gated]  # before --fix: what the seller has
    for g in gated:
        result.add(*shared.note(checked, g.index, g.report.sha256, check.lang))
    if result.count(Severity.ERROR):
        return None
    contents = pack_contents(
        case,
        result.case_id,
        result.case_sha256 or "",
        (blobs, reports),
        result.findings,
        renderer,
        load_catalog(),
        policy,
        check.lang,
        result.file,
        options.ledger_in_filing,
    )
    if contents.body_chars > policy.letter_max_chars:
        result.add(_too_long(case, contents, policy, result.file, check.lang))
        return None
    record = PackRecord(
        CaseKey(
            case.seller.client_id, result.case_id, case.seller.store_name, str(Path(result.file).resolve())
        ),
        case.scenario,
        contents.content.ids,
        result.case_sha256 or "",
        [(a.name, a.sha256) for a in contents.attachments],
        sources,
    )
    how = Publishing(
        target=Path(os.path.abspath(options.out / result.case_id)),
        force=options.force,
        now=options.now or datetime.now(UTC),
        duplicate_hours=policy.duplicate_hours,
        lang=check.lang,
    )
    return publish_pack(contents.files, record, ledger, how, result)


def _too_long(case: Case, contents: PackContents, policy: Policy, file: str, lang: Lang) -> Finding:
    """B009, naming the longest part the seller wrote: the explanation or the notification's text."""
    parts = {
        "explanation.ru": len((case.explanation.ru or "") if case.explanation else ""),
        "notification.text": len(case.notification.text or ""),
    }
    part = max(parts, key=lambda name: parts[name])
    params = {
        "chars": contents.body_chars,
        "limit": policy.letter_max_chars,
        "id_list": contents.content.ids_attachment or "id_list.pdf",
        "part": part,
        "part_chars": parts[part],
    }
    return make_finding(Code.LETTER_TOO_LONG, "", file=file, line=None, path=(), params=params, lang=lang)
