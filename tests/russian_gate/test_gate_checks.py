"""The gate's checks on real cases: their data files, messages in both languages, caps, bad input."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from gate_support import DATA, GATE_CODES, GateHit, case_data, context_for, gate_catalog, render, run_gate

from ozon_urgent.checks import RULES
from ozon_urgent.checks.russian_gate_rules import RUSSIAN_GATE_CHECKS
from ozon_urgent.findings import Severity

FULL = (
    "С 27.10.2026 по 09.11.2026 служба доставки задержала отправления из-за сбоя в сортировочном центре. "
    "Просим исключить этот период из расчёта показателя."
)


def _examples() -> list[tuple[str, bool, str, dict[str, Any]]]:
    found = []
    for code in sorted(GATE_CODES):
        data = yaml.safe_load((DATA / f"{code}.yaml").read_text("utf-8"))
        for outcome in ("pass", "fail"):
            for spec in data.get(outcome, []):
                found.append((code, outcome == "fail", spec["name"], spec.get("set", {})))
    return found


@pytest.mark.parametrize(
    ("code", "expect_fail", "name", "changes"), _examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_data_file_example(
    code: str, expect_fail: bool, name: str, changes: dict[str, Any], tmp_path: Path
) -> None:
    hits = run_gate(context_for(tmp_path, changes))
    codes = {found.code for found in hits}
    if expect_fail:
        assert codes == {code}, f"{name}: exactly the defect under test, got {codes}"
    else:
        assert not codes, f"{name}: the gate found {[(f.code, f.hit.params) for f in hits]}"
    for found in hits:
        for lang in ("en", "zh"):
            message, hint = render(found, lang)
            assert message and hint and "{" not in message + hint


def test_every_check_has_a_data_file_with_both_outcomes() -> None:
    covered = {(code, fail) for code, fail, _, _ in _examples()}
    for check in RUSSIAN_GATE_CHECKS:
        assert (check.code, True) in covered and (check.code, False) in covered, check.code


def test_codes_are_free_and_in_the_gate_range() -> None:
    names = [check.name for check in RUSSIAN_GATE_CHECKS]
    assert len(set(names)) == len(names) and len(GATE_CODES) == len(RUSSIAN_GATE_CHECKS)
    for check in RUSSIAN_GATE_CHECKS:
        number = int(check.code[1:])
        assert check.code[0] == "C" and 175 <= number <= 189, check.code
        taken = RULES.get(check.code, check.declaration)
        assert taken == check.declaration, f"{check.code} is taken by {taken.name}"


@pytest.mark.parametrize("check", RUSSIAN_GATE_CHECKS, ids=lambda c: c.code)
def test_docstring_documents_a_failing_and_a_passing_example(check: type) -> None:
    doc = check.__doc__ or ""
    assert "Wrong:" in doc and "Right:" in doc and re.search("[а-яё]", doc), check


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_catalogs_cover_every_code_with_the_same_keys(lang: str) -> None:
    catalog, english = gate_catalog(lang), gate_catalog("en")
    assert set(catalog) == GATE_CODES
    for code, entry in catalog.items():
        fields = {key: text for key, text in entry.items() if key != "doc"}  # zh-only `doc`: test_rule_docs
        assert {"title", "message", "hint"} <= set(fields) and set(fields) == set(english[code]), code
        for key, text in fields.items():  # a translation fills in what the English fills in
            assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", english[code][key]))


def test_severities() -> None:
    errors = {check.code for check in RUSSIAN_GATE_CHECKS if check.severity is Severity.ERROR}
    assert errors == {"C176"}  # a mixed-script word is the only defect that is certainly wrong


def test_mixed_script_names_letters_positions_and_the_fix(tmp_path: Path) -> None:
    hits = run_gate(context_for(tmp_path, {"explanation.ru": FULL.replace("сортировочном", "сopтировочном")}))
    (found,) = hits
    assert found.code == "C176" and found.hit.path == ("explanation", "ru") and found.hit.variant == "latin"
    assert found.hit.params == {
        "word": "сopтировочном",
        "letters": "o, p",
        "positions": "2, 3",
        "fixed": "сортировочном",
    }
    message, hint = render(found, "en")
    assert "o, p" in message and "2, 3" in message and "«сортировочном»" in hint


def test_allow_words_silence_unknown_english_and_pinyin_words(tmp_path: Path) -> None:
    text = "Служба доставки Swift и склад Haoxin задержали отправления, а тракинг это подтвердил. " + FULL
    flagged = {f.code for f in run_gate(context_for(tmp_path / "a", {"explanation.ru": text}))}
    assert flagged == {"C177", "C178", "C179"}
    allowed = {"explanation.ru": text, "allow_words": ["Swift", "haoxin", "тракинг"]}
    assert run_gate(context_for(tmp_path / "b", allowed)) == []


def test_the_store_name_is_a_name(tmp_path: Path) -> None:
    text = "Магазин Bright Home передал все отправления в доставку вовремя. " + FULL
    assert run_gate(context_for(tmp_path, {"explanation.ru": text})) == []


def test_notification_text_and_link_captions_are_checked(tmp_path: Path) -> None:
    changes = {
        "explanation.ru": FULL,
        "notification.text": "Товары сняты с продажи!!!",
        "links": [
            {"url": "https://disk.yandex.ru/i/abc", "kind": "unboxing_video", "caption_ru": "Видео 🎥"}
        ],
    }
    hits = run_gate(context_for(tmp_path, changes))
    assert {(f.code, f.hit.path) for f in hits} == {
        ("C183", ("notification", "text")),
        ("C186", ("links", 0, "caption_ru")),
    }


def test_too_short_is_about_the_explanation_only(tmp_path: Path) -> None:
    hits = run_gate(context_for(tmp_path, {"explanation.ru": FULL, "evidence[0].caption_ru": "Заявление"}))
    assert hits == []


def test_a_100000_character_explanation_is_fast_and_reported_in_brief(tmp_path: Path) -> None:
    words = [f"слово{chr(0x430 + n % 32)}{chr(0x430 + n // 32 % 32)}" for n in range(12_000)]
    text = (" ".join(words) + ". ")[:100_000]
    ctx = context_for(tmp_path, {"explanation.ru": text})
    started = time.perf_counter()
    hits = run_gate(ctx)
    assert time.perf_counter() - started < 10  # ~0.6 s here; the bound only catches a quadratic slip
    unknown = [f for f in hits if f.code == "C177"]
    assert len(unknown) == 11 and unknown[-1].hit.variant == "more"
    assert int(str(unknown[-1].hit.params["more"])) > 1000
    assert all(len(render(found, "zh")[0]) < 400 for found in hits)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # the overrides themselves are C191's (any field), not the gate's
        ("\u202eТовары сняты с продажи\u202c по ошибке 😢😢😢 " * 200, {"C186", "C184"}),
        ("\u200f" * 50_000, {"C175", "C185"}),
        ("😀" * 30_000, {"C185", "C186"}),
        ("!" * 100_000, {"C183", "C185"}),
        ("а" * 100_000, {"C177", "C185"}),
        ("Отправ\u00adление " * 5_000, {"C175", "C184"}),
    ],
    ids=["rtl-and-emoji", "only-marks", "only-emoji", "only-exclamations", "one-long-word", "soft-hyphens"],
)
def test_bad_input_is_reported_not_crashed(text: str, codes: set[str], tmp_path: Path) -> None:
    hits: list[GateHit] = run_gate(context_for(tmp_path, {"explanation.ru": text}))
    assert {found.code for found in hits} == codes
    for found in hits:
        assert all("{" not in part for part in render(found, "en"))


def test_case_data_is_the_shared_base_case() -> None:
    assert case_data({})["scenario"] == "carrier_failure"
