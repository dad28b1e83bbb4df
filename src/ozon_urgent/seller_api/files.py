"""Writing `pull`'s output without ever replacing a file: the first free name of `stem`, `stem-2`, …"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ozon_urgent.safe_files import write_first_free

_MAX_SUFFIX = 10_000
_CHUNK = 64 * 1024


def publish(spool: IO[str], folder: Path, stem: str, suffix: str) -> Path:
    """Copy a finished spool into a new file that is whole before it has its name and never replaces one."""
    names = (folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}") for n in range(1, _MAX_SUFFIX))
    return write_first_free(names, _encoded(spool))


def _encoded(spool: IO[str]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(_CHUNK):
        yield chunk.encode("utf-8")
