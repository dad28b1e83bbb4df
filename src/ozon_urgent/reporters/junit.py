"""JUnit XML: one testcase per case; errors fail it, the tool failing on it is an error, warnings output."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ozon_urgent.findings import CaseResult, Outcome, RunResult, Severity, words
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.labels import case_labels
from ozon_urgent.reporters.text import format_finding


def _testcase(case: CaseResult, label: str, strict: bool, lang: Lang) -> ET.Element:
    element = ET.Element(
        "testcase",
        {
            "classname": f"ozon-urgent.{case.scenario or 'unknown'}",
            "name": label,
            "file": case.file,
        },
    )
    outcome = case.outcome(strict=strict)
    failing = [
        f
        for f in case.findings
        if f.severity is Severity.ERROR or (strict and f.severity is Severity.WARNING)
    ]
    if outcome is not Outcome.OK:
        tag = "error" if outcome is Outcome.TOOL_FAILED else "failure"
        first = failing[0] if failing else case.findings[0]
        message = f"{first.code} {words(first, lang).message}"
        node = ET.SubElement(element, tag, {"message": message, "type": first.code})
        node.text = "\n".join(format_finding(f, lang, case_file=case.file) for f in failing)
    others = [f for f in case.findings if f not in failing]
    if others:
        ET.SubElement(element, "system-out").text = "\n".join(
            format_finding(f, lang, case_file=case.file) for f in others
        )
    return element


def render_junit(result: RunResult, lang: Lang, *, color: bool = False) -> str:
    del color
    outcomes = [case.outcome(strict=result.strict) for case in result.cases]
    counts = {
        "tests": str(len(result.cases)),
        "failures": str(sum(1 for o in outcomes if o is Outcome.FINDINGS)),
        "errors": str(sum(1 for o in outcomes if o is Outcome.TOOL_FAILED)),
    }
    suites = ET.Element("testsuites", {"name": "ozon-urgent", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "ozon-urgent", **counts, "skipped": "0"})
    for case, label in zip(result.cases, case_labels(result.cases), strict=True):
        suite.append(_testcase(case, label, result.strict, lang))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
