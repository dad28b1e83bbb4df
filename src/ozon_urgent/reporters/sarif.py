"""SARIF 2.1.0: the check catalog as `tool.driver.rules`, every finding as a result with its location."""

from __future__ import annotations

import json

from ozon_urgent import __version__, i18n
from ozon_urgent.findings import Finding, RunResult, Severity, words
from ozon_urgent.i18n import Lang

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# `run.language`: the language of every text in the log, which is the user's (SARIF defaults to en-US).
_LANGUAGE: dict[Lang, str] = {"en": "en-US", "zh": "zh-CN"}
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules(lang: Lang) -> list[dict[str, object]]:
    from ozon_urgent.checks import RULES  # the whole check catalog loads only when SARIF is written
    from ozon_urgent.reporters.describe import rule_doc

    rules: list[dict[str, object]] = []
    for code, rule in RULES.items():
        doc = rule_doc(code, lang)
        summary = doc.split("\n\n", 1)[0].replace("\n", " ")
        rules.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": i18n.text(lang, code, "title")},
                "fullDescription": {"text": summary},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"tags": [code[0]]},
            }
        )
    return rules


def sarif_log(result: RunResult, lang: Lang) -> dict[str, object]:
    from ozon_urgent.checks import RULES

    index = {code: number for number, code in enumerate(RULES)}
    results: list[dict[str, object]] = []
    for case in result.cases:
        for finding in case.findings:
            said = words(finding, lang)
            location: dict[str, object] = {"artifactLocation": {"uri": finding.file}}
            if finding.line:
                location["region"] = {"startLine": finding.line}
            entry: dict[str, object] = {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _LEVEL[finding.severity],
                "message": {"text": i18n.punctuation(lang).sentences(said.message, said.hint)},
                "locations": [{"physicalLocation": location}],
            }
            if finding.about_attachment:  # the attachment has no lines; the entry naming it does
                entry["relatedLocations"] = [_entry_location(case.file, finding)]
            if finding.path:
                entry["properties"] = {"field": finding.path_text, "case_id": case.case_id}
            results.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ozon-urgent",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/ozon-urgent/",
                        "rules": _rules(lang),
                    }
                },
                "results": results,
                "language": _LANGUAGE[lang],
            }
        ],
    }


def _entry_location(case_file: str, finding: Finding) -> dict[str, object]:
    """Where the case file names the attachment a finding is about: its line and the field."""
    return {
        "id": 0,
        "physicalLocation": {
            "artifactLocation": {"uri": case_file},
            "region": {"startLine": finding.case_line},
        },
        "message": {"text": finding.path_text},
    }


def render_sarif(result: RunResult, lang: Lang, *, color: bool = False) -> str:
    del color
    return json.dumps(sarif_log(result, lang), ensure_ascii=False, indent=2) + "\n"
