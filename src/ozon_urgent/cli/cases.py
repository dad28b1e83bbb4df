"""`check`, `build` and `init`: the commands that read, judge and write cases."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.casefile.discovery import discover
from ozon_urgent.cli.environment import environment
from ozon_urgent.cli.exit import fail, status_of
from ozon_urgent.cli.ledger import say_waiting
from ozon_urgent.cli.options import (
    CacheOpt,
    ExcludeOpt,
    JobsOpt,
    LangOpt,
    LedgerOpt,
    OutputOpt,
    PathsArg,
    PolicyOpt,
    QuietOpt,
    StrictOpt,
    TemplatesOpt,
    TodayOpt,
    run_lang,
    today_of,
    user_lang,
)
from ozon_urgent.cli.progress import progress_bar
from ozon_urgent.cli.report import FormatOpt, chosen_format, report, write_new
from ozon_urgent.reporters.formats import OutputFormat

if TYPE_CHECKING:  # the case model, checks and evidence judges load when a command runs, not for --help
    from ozon_urgent.checking.engine import CheckOptions
    from ozon_urgent.ticket.appeal import AppealDue


def check(
    paths: PathsArg,
    output_format: FormatOpt = None,
    strict: StrictOpt = False,
    content: Annotated[
        bool,
        typer.Option(
            "--content/--no-content", help="Open and judge the evidence files (off: case files only)."
        ),
    ] = True,
    fix: Annotated[bool, typer.Option("--fix", help="Preview what `build --fix` would change.")] = False,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    cache: CacheOpt = True,
    output: OutputOpt = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Validate case files and their evidence without writing anything."""
    from ozon_urgent.pipeline.batch import BatchOptions, check_files

    user, options = user_lang(lang), _check_options(today, ledger)
    files = case_files(paths, exclude)
    with progress_bar(len(files), enabled=not quiet) as advance:
        batch = BatchOptions(
            strict=strict, content=content, fix_preview=fix, jobs=jobs, cache=cache, progress=advance
        )
        result = check_files(files, policy, options, batch)
    report(result, output_format, user, quiet=quiet, output=output)
    raise typer.Exit(status_of(result.outcome()))


