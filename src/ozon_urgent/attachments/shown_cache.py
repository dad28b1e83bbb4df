"""The index of what a file shows (`shown.Shown`) as the verdict cache stores it, and read back strictly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from ozon_urgent.attachments.model import Amount, Shown

_ID_KINDS = ("postings", "orders", "skus", "numbers", "codes")
_CURRENCIES = frozenset({"RUB", "CNY", "USD"})


def encode_shown(shown: Shown) -> dict[str, list[str]]:
    """Each kind as a sorted list of strings (dates ISO, amounts «value currency»): stable JSON."""
    out = {kind: sorted(getattr(shown, kind)) for kind in _ID_KINDS}
    out["dates"] = sorted(day.isoformat() for day in shown.dates)
    out["amounts"] = sorted(f"{amount.value} {amount.currency}" for amount in shown.amounts)
    return out


def decode_shown(value: object) -> Shown | Literal[False] | None:
    """The stored index, None when the verdict has none, False when the entry is not what encode wrote."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {*_ID_KINDS, "dates", "amounts"}:
        return False
    if not all(
        isinstance(items, list) and all(isinstance(item, str) for item in items) for items in value.values()
    ):
        return False
    try:
        dates = frozenset(date.fromisoformat(item) for item in value["dates"])
        amounts = frozenset(_amount(item) for item in value["amounts"])
    except (ValueError, InvalidOperation):
        return False
    ids = {kind: frozenset(value[kind]) for kind in _ID_KINDS}
    return Shown(**ids, dates=dates, amounts=amounts)


def _amount(item: str) -> Amount:
    number, _, currency = item.partition(" ")
    if currency not in _CURRENCIES:
        raise ValueError(item)
    return Amount(Decimal(number), currency)
