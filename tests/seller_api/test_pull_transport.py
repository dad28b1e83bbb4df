"""The transport under the client: Retry-After and its cap, bounded bodies, failed connections, no leaks."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator

import pytest
from pull_fake import API_KEY, CLIENT_ID, SUMMARY, FakeOzon, ozon_error
from pull_support import local_server, standard_account
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ozon_urgent.seller_api import transport
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.seller_api.ratings import read_summary
from ozon_urgent.seller_api.transport import Credentials, RetryPolicy, SellerApiClient

_CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with local_server() as running:
        yield running


@pytest.fixture
def fake(server: HTTPServer) -> FakeOzon:
    server.clear()
    return standard_account(FakeOzon(server)).install()


def client_for(
    url: str, retry: RetryPolicy | None = None, timeout: float = 5.0
) -> tuple[SellerApiClient, list[float]]:
    waits: list[float] = []
    client = SellerApiClient(
        Credentials(CLIENT_ID, API_KEY), url, timeout=timeout, retry=retry, sleep=waits.append
    )
    return client, waits


def throttled(retry_after: str, status: int = 429) -> Response:
    response = ozon_error(status, 8, "You have reached request rate limit per second")
    response.headers["Retry-After"] = retry_after
    return response


class CountedBody:
    """A body of `chunks` × 64 KiB, handed to the server chunk by chunk, counting how many it produced."""

    def __init__(self, chunks: int, stall: threading.Event | None = None) -> None:
        self.chunks = chunks
        self.produced = 0
        self.stall = stall  # set: after the first chunk, wait for this event before the rest

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.chunks):
            self.produced += 1
            yield b" " * _CHUNK
            if self.stall is not None:
                self.stall.wait(5)


@pytest.mark.parametrize(
    ("header", "wait"),
    [
        ("3", 3.0),
        ("1.5", 1.5),
        ("600", 20.0),  # capped at the policy's 20 s
        ("0", 0.0),
        ("Wed, 21 Oct 2026 07:28:00 GMT", 1.0),  # an HTTP date: our own backoff
        ("soon", 1.0),  # urllib3 alone would raise InvalidHeader here
    ],
)
def test_retry_after_sets_the_wait_up_to_the_cap(fake: FakeOzon, header: str, wait: float) -> None:
    fake.queue(SUMMARY, throttled(header))
    client, waits = client_for(fake.base_url)
    assert read_summary(client).troubled()
    assert waits == [wait]
    assert len(fake.calls(SUMMARY)) == 2


def test_a_5xx_with_retry_after_waits_what_it_asks_every_time(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, *[throttled("2", status=503) for _ in range(5)])
    client, waits = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.params["status"], caught.value.params["attempts"]) == (
        "server_error",
        503,
        5,
    )
    assert waits == [2.0, 2.0, 2.0, 2.0]


def test_the_policy_sets_the_number_of_attempts(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, *[ozon_error(429, 8, "rate limit") for _ in range(3)])
    client, waits = client_for(fake.base_url, RetryPolicy(attempts=2, first_delay=0.5, max_delay=5.0))
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.params["attempts"]) == ("rate_limited", 2)
    assert waits == [0.5]
    assert len(fake.calls(SUMMARY)) == 2


def test_a_413_with_retry_after_is_refused_not_retried(fake: FakeOzon) -> None:
    fake.queue(SUMMARY, throttled("1", status=413))
    client, waits = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.params["status"]) == ("refused", 413)
    assert waits == []


def test_a_closed_port_is_a_network_error_with_the_cause_and_no_traceback() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    client, waits = client_for(url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    error = caught.value
    assert (error.kind, error.params["url"]) == ("network", url)
    assert "Connection refused" in str(error.params["detail"])
    assert "Max retries" not in str(error.params["detail"])  # requests' own paragraph stays out
    assert error.__cause__ is None and error.__suppress_context__
    assert waits == []  # no connection at all is reported at once, as before


def test_a_body_over_the_cap_is_too_large_without_reading_it_all(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport, "MAX_RESPONSE_BYTES", 4 * _CHUNK)
    body = CountedBody(4096)  # 256 MiB on offer
    fake.queue(SUMMARY, Response(body, status=200, content_type="application/json"))
    client, _ = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert (caught.value.kind, caught.value.params["limit"]) == ("too_large", 4 * _CHUNK)
    assert body.produced < body.chunks


def test_an_error_body_is_read_only_up_to_its_bound(fake: FakeOzon) -> None:
    body = CountedBody(4096)
    fake.queue(SUMMARY, Response(body, status=400, content_type="text/html"))
    client, _ = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert caught.value.kind == "refused"
    assert len(str(caught.value.params["detail"])) <= 200
    assert body.produced < body.chunks


def test_a_body_that_stalls_midway_is_a_timeout(fake: FakeOzon) -> None:
    stall = threading.Event()
    fake.queue(SUMMARY, Response(CountedBody(2, stall), status=200, content_type="application/json"))
    client, waits = client_for(fake.base_url, timeout=0.3)
    try:
        with pytest.raises(SellerApiError) as caught:
            read_summary(client)
    finally:
        stall.set()
    assert (caught.value.kind, caught.value.params["seconds"]) == ("timeout", "0.3")
    assert waits == []


def test_the_key_is_in_no_log_line_or_error(fake: FakeOzon, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake.queue(SUMMARY, throttled("1"), ozon_error(401, 16, "Client-Id and Api-Key headers are required"))
    client, waits = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    assert caught.value.kind == "unauthorized" and waits == [1.0]
    assert "127.0.0.1" in caplog.text  # urllib3 did log the calls and the retry
    assert API_KEY not in caplog.text
    assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value.params)


def test_a_server_that_echoes_the_key_gets_it_masked(fake: FakeOzon) -> None:
    """Ozon's body quoted in the message goes through the same masking as the tool's own words."""
    fake.queue(SUMMARY, ozon_error(400, 3, f"invalid Api-Key {API_KEY} for Client-Id {CLIENT_ID}"))
    client, _ = client_for(fake.base_url)
    with pytest.raises(SellerApiError) as caught:
        read_summary(client)
    for lang in ("en", "zh"):
        message = caught.value.message(lang)
        assert API_KEY not in message and f"…{API_KEY[-4:]}" in message
    assert API_KEY not in repr(caught.value.params)