def build(
    ctx: typer.Context,
    paths: PathsArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FOLDER", help="Folder the packs are written into.")
    ] = Path("out"),
    force: Annotated[bool, typer.Option("--force", help="Replace packs that already exist.")] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Put converted, compliant copies of fixable files into the pack.")
    ] = False,
    templates: TemplatesOpt = None,
    exclude: ExcludeOpt = None,
    output_format: FormatOpt = None,
    strict: StrictOpt = False,
    jobs: JobsOpt = None,
    cache: CacheOpt = True,
    output: OutputOpt = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Check cases, verify their attachments, render the Russian ticket and write one pack per case."""
    from ozon_urgent.pipeline.build import BuildOptions, BuildStoppedError, run_build
    from ozon_urgent.ticket.seller_copy import seller_copy_name

    user, options = user_lang(lang), _check_options(today, ledger)
    files = case_files(paths, exclude)
    with progress_bar(len(files), enabled=not quiet) as advance:
        build_options = BuildOptions(
            out=out,
            lang=user,
            force=force,
            fix=fix,
            templates=templates,
            strict=strict,
            jobs=jobs,
            cache=cache,
            progress=advance,
            ledger=ledger,
            now=environment(ctx).now(),
            ledger_in_filing=ledger if ledger != os.environ.get("OZON_URGENT_LEDGER") else None,
            ledger_waiting=say_waiting,
        )
        failure: BuildStoppedError | None = None
        try:
            run = run_build(files, policy, options, build_options)
        except BuildStoppedError as stopped:
            run, failure = stopped.run, stopped
    written = []
    for pack in run.packs:  # each pack, then its appeal deadline: the one date `status` would show first
        written.append(i18n.text(user, "cli.done", "pack", pack=pack))
        if pack in run.appeal:
            written.append(appeal_line(run.appeal[pack], user))
    if written:  # the run ends with where to look, not with the findings' notes
        look = "look" if len(run.packs) > 1 else "look_one"  # "each pack's" for a single pack reads as a slip
        written.append(i18n.text(user, "cli.done", look, copy=seller_copy_name(user)))
    # A run that stopped before any case (a template, a policy, the ledger) is that one error in text;
    # machine formats always get the envelope, so CI learns each case's status either way.
    if failure is None or run.started or chosen_format(output_format) is not OutputFormat.TEXT:
        report(run.result, output_format, user, quiet=quiet, output=output, extra=written)
    if failure is not None:
        raise failure
    raise typer.Exit(status_of(run.result.outcome()))


def appeal_line(due: AppealDue, lang: i18n.Lang) -> str:
    """`申诉截止日 2026年12月8日（还有 3 天）`, the date as the seller's copy of the letter writes it; the
    day itself in so many words when the seller must file today (`申诉明天（12月8日）截止，请今天提交。`),
    where «还有 1 天» read as time to spare."""
    from ozon_urgent.ticket.seller_copy import en_date, zh_date

    day = zh_date(due.day) if lang == "zh" else en_date(due.day)
    if due.days_left in (0, 1):
        short = day.split("年", 1)[1] if lang == "zh" else day.rsplit(" ", 1)[0]  # this week: no year
        key = "appeal_due_today" if due.days_left == 0 else "appeal_due_tomorrow"
        return i18n.text(lang, "cli.done", key, day=short)
    return i18n.text(lang, "cli.done", "appeal", day=day, when=due.when(lang))


def init(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="One of the eight scenarios (see `scenarios`).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write (default: stdout).")
    ] = None,
    store: Annotated[
        str,
        typer.Option(
            "--store", metavar="NAME", help="The store's name as in Seller Center (goes into the case_id)."
        ),
    ] = "",
    client_id: Annotated[
        str,
        typer.Option(
            "--client-id", metavar="CLIENT_ID", help="The store's Ozon Client-Id (goes into the case_id)."
        ),
    ] = "",
    lang: LangOpt = None,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write a commented case skeleton for SCENARIO, its checklist included."""
    from ozon_urgent.casefile.skeleton import render_skeleton
    from ozon_urgent.catalog import guess_scenario, load_catalog
    from ozon_urgent.policy import load_policy

    user = user_lang(lang)
    catalog = load_catalog()
    if scenario not in catalog.scenarios:
        if scenario.lower() in catalog.ineligible_scenarios:
            fail("ineligible", value=scenario)
        guess = guess_scenario(scenario, catalog)
        if guess:
            fail("unknown_scenario_guess", value=scenario, guess=guess)
        fail("unknown_scenario", value=scenario, allowed=", ".join(catalog.scenarios))
    if (client_id and not client_id.isascii()) or (client_id and not client_id.isdigit()):
        fail("bad_client_id", table="cli.pull", value=client_id)
    rules = load_policy(*([policy] if policy else []))
    spec = catalog.scenarios[scenario]
    day = today_of(today)
    text = render_skeleton(
        spec, catalog, rules, day, user, store_name=store.strip(), client_id=client_id, written_to=output
    )
    if output is None:
        sys.stdout.write(text)
        return
    write_new(output, text)
    typer.echo(i18n.text(user, "cli.done", "init", file=output), err=True)


def case_files(paths: list[str], exclude: list[str] | None = None) -> list[Path]:
    """The case files the paths and globs name, less the excluded; none at all is a usage error, except
    when every file was named one by one and `--exclude` left each out (a pre-commit hook's list): then
    there is nothing to check, and a note says so."""
    found = discover(paths, exclude or ())
    if found.missing:
        fail("missing_paths", lines="\n".join(_not_found(path) for path in found.missing))
    if found.unmatched:
        fail("no_match", pattern=", ".join(found.unmatched))
    if found.orphans and not found.files:
        fail("no_case_for_evidence", file=", ".join(found.orphans))
    if not found.files and found.left_out and not found.searched:
        typer.echo(i18n.text(run_lang(), "cli.done", "all_left_out", count=len(found.left_out)), err=True)
    elif not found.files:
        fail("no_cases")
    return found.files


def _not_found(argument: str) -> str:
    """A path that names nothing, said with the folder it was looked for in and a close name there."""
    from ozon_urgent.casefile.discovery import not_found

    where = not_found(Path(argument))
    lang = run_lang()
    if not where.folder_exists:
        return i18n.text(lang, "cli.errors", "missing_folder", path=argument, folder=where.folder)
    if where.guess:
        return i18n.text(
            lang, "cli.errors", "missing_path_guess", path=argument, folder=where.folder, guess=where.guess
        )
    return i18n.text(lang, "cli.errors", "missing_path", path=argument, folder=where.folder)


def _check_options(today: str | None, ledger: str | None) -> CheckOptions:
    """The run's day, and the cases the ledger (`--ledger`, OZON_URGENT_LEDGER or the default one, when
    it exists) holds as filed."""
    from ozon_urgent.checking.engine import CheckOptions
    from ozon_urgent.ledger import read_filed

    return CheckOptions(today=today_of(today), filed=read_filed(ledger))
