"""A finding in words: its message and hint from the catalog in the reader's language, and its JSON form.

Only reporters and the CLI call these; everything below them passes findings on as data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ozon_urgent import i18n
from ozon_urgent.findings.result import Finding, Phrase, Worded
from ozon_urgent.i18n import Lang


@dataclass(frozen=True, slots=True)
class Words:
    message: str
    hint: str


class _Params(dict[str, object]):
    """A placeholder the finding does not fill stays as written, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def words(finding: Finding, lang: Lang) -> Words:
    """The finding's message and hint: `message_<variant>` / `hint_<variant>` where the catalog has them,
    in `lang`, or in English where `lang`'s catalog lacks the entry."""
    english = i18n.catalog("en")[finding.code]
    entry = i18n.catalog(lang).get(finding.code) or english
    variant = finding.variant
    message_key = f"message_{variant}" if variant and f"message_{variant}" in english else "message"
    hint_key = f"hint_{variant}" if variant and f"hint_{variant}" in english else "hint"
    params = _Params(_said(finding.params, lang))

    def fill(key: str) -> str:
        template = entry.get(key) or english[key]
        return template.format_map(params)

    return Words(fill(message_key), fill(hint_key))


def _said(params: Mapping[str, object], lang: Lang) -> dict[str, object]:
    def said(value: object) -> object:
        if isinstance(value, Phrase):
            return i18n.text(lang, value.table, value.key)
        if isinstance(value, Worded):
            return value.zh if lang == "zh" else value.en
        return i18n.said(value, lang)

    return {name: said(value) for name, value in params.items()}


def finding_dict(finding: Finding, lang: Lang) -> dict[str, str | int | None]:
    """The finding as JSON reports and a pack's manifest hold it (docs/output.md): `line` is in `file`,
    so null for an attachment (`path` names its entry in the case file)."""
    said = words(finding, lang)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "file": finding.file,
        "line": finding.line,
        "path": finding.path_text,
        "message": said.message,
        "hint": said.hint,
    }
