"""`status --store/--scenario/--state/--due`: checked against what exists, then applied to the rows.

A value that cannot match anything (a scenario or state the tool does not know) is a usage error
(exit 2) naming the allowed values; a valid filter that matches nothing is said so, and exits 0.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ozon_urgent.cli.exit import fail
from ozon_urgent.ledger.states import TicketState

if TYPE_CHECKING:
    from ozon_urgent.ledger.overview import CaseRow
    from ozon_urgent.ledger.states import Due


@dataclass(frozen=True, slots=True)
class Filters:
    stores: tuple[str, ...]
    scenarios: tuple[str, ...]
    states: tuple[TicketState, ...]
    due: Due | None

    def keeps(self, row: CaseRow, today: date) -> bool:
        from ozon_urgent.ledger.overview import is_due, is_store

        return (
            (not self.stores or any(is_store(row, store) for store in self.stores))
            and (not self.scenarios or row.scenario in self.scenarios)
            and (not self.states or row.state in self.states)
            and (self.due is None or is_due(row, self.due, today))
        )

    @property
    def shown(self) -> str:
        """The filters as they were typed, for "nothing matches …"."""
        given = [("--store", value) for value in self.stores]
        given += [("--scenario", value) for value in self.scenarios]
        given += [("--state", value.value) for value in self.states]
        given += [("--due", self.due.value)] if self.due is not None else []
        return " ".join(f"{option} {shlex.quote(value)}" for option, value in given)


def checked_filters(stores: list[str], scenarios: list[str], states: list[str], due: Due | None) -> Filters:
    """The filters, each scenario and state known; an unknown one stops the command (exit 2)."""
    allowed_states = [state.value for state in TicketState]
    for value in states:
        if value not in allowed_states:
            fail("unknown_state", table="cli.ledger.status", value=value, allowed=", ".join(allowed_states))
    if scenarios:
        _check_scenarios(scenarios)
    return Filters(tuple(stores), tuple(scenarios), tuple(TicketState(value) for value in states), due)


def _check_scenarios(scenarios: list[str]) -> None:
    from ozon_urgent.catalog import guess_scenario, load_catalog

    catalog = load_catalog()
    allowed = ", ".join(catalog.scenarios)
    for value in scenarios:
        if value in catalog.scenarios:
            continue
        guess = guess_scenario(value, catalog)
        if guess:
            fail(
                "unknown_scenario_guess", table="cli.ledger.status", value=value, guess=guess, allowed=allowed
            )
        fail("unknown_scenario", table="cli.ledger.status", value=value, allowed=allowed)
