"""Y003's fix says what to do with the places it lists (each at its line and column); only an empty file is
told to start from `init`'s skeleton."""

from __future__ import annotations

from pathlib import Path

from kit.cli import RunCli


def test_the_rule_s_fix_is_to_correct_each_place_reported(run_cli: RunCli) -> None:
    zh = run_cli("rules", "Y003", "--lang", "zh").stdout
    assert "修复方法：请按报告的行号和列号逐处改正" in zh and "可先用模板" not in zh
    en = run_cli("rules", "Y003", "--lang", "en").stdout
    assert "Correct each place at the line and column reported" in en


def test_an_empty_file_is_told_to_start_from_a_skeleton(run_cli: RunCli, tmp_path: Path) -> None:
    empty = tmp_path / "case.yaml"
    empty.write_text("", "utf-8")
    said = run_cli("check", "--lang", "zh", empty).stdout
    assert "Y003 错误：文件为空" in said and "可先用模板生成案件文件：运行 `ozon-urgent init" in said
