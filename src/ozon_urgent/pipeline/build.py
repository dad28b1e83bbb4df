"""`build`: check a case, judge its evidence bytes, render the ticket and write the pack atomically."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ozon_urgent import i18n
from ozon_urgent.attachments import AttachmentReport, InspectLimits, start_workers
from ozon_urgent.casefile.identity import default_case_id, same_case_file
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.crosscase import SharedEvidence
from ozon_urgent.checking.engine import CheckedCase, CheckOptions, internal_error
from ozon_urgent.errors import UserError, debug_enabled
from ozon_urgent.findings import BuildStatus, CaseResult, Code, Finding, RunResult, Severity, make_finding
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger import Ledger, open_ledger
from ozon_urgent.ledger.overview import appeal_deadline
from ozon_urgent.pipeline.contents import PackContents, PackSource, pack_contents
from ozon_urgent.pipeline.driver import CaseBatch
from ozon_urgent.pipeline.gate import GatedFile, pass_evidence
from ozon_urgent.pipeline.progress import Progress
from ozon_urgent.pipeline.publish import Publishing, built_pack, publish_pack
from ozon_urgent.pipeline.repeat import (
    BuildPrint,
    Previous,
    case_id_filed,
    filed_pack_kept,
    is_current,
    seller_sources,
    settings_digest,
    templates_digest,
    up_to_date,
)
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.appeal import AppealDue
from ozon_urgent.ticket.pack import clean_stale, pack_folder
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.template_gate import preflight


@dataclass(frozen=True, slots=True)
class BuildOptions:
    out: Path
    lang: Lang = "en"  # of the pack's FILING.md and the seller's copy of the letter
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
    # Told once when the ledger's write lock is held by another process for a moment (the CLI says so).
    ledger_waiting: Callable[[], None] | None = None


@dataclass(slots=True)
class BuildRun:
    result: RunResult
    packs: list[Path]
    appeal: dict[Path, AppealDue] = field(default_factory=dict)  # by pack; none for an `as_of` case

    @property
    def recorded(self) -> list[str]:
        """The cases whose pack was written and recorded, in the order they were built."""
        return [case.case_id or case.file for case in self.result.cases if case.build is BuildStatus.BUILT]

    @property
    def started(self) -> bool:
        """Whether any case got as far as being built before the run stopped."""
        return any(case.build is not BuildStatus.NOT_ATTEMPTED for case in self.result.cases)


class BuildStoppedError(UserError):
    """The run itself failed part-way (the ledger, a template, a policy): its cause, and the run as far as
    it got, each case's `build` saying how far that was. Every pack already built is written and
    recorded; the case being built has neither."""

    def __init__(self, failure: UserError, run: BuildRun) -> None:
        super().__init__(failure.kind, **failure.params)
        self.failure, self.run = failure, run
        self.exit_status = failure.exit_status

    def message(self, lang: Lang) -> str:
        if not self.run.started:  # stopped before any case: the cause alone says it
            return self.failure.message(lang)
        if self.run.recorded:
            done = i18n.text(lang, "cli.errors", "stopped_built", cases=", ".join(self.run.recorded))
        else:
            done = i18n.text(lang, "cli.errors", "stopped_none")
        return f"{self.failure.message(lang)}\n{done}"


@dataclass(slots=True)
class _Session:
    """What every case of one build shares."""

    options: BuildOptions
    renderer: Renderer
    ledger: Ledger
    packs: list[Path]  # the run's: each pack written and recorded, in order
    appeal: dict[Path, AppealDue]  # the run's: each pack's appeal deadline
    templates: str  # the digest of every template the run may render (pipeline.repeat)
    today: date  # the run's (`--today` or the clock), as the checks were given it
    shared: SharedEvidence = field(default_factory=SharedEvidence)


def run_build(
    files: list[Path], policy_file: Path | None, check: CheckOptions, options: BuildOptions
) -> BuildRun:
    """Build every case in order, each checked once (`pipeline.driver`); one bad case never stops the
    others, and a failure of the run itself raises BuildStoppedError where it happens."""
    placeholders = [
        CaseResult(file=str(file), case_id=default_case_id(file), build=BuildStatus.NOT_ATTEMPTED)
        for file in files
    ]
    run = BuildRun(RunResult(cases=placeholders, strict=options.strict), [])
    try:
        _build_all(files, policy_file, check, options, run)
    except UserError as failure:
        raise BuildStoppedError(failure, run) from None
    return run


def _build_all(
    files: list[Path], policy_file: Path | None, check: CheckOptions, options: BuildOptions, run: BuildRun
) -> None:
    batch = CaseBatch.scan(files, policy_file, building=True)
    renderer = Renderer(options.templates)
    for policy in {id(p): p for p in batch.policies}.values():  # a broken template stops the run here
        preflight(renderer, batch.scenarios, load_catalog(), policy, options.lang)
    first = InspectLimits.for_policy(batch.policies[0]) if batch.policies else InspectLimits()
    start_workers(first, options.jobs)
    clean_stale(options.out)
    with closing(open_ledger(options.ledger, on_wait=options.ledger_waiting)) as ledger:
        digest = templates_digest(options.templates)
        session = _Session(options, renderer, ledger, run.packs, run.appeal, digest, check.today)
        for number, (checked, policy) in enumerate(batch.checked(check)):
            result = checked.result
            result.build = BuildStatus.FAILED  # until it is built, kept or refused
            run.result.cases[number] = result
            result.build = _build_one(checked, policy, session)
            if options.progress is not None:
                options.progress(result.file)


def _build_one(checked: CheckedCase, policy: Policy, session: _Session) -> BuildStatus:
    """`build_case`, with a bug met on this case kept as its finding; a UserError stops the run."""
    try:
        return build_case(checked, policy, session)
    except UserError:
        raise
    except Exception as exc:
        if debug_enabled():
            raise
        checked.result.add(internal_error(exc, checked.result.file))
        return BuildStatus.REFUSED


def build_case(checked: CheckedCase, policy: Policy, session: _Session) -> BuildStatus:
    """What became of one checked case: its pack built (added to `session.packs`), kept or refused; every
    problem is added to the case's findings.

    kept as it is (`pipeline.repeat`) → gate (`pipeline.gate`) → render the pack (`pipeline.contents`) →
    publish and record (`pipeline.publish`).
    """
    result, case, options = checked.result, checked.case, session.options
    if case is None or checked.loaded is None:
        return BuildStatus.REFUSED
    limits = InspectLimits.for_policy(policy, case.seller.store_name)
    if checked.partial or result.count(Severity.ERROR) or result.case_id is None:
        # no pack; the evidence is judged all the same, so `build` reports what `check` reports
        _gate(checked, limits, session)
        return BuildStatus.REFUSED
    target = pack_folder(options.out, case.seller.client_id, result.case_id)
    settings = settings_digest(
        session.templates,
        policy,
        lang=options.lang,
        fix=options.fix,
        case_file=result.file,
        ledger=options.ledger_in_filing,
        out=str(options.out),
    )
    kept = _kept(checked, limits, settings, target, session)
    if kept is not None:
        return kept
    gated = _gate(checked, limits, session)
    if gated is None or result.count(Severity.ERROR):
        return BuildStatus.REFUSED
    appeal = _appeal_due(case, policy, session.today)
    now = options.now or datetime.now(UTC)  # the ledger's `built_at`, and FILING's `--at` example after it
    source = PackSource(
        case,
        result,
        gated,
        policy,
        options.lang,
        options.ledger_in_filing,
        settings,
        str(options.out),
        appeal,
        now,
    )
    contents = pack_contents(source, session.renderer)
    if contents.body_chars > policy.letter_max_chars:
        result.add(_too_long(case, contents, policy, result.file))
        return BuildStatus.REFUSED
    how = Publishing(target, options.force, now, policy.duplicate_hours)
    record = built_pack(case, result, contents, gated, how.target)
    pack = publish_pack(contents.files, record, session.ledger, how, result)
    if pack is None:
        return BuildStatus.REFUSED
    session.packs.append(pack)
    if appeal is not None:
        session.appeal[pack] = appeal
    return BuildStatus.BUILT


def _appeal_due(case: Case, policy: Policy, today: date) -> AppealDue | None:
    """The case's appeal deadline and the days left to it from the run's today, the one date `build`'s
    output, FILING.md and the seller's copy name. None for a case with `as_of` (an example): its dates are
    judged on that past day (C162), so days counted from it would be false today, and days counted from
    today would contradict C160."""
    deadline = appeal_deadline(case.notification.received, policy.appeal_window_days)
    if deadline is None or case.as_of is not None:
        return None
    return AppealDue(deadline, (deadline - today).days)


def _gate(checked: CheckedCase, limits: InspectLimits, session: _Session) -> list[GatedFile] | None:
    """The case's evidence through the gate, and every file it judged noted for B006 (a file another
    seller attached earlier in the run), a refused case's as well, as `check` notes them."""
    options, judged = session.options, list[tuple[int, AttachmentReport]]()
    gated = pass_evidence(
        checked, limits, fix=options.fix, jobs=options.jobs, cache=options.cache, judged_out=judged
    )
    for index, report in judged:
        checked.result.add(*session.shared.note(checked, index, report.sha256))
    return gated


