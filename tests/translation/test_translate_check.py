"""C174 russian-out-of-date, alone and through `check` after `translate`, beside C173 (not reviewed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from deepl_fake import FakeDeepL
from pytest_httpserver import HTTPServer
from translate_support import (
    COMMENTED_CASE,
    TEXT,
    fake_deepl,
    run_translate,
    simple_case,
)

from kit.rule_examples import EXAMPLES, check_example
from ozon_urgent.casefile.loader import compose
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.checks.base import CaseContext, Hit
from ozon_urgent.checks.russian_outdated import RussianOutdated
from ozon_urgent.findings import words
from ozon_urgent.policy import load_policy

TODAY = date(2026, 11, 26)


def hits(text: str) -> list[Hit]:
    loaded = compose(text)
    case = Case.model_validate(loaded.data)
    ctx = CaseContext(Path("case.yaml"), loaded, case, load_policy(), load_catalog(), TODAY, ())
    return list(RussianOutdated().run(ctx))


def with_russian(text: str, ru: str = "Груз задержан.", sha: str | None = None, caption: str = "") -> str:
    extra = f"  ru: {ru}\n" + (f"  ru_source_sha256: '{sha}'\n" if sha else "")
    return simple_case(text, extra=extra) + caption


def test_hash_is_of_the_stripped_utf8_text() -> None:
    assert source_sha256("  我们\n") == source_sha256("我们") != source_sha256("我们。")
    assert source_sha256(None) == source_sha256("")


def test_matching_or_missing_hash_passes() -> None:
    assert hits(with_russian(TEXT, sha=source_sha256(TEXT))) == []
    assert hits(with_russian(TEXT)) == []  # Russian by hand: nothing to compare
    assert hits(simple_case(TEXT, extra=f"  ru_source_sha256: '{source_sha256('x')}'\n")) == []  # no Russian


def test_edited_text_fails() -> None:
    assert hits(with_russian(TEXT + "补充。", sha=source_sha256(TEXT))) == [Hit(("explanation", "ru"))]


def test_edited_caption_fails_with_its_index() -> None:
    caption = (
        "    caption: 承运商书面说明（已盖章）\n"
        "    caption_ru: Письменное заявление службы доставки\n"
        f"    caption_ru_source_sha256: '{source_sha256('承运商书面说明')}'\n"
    )
    assert hits(with_russian(TEXT, caption=caption)) == [
        Hit(("evidence", 0, "caption_ru"), "caption", {"index": 0})
    ]


def codes(path: Path) -> dict[str, list[str]]:
    result = check_case(path, str(path), load_policy(), CheckOptions(today=TODAY)).result
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        said = words(finding, "en")
        assert "{" not in said.message + said.hint, finding
        found.setdefault(finding.code, []).append(f"{finding.line}: {said.message}")
    return found


def test_check_after_translate_warns_unreviewed_then_out_of_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake: FakeDeepL = fake_deepl(monkeypatch, httpserver)
    case = tmp_path / "case.yaml"
    case.write_text(COMMENTED_CASE, "utf-8")
    assert run_translate(case).exit_code == 0
    assert fake.translate_requests()

    found = codes(case)
    assert "C173" in found and "C174" not in found

    case.write_text(case.read_text("utf-8").replace("支付了赔偿", "支付了部分赔偿"), "utf-8")
    found = codes(case)
    assert "C173" in found
    assert found["C174"] == [
        "32: `explanation.text` was edited after it was translated: `explanation.ru` no longer matches it"
    ]

    case.write_text(case.read_text("utf-8").replace("承运商书面说明", "承运商的说明"), "utf-8")
    assert len(codes(case)["C174"]) == 2


def test_data_file_examples_through_the_engine(tmp_path: Path) -> None:
    """tests/data/checks/C174.yaml, run the way test_check_data runs every rule's examples."""
    examples = [e for e in EXAMPLES if e.code == "C174"]
    assert {e.expect_fail for e in examples} == {True, False}
    for number, example in enumerate(examples):
        found = {finding.code for finding in check_example(example, tmp_path / str(number))}
        assert ("C174" in found) is example.expect_fail, example.name
        if not example.expect_fail:
            assert not found - set(example.spec.get("allow", [])), (example.name, found)
