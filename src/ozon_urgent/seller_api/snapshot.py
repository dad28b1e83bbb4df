"""`ratings-YYYY-MM-DD.json`: what the API answered, so every figure in a ticket can be traced back.

The error-index postings stream through: each is written as it arrives, none is kept. The API key is
never part of it; buyers' data is dropped before a posting gets here.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from types import TracebackType

from ozon_urgent.seller_api.files import publish


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class Snapshot:
    """One JSON object built section by section in a spool file, published whole at the end."""

    def __init__(self, folder: Path, meta: dict[str, object]) -> None:
        # Closed by __exit__: the snapshot grows across the whole run.
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)  # noqa: SIM115
        self._spool.write("{\n" + f'"pull": {_dump(meta)}')
        self._first_item = True

    def section(self, name: str, value: object) -> None:
        self._spool.write(f",\n{_dump(name)}: {_dump(value)}")

    def begin_list(self, name: str, head: dict[str, object], items: str) -> None:
        """Open `name: {…head, items: [` for entries written one at a time with `item`."""
        opened = _dump(head)[:-1] + (", " if head else "")
        self._spool.write(f",\n{_dump(name)}: {opened}{_dump(items)}: [")
        self._first_item = True

    def item(self, value: object) -> None:
        self._spool.write(("\n" if self._first_item else ",\n") + _dump(value))
        self._first_item = False

    def end_list(self) -> None:
        self._spool.write("\n]}")

    def publish(self, folder: Path, stem: str) -> Path:
        self._spool.write("\n}\n")
        return publish(self._spool, folder, stem, ".json")

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._spool.close()
