"""Compiler-style text grouped by case (`FILE:LINE: CODE message`, the hint below), then a summary table."""

from __future__ import annotations

import os
from dataclasses import replace

from ozon_urgent import i18n
from ozon_urgent.findings import CaseResult, Finding, Outcome, RunResult, Severity, Words, words
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.labels import case_labels

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_COLOUR = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def format_finding(
    finding: Finding,
    lang: Lang,
    *,
    color: bool = False,
    hint: str | None = None,
    said: Words | None = None,
    case_file: str | None = None,
) -> str:
    """One finding as `FILE:LINE: CODE severity: message [path]` with its hint below; `said`: its words,
    when the caller has them already. A finding about an attachment reads `ATTACHMENT: CODE …` and points
    at its entry in `case_file` apart: `[CASE:LINE, evidence[1].file]` (an attachment has no lines)."""
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    severity = i18n.text(lang, "cli.severity", finding.severity.value)
    if color:
        severity = f"{_COLOUR[finding.severity]}{severity}{_RESET}"
    field = f" [{finding.path_text}]" if finding.path else ""
    if finding.about_attachment and case_file is not None:
        field = f" [{case_file}:{finding.case_line}, {finding.path_text}]"
    colon = i18n.punctuation(lang).colon  # after the severity word; `FILE:LINE: ` stays as editors read it
    said = said or words(finding, lang)
    return f"{where}: {finding.code} {severity}{colon}{said.message}{field}\n    {hint or said.hint}"


def _case_block(case: CaseResult, lang: Lang, color: bool, hinted: set[tuple[str, str]]) -> list[str]:
    """The case's findings; a long hint already printed in this run (the install commands of a missing
    OCR engine, once for each of 200 screenshots) is referred to, not repeated."""
    ordered = sorted(case.findings, key=lambda f: (f.line_in_case or 0, _ORDER[f.severity], f.code))
    lines = []
    for finding in ordered:
        said = words(finding, lang)
        key = (finding.code, said.hint)
        repeat = key in hinted and len(said.hint) > _SHORT_HINT
        hinted.add(key)
        hint = i18n.text(lang, "cli.report", "hint_above", code=finding.code) if repeat else None
        lines.append(format_finding(finding, lang, color=color, hint=hint, said=said, case_file=case.file))
    return lines


# A hint this short is cheaper to read again than a reference to it.
_SHORT_HINT = 80


