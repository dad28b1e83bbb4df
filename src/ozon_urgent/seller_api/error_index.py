"""The FBS/rFBS error index: its value and window, the postings that hurt it (paged), one posting's dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ozon_urgent.seller_api.endpoints import (
    FBS_INDEX_INFO,
    FBS_INDEX_POSTINGS,
    FBS_POSTING,
    date_range_fields,
)
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.seller_api.fields import Node, opt_text
from ozon_urgent.seller_api.transport import Poster

PAGE_LIMIT = 1000  # the most Ozon returns per page
# 500 pages of 1,000 is far beyond any real account; a server that never says has_next=false stops here.
MAX_PAGES = 500
# Buyers' names, phones and addresses: never copied into files a seller might attach or share.
_BUYER_FIELDS = frozenset({"customer", "addressee"})
# The posting's `tpl_integration_type` (Seller API, /v3/posting/fbs/get): delivery by Ozon is FBS, by an
# integrated, third-party, partner (aggregator) service or Russian Post (`hybryd`, as Ozon spells it) is
# rFBS. A type Ozon adds later is not guessed.
_SCHEME_OF_INTEGRATION = {
    "ozon": "FBS",
    "3pl_tracking": "rFBS",
    "non_integrated": "rFBS",
    "aggregator": "rFBS",
    "hybryd": "rFBS",
    "hybrid": "rFBS",
}


@dataclass(frozen=True, slots=True)
class ErrorIndex:
    value: float
    start: date
    end: date
    raw: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PostingError:
    number: str
    kind: str  # SELLER_DELAY, SELLER_CANCELLATION, UNSPECIFIED, or one Ozon adds later
    at: date
    grace: bool  # льготный статус: Ozon may not count it
    raw: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PostingDates:
    number: str
    status: str | None
    ship_by: date | None  # shipment_date: when it had to be handed over
    handed_over: date | None  # fact_delivery_date, else delivering_date
    tracking: str | None
    cancel_reason: str | None
    raw: dict[str, Any]  # the answer without the buyer's data
    scheme: str | None = None  # FBS or rFBS, from tpl_integration_type
    carrier: str | None = None  # on rFBS, the delivery service (delivery_method.tpl_provider)


def read_index(client: Poster) -> ErrorIndex:
    answer = client.post(FBS_INDEX_INFO, {})
    root = Node(FBS_INDEX_INFO.path, answer)
    return ErrorIndex(
        value=root.get("index").number(),
        start=root.get("period_from").day(),
        end=root.get("period_to").day(),
        raw=answer,
    )


def posting_list_request(start: date, end: date, limit: int = PAGE_LIMIT) -> dict[str, object]:
    return {
        "filter": date_range_fields(start, end),
        "limit": limit,
    }


def stream_posting_errors(
    client: Poster, start: date, end: date, *, limit: int = PAGE_LIMIT, max_pages: int = MAX_PAGES
) -> Iterator[PostingError]:
    """Every posting in the error index between the dates, one page in memory at a time.

    The next page is asked for only once this one is used up. Paging stops on `has_next: false`; a cursor
    Ozon already gave, `has_next` without a cursor, or more than `max_pages` pages stop it with an error.
    """
    path = FBS_INDEX_POSTINGS.path
    request = posting_list_request(start, end, limit)
    seen: set[str] = set()
    count = 0
    for page in range(1, max_pages + 1):
        root = Node(path, client.post(FBS_INDEX_POSTINGS, request))
        for entry in root.get("errors").items():
            count += 1
            yield _posting_error(entry)
        # proto3 leaves a false boolean out of the JSON, so an absent has_next means the last page.
        more = root.opt("has_next")
        if more is None or not more.flag():
            return
        cursor = opt_text(root, "cursor")
        del root  # hold one page, never two, while the next one is fetched
        if cursor is None:
            raise SellerApiError("no_cursor", path, page=page)
        if cursor in seen:
            raise SellerApiError("repeated_cursor", path, page=page)
        seen.add(cursor)
        request = {**request, "cursor": cursor}
    raise SellerApiError("page_cap", path, pages=max_pages, count=count)


def _posting_error(entry: Node) -> PostingError:
    grace = entry.opt("has_grace_status")
    return PostingError(
        number=entry.get("posting_number").text(),
        kind=entry.get("posting_error_type").text(),
        at=entry.get("error_at").day(),
        grace=grace is not None and grace.flag(),
        raw=entry.raw(),
    )


def read_posting(client: Poster, number: str) -> PostingDates:
    answer = client.post(FBS_POSTING, {"posting_number": number})
    result = Node(FBS_POSTING.path, answer).get("result")
    cancellation = result.opt("cancellation")
    handed = result.opt("fact_delivery_date") or result.opt("delivering_date")
    ship_by = result.opt("shipment_date")
    scheme = _SCHEME_OF_INTEGRATION.get(opt_text(result, "tpl_integration_type") or "")
    method = result.opt("delivery_method")
    provider = opt_text(method, "tpl_provider") if method is not None and scheme == "rFBS" else None
    return PostingDates(
        number=result.get("posting_number").text(),
        status=opt_text(result, "status"),
        ship_by=ship_by.day() if ship_by else None,
        handed_over=handed.day() if handed else None,
        tracking=opt_text(result, "tracking_number"),
        cancel_reason=opt_text(cancellation, "cancel_reason") if cancellation else None,
        raw={key: value for key, value in result.raw().items() if key not in _BUYER_FIELDS},
        scheme=scheme,
        carrier=" ".join(provider.split()) or None if provider else None,
    )
