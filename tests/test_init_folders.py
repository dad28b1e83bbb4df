"""`init -o` makes the folders an agency's layout needs (`cases/<store>/<case>/case.yaml`), never
overwrites a file, and says clearly when a folder cannot be made."""

from __future__ import annotations

from pathlib import Path

from kit.cli import RunCli


def test_init_makes_the_missing_folders(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "cases" / "crystal-lighting" / "appeal-2026-11" / "case.yaml"
    result = run_cli("init", "carrier_failure", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text("utf-8").startswith("#")
    assert str(target) in result.stderr


def test_init_still_refuses_an_existing_file(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "store" / "case.yaml"
    target.parent.mkdir()
    target.write_text("scenario: sync_delay  # my work\n", "utf-8")
    result = run_cli("init", "carrier_failure", "-o", target)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text("utf-8") == "scenario: sync_delay  # my work\n"


def test_a_folder_that_cannot_be_made_is_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "store").write_text("a file where the folder should be", "utf-8")
    target = tmp_path / "store" / "case" / "case.yaml"
    result = run_cli("init", "carrier_failure", "-o", target)
    assert result.exit_code == 3
    assert result.stderr == (
        f"ozon-urgent: cannot create the folder {target.parent} for {target}: Not a directory\n"
    )
    zh = run_cli("init", "carrier_failure", "-o", target, "--lang", "zh")
    assert zh.exit_code == 3 and f"无法为 {target} 创建文件夹 {target.parent}：" in zh.stderr
