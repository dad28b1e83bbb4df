"""A PostgreSQL ledger that cannot be reached is one clear line on stderr, exit 3: the reason libpq
gives, without its second line of advice, the host and port said once (in the masked URL)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_pg_server import PASSWORD, PgServer, start_server
from ledger_testkit import run


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "OZON_URGENT_LEDGER"):
        monkeypatch.delenv(var, raising=False)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nothing listens there


@pytest.mark.parametrize("password", ["p", "Sup3r-Secret"])
def test_a_refused_connection_is_one_line(password: str) -> None:
    port = _closed_port()
    url = f"postgresql://agency:{password}@127.0.0.1:{port}/ledger"
    result = run("status", "--ledger", url)
    assert result.exit_code == 3
    assert result.stderr == (
        "ozon-urgent: cannot connect to the PostgreSQL ledger"
        f" postgresql://agency:***@127.0.0.1:{port}/ledger: the connection was refused;"
        " is the server running and accepting connections on that host and port?\n"
    )
    zh = run("status", "--ledger", url, "--lang", "zh")
    assert zh.exit_code == 3 and zh.stderr.count("\n") == 1 and "连接被拒绝" in zh.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_a_server_that_answers_no_is_one_line_with_its_reason(server: PgServer, tmp_path: Path) -> None:
    url = server.url("no_such_database")
    result = run("status", "--ledger", url)
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr == (
        f"ozon-urgent: cannot connect to the PostgreSQL ledger postgresql://postgres:***@127.0.0.1:{server.port}"
        '/no_such_database: database "no_such_database" does not exist\n'
    )
    assert PASSWORD not in result.stderr


def test_the_password_is_hidden_where_it_stands_alone_only() -> None:
    from ozon_urgent.ledger.location import scrub

    url = "postgresql://u:p@127.0.0.1:1/db?password=p"
    assert (
        scrub('port 1 failed: password "p" was refused', url) == 'port 1 failed: password "***" was refused'
    )


def test_a_longer_password_is_hidden_wherever_it_appears() -> None:
    from ozon_urgent.ledger.location import scrub

    url = "postgresql://u:Secret9@127.0.0.1:1/db"
    assert scrub("role uSecret9x: Secret9", url) == "role u***x: ***"
