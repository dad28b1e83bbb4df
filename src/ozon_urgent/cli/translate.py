"""`ozon-urgent translate`: the command that fills the Russian fields of case files with DeepL or Tencent."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.cli.cases import case_files
from ozon_urgent.cli.exit import ExitStatus, fail
from ozon_urgent.cli.options import LangOpt, one_of, user_lang
from ozon_urgent.i18n import Lang
from ozon_urgent.unsafe_text import shown

if TYPE_CHECKING:  # deepl, tencentcloud, requests and ruamel load only when the command runs
    from ozon_urgent.translation.case_source import CaseFailedError
    from ozon_urgent.translation.deepl_service import DeepLSettings
    from ozon_urgent.translation.engine import Engine, ServiceError
    from ozon_urgent.translation.glossary import Glossary, SourceLang
    from ozon_urgent.translation.run import CaseOutcome
    from ozon_urgent.translation.tencent_service import TencentSettings


class EngineChoice(StrEnum):
    DEEPL = "deepl"
    TENCENT = "tencent"


def translate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Case files, folders and globs.", show_default=False),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the change as a unified diff; write nothing. With an engine key the text is still "
            "sent and billed, and the real run is billed again. Without a key: list the fields that would be "
            "sent and written, sending nothing.",
        ),
    ] = False,
    usage: Annotated[
        bool,
        typer.Option(
            "--usage",
            help="Show the characters used and the limit this period (DeepL; Tencent: see its console).",
        ),
    ] = False,
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            dir_okay=False,
            metavar="FILE",
            help="Your own terms, added to the Ozon glossary: TOML with zh and/or en tables of "
            '"term" = "Russian" lines, or DeepL\'s CSV/TSV format (term, Russian, zh|en, ru).',
        ),
    ] = None,
    engine: Annotated[
        EngineChoice | None,
        typer.Option(
            "--engine",
            metavar=one_of(EngineChoice),
            help="The translation engine. Default: OZON_URGENT_ENGINE, else the one whose key is set "
            "(DeepL first).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Fill the Russian fields (`ru`, `caption_ru`) from the seller's text with DeepL or Tencent.

    DeepL: `DEEPL_AUTH_KEY` (`DEEPL_SERVER_URL` overrides the endpoint). Tencent Cloud Machine Translation:
    `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` (`TENCENTCLOUD_REGION`,
    `TENCENTCLOUD_TMT_TERM_REPO`).
    Only text without Russian, or changed since it was translated, is sent; the Russian is translated
    back (`ru_back`) for you to check what it says. Comments and order in the file stay, the previous
    version is kept as `<file>.bak`, and `ru_reviewed` is set to false for a person to check. Without a
    key, write `explanation.facts.ru` yourself and run `ozon-urgent check`.
    """
    from ozon_urgent.translation.engine import choose
    from ozon_urgent.translation.glossary import build_glossaries, read_user_glossary

    user: Lang = user_lang(lang)
    settings = _settings(choose(engine.value if engine else None, os.environ))
    if usage:
        _show_usage(settings, user)
        if not paths:
            return
    if not paths:
        fail("no_paths", table="cli.translate")
    files = case_files(paths)
    glossaries = build_glossaries(read_user_glossary(glossary) if glossary is not None else None)
    session = _Session(settings, glossaries)
    raise typer.Exit(_translate_all(files, session, dry_run=dry_run, lang=user))


def _translate_all(files: list[Path], session: _Session, *, dry_run: bool, lang: Lang) -> ExitStatus:
    """Each case written as soon as it is translated; the exit code is the worst of all cases."""
    from ozon_urgent.translation.case_source import CaseFailedError
    from ozon_urgent.translation.deepl_service import ServiceError
    from ozon_urgent.translation.run import translate_case

    status, counts = ExitStatus.OK, {"translated": 0, "unchanged": 0, "failed": 0}
    # A dry run without a key still shows what would be sent; a real run asks for the key when it needs it.
    translator = None if session.settings is None else session.translator
    if dry_run and translator is not None:  # said before anything is sent: a "dry" run is not a free one
        _say(lang, "dry_run_bills")
    for index, file in enumerate(files):
        try:
            outcome = translate_case(file, str(file), translator, dry_run=dry_run)
        except CaseFailedError as failed:
            _report_failure(failed, lang)
            status, counts["failed"] = max(status, failed.exit_status), counts["failed"] + 1
            continue
        except ServiceError as error:
            if error.kind == "no_key":  # said once, with the way on by hand; every other case needs it too
                raise
            _report_service_error(error, lang, str(file))
            status, counts["failed"] = ExitStatus.FAILED, counts["failed"] + 1
            if len(files) > index + 1:  # the next case would meet the same refusal
                _error(lang, "stopped", count=len(files) - index - 1)
            break
        finally:
            session.tell_events(lang, str(file) if len(files) > 1 else None)
        _report(outcome, lang)
        counts["translated" if outcome.fields else "unchanged"] += 1
    session.tell_missing_terms(lang)
    if len(files) > 1:
        _say(lang, "summary_dry_run" if dry_run else "summary", **counts)
    if translator is None and counts["translated"]:
        _say(lang, "dry_run_needs_key", hint=_text(lang, "by_hand"))
    return status


