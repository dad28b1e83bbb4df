"""The dates a case can mean: Ozon's marketplace and this tool's century; anything outside is a typo.

Keeping every date of a case (and `--today`) inside them means no date arithmetic downstream (windows,
stale evidence, working days) can overflow. A plain module: the command line reads it before pydantic loads.
"""

from __future__ import annotations

import datetime as dt

FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
