"""The Typer app: every command registered, and the one place a `UserError` becomes a message and exit."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ozon_urgent import __version__
from ozon_urgent.cli import cases, catalog, ledger, pull, status, translate
from ozon_urgent.cli.debug_notes import show_debug_notes
from ozon_urgent.cli.localized import App, Command
from ozon_urgent.cli.options import LangOpt, choose_root_lang, run_lang, start_run
from ozon_urgent.errors import UserError, debug_enabled
from ozon_urgent.unsafe_text import shown


class _Commands(App):
    """Runs a command; an error the user can act on ends it with its message and exit status.

    Help pages and Click's usage errors speak the user's language (`localized.App`).
    """

    def invoke(self, ctx: Any) -> Any:  # Any: the Context class is Click's or Typer's own, by version
        start_run()
        show_debug_notes(debug_enabled())
        try:
            return super().invoke(ctx)
        except UserError as error:
            typer.echo(f"ozon-urgent: {shown(error.message(run_lang()), lines=True)}", err=True)
            raise typer.Exit(error.exit_status) from None


# The end of `ozon-urgent --help` (cli/localized.py lays it out; the Chinese is the zh catalog's
# "cli.help" epilog).
FIRST_STEPS = """
Getting started
1. ozon-urgent init carrier_failure -o case.yaml
   A commented case file for the scenario: fill it in, put the evidence files under `evidence/`.
2. ozon-urgent check case.yaml
   Every problem with its line and how to fix it; repeat until no error is left.
3. ozon-urgent build case.yaml
   The pack in `out/<Client ID>/<case_id>/`: open `FILING.md` first, then `ticket.en.md`.
4. ozon-urgent record case.yaml --ref <Reference ID>
   Once the ticket is filed in Seller Center: records the Reference ID Ozon gave it.
Then `ozon-urgent status` shows each deadline and the next step (`followup` after 3 working days)."""


app = typer.Typer(
    cls=_Commands,
    name="ozon-urgent",
    help="Turn a seller's YAML case file into a checked Ozon urgent performance-review ticket pack.",
    epilog=FIRST_STEPS,
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
    lang: LangOpt = None,
) -> None:
    """Turn a seller's YAML case file into a checked Ozon urgent performance-review ticket pack."""
    choose_root_lang(lang)


for command in (
    cases.check,
    cases.init,
    catalog.scenarios,
    catalog.rules,
    catalog.schema,
    cases.build,
    translate.translate,
    pull.pull,
    ledger.record,
    ledger.resolve,
    ledger.followup,
    status.status,
):
    app.command(cls=Command)(command)
app.add_typer(catalog.templates_app, name="templates")
