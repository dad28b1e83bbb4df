"""The command line: the only place that parses arguments, prints and exits."""

from __future__ import annotations

import difflib
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ozon_urgent import __version__, i18n
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checks import RULES
from ozon_urgent.cli_ledger import LedgerOpt, followup, record, resolve, status
from ozon_urgent.cli_options import LangChoice, LangOpt, PolicyOpt, TodayOpt, user_lang
from ozon_urgent.cli_pull import pull
from ozon_urgent.cli_translate import translate
from ozon_urgent.describe import rule_text, rules_table, scenarios_text
from ozon_urgent.discovery import discover
from ozon_urgent.engine import CheckOptions
from ozon_urgent.findings import EXIT_CODES, EXIT_USAGE, RunResult
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy, PolicyError, load_policy
from ozon_urgent.progress import progress_bar
from ozon_urgent.render import TemplateError
from ozon_urgent.reporters import REPORTERS, OutputFormat
from ozon_urgent.schema import schema_text
from ozon_urgent.skeleton import render_skeleton

app = typer.Typer(
    name="ozon-urgent",
    help="Turn a seller's YAML case file into a checked Ozon urgent performance-review ticket pack.",
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: it reads the same in a pipe, and Rich loads only for the progress bar that needs it.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ozon-urgent {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Turn a seller's YAML case file into a checked Ozon urgent performance-review ticket pack."""


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems, no summary.")]


def _lang(choice: LangChoice | None) -> Lang:
    return user_lang(choice)


def _fail(lang: Lang, key: str, code: int, **params: object) -> NoReturn:
    typer.echo(f"ozon-urgent: {i18n.text(lang, 'cli.errors', key, **params)}", err=True)
    raise typer.Exit(code)


def _today(value: str | None, lang: Lang) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(lang, "bad_today", EXIT_USAGE, value=value)


def _policy(lang: Lang, explicit: Path | None, beside: Path | None = None) -> Policy:
    try:
        files = [p for p in (beside,) if p is not None and p.is_file()]
        return load_policy(*files, *([explicit] if explicit else []))
    except PolicyError as exc:
        _fail(lang, "policy", 3, file=exc.file, detail=exc.detail)


def _write_new(path: Path, text: str, lang: Lang) -> None:
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        _fail(lang, "exists", EXIT_USAGE, file=path)
    except OSError as exc:
        _fail(lang, "write", 3, file=path, detail=exc.strerror or str(exc))


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Report format (default: text; github under GitHub Actions)."),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Processes that judge evidence (default: one per core)."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", dir_okay=False, help="Write the report to this file instead of stdout."),
]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Case files, folders and globs.", show_default=False)],
    output_format: FormatOpt = None,
    strict: StrictOpt = False,
    content: Annotated[
        bool,
        typer.Option(
            "--content/--no-content", help="Open and judge the evidence files (off: case files only)."
        ),
    ] = True,
    fix: Annotated[bool, typer.Option("--fix", help="Preview what `build --fix` would change.")] = False,
    jobs: JobsOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
) -> None:
    """Validate case files and their evidence without writing anything."""
    from ozon_urgent.batch import BatchOptions, check_files

    user_lang = _lang(lang)
    files = _case_files(paths, user_lang)
    options = CheckOptions(today=_today(today, user_lang), lang=user_lang)
    with progress_bar(len(files), enabled=not quiet) as advance:
        batch = BatchOptions(strict=strict, content=content, fix_preview=fix, jobs=jobs, progress=advance)
        try:
            result = check_files(files, policy, options, batch)
        except PolicyError as exc:
            _fail(user_lang, "policy", 3, file=exc.file, detail=exc.detail)
    _report(result, _format(output_format), user_lang, quiet=quiet, output=output)
    raise typer.Exit(EXIT_CODES[result.outcome()])


def _case_files(paths: list[str], lang: Lang) -> list[Path]:
    found = discover(paths)
    if found.unmatched:
        _fail(lang, "no_match", EXIT_USAGE, pattern=", ".join(found.unmatched))
    if not found.files:
        _fail(lang, "no_cases", EXIT_USAGE)
    return found.files


def _format(chosen: OutputFormat | None) -> OutputFormat:
    """GitHub annotations by default inside GitHub Actions, text elsewhere."""
    if chosen is not None:
        return chosen
    return OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT


def _report(
    result: RunResult,
    output_format: OutputFormat,
    lang: Lang,
    *,
    quiet: bool,
    output: Path | None,
    extra: list[str] | None = None,
) -> None:
    """The report on stdout (or in --output); machine formats get nothing else on stdout."""
    text_format = output_format is OutputFormat.TEXT
    color = text_format and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = REPORTERS[output_format](result, lang, color=color)
    if quiet and text_format:
        report = "".join(line for line in report.splitlines(keepends=True)[:-1])
    if text_format and not quiet and extra:
        report += "".join(line + "\n" for line in extra)
    if output is None:
        sys.stdout.write(report)
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        _fail(lang, "write", 3, file=output, detail=exc.strerror or str(exc))


