"""`init -o` makes the folders an agency's layout needs (`cases/<store>/<case>/case.yaml`), never
overwrites a file, says clearly when a folder cannot be made, and writes `case_id` where the folder's
name cannot be one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kit.cli import RunCli
from ozon_urgent import i18n


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


def _found(run_cli: RunCli, case: Path) -> list[tuple[str, str]]:
    checked = run_cli("check", "--no-content", "--today", "2026-12-07", "--format", "json", case)
    return [(f["code"], f["path"]) for f in json.loads(checked.stdout)["cases"][0]["findings"]]


@pytest.mark.parametrize(
    ("name", "key"), [("下架/case.yaml", "case_id_for_folder"), ("下架.yaml", "case_id_for_file")]
)
def test_a_name_that_cannot_be_a_case_id_gets_a_case_id_line(
    run_cli: RunCli, tmp_path: Path, name: str, key: str
) -> None:
    """`init -o 下架/case.yaml` wrote only a commented `# case_id: …`, and `check` then refused the folder's
    name (C103): init knows the name, so it writes the line itself and says why beside it."""
    target = tmp_path / name
    result = run_cli("init", "malicious_returns", "--lang", "zh", "--today", "2026-12-07", "-o", target)
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in target.read_text("utf-8").splitlines() if "case_id:" in line]
    why = i18n.text("zh", "cli.init", key, name="下架")
    assert line == f"case_id: malicious-returns-2026-12-07  # {why}"
    assert yaml.safe_load(target.read_text("utf-8"))["case_id"] == "malicious-returns-2026-12-07"
    assert "C103" not in {code for code, _ in _found(run_cli, target)}


def test_a_latin_folder_names_the_case_and_init_leaves_case_id_to_it(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "my-case" / "case.yaml"
    assert run_cli("init", "malicious_returns", "--today", "2026-12-07", "-o", target).exit_code == 0
    assert "case_id" not in yaml.safe_load(target.read_text("utf-8"))  # the folder's name is the id
    assert "\n# case_id: …  # " in target.read_text("utf-8")
    assert "C103" not in {code for code, _ in _found(run_cli, target)}


@pytest.mark.parametrize(
    ("scenario", "ids_line"),
    [
        ("carrier_failure", "#   - 在 postings（货件号）中逐个列出受影响的 ID"),  # one list: no "以下各项"
        (
            "misjudged_delisting",
            "#   - 在以下至少一项中列出受影响的 ID：skus（SKU）、products（商品 ID）、offer_ids（货号）",
        ),
    ],
)
def test_the_skeleton_s_comments_read_as_chinese(run_cli: RunCli, scenario: str, ids_line: str) -> None:
    skeleton = run_cli("init", scenario, "--lang", "zh").stdout.splitlines()
    assert ids_line in skeleton
    [source_lang] = [line for line in skeleton if line.lstrip().startswith("source_lang:")]
    assert source_lang.endswith("# 说明文字 `text` 的语言：zh 中文、en 英语、ru 俄语")
