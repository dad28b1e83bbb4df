"""How a run tells its caller that a case is done (the CLI draws a bar with it)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]  # called with a case file when it is done
