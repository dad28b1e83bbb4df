"""Under Chinese, what a seller reads holds no English prose: every rule's wrong/right example, `status` over
a ledger of recorded examples, and `translate --dry-run` without a key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factories import variant, write_case
from kit.cli import invoke
from kit.repo import EXAMPLE_CASES
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
    assert english_words("发送的是 explanation.ru, evidence[0].caption_ru：ozon-urgent followup a.yaml") == []
    assert english_words("day value is outside expected range") == [
        "day",
        "value",
        "outside",
        "expected",
        "range",
    ]


def _seller_words(case_files: list[Path]) -> list[str]:
    """What the seller wrote and status repeats: each case's case_id and store name."""
    said: list[str] = []
    for case in case_files:
        data = yaml.safe_load(case.read_text("utf-8"))
        said += [str(data["case_id"]), str(data["seller"].get("store_name") or "")]
    return sorted((word for word in said if word), key=len, reverse=True)


def test_status_over_the_examples_reads_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example recorded at one moment, one resolved, another rejected: what `status` prints under zh
    (the header, the table, each next step, the 72-hour guard, the stores) holds no English prose."""
    monkeypatch.setenv("OZON_URGENT_NOW", "2026-11-26T16:30:00+03:00")
    ledger = tmp_path / "ledger.sqlite3"
    recorded = [
        case
        for number, case in enumerate(EXAMPLE_CASES)
        if invoke("record", case, "--ref", f"SR-2026-{number}", "--ledger", ledger).exit_code == 0
    ]
    assert len(recorded) >= 5, "the examples no longer record"
    for case, outcome in zip(recorded[:2], ("resolved", "rejected"), strict=True):
        assert invoke("resolve", case, "--outcome", outcome, "--ledger", ledger).exit_code == 0
    shown = invoke("status", "--ledger", ledger, "--lang", "zh").stdout
    assert "北京时间" in shown and "请勿就这些 ID 新开工单" in shown and "MSK" not in shown
    for word in _seller_words(recorded):
        shown = shown.replace(word, " ")
    assert english_words(shown) == [], shown


def test_translate_dry_run_without_a_key_reads_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `translate --dry-run` says with no key set: what would be sent, and that nothing was."""
    for var in ("DEEPL_AUTH_KEY", "DEEPL_SERVER_URL"):
        monkeypatch.delenv(var, raising=False)
    case = write_case(
        tmp_path, variant("carrier_failure", {"explanation.ru": None, "explanation.ru_reviewed": None})
    )
    result = invoke("translate", "--dry-run", "--lang", "zh", case)
    said = (result.stdout + result.stderr).replace(str(case), " ")
    assert result.exit_code == 0 and "试运行" in said and "explanation.ru" in said, said
    assert english_words(said) == [], said
