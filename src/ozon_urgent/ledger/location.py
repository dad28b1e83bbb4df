"""Where the ledger lives: `--ledger`, `OZON_URGENT_LEDGER`, or the user data folder; URLs shown masked."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ENV_VAR = "OZON_URGENT_LEDGER"
FILENAME = "ledger.sqlite3"
_PG_SCHEMES = ("postgresql://", "postgres://")
_SHORT_SECRET = 4


@dataclass(frozen=True, slots=True)
class Location:
    """A SQLite file or a PostgreSQL URL; `default` says the folder may be created for the user."""

    target: str
    is_postgres: bool
    default: bool = False

    @property
    def shown(self) -> str:
        """What messages may print: the path, or the URL without its password."""
        return mask_url(self.target) if self.is_postgres else self.target


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ozon-urgent", appauthor=False)) / FILENAME


def resolve_location(explicit: str | None, environ: Mapping[str, str] | None = None) -> Location:
    env = os.environ if environ is None else environ
    chosen = explicit or env.get(ENV_VAR) or ""
    if not chosen:
        return Location(str(default_path()), is_postgres=False, default=True)
    if chosen.lower().startswith(_PG_SCHEMES):
        return Location(chosen, is_postgres=True)
    return Location(str(Path(chosen).expanduser()), is_postgres=False)


def mask_url(url: str) -> str:
    """`postgresql://user:secret@host/db?password=x` → `postgresql://user:***@host/db?password=***`."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, host = netloc.rpartition("@")
            user, sep, _ = userinfo.partition(":")
            netloc = f"{user}:***@{host}" if sep else f"{user}@{host}"
        query = urlencode(
            [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query)], safe="*"
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "postgresql://***"


def scrub(text: str, url: str) -> str:
    """A driver's message with any password from `url` removed, in case the driver echoes it."""
    secrets: list[str] = []
    try:
        parts = urlsplit(url)
        if parts.password:
            secrets.append(parts.password)
        secrets += [v for k, v in parse_qsl(parts.query) if k.lower() == "password" and v]
    except ValueError:
        return "(details hidden)"
    for secret in secrets:
        # Wherever it appears; a password of a few letters only as a word of its own, so that `p` does
        # not turn "port" into "***ort".
        alone = len(secret) < _SHORT_SECRET
        text = re.sub(rf"(?<!\w){re.escape(secret)}(?!\w)" if alone else re.escape(secret), "***", text)
    return text.replace(url, mask_url(url))
