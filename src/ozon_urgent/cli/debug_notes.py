"""The core's debug notes (the `ozon_urgent` loggers) on stderr, only under OZON_URGENT_DEBUG=1."""

from __future__ import annotations

import logging
import sys

_CORE = logging.getLogger("ozon_urgent")


class _Stderr(logging.Handler):
    """`ozon-urgent: NOTE` on the stderr of the moment, which a test runner swaps for every command."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"ozon-urgent: {record.getMessage()}\n")
        except Exception:
            self.handleError(record)


_HANDLER = _Stderr(logging.DEBUG)


def show_debug_notes(on: bool) -> None:
    """Show the notes from now on, or stop: without the handler a debug note goes nowhere."""
    if on:
        _CORE.addHandler(_HANDLER)  # once: logging keeps a handler already added only once
        _CORE.setLevel(logging.DEBUG)
        _CORE.propagate = False
    else:
        _CORE.removeHandler(_HANDLER)
        _CORE.setLevel(logging.NOTSET)
        _CORE.propagate = True
