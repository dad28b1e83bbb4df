"""Under Chinese, what a seller reads of every rule's pass/fail example holds no English prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.rule_examples import EXAMPLES, Example, check_example
from ozon_urgent.findings import words
from zh_prose import english_words


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_every_example_reads_in_chinese(example: Example, tmp_path: Path) -> None:
    """Failing examples, and the notes and allowed findings passing ones still give."""
    findings = check_example(example, tmp_path)
    assert findings or not example.expect_fail
    for finding in findings:
        said = words(finding, "zh")
        left = english_words(said.message) + english_words(said.hint)
        assert not left, f"{finding.code}: {left} in «{said.message}» / «{said.hint}»"


def test_the_prose_detector_finds_english_and_spares_code() -> None:
    assert english_words("请检查 `notification.received` 和 evidence/a.pdf（C150，SKU 与 PDF）") == []
    assert english_words("文件 “2026/11/20” 不是 YYYY-MM-DD 格式") == []
    assert english_words("day value is outside expected range") == [
        "day",
        "value",
        "outside",
        "expected",
        "range",
    ]
