"""Text for `scenarios` and `rules`: the catalog and the check registry, in the user's language."""

from __future__ import annotations

import string

from ozon_urgent import i18n
from ozon_urgent.catalog import Catalog
from ozon_urgent.checks import RULES
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy


def scenarios_text(catalog: Catalog, policy: Policy, lang: Lang) -> str:
    def t(key: str, **params: object) -> str:
        return i18n.text(lang, "cli.scenarios", key, **params)

    p = i18n.punctuation(lang)
    blocks: list[str] = []
    for number, scenario in enumerate(catalog.scenarios.values(), start=1):
        lines = [f"{number}. {scenario.id} — {scenario.names(lang)}"]
        groups = []
        for group in scenario.evidence:
            names = " | ".join(f"{k}{p.parenthesized(catalog.kinds[k].names(lang))}" for k in group)
            groups.append(t("one_of", kinds=names) if len(group) > 1 else names)
        lines.append(f"   {t('evidence')}{p.colon}" + p.clause.join(groups))
        requests = p.enumeration.join(
            f"{r}{p.parenthesized(catalog.requests[r](lang))}" for r in scenario.requests
        )
        lines.append(f"   {t('requests')}{p.colon}{requests}")
        lists = catalog.glossed("id_kinds", scenario.ids, lang, code=False)
        lines.append(f"   {t('ids')}{p.colon}" + t("ids_" + scenario.ids_mode, lists=lists))
        window = policy.window_for(scenario.id, scenario.window_days, scenario.metric)
        lines.append(f"   {t('window')}{p.colon}" + (t("days", days=window) if window else "—"))
        if scenario.period_required:
            lines.append(f"   {t('period')}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def rules_table(lang: Lang) -> str:
    width = max(len(rule.name) for rule in RULES.values())
    rows = []
    for code, rule in RULES.items():
        severity = i18n.text(lang, "cli.severity", rule.severity.value)
        rows.append(f"{code}  {rule.name:<{width}}  {severity:<8}  {i18n.text(lang, code, 'title')}")
    return "\n".join(rows) + "\n"


def rule_doc(code: str, lang: Lang) -> str:
    """The rule's explanation in `lang`: English is the check's docstring (or data/codes.toml's `doc`), the
    other languages are the catalog's `doc`. Shown as written, never formatted: examples hold YAML's { }."""
    translated = i18n.catalog(lang).get(code, {}).get("doc") if lang != "en" else None
    return translated.strip() if translated else RULES[code].doc


def rule_text(code: str, lang: Lang) -> str:
    rule = RULES[code]
    doc = rule_doc(code, lang)
    severity = i18n.text(lang, "cli.severity", rule.severity.value)
    p = i18n.punctuation(lang)
    head = f"{code} {rule.name}{p.parenthesized(severity)}{p.colon}{i18n.text(lang, code, 'title')}"
    fix = i18n.text(lang, "cli.rules", "fix")
    return f"{head}\n\n{doc}\n\n{fix}{p.colon}{example_hint(code, lang)}\n"


def example_hint(code: str, lang: Lang) -> str:
    """The rule's hint as a finding would say it, filled with the catalog's `example_<placeholder>` values
    (real IDs, days, keys), never a bare "…" a seller cannot act on; the doubled braces of a YAML example
    (`period: {{from: …}}`) read as the single ones a finding shows."""
    parts = string.Formatter().parse(i18n.text(lang, code, "hint"))
    return "".join(
        literal + ("" if field is None else i18n.text(lang, code, f"example_{field}"))
        for literal, field, _, _ in parts
    )
