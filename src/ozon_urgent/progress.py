"""A progress bar on stderr for long batches, only when a person is watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A handful of cases finishes before a bar would be worth looking at.
MIN_CASES = 6


@contextmanager
def progress_bar(total: int, *, enabled: bool = True) -> Iterator[Callable[[str], None] | None]:
    """Yields a callback to call once per finished case, or None when no bar is shown."""
    if not enabled or total < MIN_CASES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ozon-urgent", total=total)
        yield lambda _case: bar.advance(task)
