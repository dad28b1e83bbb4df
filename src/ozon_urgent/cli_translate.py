"""`ozon-urgent translate`: the command that fills the Russian fields of case files with DeepL."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ozon_urgent import i18n
from ozon_urgent.cli_options import LangOpt
from ozon_urgent.cli_options import user_lang as lang_of
from ozon_urgent.discovery import discover
from ozon_urgent.findings import EXIT_USAGE
from ozon_urgent.i18n import Lang

if TYPE_CHECKING:  # deepl, requests and ruamel load only when the command runs
    from ozon_urgent.translation.case_source import CaseFailedError
    from ozon_urgent.translation.deepl_service import DeepLSettings, RussianTranslator, ServiceError
    from ozon_urgent.translation.glossary import Glossary, GlossaryError, SourceLang
    from ozon_urgent.translation.run import CaseOutcome

EXIT_FAILED = 3


def translate(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Case files, folders and globs.", show_default=False)
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
    ] = False,
    usage: Annotated[
        bool, typer.Option("--usage", help="Show the DeepL characters used and the limit this period.")
    ] = False,
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            dir_okay=False,
            help="Your own terms, added to the Ozon glossary: TOML with zh and/or en tables of "
            '"term" = "Russian" lines, or DeepL\'s CSV/TSV format (term, Russian, zh|en, ru).',
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Fill `explanation.ru` and evidence `caption_ru` from the seller's text with DeepL.

    The key comes from DEEPL_AUTH_KEY (DEEPL_SERVER_URL overrides the endpoint). Only text without
    Russian, or changed since it was translated, is sent; comments and order in the file stay, the
    previous version is kept as `<file>.bak`, and `ru_reviewed` is set to false for a person to check.
    """
    from ozon_urgent.translation.deepl_service import DeepLSettings

    user_lang: Lang = lang_of(lang)
    settings = DeepLSettings.from_env(os.environ)
    if usage:
        _show_usage(settings, user_lang)
        if not paths:
            return
    if not paths:
        _fail(user_lang, "no_paths", EXIT_USAGE)
    found = discover(paths)
    if found.unmatched:
        _fail_cli(user_lang, "no_match", EXIT_USAGE, pattern=", ".join(found.unmatched))
    if not found.files:
        _fail_cli(user_lang, "no_cases", EXIT_USAGE)
    session = _Session(settings, _glossaries(glossary, user_lang))
    raise typer.Exit(_translate_all(found.files, session, dry_run=dry_run, lang=user_lang))


def _translate_all(files: list[Path], session: _Session, *, dry_run: bool, lang: Lang) -> int:
    """Each case written as soon as it is translated; the exit code is the worst of all cases."""
    from ozon_urgent.translation.case_source import CaseFailedError
    from ozon_urgent.translation.deepl_service import ServiceError
    from ozon_urgent.translation.run import translate_case

    exit_code, counts = 0, {"translated": 0, "unchanged": 0, "failed": 0}
    for index, file in enumerate(files):
        try:
            outcome = translate_case(file, str(file), session.translator, dry_run=dry_run, lang=lang)
        except CaseFailedError as failed:
            _report_failure(failed, lang)
            exit_code, counts["failed"] = max(exit_code, failed.exit_code), counts["failed"] + 1
            continue
        except ServiceError as error:
            _report_service_error(error, session.settings, lang, str(file))
            exit_code, counts["failed"] = EXIT_FAILED, counts["failed"] + 1
            if len(files) > index + 1:  # the next case would meet the same refusal
                _error(lang, "stopped", count=len(files) - index - 1)
            break
        finally:
            session.tell_events(lang)
        _report(outcome, lang)
        counts["translated" if outcome.fields else "unchanged"] += 1
    if len(files) > 1:
        _say(lang, "summary", **counts)
    return exit_code


class _Session:
    """One DeepL client for the whole batch, made when the first case needs it."""

    def __init__(self, settings: DeepLSettings | None, glossaries: dict[SourceLang, Glossary]) -> None:
        self.settings = settings
        self._glossaries = glossaries
        self._translator: RussianTranslator | None = None
        self._told = 0

    def translator(self) -> RussianTranslator:
        from ozon_urgent.translation.deepl_service import RussianTranslator, ServiceError

        if self.settings is None:
            raise ServiceError("no_key")
        if self._translator is None:
            self._translator = RussianTranslator(self.settings, self._glossaries)
        return self._translator

    def tell_events(self, lang: Lang) -> None:
        if self._translator is None:
            return
        for event in self._translator.events[self._told :]:
            key = f"glossary_{event.kind}"
            _say(lang, key, name=event.name, count=event.entries, source=event.source_lang)
        self._told = len(self._translator.events)


