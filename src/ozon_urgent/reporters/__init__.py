"""Output formats: each turns a run's result into the text it prints, picked by name from one table."""

from __future__ import annotations

from typing import Protocol

from ozon_urgent.findings import RunResult
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.formats import OutputFormat
from ozon_urgent.reporters.github import render_github
from ozon_urgent.reporters.json_report import render_json
from ozon_urgent.reporters.junit import render_junit
from ozon_urgent.reporters.sarif import render_sarif
from ozon_urgent.reporters.text import render_text


class Reporter(Protocol):
    def __call__(self, result: RunResult, lang: Lang, *, color: bool = False) -> str: ...


REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.TEXT: render_text,
    OutputFormat.JSON: render_json,
    OutputFormat.SARIF: render_sarif,
    OutputFormat.JUNIT: render_junit,
    OutputFormat.GITHUB: render_github,
}

__all__ = ["REPORTERS", "OutputFormat", "Reporter"]
