"""Helpers for the `pull` tests: a fake Ozon on 127.0.0.1, the command in a Typer app, merged messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pull_fake import API_KEY, CLIENT_ID, FakeOzon, error_entry, history_rating, summary_item
from pytest_httpserver import HTTPServer

from kit.cli import CliResult, invoke
from ozon_urgent.cli.environment import Environment

TODAY = "2026-11-26"
# The error index of the standard account: three late postings over two pages, one cancellation.
DELAYED = ["57195475-0050-3", "57195475-0051-1", "83210544-0102-1"]
CANCELLED = "57195475-0052-2"
UNKNOWN_KEY = "rating_courier_feedback_fbs"
UNKNOWN_NAME = "Отзывы курьеров о передаче отправлений"


@contextmanager
def local_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def standard_account(fake: FakeOzon) -> FakeOzon:
    """A seller whose on-time rating turned CRITICAL on 2026-11-20, and a rating key unknown to the tool."""
    fake.groups = [
        {
            "group_name": "Оценка работы по FBS",
            "items": [
                summary_item("rating_on_time", "Заказы, доставленные вовремя", "CRITICAL", 87.5, 95.1),
                summary_item(
                    "rating_order_cancellation",
                    "Отмены по вине продавца",
                    "OK",
                    0.4,
                    0.6,
                    direction="DIRECTION_FALL",
                    meaning="MEANING_GOOD",
                    rating_direction="LOWER_IS_BETTER",
                ),
            ],
        },
        {
            "group_name": "Прочее",
            "items": [
                summary_item(
                    "rating_review_avg_score_total", "Средняя оценка", "OK", 4.8, 4.8, "REVIEW_SCORE"
                ),
                summary_item(UNKNOWN_KEY, UNKNOWN_NAME, "WARNING", 3.1, 4.2, "INDEX"),
            ],
        },
    ]
    fake.localization_index = []  # no sales in the last 14 days: Ozon sends an empty list
    fake.history = [
        history_rating(
            "rating_on_time",
            warning=95,
            danger=90,
            values=[
                ("2026-09-15", "2026-10-14", 97.0, False, False),
                ("2026-10-15", "2026-11-13", 96.0, False, False),
                ("2026-10-22", "2026-11-20", 93.0, True, False),
                ("2026-10-26", "2026-11-24", 87.5, True, True),
            ],
        )
    ]
    fake.errors = [
        error_entry(DELAYED[0], at="2026-11-03T10:00:00Z"),
        error_entry(CANCELLED, "SELLER_CANCELLATION", at="2026-11-05T10:00:00Z"),
        error_entry(DELAYED[1], at="2026-11-08T10:00:00Z", grace=True),
        error_entry(DELAYED[2], at="2026-11-12T10:00:00Z"),
    ]
    fake.page_size = 2
    return fake


def pull_env(monkeypatch: pytest.MonkeyPatch, fake: FakeOzon, key: str | None = API_KEY) -> None:
    """English messages, today fixed, the fake's address, credentials from the environment."""
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "OZON_API_KEY", "OZON_CLIENT_ID"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OZON_URGENT_TODAY", TODAY)
    monkeypatch.setenv("OZON_API_URL", fake.base_url)
    monkeypatch.setenv("OZON_CLIENT_ID", CLIENT_ID)
    if key is not None:
        monkeypatch.setenv("OZON_API_KEY", key)


def run_pull(
    monkeypatch: pytest.MonkeyPatch,
    fake: FakeOzon,
    *args: str | Path,
    key: str | None = API_KEY,
    typed: str | None = None,
    api_url: str | None = None,
    environment: Environment | None = None,
) -> CliResult:
    """`ozon-urgent pull ARGS` against the fake (or `api_url`); `typed` is what the user types at a prompt,
    `environment` the terminal and pauses the command sees (None: the real ones)."""
    pull_env(monkeypatch, fake, key)
    if api_url is not None:
        monkeypatch.setenv("OZON_API_URL", api_url)
    return invoke("pull", *args, typed=typed, environment=environment)
