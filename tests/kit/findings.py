"""Where a finding points, in the form tests write it down."""

from __future__ import annotations

from ozon_urgent.findings import Finding, field_path

Where = tuple[int | None, str]


def where(finding: Finding) -> Where:
    """(line, path) with the path written as the reports show it: `evidence[1].file`, "" for the whole file.

    The one place tests read a finding's position: the data files keep the reports' text form whatever
    form `Finding.path` takes (today a tuple, `("evidence", 1, "file")`), so only this follows it.
    """
    return finding.line, field_path(finding.path)