def _kept(
    checked: CheckedCase, limits: InspectLimits, settings: str, target: Path, session: _Session
) -> BuildStatus | None:
    """Before any evidence is judged: SKIPPED when the pack at `target` is already what this build would
    make (B010), and also when the case's ticket is filed (B011, a warning: its pack is the record of
    what was filed, kept whatever changed); REFUSED when the id is another case file's filed ticket
    (B001); None when the case is to be built."""
    result, case, options = checked.result, checked.case, session.options
    assert case is not None and result.case_id is not None
    previous = Previous.read(session.ledger, case.seller.client_id, result.case_id)
    if previous.filed and not same_case_file(previous.ticket_file, Path(result.file)):
        # Another case filed under this id: building nothing and passing would hide that it was not built.
        line = checked.loaded.lines.get(("case_id",)) if checked.loaded else None
        result.add(case_id_filed(result.file, line, case.seller.client_id, previous.ticket))
        return BuildStatus.REFUSED
    # Only a pack the ledger knows, of this very case file, may be current: anything else is decided
    # without hashing the evidence (the gate reads it next).
    ticket = previous.ticket
    known = ticket is not None and (ticket.pack_path, ticket.case_sha256) == (str(target), result.case_sha256)
    if known and not options.force:
        read_limit = limits.fix_max_input_bytes if options.fix else limits.max_bytes
        sources = seller_sources(checked, read_limit)
        wanted = None if sources is None else BuildPrint(settings, sources)
        if wanted is not None and is_current(target, previous, result.case_sha256 or "", wanted):
            result.add(up_to_date(result.file, target, previous))
            for index, sha256 in enumerate(wanted.sources):  # B006 as a build of it would say
                result.add(*session.shared.note(checked, index, sha256))
            return BuildStatus.SKIPPED
    if previous.filed:
        result.add(filed_pack_kept(result.file, result.case_id, previous.ticket))
        return BuildStatus.SKIPPED
    return None


def _too_long(case: Case, contents: PackContents, policy: Policy, file: str) -> Finding:
    """B009, naming the longest part the seller wrote: the explanation or the notification's text."""
    parts = {
        "explanation.ru": sum(len(ru) for _, ru in case.explanation.russian()) if case.explanation else 0,
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
    return make_finding(Code.LETTER_TOO_LONG, "", file=file, line=None, path=(), params=params)
