"""Paging the error index: cursor by cursor, stopped on has_next=false, never looping, one page held."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pytest
from pull_fake import API_KEY, CLIENT_ID, INDEX_POSTINGS, FakeOzon, error_entry, ok
from pull_support import DELAYED, local_server, standard_account
from pytest_httpserver import HTTPServer

from ozon_urgent.seller_api.error_index import stream_posting_errors
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.seller_api.transport import Credentials, SellerApiClient

START, END = date(2026, 10, 1), date(2026, 11, 25)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with local_server() as running:
        yield running


@pytest.fixture
def fake(server: HTTPServer) -> FakeOzon:
    server.clear()
    return standard_account(FakeOzon(server)).install()


def client(fake: FakeOzon) -> SellerApiClient:
    return SellerApiClient(Credentials(CLIENT_ID, API_KEY), fake.base_url, timeout=5, sleep=lambda _: None)


def test_a_two_page_list_follows_the_cursor_and_stops_on_has_next_false(fake: FakeOzon) -> None:
    numbers = [error.number for error in stream_posting_errors(client(fake), START, END)]
    assert numbers == [DELAYED[0], "57195475-0052-2", DELAYED[1], DELAYED[2]]
    first, second = fake.calls(INDEX_POSTINGS)
    assert "cursor" not in first.body and second.body["cursor"] == "cursor-2"
    assert first.body["limit"] == 1000
    assert first.body["filter"] == {"date_from": "2026-10-01T00:00:00Z", "date_to": "2026-11-25T23:59:59Z"}


def test_a_missing_has_next_ends_the_list(fake: FakeOzon) -> None:
    # proto3 JSON may leave a false boolean out altogether
    fake.queue(INDEX_POSTINGS, ok({"cursor": "", "errors": [error_entry("57195475-0050-3")]}))
    assert len(list(stream_posting_errors(client(fake), START, END))) == 1


def test_a_repeated_cursor_stops_instead_of_looping(fake: FakeOzon) -> None:
    fake.stuck_cursor = "cursor-2"
    with pytest.raises(SellerApiError) as caught:
        list(stream_posting_errors(client(fake), START, END))
    assert (caught.value.kind, caught.value.params["page"]) == ("repeated_cursor", 2)
    assert len(fake.calls(INDEX_POSTINGS)) == 2


def test_has_next_without_a_cursor_is_an_error(fake: FakeOzon) -> None:
    fake.queue(INDEX_POSTINGS, ok({"cursor": "", "errors": [], "has_next": True}))
    with pytest.raises(SellerApiError) as caught:
        list(stream_posting_errors(client(fake), START, END))
    assert caught.value.kind == "no_cursor"


def test_a_hard_page_cap(fake: FakeOzon) -> None:
    fake.errors = [error_entry(f"57195475-{n:04d}-1") for n in range(10)]
    with pytest.raises(SellerApiError) as caught:
        list(stream_posting_errors(client(fake), START, END, max_pages=3))
    assert caught.value.kind == "page_cap"
    assert caught.value.params == {"endpoint": INDEX_POSTINGS, "pages": 3, "count": 6}


def test_10000_postings_arrive_page_by_page(fake: FakeOzon) -> None:
    """The next page is asked for only after the last posting of this one was taken."""
    fake.error_count, fake.page_size = 10_000, 1000
    pages_asked = []
    for error in stream_posting_errors(client(fake), START, END):
        pages_asked.append(len(fake.calls(INDEX_POSTINGS)))
        assert error.number
    assert len(pages_asked) == 10_000
    assert pages_asked == [n // 1000 + 1 for n in range(10_000)]


# The client streams in a process of its own, so the fake server's memory (it runs in this process,
# and pytest-httpserver keeps every response in its log) cannot blur what the client holds.
_STREAM = """
import sys, tracemalloc
from datetime import date
from ozon_urgent.seller_api.error_index import stream_posting_errors
from ozon_urgent.seller_api.transport import Credentials, SellerApiClient

url, client_id, key = sys.argv[1:4]
client = SellerApiClient(Credentials(client_id, key), url, timeout=10, sleep=lambda _: None)
tracemalloc.start()
held = []
for number, _ in enumerate(stream_posting_errors(client, date(2026, 10, 1), date(2026, 11, 25))):
    if number % 100 == 0:
        held.append(tracemalloc.get_traced_memory()[0])
print(number + 1, max(held))
"""


def _stream_in_child(fake: FakeOzon) -> tuple[int, int]:
    """How many postings a separate process streamed, and the most memory it held while doing so."""
    done = subprocess.run(
        [sys.executable, "-c", _STREAM, fake.base_url, CLIENT_ID, API_KEY],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    count, held = done.stdout.split()
    return int(count), int(held)


def test_10000_postings_stay_within_one_page_of_memory(fake: FakeOzon) -> None:
    """What the client holds while streaming stays near one page; all ten pages would be ~10x one."""
    fake.page_size = 1000
    fake.error_count = 1000
    one_page = _stream_in_child(fake)
    fake.error_count = 10_000
    ten_pages = _stream_in_child(fake)
    assert one_page[0] == 1000 and ten_pages[0] == 10_000
    assert ten_pages[1] < 2.5 * one_page[1], (ten_pages[1], one_page[1])
