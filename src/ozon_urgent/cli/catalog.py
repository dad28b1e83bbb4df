"""`scenarios`, `rules`, `schema` and `templates export`: what the tool knows, shown or written out."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer

from ozon_urgent import i18n
from ozon_urgent.cli.exit import ExitStatus, fail
from ozon_urgent.cli.localized import Command, Group
from ozon_urgent.cli.options import LangOpt, PolicyOpt, user_lang
from ozon_urgent.cli.report import write_file


def scenarios(lang: LangOpt = None, policy: PolicyOpt = None) -> None:
    """The eight scenarios: their evidence, requests, IDs and windows."""
    from ozon_urgent.catalog import load_catalog
    from ozon_urgent.policy import load_policy
    from ozon_urgent.reporters.describe import scenarios_text

    user = user_lang(lang)
    rules = load_policy(*([policy] if policy else []))
    sys.stdout.write(scenarios_text(load_catalog(), rules, user))


def rules(
    code: Annotated[str | None, typer.Argument(metavar="CODE", help="A rule code such as C150.")] = None,
    lang: LangOpt = None,
) -> None:
    """The check catalog, or one check explained with its fix."""
    from ozon_urgent.checks import RULES
    from ozon_urgent.reporters.describe import rule_text, rules_table

    user = user_lang(lang)
    if code is None:
        sys.stdout.write(rules_table(user))
        return
    wanted = code.upper()
    if wanted not in RULES:
        close = difflib.get_close_matches(wanted, list(RULES), n=1)
        if close:
            fail("unknown_rule_guess", value=code, guess=close[0])
        fail("unknown_rule", value=code)
    sys.stdout.write(rule_text(wanted, user))


def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write (default: stdout).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Write the JSON Schema of the case file, for editors and CI."""
    from ozon_urgent.casefile.schema import schema_text

    user = user_lang(lang)
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text)
    typer.echo(i18n.text(user, "cli.done", "schema", file=output), err=True)


templates_app = typer.Typer(
    cls=Group, help="The built-in Russian templates, for agencies to adapt.", no_args_is_help=True
)


@templates_app.command("export", cls=Command)
def templates_export(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder to write the templates into.", file_okay=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite templates already there.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write the built-in templates into FOLDER; then build with `--templates FOLDER`."""
    from ozon_urgent.ticket.render import export_templates

    user = user_lang(lang)
    try:
        written = export_templates(folder, force=force)
    except FileExistsError as exc:
        fail("exists", file=exc.args[0])
    except OSError as exc:
        fail("write", status=ExitStatus.FAILED, file=folder, detail=exc.strerror or str(exc))
    typer.echo(i18n.text(user, "cli.done", "templates", count=len(written), folder=folder), err=True)
