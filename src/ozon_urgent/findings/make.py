"""A finding from its code's declaration and the catalog's message and hint in the user's language."""

from __future__ import annotations

from collections.abc import Mapping

from ozon_urgent import i18n
from ozon_urgent.findings.codes import Code, Declaration, declaration
from ozon_urgent.findings.result import FieldPath, Finding, Severity, field_path
from ozon_urgent.i18n import Lang


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def make_finding(
    rule: Code | Declaration,
    variant: str,
    *,
    file: str,
    line: int | None,
    path: FieldPath,
    params: Mapping[str, object],
    lang: Lang,
    severity: Severity | None = None,
) -> Finding:
    """A finding with its message and hint from the catalog: `message_<variant>` where it exists."""
    declared = declaration(rule) if isinstance(rule, Code) else rule
    code = declared.code
    entry = i18n.catalog(lang).get(code) or i18n.catalog("en")[code]
    english = i18n.catalog("en")[code]
    message_key = f"message_{variant}" if variant and f"message_{variant}" in english else "message"
    hint_key = f"hint_{variant}" if variant and f"hint_{variant}" in english else "hint"

    def fill(key: str) -> str:
        template = entry.get(key) or english[key]
        return template.format_map(_Params(params))

    return Finding(
        code=code,
        severity=severity or (Severity.ERROR if variant in declared.error_variants else declared.severity),
        file=file,
        line=line,
        path=field_path(path),
        message=fill(message_key),
        hint=fill(hint_key),
        unreadable=declared.unreadable,
    )