def _settings(name: str | None) -> DeepLSettings | TencentSettings | None:
    """The chosen engine's settings from the environment; None when it has no key."""
    from ozon_urgent.translation.deepl_service import DeepLSettings
    from ozon_urgent.translation.tencent_service import TencentSettings

    if name == "tencent":
        return TencentSettings.from_env(os.environ)
    return DeepLSettings.from_env(os.environ)


class _Session:
    """One engine client for the whole batch, made when the first case needs it."""

    def __init__(
        self, settings: DeepLSettings | TencentSettings | None, glossaries: dict[SourceLang, Glossary]
    ) -> None:
        self.settings = settings
        self._glossaries = glossaries
        self._translator: Engine | None = None
        self._told = 0
        self._missing: list[str] = []  # each field's glossary terms its Russian lacks, said once at the end

    def translator(self) -> Engine:
        if self._translator is None:
            self._translator = _engine(self.settings, self._glossaries)
        return self._translator

    def tell_events(self, lang: Lang, file: str | None) -> None:
        """The engine's news of the case just translated (`file`: named when the run has several)."""
        if self._translator is None:
            return
        marks = i18n.punctuation(lang)
        for event in self._translator.events[self._told :]:
            if event.kind == "missing_terms":  # kept for one line at the end: a line per field buries them
                for field, terms in event.by_field:
                    where = field if file is None else _text(lang, "field_in_file", name=field, file=file)
                    self._missing.append(where + marks.colon + marks.enumeration.join(terms))
                continue
            key = f"glossary_{event.kind}"
            _say(lang, key, name=event.name, count=event.entries, source=event.source_lang)
        self._told = len(self._translator.events)

    def tell_missing_terms(self, lang: Lang) -> None:
        """One line for the run: each field with the glossary terms its Russian lacks
        (`explanation.facts.text：承运商 → перевозчик；evidence[0].caption：交接单 → акт`)."""
        if self._missing:
            _say(lang, "glossary_missing_terms", terms=i18n.punctuation(lang).clause.join(self._missing))


def _engine(
    settings: DeepLSettings | TencentSettings | None, glossaries: dict[SourceLang, Glossary]
) -> Engine:
    from ozon_urgent.translation.deepl_service import DeepLSettings, RussianTranslator
    from ozon_urgent.translation.engine import ServiceError
    from ozon_urgent.translation.tencent_service import TencentTranslator

    if settings is None:
        raise ServiceError("no_key")
    if isinstance(settings, DeepLSettings):
        return RussianTranslator(settings, glossaries)
    return TencentTranslator(settings, glossaries)


def _show_usage(settings: DeepLSettings | TencentSettings | None, lang: Lang) -> None:
    usage = _engine(settings, {}).usage()
    assert settings is not None  # _engine refused a missing key
    if usage is None:
        typer.echo(_text(lang, "usage_unsupported", masked=settings.masked_key))
        return
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
    from ozon_urgent.findings import Phrase

    for note in outcome.notes:
        # A parameter that is words of its own (why a back-translation looks failed) in the reader's words.
        params = {
            name: i18n.text(lang, value.table, value.key) if isinstance(value, Phrase) else value
            for name, value in note.params.items()
        }
        _say(lang, note.key, file=outcome.display, **params)
    if outcome.diff:
        sys.stdout.write(shown(outcome.diff, lines=True))
    if not outcome.fields:
        return
    between = i18n.punctuation(lang).enumeration  # 、 between the fields under zh
    fields = between.join(outcome.fields)
    if outcome.unsent:
        read = between.join(outcome.read)
        _say(
            lang,
            "dry_run_unsent",
            file=outcome.display,
            read=read,
            fields=fields,
            characters=outcome.characters,
        )
        return
    billed = {"characters": outcome.characters, "back": outcome.back_characters}
    if not outcome.backup:
        _say(lang, "dry_run", file=outcome.display, fields=fields, **billed)
        return
    _say(lang, "translated", file=outcome.display, fields=fields, **billed)
    _say(lang, "backup", file=outcome.display, backup=outcome.backup)


def _report_failure(failed: CaseFailedError, lang: Lang) -> None:
    from ozon_urgent.reporters.text import format_finding

    for finding in failed.findings:
        typer.echo(shown(format_finding(finding, lang), lines=True), err=True)
    typer.echo(f"ozon-urgent: {shown(failed.message(lang), lines=True)}", err=True)


def _report_service_error(error: ServiceError, lang: Lang, display: str) -> None:
    """An engine's failure on one case of a batch: said with the case's name; the batch then stops."""
    typer.echo(f"ozon-urgent: {shown(display)}: {shown(error.message(lang), lines=True)}", err=True)
    _error(lang, "unchanged", file=display)
    if error.kind == "network":  # offline, the Russian can still be written by hand
        _say(lang, "offline_hint", file=display)


def _text(lang: Lang, key: str, /, **params: object) -> str:
    return i18n.text(lang, "cli.translate", key, **params)


def _say(lang: Lang, key: str, /, **params: object) -> None:
    # Progress and notes go to stderr: stdout carries only the diff of --dry-run and the --usage figures.
    typer.echo(shown(_text(lang, key, **params), lines=True), err=True)


def _error(lang: Lang, key: str, /, **params: object) -> None:
    typer.echo(f"ozon-urgent: {shown(_text(lang, key, **params), lines=True)}", err=True)