def _glossaries(path: Path | None, lang: Lang) -> dict[SourceLang, Glossary]:
    from ozon_urgent.translation.glossary import GlossaryError, build_glossaries, read_user_glossary

    try:
        return build_glossaries(read_user_glossary(path) if path is not None else None)
    except GlossaryError as problem:
        _fail_glossary(problem, lang)


def _fail_glossary(problem: GlossaryError, lang: Lang) -> NoReturn:
    _fail(
        lang,
        f"glossary_{problem.variant}",
        EXIT_FAILED,
        file=problem.file,
        line=problem.line if problem.line is not None else "?",
        entry=problem.entry,
        detail=problem.detail,
        first=problem.first_line if problem.first_line is not None else "?",
    )


def _show_usage(settings: DeepLSettings | None, lang: Lang) -> None:
    from ozon_urgent.translation.deepl_service import RussianTranslator, ServiceError

    if settings is None:
        _fail(lang, "no_key", EXIT_FAILED)
    try:
        usage = RussianTranslator(settings, {}).usage()
    except ServiceError as error:
        _report_service_error(error, settings, lang, None)
        raise typer.Exit(EXIT_FAILED) from None
    if usage.characters is None or not usage.limit:
        typer.echo(_text(lang, "usage_unknown", masked=settings.masked_key))
        return
    percent = f"{100 * usage.characters / usage.limit:.1f}"
    typer.echo(
        _text(
            lang,
            "usage",
            count=f"{usage.characters:,}",
            limit=f"{usage.limit:,}",
            percent=percent,
            masked=settings.masked_key,
        )
    )


def _report(outcome: CaseOutcome, lang: Lang) -> None:
    for note in outcome.notes:
        _say(lang, note.key, file=outcome.display, **note.params)
    if outcome.diff:
        sys.stdout.write(outcome.diff)
    if not outcome.fields:
        return
    fields = ", ".join(outcome.fields)
    if not outcome.backup:
        _say(lang, "dry_run", file=outcome.display, fields=fields, characters=outcome.characters)
        return
    _say(lang, "translated", file=outcome.display, fields=fields, characters=outcome.characters)
    _say(lang, "backup", file=outcome.display, backup=outcome.backup)


def _report_failure(failed: CaseFailedError, lang: Lang) -> None:
    from ozon_urgent.reporters.text import format_finding

    for finding in failed.findings:
        typer.echo(format_finding(finding, lang), err=True)
    _error(lang, failed.key, **failed.params)


def _report_service_error(
    error: ServiceError, settings: DeepLSettings | None, lang: Lang, display: str | None
) -> None:
    server = (settings.server_url if settings else None) or (
        "https://api-free.deepl.com"
        if settings and settings.auth_key.endswith(":fx")
        else "https://api.deepl.com"
    )
    message = _text(
        lang,
        error.kind,
        masked=settings.masked_key if settings else "",
        server=server,
        status=error.status or "?",
        detail=error.detail,
    )
    where = f"{display}: " if display else ""
    typer.echo(f"ozon-urgent: {where}{message}", err=True)
    if display:
        _error(lang, "unchanged", file=display)


def _text(lang: Lang, key: str, /, **params: object) -> str:
    return i18n.text(lang, "cli.translate", key, **params)


def _say(lang: Lang, key: str, /, **params: object) -> None:
    # Progress and notes go to stderr: stdout carries only the diff of --dry-run and the --usage figures.
    typer.echo(_text(lang, key, **params), err=True)


def _error(lang: Lang, key: str, /, **params: object) -> None:
    typer.echo(f"ozon-urgent: {_text(lang, key, **params)}", err=True)


def _fail(lang: Lang, key: str, code: int, /, **params: object) -> NoReturn:
    _error(lang, key, **params)
    raise typer.Exit(code)


def _fail_cli(lang: Lang, key: str, code: int, /, **params: object) -> NoReturn:
    typer.echo(f"ozon-urgent: {i18n.text(lang, 'cli.errors', key, **params)}", err=True)
    raise typer.Exit(code)
