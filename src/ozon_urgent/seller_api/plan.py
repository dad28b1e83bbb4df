"""What a rating's draft will say before any posting is read: scenario, dates, window, file name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ozon_urgent.catalog import UNWINDOWED_SPAN_DAYS, Catalog, Scenario
from ozon_urgent.policy import Policy
from ozon_urgent.seller_api.ratings import Rating, RatingHistory
from ozon_urgent.seller_api.scenarios import RatingFit

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class DraftPlan:
    rating: Rating
    history: RatingHistory | None
    fit: RatingFit
    scenario: Scenario
    alternatives: tuple[Scenario, ...]
    received: date
    received_from_history: bool
    period: tuple[date, date]
    period_from_history: bool
    window_days: int | None  # the rolling window `check` holds the evidence to (C150)
    covers: tuple[date, date]  # what each TODO evidence entry must cover
    stem: str  # the draft's file name without suffix; also its case_id

    @property
    def posting_errors(self) -> frozenset[str]:
        return self.fit.posting_errors


def plan_draft(
    rating: Rating,
    history: RatingHistory | None,
    fit: RatingFit,
    catalog: Catalog,
    policy: Policy,
    today: date,
) -> DraftPlan:
    scenarios = [catalog.scenarios[sid] for sid in fit.scenarios if sid in catalog.scenarios]
    scenario = scenarios[0] if scenarios else catalog.scenarios["rating_drop_restriction"]
    turned = history.turned_bad_on() if history is not None else None
    received = min(turned, today) if turned is not None else today
    window = policy.window_for(scenario.id, scenario.window_days, rating.key)
    # `check` wants evidence over the N days before the notification (C150).
    before = (received - timedelta(days=window or UNWINDOWED_SPAN_DAYS), received - timedelta(days=1))
    latest = history.latest() if history is not None else None
    period = (latest.start, min(latest.end, today)) if latest is not None else before
    return DraftPlan(
        rating=rating,
        history=history,
        fit=fit,
        scenario=scenario,
        alternatives=tuple(scenarios[1:]),
        received=received,
        received_from_history=turned is not None,
        period=period,
        period_from_history=latest is not None,
        window_days=window,
        covers=before if window else period,
        stem=f"{safe_stem(rating.key)}-{received.isoformat()}",
    )


def safe_stem(key: str) -> str:
    """A rating key as a file name and case_id: Ozon's keys are open, so keep only the safe characters."""
    stem = _UNSAFE.sub("-", key).strip("-._")[:80]
    return stem if stem and stem[0].isalnum() else f"rating-{stem}".rstrip("-")
