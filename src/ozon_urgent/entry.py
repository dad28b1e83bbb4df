"""Console entry point: `--version` answers before anything heavy is imported."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ozon_urgent import __version__

        sys.stdout.write(f"ozon-urgent {__version__}\n")
        return
    from ozon_urgent.cli import app

    try:
        app(prog_name="ozon-urgent")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last guard: users get a message, not a traceback
        if os.environ.get("OZON_URGENT_DEBUG"):
            raise
        sys.stderr.write(
            f"ozon-urgent: internal error ({type(exc).__name__}: {exc}).\n"
            "Please report it with the command you ran; OZON_URGENT_DEBUG=1 shows the traceback.\n"
        )
        sys.exit(3)
