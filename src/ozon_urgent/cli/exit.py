"""The one way out: exit statuses, and the error every command raises to stop with a message."""

from __future__ import annotations

from typing import NoReturn

from ozon_urgent.errors import ExitStatus, UserError
from ozon_urgent.findings import Outcome

__all__ = ["ExitStatus", "fail", "status_of"]

# A run's worst outcome → its exit status (docs/exit-codes.md): a case that fails, a case file that
# cannot be read among them, is 1; the tool or its environment failing on a case (B003, B008) is 3.
_STATUS_OF: dict[Outcome, ExitStatus] = {
    Outcome.OK: ExitStatus.OK,
    Outcome.FINDINGS: ExitStatus.FINDINGS,
    Outcome.TOOL_FAILED: ExitStatus.FAILED,
}


def status_of(outcome: Outcome) -> ExitStatus:
    return _STATUS_OF[outcome]


def fail(
    kind: str, /, *, table: str = "cli.errors", status: ExitStatus = ExitStatus.USAGE, **params: object
) -> NoReturn:
    """Stop the command with the catalog message `table.kind`; the app prints it and exits `status`.

    Core errors (policy, templates, packs, the ledger, DeepL, the Seller API) are raised as they are:
    they are `UserError`s too, and reach the same handler in `app`.
    """
    error = UserError(kind, **params)
    error.table, error.exit_status = table, status
    raise error
