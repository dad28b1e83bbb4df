"""A stand-in for the Ozon Seller API on pytest-httpserver, answering with the bodies Ozon documents.

Shapes follow Ozon's Seller API reference (RatingAPI_RatingSummaryV1, RatingAPI_RatingHistoryV1,
RatingAPI_GetFBSRatingIndexInfoV1, RatingAPI_ListFBSRatingIndexPostingsV1, PostingAPI_GetFbsPostingV3):
field names, nesting and types as documented, errors as `rpcStatus` `{code, message, details}`. Error-index
pages are generated on demand, so a 10,000-posting account costs the server one page at a time too.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

CLIENT_ID = "1234567"
API_KEY = "3f1e0b2a-7c4d-4e5f-9a8b-1c2d3e4f5a6b"
SUMMARY = "/v1/rating/summary"
HISTORY = "/v1/rating/history"
INDEX_INFO = "/v1/rating/index/fbs/info"
INDEX_POSTINGS = "/v1/rating/index/fbs/posting/list"
POSTING = "/v3/posting/fbs/get"
PATHS = (SUMMARY, HISTORY, INDEX_INFO, INDEX_POSTINGS, POSTING)

ErrorMaker = Callable[[int], dict[str, Any]]


def ozon_error(status: int, code: int, message: str) -> Response:
    body = {"code": code, "message": message, "details": []}
    return Response(json.dumps(body), status=status, content_type="application/json")


def ok(body: object) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=200, content_type="application/json")


def summary_item(
    key: str,
    name: str,
    status: str,
    value: float,
    past: float,
    value_type: str = "PERCENT",
    direction: str = "DIRECTION_FALL",
    meaning: str = "MEANING_BAD",
    rating_direction: str = "HIGHER_IS_BETTER",
) -> dict[str, Any]:
    return {
        "change": {"direction": direction, "meaning": meaning},
        "current_value": value,
        "name": name,
        "past_value": past,
        "rating": key,
        "rating_direction": rating_direction,
        "status": status,
        "value_type": value_type,
    }


def history_rating(
    key: str, warning: float, danger: float, values: list[tuple[str, str, float, bool, bool]]
) -> dict[str, Any]:
    """`values`: (date_from, date_to, value, warning, danger) per period."""
    return {
        "danger_threshold": danger,
        "premium_threshold": 0,
        "rating": key,
        "values": [
            {
                "date_from": f"{start}T00:00:00Z",
                "date_to": f"{end}T00:00:00Z",
                "status": {"danger": is_danger, "premium": False, "warning": is_warning},
                "value": value,
            }
            for start, end, value, is_warning, is_danger in values
        ],
        "warning_threshold": warning,
    }


def error_entry(
    number: str, kind: str = "SELLER_DELAY", at: str = "2026-11-10T09:15:22Z", grace: bool = False
) -> dict[str, Any]:
    return {
        "charge_percent": 0.5,
        "charge_price": 12.5,
        "charge_price_currency_code": "RUB",
        "delivery_schema": "FBS",
        "error_at": at,
        "has_grace_status": grace,
        "index": 0.01,
        "posting_error_type": kind,
        "posting_number": number,
        "product_price": 2500,
        "product_price_currency_code": "RUB",
    }


def many_errors(index: int) -> dict[str, Any]:
    """The i-th posting of a large account: distinct, valid posting numbers, errors spread over October."""
    return error_entry(
        f"{70000000 + index}-{index % 10000:04d}-1", at=f"2026-10-{1 + index % 28:02d}T10:00:00Z"
    )


def posting_result(number: str) -> dict[str, Any]:
    """A /v3/posting/fbs/get `result`, buyer data included as Ozon sends it for rFBS."""
    order = number.rsplit("-", 1)[0]
    return {
        "posting_number": number,
        "order_id": 354680487,
        "order_number": order,
        "status": "delivered",
        "substatus": "posting_delivered",
        "tracking_number": f"RR{zlib.crc32(number.encode()) % 10**9:09d}RU",
        "tpl_integration_type": "ozon",
        "in_process_at": "2026-11-01T08:00:00Z",
        "shipment_date": "2026-11-02T12:00:00Z",
        "delivering_date": "2026-11-04T09:00:00Z",
        "fact_delivery_date": "2026-11-04T09:30:00Z",
        "cancellation": {
            "affect_cancellation_rating": False,
            "cancel_reason": "",
            "cancel_reason_id": 0,
            "cancellation_initiator": "",
            "cancellation_type": "",
            "cancelled_after_ship": False,
        },
        "customer": {"name": "Иван Петров", "phone": "+79123456789", "customer_id": 1},
        "addressee": {"name": "Иван Петров", "phone": "+79123456789"},
        "products": [{"sku": 498274975, "offer_id": "250-7898-1", "name": "Кружка", "quantity": 1}],
    }


@dataclass
class Seen:
    path: str
    client_id: str | None
    api_key: str | None
    content_type: str | None
    body: dict[str, Any]


@dataclass
class FakeOzon:
    """One seller account: what each endpoint answers, canned failures first, every request recorded."""

    server: HTTPServer
    groups: list[dict[str, Any]] = field(default_factory=list)
    localization_index: list[dict[str, Any]] = field(default_factory=list)
    penalty_score_exceeded: bool = False
    history: list[dict[str, Any]] = field(default_factory=list)
    index_info: dict[str, Any] = field(
        default_factory=lambda: {
            "currency_code": "RUB",
            "defects": [{"date": "2026-11-10", "index_by_date": 0.02, "processing_costs_sum_by_date": 25}],
            "index": 0.04,
            "period_from": "2026-10-27",
            "period_to": "2026-11-25",
            "processing_costs_sum": 250,
        }
    )
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int | None = None  # with `make_error`: a generated account of this many postings
    make_error: ErrorMaker = many_errors
    page_size: int = 1000
    stuck_cursor: str | None = None  # set: every page says has_next with this same cursor
    seen: list[Seen] = field(default_factory=list)
    canned: dict[str, list[Response]] = field(default_factory=dict)
    # Fields a posting's /v3/posting/fbs/get answer has besides posting_result's, by number ("*": every one)
    posting_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    hang: threading.Event | None = None  # set: the summary call blocks until the event is set

    def install(self) -> FakeOzon:
        for path in PATHS:
            self.server.expect_request(path, method="POST").respond_with_handler(self._handle)
        return self

    @property
    def base_url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def calls(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def queue(self, path: str, *responses: Response) -> None:
        self.canned.setdefault(path, []).extend(responses)

    def _handle(self, request: Request) -> Response:
        # pytest-httpserver logs every response it sent; keep only the last so the memory tests
        # measure the client, not a server holding every page.
        self.server.clear_log()
        try:
            body = json.loads(request.get_data() or b"{}")
        except ValueError:
            return ozon_error(400, 3, "invalid request body")
        self.seen.append(
            Seen(
                request.path,
                request.headers.get("Client-Id"),
                request.headers.get("Api-Key"),
                request.headers.get("Content-Type"),
                body,
            )
        )
        if self.canned.get(request.path):
            return self.canned[request.path].pop(0)
        if request.headers.get("Client-Id") != CLIENT_ID or request.headers.get("Api-Key") != API_KEY:
            return ozon_error(403, 7, "Invalid Api-Key, please contact support")
        if request.path == SUMMARY and self.hang is not None:
            self.hang.wait(5)
        return self._answer(request.path, body)

    def _answer(self, path: str, body: dict[str, Any]) -> Response:
        if path == SUMMARY:
            return ok(
                {
                    "groups": self.groups,
                    "localization_index": self.localization_index,
                    "penalty_score_exceeded": self.penalty_score_exceeded,
                    "premium": False,
                    "premium_plus": False,
                }
            )
        if path == HISTORY:
            if not {"date_from", "date_to", "ratings"} <= body.keys():
                return ozon_error(400, 3, "date_from, date_to and ratings are required")
            wanted = set(body["ratings"])
            return ok({"premium_scores": [], "ratings": [r for r in self.history if r["rating"] in wanted]})
        if path == INDEX_INFO:
            return ok(self.index_info)
        if path == INDEX_POSTINGS:
            return self._postings_page(body)
        number = body.get("posting_number")
        if not isinstance(number, str):
            return ozon_error(400, 3, "posting_number is required")
        extra = self.posting_fields.get(number, self.posting_fields.get("*", {}))
        return ok({"result": {**posting_result(number), **extra}})

    def _postings_page(self, body: dict[str, Any]) -> Response:
        limit = body.get("limit")
        if not isinstance(limit, int) or not 0 < limit <= 1000 or "filter" not in body:
            return ozon_error(400, 3, "limit must be 1..1000 and filter is required")
        cursor = body.get("cursor") or ""
        offset = int(cursor.rsplit("-", 1)[1]) if cursor else 0
        total = self.error_count if self.error_count is not None else len(self.errors)
        size = min(limit, self.page_size)
        end = min(offset + size, total)
        if self.error_count is not None:
            page = [self.make_error(i) for i in range(offset, end)]
        else:
            page = self.errors[offset:end]
        if self.stuck_cursor is not None:
            return ok({"cursor": self.stuck_cursor, "errors": page, "has_next": True})
        more = end < total
        return ok({"cursor": f"cursor-{end}" if more else "", "errors": page, "has_next": more})
