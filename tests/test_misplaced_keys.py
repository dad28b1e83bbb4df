"""A key the case format has in another block is told where it belongs, not guessed at as a typo."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import TODAY, variant, write_case
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import Finding, words
from ozon_urgent.policy import load_policy


def _unknown(tmp_path: Path, changes: dict[str, object]) -> Finding:
    path = write_case(tmp_path, variant("carrier_failure", changes))
    found = check_case(path, str(path), load_policy(), CheckOptions(today=TODAY)).result.findings
    [finding] = [f for f in found if f.code == "S001"]
    return finding


@pytest.mark.parametrize(
    ("key", "home"),
    [
        ("client_id", "seller"),
        ("store_name", "seller"),
        ("received", "notification"),
        ("ru_reviewed", "explanation"),  # `ru` has three homes now: the facts, the changes, the old text
        ("source_lang", "explanation"),
    ],
)
def test_a_nested_field_at_the_top_level_belongs_under_its_block(tmp_path: Path, key: str, home: str) -> None:
    finding = _unknown(tmp_path, {key: "1234567"})
    en, zh = words(finding, "en"), words(finding, "zh")
    assert en.message == f"key `{key}` is not allowed here: it belongs under `{home}:`"
    assert "did you mean" not in en.message  # `client_id` is not a typo of `case_id`
    assert f"Move the `{key}:` line under `{home}:`" in en.hint
    assert f"应放在 `{home}:` 下面" in zh.message and f"`{key}:`" in zh.hint
    assert finding.path == (key,) and finding.line is not None


def test_a_key_two_blocks_have_names_both(tmp_path: Path) -> None:
    finding = _unknown(tmp_path, {"text": "货物延误"})
    assert words(finding, "en").message == (
        "key `text` is not allowed here: it belongs under one of `notification:`, `explanation:`,"
        " `explanation.facts:`, `explanation.changes:`"
    )
    assert "`notification:`, `explanation:`, `explanation.facts:`" in words(finding, "zh").message


def test_a_top_level_key_indented_into_a_block_belongs_at_the_top(tmp_path: Path) -> None:
    finding = _unknown(tmp_path, {"seller.scenario": "carrier_failure"})
    assert finding.path == ("seller", "scenario")
    assert "belongs at the top level" in words(finding, "en").message
    assert "最外层" in words(finding, "zh").message


def test_a_key_of_a_sibling_block_names_that_block(tmp_path: Path) -> None:
    finding = _unknown(tmp_path, {"seller.received": "2026-11-22"})
    message = words(finding, "en").message
    assert message == "key `received` is not allowed here: it belongs under `notification:`"


def test_a_typo_still_gets_its_guess(tmp_path: Path) -> None:
    finding = _unknown(tmp_path, {"evidense": []})
    assert words(finding, "en").message == "unknown key `evidense`: did you mean `evidence`?"
    assert words(finding, "zh").message == "未知的键 `evidense`：是不是把 `evidence` 拼错了？"
