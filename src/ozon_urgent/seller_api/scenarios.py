"""Which scenarios fit a rating key and which error-index postings belong to it (rating_scenarios.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class RatingFit:
    scenarios: tuple[str, ...]  # the first is drafted, the rest offered as a choice
    posting_errors: frozenset[str]
    known: bool  # False: the key is not in the table and got the default


@dataclass(frozen=True, slots=True)
class RatingScenarios:
    ratings: dict[str, RatingFit]
    default: RatingFit

    def fit(self, key: str) -> RatingFit:
        return self.ratings.get(key, self.default)


def _fit(table: dict[str, list[str]], *, known: bool) -> RatingFit:
    return RatingFit(tuple(table["scenarios"]), frozenset(table["posting_errors"]), known)


@cache
def load_rating_scenarios() -> RatingScenarios:
    text = resources.files("ozon_urgent").joinpath("data/rating_scenarios.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return RatingScenarios(
        ratings={key: _fit(table, known=True) for key, table in raw["ratings"].items()},
        default=_fit(raw["default"], known=False),
    )