def _table(result: RunResult, lang: Lang, color: bool) -> list[str]:
    """One row per case with an error or a warning; a batch of clean cases (notes alone, such as the
    examples' "judged as of") stays short."""
    labelled = zip(case_labels(result.cases), result.cases, strict=True)
    rows = [
        (label, case)
        for label, case in labelled
        if case.count(Severity.ERROR) or case.count(Severity.WARNING)
    ]
    if len(result.cases) < 2 or not rows:
        return []
    head = [i18n.text(lang, "cli.table", key) for key in ("case", "scenario", "errors", "warnings", "status")]
    body = [
        [
            label,
            case.scenario or "—",
            str(case.count(Severity.ERROR)),
            str(case.count(Severity.WARNING)),
            i18n.text(lang, "cli.table", case.outcome(strict=result.strict).value),
        ]
        for label, case in rows
    ]
    widths = [max(i18n.display_width(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = ["", _row(head, widths)]
    for row in body:
        line = _row(row, widths)
        failed = row[-1] != i18n.text(lang, "cli.table", "ok")
        lines.append(f"{_BOLD}{line}{_RESET}" if color and failed else line)
    return lines


def _row(cells: list[str], widths: list[int]) -> str:
    """Cells padded to their column by the columns they take on screen (a Chinese heading takes two)."""
    padded = (
        cell + " " * (width - i18n.display_width(cell)) for cell, width in zip(cells, widths, strict=True)
    )
    return "  ".join(padded).rstrip()


def render_text(result: RunResult, lang: Lang, *, color: bool = False, summary: bool = True) -> str:
    """The findings case by case, then the table and the totals; a report longer than a screen has its
    totals first too, so that 300 cases do not hide them at the end. `summary` off (`-q`): only the
    failing cases' errors and warnings, nothing else."""
    lines: list[str] = []
    hinted: set[tuple[str, str]] = set()
    shared = _shared_notes(result, lang) if summary else {}
    if shared:
        result = replace(result, cases=[_without(case, shared, lang) for case in result.cases])
        lines.extend(_shared_lines(shared, lang, color))
    for case in result.cases:
        if summary:
            lines.extend(_case_block(case, lang, color, hinted))
        elif case.outcome(strict=result.strict) is not Outcome.OK:
            lines.extend(_case_block(_problems(case), lang, color, hinted))
    if not summary:
        return "".join(line + "\n" for line in lines)
    totals = _totals(result, lang)
    head = [totals, ""] if sum(line.count("\n") + 1 for line in lines) > _SCREEN else []
    return "\n".join([*head, *lines, *_table(result, lang, color), totals]) + "\n"


def _note_key(finding: Finding, lang: Lang) -> tuple[str, str, str, str]:
    said = words(finding, lang)
    return finding.code, said.message, said.hint, finding.path_text


def _shared_notes(result: RunResult, lang: Lang) -> dict[tuple[str, str, str, str], list[str]]:
    """Notes said the same in several cases (the examples' "judged as of 2026-11-26"), with the case
    files that have each: said once for the batch, not once a case."""
    found: dict[tuple[str, str, str, str], list[str]] = {}
    for case in result.cases:
        for finding in case.findings:
            if finding.severity is Severity.INFO and not finding.about_attachment:
                found.setdefault(_note_key(finding, lang), []).append(case.file)
    return {key: files for key, files in found.items() if len(set(files)) >= _SHARED_FROM}


# Cases that must share a note before it is said once for all of them.
_SHARED_FROM = 2


def _without(case: CaseResult, shared: dict[tuple[str, str, str, str], list[str]], lang: Lang) -> CaseResult:
    kept = [
        f
        for f in case.findings
        if f.severity is not Severity.INFO or f.about_attachment or _note_key(f, lang) not in shared
    ]
    return replace(case, findings=kept)


def _shared_lines(shared: dict[tuple[str, str, str, str], list[str]], lang: Lang, color: bool) -> list[str]:
    """`FOLDER (N cases): CODE note: message [path]` with the hint below, one for each shared note."""
    lines = []
    severity = i18n.text(lang, "cli.severity", Severity.INFO.value)
    if color:
        severity = f"{_COLOUR[Severity.INFO]}{severity}{_RESET}"
    colon = i18n.punctuation(lang).colon
    for (code, message, hint, path), files in shared.items():
        where = i18n.text(lang, "cli.report", "shared_note", folder=_folder(files), count=len(set(files)))
        field = f" [{path}]" if path else ""
        lines.append(f"{where}{colon}{code} {severity}{colon}{message}{field}\n    {hint}")
    return lines


def _folder(files: list[str]) -> str:
    """The folder all of `files` are in, as they were named (`examples/cases/`)."""
    try:
        common = os.path.commonpath([os.path.dirname(file) or "." for file in files])
    except ValueError:  # absolute and relative names mixed, or different drives
        return "."
    return common.rstrip(os.sep) + os.sep if common not in ("", ".") else "." + os.sep


# Lines of findings past which the totals are printed before them as well as after.
_SCREEN = 50


def _problems(case: CaseResult) -> CaseResult:
    """The case with its errors and warnings only, for `-q`."""
    kept = [f for f in case.findings if f.severity is not Severity.INFO]
    return replace(case, findings=kept)


def _totals(result: RunResult, lang: Lang) -> str:
    failing = sum(1 for case in result.cases if case.outcome(strict=result.strict) is not Outcome.OK)
    totals = i18n.text(
        lang,
        "cli.summary",
        cases=len(result.cases),
        failing=failing,
        errors=result.count(Severity.ERROR),
        warnings=result.count(Severity.WARNING),
    )
    # «1 failing: 0 errors» reads as a contradiction unless the line says warnings fail under --strict.
    if result.strict and failing and result.count(Severity.WARNING):
        totals += i18n.text(lang, "cli.summary", "strict")
    return totals
