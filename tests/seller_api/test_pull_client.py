"""The Seller API client against a local fake Ozon: headers, retries, Ozon's errors, strict field reading."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest
from pull_fake import (
    API_KEY,
    CLIENT_ID,
    HISTORY,
    INDEX_POSTINGS,
    SUMMARY,
    FakeOzon,
    error_entry,
    ozon_error,
    summary_item,
)
from pull_support import UNKNOWN_KEY, UNKNOWN_NAME, local_server, standard_account
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ozon_urgent.seller_api.endpoints import ENDPOINTS, RATING_SUMMARY
from ozon_urgent.seller_api.error_index import read_posting, stream_posting_errors
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.seller_api.ratings import read_history, read_summary
from ozon_urgent.seller_api.transport import Credentials, RetryPolicy, SellerApiClient, ozon_message

_day = date.fromisoformat


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with local_server() as running:
        yield running


@pytest.fixture
def fake(server: HTTPServer) -> FakeOzon:
    server.clear()
    return standard_account(FakeOzon(server)).install()


def client_for(
    fake: FakeOzon, key: str = API_KEY, timeout: float = 5.0
) -> tuple[SellerApiClient, list[float]]:
    waits: list[float] = []
    client = SellerApiClient(
        Credentials(CLIENT_ID, key), fake.base_url, timeout=timeout, retry=RetryPolicy(), sleep=waits.append
    )
    return client, waits


def test_every_call_is_a_json_post_with_both_headers(fake: FakeOzon) -> None:
    client, _ = client_for(fake)
    read_summary(client)
    seen = fake.calls(SUMMARY)[0]
    assert (seen.client_id, seen.api_key, seen.content_type) == (CLIENT_ID, API_KEY, "application/json")
    assert "127.0.0.1" in fake.base_url


def test_endpoint_versions_live_in_one_table() -> None:
    assert [e.path for e in ENDPOINTS] == [
        "/v1/rating/summary",
        "/v1/rating/history",
        "/v1/rating/index/fbs/info",
        "/v1/rating/index/fbs/posting/list",
        "/v3/posting/fbs/get",
    ]


def test_summary_keeps_an_unknown_rating_key_and_an_empty_localization_index(fake: FakeOzon) -> None:
    client, _ = client_for(fake)
    summary = read_summary(client)
    troubled = {rating.key: rating for rating in summary.troubled()}
    assert set(troubled) == {"rating_on_time", UNKNOWN_KEY}
    assert troubled[UNKNOWN_KEY].name == UNKNOWN_NAME
    assert troubled["rating_on_time"].direction == "DIRECTION_FALL"
    assert summary.localization == ()


def test_localization_index_with_empty_fields_is_not_an_error(fake: FakeOzon) -> None:
    # Ozon: "if you had no sales in the last 14 days, the fields will be empty"
    fake.localization_index = [{"calculation_date": "", "localization_percentage": None}]
    client, _ = client_for(fake)
    (local,) = read_summary(client).localization
    assert (local.percent, local.calculated) == (None, None)


def test_history_gives_thresholds_and_when_the_rating_turned_bad(fake: FakeOzon) -> None:
    client, _ = client_for(fake)
    answer = read_history(client, ["rating_on_time"], *map(_day, ("2026-08-28", "2026-11-26")))
    history = answer.ratings["rating_on_time"]
    assert (history.warning_threshold, history.danger_threshold) == (95, 90)
    assert history.turned_bad_on() == _day("2026-11-20")
    assert fake.calls(HISTORY)[0].body["ratings"] == ["rating_on_time"]


def test_429_then_success_is_retried_after_a_backoff(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, ozon_error(429, 8, "You have reached request rate limit per second"))
    client, waits = client_for(fake)
    assert read_summary(client).troubled()
    assert waits == [1.0]
    assert len(fake.calls(SUMMARY)) == 2


def test_backoff_doubles_up_to_a_cap_and_honours_retry_after() -> None:
    policy = RetryPolicy(attempts=6, first_delay=1.0, max_delay=5.0)
    assert [policy.backoff(n) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.retry_after("3") == 3.0
    assert policy.retry_after("600") == 5.0
    assert policy.retry_after("Wed, 21 Oct 2026 07:28:00 GMT") is None  # a date: the backoff applies


def test_5xx_is_retried_then_reported_with_ozons_message(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, *[ozon_error(503, 14, "Service Unavailable") for _ in range(5)])
    client, waits = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert caught.value.kind == "server_error"
    assert caught.value.params["attempts"] == 5
    assert caught.value.params["detail"] == "Service Unavailable (code 14)"
    assert waits == [1.0, 2.0, 4.0, 8.0]


def test_403_names_the_endpoint_and_the_roles_it_needs(fake: FakeOzon) -> None:
    client, waits = client_for(fake, key="not-the-key")
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    error = caught.value
    assert (error.kind, error.endpoint) == ("forbidden", "/v1/rating/summary")
    assert error.params["roles"] == RATING_SUMMARY.roles
    assert error.params["detail"] == "Invalid Api-Key, please contact support (code 7)"
    assert waits == []  # a refusal is not retried
    assert "not-the-key" not in str(error)


def test_401_is_a_wrong_client_id_and_key_pair(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, ozon_error(401, 16, "Client-Id and Api-Key headers are required"))
    client, waits = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.params["status"]) == ("unauthorized", 401)
    assert waits == []


def test_other_4xx_shows_ozons_error_body(fake: FakeOzon) -> None:
    fake.queue(HISTORY, ozon_error(400, 3, "date_to must not be earlier than date_from"))
    client, _ = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        read_history(client, ["rating_on_time"], _day("2026-11-26"), _day("2026-11-01"))
    assert caught.value.kind == "refused"
    assert caught.value.params["detail"] == "date_to must not be earlier than date_from (code 3)"


def test_ozon_message_reads_the_documented_body_and_anything_else() -> None:
    assert ozon_message(b'{"code": 5, "message": "Not found", "details": []}') == "Not found (code 5)"
    assert ozon_message(b"<html>Bad gateway</html>") == "<html>Bad gateway</html>"
    assert ozon_message(b"") == "(empty body)"


def test_malformed_json_body(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, Response('{"groups": [', status=200, content_type="application/json"))
    client, _ = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.endpoint) == ("bad_json", "/v1/rating/summary")


def test_a_missing_field_names_endpoint_and_field(fake: FakeOzon) -> None:
    broken = error_entry("57195475-0050-3")
    del broken["posting_number"]
    fake.errors = [error_entry("57195475-0051-1"), broken]
    client, _ = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        list(stream_posting_errors(client, _day("2026-10-27"), _day("2026-11-25")))
    assert caught.value.kind == "missing_field"
    assert caught.value.params == {"endpoint": INDEX_POSTINGS, "path": "errors[1].posting_number"}


def test_a_mistyped_field_names_endpoint_field_and_type(fake: FakeOzon) -> None:
    item = summary_item("rating_on_time", "x", "CRITICAL", 1, 2)
    item["current_value"] = "87.5"
    fake.groups = [{"group_name": "g", "items": [item]}]
    client, _ = client_for(fake)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert caught.value.params == {
        "endpoint": SUMMARY,
        "path": "groups[0].items[0].current_value",
        "expected": "number",
        "got": "str",
    }


def test_posting_dates_come_without_the_buyers_data(fake: FakeOzon) -> None:
    client, _ = client_for(fake)
    dates = read_posting(client, "57195475-0050-3")
    assert (dates.ship_by, dates.handed_over) == (_day("2026-11-02"), _day("2026-11-04"))
    assert dates.tracking and dates.tracking.startswith("RR")
    assert dates.cancel_reason is None  # Ozon sends an empty cancellation for a posting not cancelled
    assert "customer" not in dates.raw and "addressee" not in dates.raw
    assert "+79123456789" not in repr(dates.raw)


def test_a_hung_connection_times_out(fake: FakeOzon) -> None:
    fake.hang = threading.Event()
    client, _ = client_for(fake, timeout=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(SellerApiError) as caught:
            read_summary(client)
    finally:
        fake.hang.set()
    assert caught.value.kind == "timeout"
    assert time.monotonic() - started < 2


def test_nothing_listening_is_a_network_error() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    client = SellerApiClient(Credentials(CLIENT_ID, API_KEY), url, timeout=2, sleep=lambda _: None)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert caught.value.kind == "network"


def test_the_key_is_never_in_a_repr() -> None:
    assert API_KEY not in repr(Credentials(CLIENT_ID, API_KEY))
