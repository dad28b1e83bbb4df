"""Where code joins catalog words (`rules`, `scenarios`, `init`, the text report, `pull`), the colon and the
parentheses follow the language: full-width after Chinese, English exactly as before."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from kit.cli import RunCli
from kit.repo import EXAMPLE_CASES, REPO
from ozon_urgent import i18n
from ozon_urgent.catalog import load_catalog
from ozon_urgent.policy import load_policy
from ozon_urgent.reporters.describe import rule_text, scenarios_text

HAN = "[\u4e00-\u9fff]"
# ASCII punctuation touching Chinese: 证据: / 名称) / (名称 / 错误;
_HALF_WIDTH = re.compile(rf"{HAN}[:;(]|{HAN}\)|\({HAN}")
_QUOTED = re.compile(r"`[^`\n]*`|«[^»\n]*»")


def half_width_after_chinese(text: str) -> list[str]:
    """Each line where an ASCII colon, semicolon or parenthesis touches a Chinese character, outside code
    and Russian quotes (`键: 值` is YAML and stays as it is)."""
    return [line for line in text.splitlines() if _HALF_WIDTH.search(_QUOTED.sub(" ", line))]


def test_the_detector_spares_code_and_finds_ascii_after_chinese() -> None:
    assert half_width_after_chinese("写成 `键: 值`：冒号后加空格（英文）") == []
    assert half_width_after_chinese("证据: a (名称)") == ["证据: a (名称)"]


@pytest.mark.parametrize("code", ["C150", "Y003", "B007"])
def test_rules_code_in_chinese_uses_full_width_marks(run_cli: RunCli, code: str) -> None:
    result = run_cli("rules", code, "--lang", "zh")
    assert result.exit_code == 0
    head, *_ = result.stdout.splitlines()
    assert re.fullmatch(rf"{code} [a-z0-9-]+（(错误|警告|提示)）：.+", head), head
    assert "\n\n修复方法：" in result.stdout
    assert half_width_after_chinese(result.stdout) == []


def test_rules_code_in_english_is_unchanged() -> None:
    text = rule_text("C150", "en")
    assert text.startswith("C150 window-not-covered (error): evidence does not cover the rolling window\n")
    assert "\n\nHow to fix: Ozon computes this metric" in text


def test_scenarios_and_init_in_chinese_use_full_width_marks(run_cli: RunCli) -> None:
    text = scenarios_text(load_catalog(), load_policy(), "zh")
    assert "   证据：logistics_tracking（物流跟踪数据）；buyer_communication（与买家的聊天记录）" in text
    assert "   诉求：restore_listing（恢复商品上架）、manual_review（人工重新审核）" in text
    assert half_width_after_chinese(text) == []
    for scenario in load_catalog().scenarios:
        init = run_cli("init", scenario, "--lang", "zh")
        assert init.exit_code == 0 and half_width_after_chinese(init.stdout) == [], scenario


def test_scenarios_in_english_are_unchanged() -> None:
    text = scenarios_text(load_catalog(), load_policy(), "en")
    assert (
        "   evidence: logistics_tracking (original logistics tracking); "
        "buyer_communication (buyer communication records)\n"
        "   requests: restore_listing (restore the listings), manual_review (manual re-review)\n"
    ) in text


def test_the_text_report_puts_a_full_width_colon_after_the_chinese_severity(run_cli: RunCli) -> None:
    invalid = sorted((REPO / "examples" / "invalid").glob("*.yaml"))
    zh = run_cli("check", *map(str, invalid), "--lang", "zh")
    findings = [line for line in zh.stdout.splitlines() if re.match(r"\S+:\d+: [A-Z]\d{3} ", line)]
    assert findings and all(re.search(r": [A-Z]\d{3} (错误|警告|提示)：", line) for line in findings)
    en = run_cli("check", str(EXAMPLE_CASES[0]), *map(str, invalid), "--lang", "en")
    assert re.search(r"\S+:\d+: [A-Z]\d{3} error: ", en.stdout)


def test_sarif_joins_message_and_hint_as_sentences_of_their_language(run_cli: RunCli) -> None:
    invalid = sorted((REPO / "examples" / "invalid").glob("*.yaml"))
    texts = {}
    for lang in ("zh", "en"):
        log = json.loads(run_cli("check", *map(str, invalid), "--format", "sarif", "--lang", lang).stdout)
        texts[lang] = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert texts["zh"] and not [t for t in texts["zh"] if re.search(rf"{HAN}[.?!]|[。？！]\.", t)]
    assert any("。" in t for t in texts["zh"]) and all(". " in t or "? " in t for t in texts["en"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_punctuation_is_defined_for_every_language(lang: i18n.Lang) -> None:
    marks = i18n.punctuation(lang)
    assert marks.parenthesized("x") == {"en": " (x)", "zh": "（x）"}[lang]
    assert marks.colon == {"en": ": ", "zh": "："}[lang]


def test_the_zh_catalog_and_templates_write_full_width_marks_after_chinese() -> None:
    for table, entries in i18n.catalog("zh").items():
        for field, text in entries.items():
            assert half_width_after_chinese(text) == [], f"[{table}] {field}"
    for template in sorted((REPO / "templates").rglob("*.zh.*")):
        assert half_width_after_chinese(template.read_text("utf-8")) == [], template.name


# The parameters every caller passes as an aware datetime, which `i18n.moment` says in full:
# `2026年11月26日 00:00（莫斯科时间，即北京时间 11月26日 05:00）`.
_MOMENTS = frozenset({"filed", "filed_at", "due", "until", "since", "window_ends"})
# Lists of codes each glossed in Chinese (`postings（货件号）`, catalog.glossed): they end in a full-width
# parenthesis too.
_MOMENTS |= {"lists"}
_PLACEHOLDER_BEFORE_CHINESE = re.compile(rf"\{{(\w+)(?:![a-z])?\}}( ?)(?={HAN})")


def test_placeholders_stand_apart_from_chinese_as_they_read_once_filled() -> None:
    """One spacing as the seller reads it, not as the catalog looks: a number, an ID or a path stands a
    space apart from the Chinese after it (`3 天`, `OZ-1 已登记`), while a moment already ends in its own
    full-width parenthesis and takes none (`…05:00）起可跟进`, never `…05:00） 起`). A reviewer of the raw
    catalog asked for `{due} 起`; that would put the space after the parenthesis."""
    moment = i18n.moment(datetime(2026, 11, 25, 21, 0, tzinfo=UTC), "zh")
    assert moment.endswith("）") and not moment[0].isspace()
    for table, entries in i18n.catalog("zh").items():
        for field, text in entries.items():
            for match in _PLACEHOLDER_BEFORE_CHINESE.finditer(text):
                name, space = match.groups()
                where = f"[{table}] {field}: {{{name}}}"
                if name in _MOMENTS:
                    assert space == "", f"{where} ends in a full-width parenthesis: no space after it"
                elif name != "name":  # `{name}` is a Chinese evidence name (`把{name}放到这里`)
                    assert space == " ", f"{where} is half-width: a space between it and the Chinese"
