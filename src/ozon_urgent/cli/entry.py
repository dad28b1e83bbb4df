"""Console entry point: `--version` and the top-level help answer before anything heavy is imported."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run `ozon-urgent ARGV` (default: this process's arguments, as the console script is run)."""
    args = sys.argv[1:] if argv is None else argv
    _never_fail_on_encoding()
    if args in (["--version"], ["-V"]):
        from ozon_urgent import __version__

        sys.stdout.write(f"ozon-urgent {__version__}\n")
        return
    if args in ([], ["--help"], ["-h"]):
        # The top-level help is the CLI framework's own output, saved in the package in both languages
        # (a test keeps each copy equal to what Typer prints): it answers in the time Python takes to
        # start. The language is the locale's, as options.env_lang decides it for everything else.
        from ozon_urgent.locale_lang import shows_chinese, wants_chinese

        chinese = wants_chinese() and shows_chinese(sys.stdout, sys.stderr)
        # a plain open(): importlib.resources alone would double the time this answer takes
        folder = os.path.dirname(os.path.dirname(__file__))
        name = "help.zh.txt" if chinese else "help.txt"
        with open(os.path.join(folder, "data", name), encoding="utf-8") as saved:
            sys.stdout.write(saved.read())
        return
    from ozon_urgent.cli.app import app
    from ozon_urgent.errors import ExitStatus, debug_enabled

    try:
        app(args=argv, prog_name="ozon-urgent")  # None: Click reads sys.argv (and expands globs on Windows)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(ExitStatus.INTERRUPTED)
    except Exception as exc:  # the last guard: users get a message, not a traceback
        if debug_enabled():
            raise
        sys.stderr.write(
            f"ozon-urgent: internal error ({type(exc).__name__}: {exc}).\n"
            "Please report it with the command you ran; OZON_URGENT_DEBUG=1 shows the traceback.\n"
        )
        sys.exit(ExitStatus.FAILED)


def _never_fail_on_encoding() -> None:
    """A stream that cannot encode Chinese (PYTHONIOENCODING=ascii, a Latin-1 locale) writes what it
    cannot encode as \\uXXXX escapes instead of raising mid-report: Russian ticket text, a Chinese file
    name or `--lang zh` then print, and the run ends as it would have. Messages the user did not ask
    to be Chinese are English on such a terminal (options.env_lang)."""
    from ozon_urgent.locale_lang import shows_chinese

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not shows_chinese(stream):
            reconfigure(errors="backslashreplace")
