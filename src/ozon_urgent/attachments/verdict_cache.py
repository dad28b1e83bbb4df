"""Verdicts remembered between runs: a file's judgement, keyed by its bytes and everything that judged them.

The cache is an optimisation and nothing else. Whatever goes wrong with it (a read-only or full disk, a
damaged database, an entry that does not decode, another process holding the lock too long) means the
file is judged afresh, with a debug note on this module's logger (the command line shows it on stderr
under OZON_URGENT_DEBUG=1); a run never fails because of it. Entries are JSON, validated field by field
on the way back, never pickle.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import functools
import hashlib
import importlib.util
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import ozon_urgent
from ozon_urgent.attachments.model import AttachmentHit, InspectLimits, Judgement, Params
from ozon_urgent.attachments.shown_cache import decode_shown, encode_shown
from ozon_urgent.attachments.tessdata import ENGINE_ENV, tessdata_folders
from ozon_urgent.findings.codes import Code

# Raised whenever the meaning of a stored verdict changes (the JSON layout, what the key covers).
# 2: the index of what the file shows (`shown`) is part of the verdict; a verdict of 1 has none.
CACHE_FORMAT = 2
FILENAME = "verdicts.sqlite3"
# The bound: at most MAX_ENTRIES verdicts and MAX_TOTAL_BYTES of their JSON, the oldest written go first.
# A verdict is ~350 bytes on disk with its key and index (17 MB at the cap); one that indexes a long
# list (shown.py: 1,050 postings are ~20 KiB) is bigger. MAX_ENTRY_BYTES is above the largest index
# shown.py keeps (20,000 values a kind), so every file judged to the end stays warm; one over it (not
# made by this version) is not kept. The file stays near MAX_TOTAL_BYTES whatever the verdicts hold.
MAX_ENTRIES = 50_000
MAX_ENTRY_BYTES = 4 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
NO_CACHE_ENV = "OZON_URGENT_NO_CACHE"
_log = logging.getLogger(__name__)
_BUSY_TIMEOUT_MS = 2_000
_SETUP_ATTEMPTS = 3


def cache_dir() -> Path:
    """The user cache folder (XDG_CACHE_HOME/ozon-urgent on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ozon-urgent", appauthor=False))


def disabled_by_env() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in {"1", "true", "yes"}


def limits_key(limits: InspectLimits) -> str:
    """Every budget that can change a verdict, by name, so a field added later is covered unasked."""
    fields = dataclasses.asdict(limits)
    fields.pop("debug_faults", None)  # with it on there is no cache at all
    return json.dumps(fields, sort_keys=True, default=repr)


# The libraries the children judge with: a new pypdf or Pillow may judge the same bytes differently,
# and whether cryptography is installed decides if an AES-encrypted PDF can be opened at all.
_LIBRARIES: tuple[str, ...] = ("pypdf", "PIL", "phonenumbers", "stdnum", "cryptography", "tesserocr")


@functools.cache
def judging_fingerprint() -> str:
    """The code that judges, as installed: this package's judging modules by content, each library by
    where it is and when it was written. A change there between two releases (an edited checkout, a
    library upgraded under the same ozon-urgent version) is a new key, without importing anything."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in [*sorted(here.glob("*.py")), here.parent / "findings" / "codes.py"]:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    for library in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec is not None else None
            stat = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            origin, stat = None, None
        where = f"{origin}:{stat.st_size}:{stat.st_mtime_ns}" if stat is not None else "absent"
        digest.update(f"{library}={where}\0".encode())
    for where in _ocr_engine_files():
        digest.update(f"ocr={where}\0".encode())
    return digest.hexdigest()


_TESSERACT_LIBRARY_GLOBS = ("/usr/lib/*/libtesseract.so*", "/usr/lib/libtesseract.so*")


def _ocr_engine_files() -> list[str]:
    """The OCR engine as installed: its program, library and language models by size and time written.

    An upgraded Tesseract or a new model reads pictures differently; stat costs microseconds, while
    asking `tesseract --version` would start a process on every run."""
    from glob import glob
    from shutil import which

    program = which(os.environ.get(ENGINE_ENV) or "tesseract")
    paths = [os.path.realpath(program)] if program else ["tesseract-absent"]
    globs = (*(f"{folder}/*.traineddata" for folder in tessdata_folders()), *_TESSERACT_LIBRARY_GLOBS)
    paths.extend(sorted(path for pattern in globs for path in glob(pattern)))
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
            found.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            found.append(f"{path}:absent")
    return found


def entry_key(digest: str, name: str, limits: str) -> str:
    """The verdict's identity: the bytes, the name they are judged under (the child reports an extension
    that does not match the content, so the verdict depends on it), the tool version and the judging
    code, the limits and the cache format."""
    parts = {
        "cache_format": CACHE_FORMAT,
        "version": ozon_urgent.__version__,
        "code": judging_fingerprint(),
        "limits": limits,
        "sha256": digest,
        "name": name,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cacheable(judgement: Judgement) -> bool:
    """Only what a child judged to the end: a file not checked (timeout, crash, memory) is tried again,
    and so is one whose text search the clock cut short (A216 text_time) or whose picture's text was not
    read (A217): a quieter machine may finish, an installed OCR engine may read it."""
    return not any(
        hit.code is Code.ATTACHMENT_NOT_CHECKED
        or (hit.code is Code.ATTACHMENT_TEXT_NOT_SEARCHED and hit.variant == "text_time")
        # a picture whose text was not read: an installed or less busy engine may read it next time
        or hit.code is Code.ATTACHMENT_TEXT_NOT_READ
        for hit in judgement.hits
    )


class VerdictCache:
    """One SQLite file in WAL mode: many readers, one writer at a time, waits bounded by busy_timeout."""

    def __init__(self, conn: sqlite3.Connection, limits: InspectLimits) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._limits = limits_key(limits)

    @classmethod
    def open(cls, limits: InspectLimits, enabled: bool = True) -> VerdictCache | None:
        """The cache for judging under `limits`, or None when it is off or cannot be opened.

        The connection stays open for the process (a build asks once per case; opening and closing a
        WAL database each time cost ~8 ms), and is closed at exit."""
        if not enabled or limits.debug_faults or disabled_by_env():
            return None
        try:
            path = cache_dir() / FILENAME
        except OSError as exc:
            _note("not opened", exc)
            return None
        with _lock:
            conn = _connection(path)
        return None if conn is None else cls(conn, limits)

    def get(self, digest: str, name: str) -> Judgement | None:
        if self._conn is None:
            return None
        key = entry_key(digest, name, self._limits)
        try:
            with _lock:
                row = self._conn.execute("SELECT value FROM verdicts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            _note("read failed", exc)
            forget()
            self._conn = None
            return None
        if row is None:
            return None
        judgement = decode(row[0], key)
        if judgement is None:
            _note("entry ignored", key)
        return judgement

    def put_many(self, items: Iterable[tuple[str, str, Judgement]]) -> None:
        """Store fresh verdicts in one transaction, then drop the oldest beyond MAX_ENTRIES."""
        if self._conn is None:
            return
        rows = []
        now = time.time_ns()
        for digest, name, judgement in items:
            if not cacheable(judgement):
                continue
            key = entry_key(digest, name, self._limits)
            value = encode(judgement, key)
            if len(value) <= MAX_ENTRY_BYTES:
                rows.append((key, value, now))
        if not rows:
            return
        try:
            with _lock, _transaction(self._conn):
                self._conn.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?)", rows)
                _bound(self._conn)
        except sqlite3.Error as exc:  # read-only, disk full, locked too long, damaged
            _note("write failed", exc)

    def close(self) -> None:
        """This handle is done; the process keeps the connection for the next batch."""
        self._conn = None


def _bound(conn: sqlite3.Connection) -> None:
    """Drop the oldest verdicts beyond MAX_ENTRIES or MAX_TOTAL_BYTES (newest kept first)."""
    count, total = conn.execute("SELECT count(*), total(length(value)) FROM verdicts").fetchone()
    if count <= MAX_ENTRIES and total <= MAX_TOTAL_BYTES:
        return
    conn.execute(
        "DELETE FROM verdicts WHERE key IN (SELECT key FROM (SELECT key,"
        " row_number() OVER newest AS n, sum(length(value)) OVER newest AS kept FROM verdicts"
        " WINDOW newest AS (ORDER BY written DESC, key DESC)) WHERE n > ? OR kept > ?)",
        (MAX_ENTRIES, MAX_TOTAL_BYTES),
    )


_shared: tuple[int, Path, sqlite3.Connection] | None = None
_lock = threading.Lock()


def _connection(path: Path) -> sqlite3.Connection | None:
    """This process's connection to `path`, opened and set up on first use."""
    global _shared
    if _shared is not None and _shared[0] == os.getpid() and _shared[1] == path:
        return _shared[2]
    forget()
    conn = _connect(path)
    if conn is None:
        return None
    rebuilt = False
    for attempt in range(_SETUP_ATTEMPTS):
        try:
            _set_up(conn)
            break
        except sqlite3.OperationalError as exc:
            # Two processes creating the file at once: switching to WAL may be refused, not waited for.
            if "locked" in str(exc) and attempt + 1 < _SETUP_ATTEMPTS:
                time.sleep(0.05 * (attempt + 1))
                continue
            failure: sqlite3.Error = exc
        except sqlite3.DatabaseError as exc:
            # A damaged file (a crash mid-write, a disk fault): it holds only verdicts that can be made
            # again, so it is replaced once by an empty cache rather than left off until deleted by hand.
            if not rebuilt and _is_damage(exc) and (fresh := _rebuilt(conn, path)) is not None:
                _note("rebuilt", exc)
                conn, rebuilt = fresh, True
                continue
            failure = exc
        except sqlite3.Error as exc:
            failure = exc
        # A read-only folder can still serve an existing cache; anything else turns it off.
        if not _readable(conn):
            _note("not usable", failure)
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            return None
        break
    _shared = (os.getpid(), path, conn)
    return conn


