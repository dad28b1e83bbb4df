"""Writing `pull`'s output without ever replacing a file: the first free name of `stem`, `stem-2`, …"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import IO

_MAX_SUFFIX = 10_000


def publish(spool: IO[str], folder: Path, stem: str, suffix: str) -> Path:
    """Copy a finished spool into a new file; the name is claimed with O_EXCL, so a race cannot overwrite."""
    for number in range(1, _MAX_SUFFIX):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            handle = path.open("x", encoding="utf-8", newline="\n")
        except FileExistsError:
            continue
        try:
            with handle:
                spool.seek(0)
                shutil.copyfileobj(spool, handle)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(folder / f"{stem}{suffix}")
