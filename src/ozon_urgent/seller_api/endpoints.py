"""Every Seller API method `pull` calls, with its version: the one place to change when Ozon retires one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str
    # Seller API key roles that open the method, named in the message when Ozon answers 403.
    roles: str


RATING_SUMMARY = Endpoint("/v1/rating/summary", "Admin, Admin read only")
RATING_HISTORY = Endpoint("/v1/rating/history", "Admin, Admin read only")
FBS_INDEX_INFO = Endpoint("/v1/rating/index/fbs/info", "Admin, Admin read only")
FBS_INDEX_POSTINGS = Endpoint("/v1/rating/index/fbs/posting/list", "Admin, Admin read only")
FBS_POSTING = Endpoint("/v3/posting/fbs/get", "Admin, Admin read only, Posting FBS")

ENDPOINTS: tuple[Endpoint, ...] = (
    RATING_SUMMARY,
    RATING_HISTORY,
    FBS_INDEX_INFO,
    FBS_INDEX_POSTINGS,
    FBS_POSTING,
)


def date_range_fields(start: date, end: date) -> dict[str, str]:
    """`date_from` and `date_to` as the rating history and the error index's postings take them: whole
    days, from the first day's midnight to the last second of the last, in UTC."""
    return {"date_from": f"{start.isoformat()}T00:00:00Z", "date_to": f"{end.isoformat()}T23:59:59Z"}