def _connect(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(
            path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as exc:
        _note("not opened", exc)
        return None


_DAMAGE = ("file is not a database", "malformed", "file is encrypted")


def _is_damage(exc: sqlite3.Error) -> bool:
    return any(sign in str(exc) for sign in _DAMAGE)


def _rebuilt(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection | None:
    """A fresh, empty cache in place of a damaged one; None when the file cannot be removed."""
    with contextlib.suppress(sqlite3.Error):
        conn.close()
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError as exc:
        _note("not rebuilt", exc)
        return None
    return _connect(path)


def forget() -> None:
    """Close this process's connection (a damaged database, another cache folder, exit)."""
    global _shared
    if _shared is not None and _shared[0] == os.getpid():
        with contextlib.suppress(sqlite3.Error):
            _shared[2].close()
    _shared = None


atexit.register(forget)


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _set_up(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS verdicts"
        " (key TEXT PRIMARY KEY, value TEXT NOT NULL, written INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS verdicts_written ON verdicts (written)")


def _readable(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT key, value FROM verdicts LIMIT 1").fetchall()
    except sqlite3.Error:
        return False
    return True


def encode(judgement: Judgement, key: str) -> str:
    return json.dumps(
        {
            "key": key,
            "format": judgement.format,
            "pages": judgement.pages,
            "width": judgement.width,
            "height": judgement.height,
            "hits": [
                {"code": h.code.value, "variant": h.variant, "params": h.params} for h in judgement.hits
            ],
            "shown": None if judgement.shown is None else encode_shown(judgement.shown),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def decode(value: object, key: str) -> Judgement | None:
    """The stored verdict if every field is what `encode` writes and it is the entry asked for, else None."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("hits"), list):
        return None
    fmt = data.get("format")
    numbers = [data.get("pages"), data.get("width"), data.get("height")]
    if not (fmt is None or isinstance(fmt, str)) or not all(_optional_int(n) for n in numbers):
        return None
    hits = []
    for item in data["hits"]:
        hit = _hit(item)
        if hit is None:
            return None
        hits.append(hit)
    shown = decode_shown(data.get("shown"))
    if shown is False:
        return None
    pages, width, height = numbers
    return Judgement(fmt, tuple(hits), pages=pages, width=width, height=height, shown=shown)


def _hit(item: object) -> AttachmentHit | None:
    if not isinstance(item, dict) or set(item) != {"code", "variant", "params"}:
        return None
    code, variant, params = item["code"], item["variant"], item["params"]
    if not isinstance(code, str) or code not in Code._value2member_map_:
        return None
    if not isinstance(variant, str) or not isinstance(params, dict):
        return None
    checked: Params = {}
    for name, value in params.items():
        if not isinstance(name, str) or isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        checked[name] = value
    return AttachmentHit(Code(code), variant, checked)


def _optional_int(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _note(what: str, detail: object) -> None:
    _log.debug("verdict cache %s: %s", what, detail)
