"""Under Chinese, what a seller reads of every rule's pass/fail example holds no English prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import TODAY
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import words
from ozon_urgent.policy import load_policy
from test_check_data import EXAMPLES, Example, write_example
from zh_prose import english_words


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=lambda e: f"{e.code}-{'fail' if e.expect_fail else 'pass'}-{e.name}"
)
def test_every_example_reads_in_chinese(example: Example, tmp_path: Path) -> None:
    """Failing examples, and the notes and allowed findings passing ones still give."""
    path = write_example(example, tmp_path)
    result = check_case(path, str(path), load_policy(), CheckOptions(today=TODAY)).result
    assert result.findings or not example.expect_fail
    for finding in result.findings:
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
