"""Invariants of the scenario catalog, the rule registry and the message catalogs."""

from __future__ import annotations

import re
import string
from typing import get_args

import pytest

from ozon_urgent import i18n
from ozon_urgent.casefile.model import Affected
from ozon_urgent.catalog import ID_KINDS, load_catalog
from ozon_urgent.checks import CHECKS, RULES
from ozon_urgent.checks.russian_text import CJK, LATIN
from ozon_urgent.findings.codes import Code, declared
from ozon_urgent.i18n import Lang
from ozon_urgent.ticket.content import ID_LABELS

CATALOG = load_catalog()
CYRILLIC_PROSE = re.compile(r"^[А-Яа-яЁё0-9 ,.()«»\-–—]+$")


def test_eight_scenarios_in_the_documented_order() -> None:
    assert list(CATALOG.scenarios) == [
        "misjudged_delisting",
        "rating_drop_restriction",
        "new_store_low_activity",
        "carrier_failure",
        "response_time_penalty",
        "malicious_returns",
        "sync_delay",
        "order_attribution",
    ]
    assert CATALOG.scenarios["carrier_failure"].window_days == 60
    assert CATALOG.scenarios["malicious_returns"].window_days == 90
    assert CATALOG.scenarios["sync_delay"].period_required


def test_every_reference_resolves() -> None:
    assert ID_KINDS == tuple(Affected.model_fields) == tuple(ID_LABELS)
    for scenario in CATALOG.scenarios.values():
        for group in scenario.evidence:
            assert group and all(kind in CATALOG.kinds for kind in group)
        assert scenario.requests and all(r in CATALOG.requests for r in scenario.requests)
        # A scenario can only require ID lists that a case file's `affected` actually has.
        assert all(name in Affected.model_fields for name in scenario.ids)
        assert scenario.metric is None or scenario.metric in CATALOG.metrics


def test_a_case_s_ids_by_kind_name_every_kind_in_order_as_text() -> None:
    affected = Affected.model_validate({"skus": [498274975], "postings": ["57195475-0050-3"]})
    assert affected.ids_by_kind() == {
        "postings": ["57195475-0050-3"],
        "orders": [],
        "skus": ["498274975"],
        "products": [],
        "offer_ids": [],
    }
    assert tuple(affected.ids_by_kind()) == ID_KINDS and affected.total() == 2


@pytest.mark.parametrize("table", ["scenarios", "kinds", "requests", "metrics"])
def test_names_in_three_languages_russian_is_cyrillic(table: str) -> None:
    entries = getattr(CATALOG, table)
    for key, entry in entries.items():
        names = entry.names if hasattr(entry, "names") else entry
        assert names.ru and names.zh and names.en, key
        # Latin only for the abbreviations Ozon itself uses in Russian text, and its own name
        ru = names.ru.replace("ERP", "").replace("API", "").replace("Ozon", "")
        assert CYRILLIC_PROSE.match(ru), f"{table}.{key}: {names.ru!r}"
        assert CJK.search(names.zh), f"{table}.{key}: zh name is not Chinese"
        assert not CJK.search(names.en) and LATIN.search(names.en)


def test_russian_names_use_yo_consistently() -> None:
    # «расчёт» is written with ё, so every word that has ё must have it everywhere
    russian = [n.ru for n in CATALOG.requests.values()] + [s.names.ru for s in CATALOG.scenarios.values()]
    assert not any("расчет" in text for text in russian)


def test_rule_codes_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES.values()]
    names = [rule.name for rule in RULES.values()]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    assert all(re.fullmatch(r"[YSCAPB]\d{3}", code) for code in codes)
    assert all(check.code in RULES for check in CHECKS)


def test_one_table_names_every_code_and_declares_each_once() -> None:
    """Code lists every code there is; a code is declared by its check or in data/codes.toml, not both."""
    by_checks = {check.code.value for check in CHECKS}
    in_data = {code.value for code in declared()}
    assert {code.value for code in Code} == set(RULES) == by_checks | in_data
    assert not by_checks & in_data
    assert [RULES[code].code for code in RULES] == list(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_is_documented_in_both_languages(code: str) -> None:
    doc = RULES[code].doc
    assert len(doc.strip()) > 40, f"{code} needs documentation: `ozon-urgent rules {code}` prints it"
    for lang in get_args(Lang):
        entry = i18n.catalog(lang)[code]
        assert entry.get("title") and entry.get("message") and entry.get("hint"), (lang, code)


@pytest.mark.parametrize("lang", ["zh"])
def test_chinese_catalog_has_every_english_key_with_the_same_placeholders(lang: str) -> None:
    english, other = i18n.catalog("en"), i18n.catalog(lang)
    fields = string.Formatter()
    for key, entry in english.items():
        assert key in other, key
        for name, template in entry.items():
            assert name in other[key], f"{lang}: {key}.{name}"
            wanted = {f[1] for f in fields.parse(template) if f[1]}
            got = {f[1] for f in fields.parse(other[key][name]) if f[1]}
            assert wanted == got, f"{lang}: {key}.{name} placeholders {got} != {wanted}"
