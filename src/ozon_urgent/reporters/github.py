"""GitHub Actions workflow commands: one `::error file=…,line=…,title=…::message` line per finding."""

from __future__ import annotations

from ozon_urgent.findings import RunResult, Severity, words
from ozon_urgent.i18n import Lang

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """Escape a message as the runner expects (it decodes %25, %0D and %0A)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: RunResult, lang: Lang, *, color: bool = False) -> str:
    del color
    lines = []
    for case in result.cases:
        for finding in case.findings:
            props = [f"file={_property(finding.file)}"]
            if finding.line:
                props.append(f"line={finding.line}")
            props.append(f"title={_property(finding.code)}")
            said = words(finding, lang)
            message = f"{said.message} — {said.hint}"
            lines.append(f"::{_COMMAND[finding.severity]} {','.join(props)}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
