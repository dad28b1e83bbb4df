"""One connection to the ledger, SQLite or PostgreSQL, whose write transactions never interleave.

Plain sqlite3 and psycopg 3 rather than SQLAlchemy: the ledger is a handful of tables and statements,
the two places that differ (how a write transaction excludes others, and the timestamp type) are a few
lines each, and neither the import cost nor the connection pool of an ORM layer buys anything here.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ozon_urgent.ledger.errors import LedgerError
from ozon_urgent.ledger.location import Location, scrub

Row = tuple[Any, ...]
Dialect = Literal["sqlite", "postgresql"]

BUSY_SECONDS = 30.0  # another process holds the write lock this long at most before we give up
# A wait this long is worth a word: a user at a terminal sees why nothing happens, not a frozen command.
WAIT_NOTICE_SECONDS = 1.0
CONNECT_SECONDS = 5  # an unreachable PostgreSQL server fails within this
# One key for the whole ledger: PostgreSQL writers queue on it exactly as SQLite writers queue on
# BEGIN IMMEDIATE, so both backends give the same guarantee with no serialization-failure retries.
ADVISORY_KEY = 0x6F7A6F6E  # "ozon"
TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # fixed width: SQLite compares these as text, in time order


class Ledger:
    """Statements are written with `?` placeholders; PostgreSQL gets them as `%s`.

    `on_wait` is called once when a write waits WAIT_NOTICE_SECONDS for another process's lock (the CLI
    says so on stderr; the ledger itself never prints).
    """

    def __init__(self, location: Location, on_wait: Callable[[], None] | None = None) -> None:
        self.location = location
        self.on_wait = on_wait
        self.dialect: Dialect = "postgresql" if location.is_postgres else "sqlite"
        self.read_only = False
        self._conn: Any = _connect_postgres(location) if location.is_postgres else self._connect_sqlite()

    def _connect_sqlite(self) -> sqlite3.Connection:
        path = Path(self.location.target)
        if not path.parent.is_dir():
            if not self.location.default:
                raise LedgerError("no_folder", ledger=self.location.shown, folder=str(path.parent))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerError("unwritable", ledger=str(path), detail=exc.strerror or str(exc)) from None
        if path.exists():
            if not path.is_file():
                raise LedgerError("not_file", ledger=str(path))
            # The file's mode is the user's intent, even for root, whom the kernel would let write.
            mode = path.stat().st_mode
            self.read_only = not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(
                path, os.W_OK
            )
        uri = f"{path.resolve().as_uri()}?mode={'ro' if self.read_only else 'rwc'}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError("unreadable", ledger=str(path), detail=str(exc)) from None
        return conn

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def close(self) -> None:
        self._conn.close()

    def _sql(self, sql: str) -> str:
        return sql if self.is_sqlite else sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self._run(lambda: self._conn.execute(self._sql(sql), tuple(params)))

    def query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        rows: list[Row] = self._run(lambda: self._conn.execute(self._sql(sql), tuple(params)).fetchall())
        return rows

    def _run(self, action: Any) -> Any:
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(exc, self.location) from None
        except Exception as exc:
            if self.is_sqlite or not _is_psycopg_error(exc):
                raise
            raise LedgerError(
                "failed", ledger=self.location.shown, detail=_one_line(scrub(str(exc), self.location.target))
            ) from None

    @contextmanager
    def write(self) -> Iterator[Ledger]:
        """A transaction no other writer can interleave with; rolled back if anything raises."""
        if self.read_only:
            raise LedgerError("read_only", ledger=self.location.shown)
        self._begin_write()
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        self.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Ledger]:
        """A consistent snapshot for reading several tables."""
        self.execute("BEGIN")
        try:
            yield self
        finally:
            self._rollback()

    def _begin_write(self) -> None:
        if not self.is_sqlite:
            self.execute("BEGIN")
            if self.on_wait is None or not self._try_advisory_lock():
                self.execute("SELECT pg_advisory_xact_lock(?)", (ADVISORY_KEY,))
            return
        try:
            self._begin_immediate()
        finally:
            with suppress(sqlite3.Error):  # the error that matters is raised already
                self._busy_timeout(BUSY_SECONDS)

    def _try_advisory_lock(self) -> bool:
        """The lock within WAIT_NOTICE_SECONDS, or False once `on_wait` has been told that it waits."""
        told_at = time.monotonic() + WAIT_NOTICE_SECONDS
        while not self.query("SELECT pg_try_advisory_xact_lock(?)", (ADVISORY_KEY,))[0][0]:
            if time.monotonic() >= told_at:
                assert self.on_wait is not None
                self.on_wait()
                return False
            time.sleep(0.05)
        return True

    def _begin_immediate(self) -> None:
        # SQLite's busy timeout waits inside the call, so it is cut at the notice: wait, tell, wait on.
        # The loop also covers the rare SQLITE_BUSY that SQLite returns without waiting, so "database is
        # locked" never reaches the user before the deadline.
        started = time.monotonic()
        deadline = started + BUSY_SECONDS
        tell_at = None if self.on_wait is None else started + WAIT_NOTICE_SECONDS
        while True:
            try:
                self._busy_timeout(max(0.0, min(deadline, tell_at or deadline) - time.monotonic()))
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise _sqlite_error(exc, self.location) from None
                now = time.monotonic()
                if now > deadline:
                    raise LedgerError("busy", ledger=self.location.shown) from None
                if tell_at is not None and now >= tell_at and self.on_wait is not None:
                    self.on_wait()
                    tell_at = None
                else:
                    time.sleep(0.01)

    def _busy_timeout(self, seconds: float) -> None:
        self._conn.execute(f"PRAGMA busy_timeout = {round(seconds * 1000)}")

    def _rollback(self) -> None:
        # After a failed BEGIN there is nothing to roll back, and the error that matters is raised already.
        with suppress(Exception):
            self._conn.execute("ROLLBACK")

    def ts(self, moment: datetime) -> object:
        """A UTC instant as the column stores it: text in SQLite, timestamptz in PostgreSQL (read back by
        `rows.RowReader.instant`)."""
        utc = moment.astimezone(UTC)
        return utc.strftime(TS_FORMAT) if self.is_sqlite else utc


def _connect_postgres(location: Location) -> Any:
    try:
        import psycopg
    except ImportError:
        raise LedgerError("no_driver", ledger=location.shown) from None
    try:
        return psycopg.connect(
            location.target, autocommit=True, connect_timeout=CONNECT_SECONDS, application_name="ozon-urgent"
        )
    except Exception as exc:  # psycopg.Error, or a malformed URL (ProgrammingError)
        reasons = _connect_reasons(scrub(str(exc), location.target))
        if reasons and all(reason.lower() == "connection refused" for reason in reasons):
            raise LedgerError("refused", ledger=location.shown) from None
        raise LedgerError("unreachable", ledger=location.shown, detail="; ".join(reasons)) from None


# libpq says why each address it tried failed, each on a line of its own, with a second line of advice:
# `connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused` /
# `\tIs the server running on that host and accepting TCP/IP connections?`. The host and port are in
# the ledger's URL the message shows already; the reasons are what is left, once each, on one line.
_ATTEMPT = re.compile(r"^(connection failed: )?connection to server (at|on socket) .*? failed: ")
_ADVICE = ("Is the server running", "This probably means")


def _connect_reasons(text: str) -> list[str]:
    reasons = []
    for line in text.strip().splitlines():
        line = " ".join(_ATTEMPT.sub("", line.strip()).split())
        line = line.removeprefix("connection failed: ").removeprefix("FATAL: ")
        if line and not line.startswith(_ADVICE) and line not in reasons:
            reasons.append(line)
    return reasons


def _one_line(text: str) -> str:
    """A driver's message of several lines (`server closed the connection unexpectedly` / `\tThis
    probably means…`) as one: a report line, and what follows `ozon-urgent:` on stderr, is one line."""
    return " ".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def _is_psycopg_error(exc: Exception) -> bool:
    return type(exc).__module__.startswith("psycopg")


def _sqlite_error(exc: sqlite3.Error, location: Location) -> LedgerError:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return LedgerError("corrupt", ledger=location.shown, detail=text)
    if "readonly" in text or "read-only" in text:
        return LedgerError("read_only", ledger=location.shown)
    if "locked" in text or "busy" in text:
        return LedgerError("busy", ledger=location.shown)
    return LedgerError("failed", ledger=location.shown, detail=text)
