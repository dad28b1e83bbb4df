"""The attachment rule catalog: one documented rule per code, and messages for it in both languages."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from report_helpers import CATALOGS

from ozon_urgent.checks import RULES
from ozon_urgent.findings import Code, Declaration, Severity, declaration

ALL_CODES = sorted(code.value for code in Code if code.startswith(("A", "P")))
ATTACHMENT_RULES = [declaration(Code(code)) for code in ALL_CODES]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_one_rule_per_code_all_registered() -> None:
    assert len(ALL_CODES) == 25
    assert len({rule.name for rule in ATTACHMENT_RULES}) == len(ATTACHMENT_RULES)
    assert all(RULES[rule.code] == rule for rule in ATTACHMENT_RULES)


@pytest.mark.parametrize("rule", ATTACHMENT_RULES, ids=lambda rule: rule.code)
def test_rule_is_documented(rule: Declaration) -> None:
    doc = rule.doc
    assert "Wrong" in doc and "Right" in doc, rule.code
    assert re.fullmatch(r"(attachment|personal)-[a-z-]+", rule.name)
    assert isinstance(rule.severity, Severity)


@pytest.mark.parametrize("code", ALL_CODES)
def test_messages_in_both_languages(code: str) -> None:
    english, chinese = CATALOGS["en"][code], CATALOGS["zh"][code]
    assert {"title", "message", "hint"} <= set(english)
    # `doc` is the rule's explanation in Chinese; the English one is the rule's own `doc` (test_rule_docs)
    assert set(chinese) - {"doc"} == set(english), code
    for key, template in english.items():
        assert set(PLACEHOLDER.findall(chinese[key])) == set(PLACEHOLDER.findall(template)), (code, key)


def test_catalogs_hold_every_attachment_code() -> None:
    for lang in CATALOGS:
        assert set(ALL_CODES) <= set(CATALOGS[lang])


def test_importing_the_package_stays_cheap() -> None:
    heavy = ("pypdf", "PIL", "phonenumbers", "stdnum", "multiprocessing")
    probe = f"import sys, ozon_urgent.attachments; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
