"""Console entry point: `--version` and the top-level help answer before anything heavy is imported."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ozon_urgent import __version__

        sys.stdout.write(f"ozon-urgent {__version__}\n")
        return
    if sys.argv[1:] in ([], ["--help"], ["-h"]):
        # The top-level help is the CLI framework's own output, saved in the package (a test keeps the
        # copy equal to what Typer prints): it answers in the time Python takes to start.
        # a plain open(): importlib.resources alone would double the time this answer takes
        folder = os.path.dirname(os.path.dirname(__file__))
        with open(os.path.join(folder, "data", "help.txt"), encoding="utf-8") as saved:
            sys.stdout.write(saved.read())
        return
    from ozon_urgent.cli.app import app
    from ozon_urgent.errors import ExitStatus, debug_enabled

    try:
        app(prog_name="ozon-urgent")
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
