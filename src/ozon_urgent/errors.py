"""Errors a user can act on: a message from the catalog, its parameters, and the exit status it ends with."""

from __future__ import annotations

import os
from enum import IntEnum

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang


class ExitStatus(IntEnum):
    """What `ozon-urgent` exits with; docs/exit-codes.md is the table users script against."""

    OK = 0
    FINDINGS = 1  # a case fails: its errors (warnings under --strict), a case file that cannot be read or
    # parsed; or a request the ledger refuses
    USAGE = 2  # a command line that cannot be run: an unknown option, a bad date, a missing path, no cases
    FAILED = 3  # the tool or its environment: configuration, a template, the ledger, the output, a service,
    # an internal error (B008 too, though the run judged and reported every case)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT; packs already written stay whole


class UserError(Exception):
    """A failure the user can fix: `kind` picks the message in `table`, `params` fill it.

    Every family of such errors (policy, templates, packs, the ledger, DeepL, the Seller API, case
    sources) derives from this class, and the command line catches this class alone: it prints
    `message()` and exits with `exit_status`. A subclass overrides `message()` only when its text needs
    more than filling in parameters.
    """

    table: str = "cli.errors"
    exit_status: ExitStatus = ExitStatus.FAILED

    def __init__(self, kind: str, /, **params: object) -> None:
        # Only the kind in the exception's own text: parameters may hold paths or a server's words.
        super().__init__(kind)
        self.kind = kind
        self.params: dict[str, object] = params

    def message(self, lang: Lang) -> str:
        return i18n.text(lang, self.table, self.kind, **self.params)


def debug_enabled() -> bool:
    """OZON_URGENT_DEBUG=1 (or true): let unexpected errors raise with their traceback, for a report."""
    return os.environ.get("OZON_URGENT_DEBUG", "").strip().lower() in {"1", "true", "yes"}
