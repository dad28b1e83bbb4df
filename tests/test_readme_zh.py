"""README.zh-CN.md works as written for a mainland seller: README.md leads to it first, its links resolve,
its prose is Chinese, and its first steps (activate, init → check → build → record, and the walk through
an example) run offline as typed and print what it says they print."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from kit.repo import REPO
from ozon_urgent import i18n
from zh_prose import english_words

README = (REPO / "README.md").read_text("utf-8")
README_ZH = (REPO / "README.zh-CN.md").read_text("utf-8")
# Sections whose commands the test runs, in this order, in one terminal.
RUN_SECTIONS = ("日常使用：安装和激活 `.venv`", "上手：从 `init` 到 `record`", "用示例完整走一遍")
# Product names Chinese prose keeps, beyond tests/zh_prose.py's.
NAMES = {"Python"}


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README_ZH, re.M | re.S)
    assert match, f"README.zh-CN.md has no section {title!r}"
    return match[1]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def test_readme_links_to_the_chinese_readme_first() -> None:
    assert README.splitlines()[0] == "中文说明：[README.zh-CN.md](README.zh-CN.md)"


def test_the_two_commands_come_first() -> None:
    first = blocks(README_ZH, "sh")[0]
    assert [line.split()[:2] for line in first.splitlines()] == [["make", "demo"], ["make", "test"]]
    # what make demo ends with, as `build` says it (tests/test_demo_screen.py runs the demo's build)
    [shown] = blocks(section("两条命令"), "text")
    look = i18n.text("zh", "cli.done", "look", copy="ticket.zh.md")
    assert shown.splitlines()[-1] == look


def test_every_link_resolves() -> None:
    targets = re.findall(r"\]\(([^)\s]+)\)", README_ZH)
    assert targets, "no links: the test proves nothing"
    for target in targets:
        if target.startswith(("http://", "https://")):
            continue
        assert (REPO / target.partition("#")[0]).exists(), target


def test_the_documents_only_in_english_are_said_to_be() -> None:
    """A seller who follows a link from 更多 is told first that what opens is English."""
    more = section("更多")
    chinese, _, english = more.partition("以下文档暂无中文版")
    assert english, "更多 does not say which documents are English only"
    assert re.findall(r"\]\(([^)]+\.md)\)", chinese) == []
    assert re.findall(r"\]\(([^)]+\.md)\)", english) == [
        "docs/case-file.md",
        "docs/russian-terms.md",
        "README.md",
    ]


def test_no_english_prose_outside_code() -> None:
    prose = re.sub(r"^```.*?^```", " ", README_ZH, flags=re.M | re.S)
    assert [word for word in english_words(prose) if word not in NAMES] == []
    assert english_words("请运行 make demo 命令") == ["make", "demo"]  # the check finds English


def _script() -> tuple[str, list[str]]:
    """The sections' commands as one terminal would run them, each followed by its exit status."""
    commands = []
    for title in RUN_SECTIONS:
        for block in blocks(section(title), "sh"):
            commands += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    script = "".join(f'{command}\necho "exit $? <- {command}"\n' for command in commands)
    return script, commands


def test_the_first_steps_run_as_written(tmp_path: Path) -> None:
    venv = Path(sys.prefix)
    assert venv != Path(sys.base_prefix), "the tests run in the project's .venv (make test)"
    (tmp_path / ".venv").symlink_to(venv, target_is_directory=True)
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "OZON_URGENT_TODAY", "LC_ALL")}
    env |= {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "HOME": str(tmp_path)}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    script, commands = _script()
    ran = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    said = ran.stdout + ran.stderr
    exits = {command: int(code) for code, command in re.findall(r"^exit (\d+) <- (.*)$", ran.stdout, re.M)}
    assert list(exits) == commands, said
    assert 127 not in exits.values() and "internal error" not in said, said
    by_start = {command.split(" -")[0].split(" --")[0]: code for command, code in exits.items()}
    assert by_start["ozon-urgent init carrier_failure"] == 0, said
    # the skeleton still has its TODOs: check and build name them (exit 1) and write no pack
    assert by_start["ozon-urgent check my-case/case.yaml"] == 1
    assert by_start["ozon-urgent build my-case/case.yaml"] == 1 and not (tmp_path / "out").exists()
    example = [code for command, code in exits.items() if "examples/" in command or "练习" in command]
    assert example and set(example) == {0}, said
    assert (tmp_path / "练习" / "2750416" / "haoyun-auto-carrier-failure-2026-11" / "FILING.md").is_file()
    # what the README says they print, they print (… stands for what differs from run to run)
    lines = said.splitlines()
    for title in RUN_SECTIONS:
        for shown in blocks(section(title), "text"):
            for expected in shown.splitlines():
                pattern = ".*".join(re.escape(piece) for piece in expected.split("…"))
                assert any(re.search(pattern, line) for line in lines), (expected, said)


def test_the_init_example_s_folder_can_be_the_case_id() -> None:
    """README showed `init … -o 我的案件/case.yaml`: a Chinese folder's name cannot be a case_id (C103), so
    a seller following it met an error the example made."""
    from ozon_urgent.casefile.identity import default_case_id, usable_case_id

    for readme in (README_ZH, README):
        [target] = re.findall(r"^ozon-urgent init \w+ -o (\S+)", readme, re.M)
        assert usable_case_id(default_case_id(Path(target))), target
    assert "文件夹名请只用拉丁字母、数字和连字符" in README_ZH


def test_the_language_variable_it_names_outranks_lang() -> None:
    """A reader whose system is English sets OZON_URGENT_LANG, as the README says: it wins over LANG."""
    from ozon_urgent.i18n import detect_lang

    assert "`OZON_URGENT_LANG=zh`" in README_ZH
    assert detect_lang({"LANG": "en_US.UTF-8", "OZON_URGENT_LANG": "zh"}) == "zh"
