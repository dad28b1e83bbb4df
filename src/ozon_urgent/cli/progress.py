"""A progress bar on stderr for long batches, only when a person is watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ozon_urgent.pipeline.progress import Progress

# A handful of cases finishes before a bar would be worth looking at.
MIN_CASES = 6


@contextmanager
def progress_bar(total: int, *, enabled: bool = True) -> Iterator[Progress | None]:
    """Yields a callback to call once per finished case, or None when no bar is shown."""
    if not enabled or total < MIN_CASES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ozon-urgent", total=total)
        yield lambda _case: bar.advance(task)
