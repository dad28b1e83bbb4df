"""Words in the output that stumbled a mainland seller (issue 27): each as the command prints it."""

from __future__ import annotations

import json
from pathlib import Path

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent import i18n


def test_the_statistical_window_is_one_term_in_scenarios_and_c150(run_cli: RunCli) -> None:
    """«窗口» in `scenarios` but «统计周期» in C150's message: one thing, two words."""
    scenarios = run_cli("scenarios", "--lang", "zh").stdout
    c150 = run_cli("rules", "C150", "--lang", "zh").stdout
    assert "统计周期：证据须覆盖通知前的 60 天" in scenarios
    assert "统计周期" in c150 and "统计周期" in i18n.text("zh", "C150", "message", **_C150)
    assert "窗口" not in scenarios and "窗口" not in c150


_C150 = {"days": 60, "window_start": "2026-09-27", "window_end": "2026-11-26", "start": "x", "end": "y"}


def test_no_us_court_term_in_chinese() -> None:
    """TRO (a temporary restraining order) is US law; the seller needs Ozon's own process named."""
    catalog = i18n.catalog("zh").items()
    said = [f"[{table}] {key}" for table, entry in catalog for key, text in entry.items() if "TRO" in text]
    assert said == []
    assert "知识产权" in i18n.text("zh", "C101", "hint")


def test_a_blurred_picture_says_what_to_do_not_a_number() -> None:
    """«清晰度 961，至少应为 1000» is nothing a seller can act on: retake it, or the original screenshot."""
    message = i18n.text("zh", "A212", "message", score=961, threshold=1000)
    hint = i18n.text("zh", "A212", "hint")
    assert message.startswith("图片模糊") and "（清晰度 961" in message
    assert "原始截图" in hint and "翻拍" in hint and "缩小" in hint
    english = i18n.text("en", "A212", "hint")
    assert "original screenshot" in english and "photo of the screen" in english


def _findings(run_cli: RunCli, case: Path, lang: str) -> dict[str, dict[str, object]]:
    result = run_cli("check", "--format", "json", "--no-content", "--lang", lang, case)
    return {str(f["code"]): f for f in json.loads(result.stdout)["cases"][0]["findings"]}


def test_request_values_and_id_kinds_have_their_chinese_names(run_cli: RunCli, tmp_path: Path) -> None:
    """«`restore_listing`, `manual_review`», «skus, products, offer_ids»: keys a mainland seller cannot
    read; under zh each stands with the catalog's Chinese name, in English the keys alone."""
    case = write_case(tmp_path, variant("misjudged_delisting", {"request": "exclude_period", "affected": {}}))
    zh, en = _findings(run_cli, case, "zh"), _findings(run_cli, case, "en")
    assert "`restore_listing`（恢复商品上架）、`manual_review`（人工重新审核）" in str(zh["C110"]["hint"])
    assert "`skus`（SKU）、`products`（商品 ID）、`offer_ids`（货号）" in str(zh["C120"]["message"])
    assert "`restore_listing`, `manual_review`" in str(en["C110"]["hint"])
    assert "`skus`, `products`, `offer_ids`" in str(en["C120"]["message"])
    scenarios = run_cli("scenarios", "--lang", "zh").stdout
    assert (
        "postings（货件号）、orders（订单号）、skus（SKU）、products（商品 ID）、offer_ids（货号）"
        in scenarios
    )
    assert "skus, products" not in scenarios


def test_the_init_skeleton_glosses_its_requests_and_id_kinds(run_cli: RunCli, tmp_path: Path) -> None:
    """The skeleton named «skus, products, offer_ids» and «restore_listing | manual_review» bare under zh."""
    zh, en = tmp_path / "zh.yaml", tmp_path / "en.yaml"
    assert run_cli("init", "misjudged_delisting", "--lang", "zh", "-o", str(zh)).exit_code == 0
    assert run_cli("init", "misjudged_delisting", "--lang", "en", "-o", str(en)).exit_code == 0
    chinese, english = zh.read_text("utf-8"), en.read_text("utf-8")
    assert "skus（SKU）、products（商品 ID）、offer_ids（货号）" in chinese
    assert "诉求，可选 restore_listing（恢复商品上架）、manual_review（人工重新审核）。工具会据此" in chinese
    assert "one of restore_listing, manual_review — the request:" in english
    assert "skus, products, offer_ids" in english


def test_the_russian_citing_file_numbers_is_read_as_numbers() -> None:
    """«(файл 03)» with two attachments slipped past check and build: a seller reads no Russian."""
    from ozon_urgent.checks.russian_cites_files import cited_numbers

    assert cited_numbers("акты (файл 03) и письмо (файлы 01 и 02), в приложениях 4–6") == {1, 2, 3, 4, 5, 6}
    assert cited_numbers("Приложение № 2; 21 отправление, 1 500 рублей") == {2}
    assert cited_numbers("21 отправление передано 20.11.2026") == set()


def test_the_strict_summary_says_why_a_case_without_errors_fails(run_cli: RunCli, tmp_path: Path) -> None:
    """«其中 1 个未通过；共 0 个错误» read as a contradiction: under --strict the line says warnings fail."""
    data = variant("carrier_failure", {})
    data["explanation"]["ru_reviewed"] = False  # C173, a warning: the only finding
    case = write_case(tmp_path, data)
    strict = run_cli("check", "--strict", "--lang", "zh", str(case))
    assert strict.exit_code == 1
    assert "其中 1 个未通过；共 0 个错误" in strict.stdout and "（--strict：警告也算未通过）" in strict.stdout
    plain = run_cli("check", "--lang", "zh", str(case))
    assert plain.exit_code == 0 and "--strict：" not in plain.stdout
