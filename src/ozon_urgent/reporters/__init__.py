"""Output formats: each turns a run's result into the text it prints, picked by name from one table."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from ozon_urgent.findings import RunResult
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.json_report import render_json
from ozon_urgent.reporters.text import render_text


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


Reporter = Callable[[RunResult, Lang], str]

REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.TEXT: render_text,
    OutputFormat.JSON: render_json,
}

__all__ = ["REPORTERS", "OutputFormat", "Reporter"]