@app.command()
def init(
    scenario: Annotated[str, typer.Argument(help="One of the eight scenarios (see `scenarios`).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    lang: LangOpt = None,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write a commented case skeleton for SCENARIO, its checklist included."""
    user_lang = _lang(lang)
    catalog = load_catalog()
    if scenario not in catalog.scenarios:
        if scenario.lower() in catalog.ineligible_scenarios:
            _fail(user_lang, "ineligible", EXIT_USAGE, value=scenario)
        _fail(user_lang, "unknown_scenario", EXIT_USAGE, value=scenario, allowed=", ".join(catalog.scenarios))
    text = render_skeleton(
        catalog.scenarios[scenario], catalog, _policy(user_lang, policy), _today(today, user_lang), user_lang
    )
    if output is None:
        sys.stdout.write(text)
        return
    _write_new(output, text, user_lang)
    typer.echo(i18n.text(user_lang, "cli.done", "init", file=output), err=True)


@app.command()
def scenarios(lang: LangOpt = None, policy: PolicyOpt = None) -> None:
    """The eight scenarios: their evidence, requests, IDs and windows."""
    user_lang = _lang(lang)
    sys.stdout.write(scenarios_text(load_catalog(), _policy(user_lang, policy), user_lang))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code such as C150.")] = None,
    lang: LangOpt = None,
) -> None:
    """The check catalog, or one check explained with its fix."""
    user_lang = _lang(lang)
    if code is None:
        sys.stdout.write(rules_table(user_lang))
        return
    wanted = code.upper()
    if wanted not in RULES:
        close = difflib.get_close_matches(wanted, list(RULES), n=1)
        _fail(user_lang, "unknown_rule", EXIT_USAGE, value=code, guess=f" ({close[0]}?)" if close else "")
    sys.stdout.write(rule_text(wanted, user_lang))


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """The JSON Schema of the case file, for editors and CI."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    user_lang = _lang(lang)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(user_lang, "write", 3, file=output, detail=exc.strerror or str(exc))
    typer.echo(i18n.text(user_lang, "cli.done", "schema", file=output), err=True)


@app.command()
def build(
    paths: Annotated[list[str], typer.Argument(help="Case files, folders and globs.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder the packs are written into.")] = Path(
        "out"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace packs that already exist.")] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Put converted, compliant copies of fixable files into the pack.")
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            file_okay=False,
            exists=True,
            help="Folder of template overrides (see `templates export`).",
        ),
    ] = None,
    output_format: FormatOpt = None,
    strict: StrictOpt = False,
    jobs: JobsOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    policy: PolicyOpt = None,
    today: TodayOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Check cases, verify their attachments, render the Russian ticket and write one pack per case."""
    from ozon_urgent import cli_ledger
    from ozon_urgent.build import BuildOptions, run_build
    from ozon_urgent.ledger import LedgerError

    user_lang = _lang(lang)
    files = _case_files(paths, user_lang)
    check_options = CheckOptions(today=_today(today, user_lang), lang=user_lang)
    with progress_bar(len(files), enabled=not quiet) as advance:
        options = BuildOptions(
            out=out,
            force=force,
            fix=fix,
            templates=templates,
            strict=strict,
            jobs=jobs,
            progress=advance,
            ledger=ledger,
            now=cli_ledger.clock(),
        )
        try:
            run = run_build(files, policy, check_options, options)
        except PolicyError as exc:
            _fail(user_lang, "policy", 3, file=exc.file, detail=exc.detail)
        except TemplateError as exc:
            _fail(user_lang, "template", 3, name=exc.name, line=exc.line or "?", detail=exc.detail)
        except LedgerError as exc:
            typer.echo(f"ozon-urgent: {cli_ledger.text(user_lang, exc.kind, **exc.params)}", err=True)
            raise typer.Exit(3) from None
    written = [i18n.text(user_lang, "cli.done", "pack", pack=pack) for pack in run.packs]
    _report(run.result, _format(output_format), user_lang, quiet=quiet, output=output, extra=written)
    raise typer.Exit(EXIT_CODES[run.result.outcome()])


app.command()(translate)
app.command()(pull)
for ledger_command in (record, resolve, followup, status):
    app.command()(ledger_command)


templates_app = typer.Typer(
    help="The built-in Russian templates, for agencies to adapt.", no_args_is_help=True
)
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export(
    folder: Annotated[Path, typer.Argument(help="Folder to write the templates into.", file_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite templates already there.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write the built-in templates into FOLDER; then build with `--templates FOLDER`."""
    from ozon_urgent.render import export_templates

    user_lang = _lang(lang)
    try:
        written = export_templates(folder, force=force)
    except FileExistsError as exc:
        _fail(user_lang, "exists", EXIT_USAGE, file=exc.args[0])
    except OSError as exc:
        _fail(user_lang, "write", 3, file=folder, detail=exc.strerror or str(exc))
    typer.echo(i18n.text(user_lang, "cli.done", "templates", count=len(written), folder=folder), err=True)
