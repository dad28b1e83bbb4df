"""The seller's ratings: their current state (/v1/rating/summary) and their thresholds and past (/history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ozon_urgent.seller_api.endpoints import RATING_HISTORY, RATING_SUMMARY, date_range_fields
from ozon_urgent.seller_api.fields import Node, opt_number, opt_text
from ozon_urgent.seller_api.transport import Poster

TROUBLED = ("WARNING", "CRITICAL")


@dataclass(frozen=True, slots=True)
class Rating:
    """One item of /v1/rating/summary. `key` is an open set: Ozon adds ratings the tool does not know."""

    key: str
    name: str  # Ozon's own (Russian) name: what an unknown key is shown by
    status: str  # OK / WARNING / CRITICAL / UNKNOWN_STATUS
    value: float
    past: float | None
    value_type: str  # PERCENT, TIME (seconds), INDEX, RATIO, REVIEW_SCORE, COUNT
    direction: str  # DIRECTION_RISE / DIRECTION_FALL / DIRECTION_NONE
    meaning: str  # MEANING_GOOD / MEANING_BAD / MEANING_NONE


@dataclass(frozen=True, slots=True)
class Localization:
    percent: float | None
    calculated: date | None


@dataclass(frozen=True, slots=True)
class RatingSummary:
    ratings: tuple[Rating, ...]
    penalty_score_exceeded: bool
    # Empty when the seller had no sales in the last 14 days: Ozon then sends [] or empty fields.
    localization: tuple[Localization, ...]
    raw: dict[str, Any]

    def troubled(self) -> tuple[Rating, ...]:
        return tuple(rating for rating in self.ratings if rating.status in TROUBLED)


@dataclass(frozen=True, slots=True)
class RatingPeriod:
    start: date
    end: date
    value: float | None
    warning: bool
    danger: bool

    @property
    def bad(self) -> bool:
        return self.warning or self.danger


@dataclass(frozen=True, slots=True)
class RatingHistory:
    key: str
    warning_threshold: float | None
    danger_threshold: float | None
    periods: tuple[RatingPeriod, ...]  # oldest first

    def latest(self) -> RatingPeriod | None:
        return self.periods[-1] if self.periods else None

    def turned_bad_on(self) -> date | None:
        """The end of the first period of the current WARNING/CRITICAL run: when Ozon would have notified."""
        if not self.periods or not self.periods[-1].bad:
            return None
        first = self.periods[-1]
        for period in reversed(self.periods):
            if not period.bad:
                break
            first = period
        return first.end


@dataclass(frozen=True, slots=True)
class HistoryAnswer:
    ratings: dict[str, RatingHistory]
    request: dict[str, object]
    raw: dict[str, Any]


def read_summary(client: Poster) -> RatingSummary:
    answer = client.post(RATING_SUMMARY, {})
    root = Node(RATING_SUMMARY.path, answer)
    ratings = [_rating(item) for group in root.get("groups").items() for item in group.get("items").items()]
    exceeded = root.opt("penalty_score_exceeded")
    local = root.opt("localization_index")
    return RatingSummary(
        ratings=tuple(ratings),
        penalty_score_exceeded=exceeded is not None and exceeded.flag(),
        localization=tuple(_localization(item) for item in (local.items() if local else [])),
        raw=answer,
    )


def _rating(item: Node) -> Rating:
    key = item.get("rating").text()
    change = item.opt("change")
    return Rating(
        key=key,
        name=opt_text(item, "name") or key,
        status=item.get("status").text(),
        value=item.get("current_value").number(),
        past=opt_number(item, "past_value"),
        value_type=opt_text(item, "value_type") or "UNKNOWN_VALUE",
        direction=(opt_text(change, "direction") if change else None) or "DIRECTION_UNKNOWN",
        meaning=(opt_text(change, "meaning") if change else None) or "MEANING_UNKNOWN",
    )


def _localization(item: Node) -> Localization:
    calculated = item.opt("calculation_date")
    return Localization(opt_number(item, "localization_percentage"), calculated.day() if calculated else None)


def history_request(keys: list[str], start: date, end: date) -> dict[str, object]:
    return {
        **date_range_fields(start, end),
        "ratings": keys,
        "with_premium_scores": False,
    }


def read_history(client: Poster, keys: list[str], start: date, end: date) -> HistoryAnswer:
    request = history_request(keys, start, end)
    answer = client.post(RATING_HISTORY, request)
    root = Node(RATING_HISTORY.path, answer)
    found: dict[str, RatingHistory] = {}
    for item in root.get("ratings").items():
        periods = sorted((_period(value) for value in item.get("values").items()), key=lambda p: p.end)
        key = item.get("rating").text()
        found[key] = RatingHistory(
            key=key,
            warning_threshold=opt_number(item, "warning_threshold"),
            danger_threshold=opt_number(item, "danger_threshold"),
            periods=tuple(periods),
        )
    return HistoryAnswer(found, request, answer)


def _period(value: Node) -> RatingPeriod:
    status = value.opt("status")
    warning = status.opt("warning") if status else None
    danger = status.opt("danger") if status else None
    return RatingPeriod(
        start=value.get("date_from").day(),
        end=value.get("date_to").day(),
        value=opt_number(value, "value"),
        warning=warning is not None and warning.flag(),
        danger=danger is not None and danger.flag(),
    )
