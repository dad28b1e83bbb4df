"""Help pages and Click's usage errors in the user's language (cli/localized.py, zh.toml "cli.help*")."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.testing import CliRunner

from ozon_urgent import i18n
from ozon_urgent.cli import help_words, localized
from ozon_urgent.cli.app import app
from ozon_urgent.cli.localized import ENGLISH, SHARED, cells, help_table, wrap

LOCALE_VARIABLES = ("OZON_URGENT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def _tree() -> list[tuple[str, ...]]:
    """Every command and group, as the words that reach it: (), ("check",), ("templates", "export")."""
    found: list[tuple[str, ...]] = []

    def visit(command: object, path: tuple[str, ...]) -> None:
        found.append(path)
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                visit(sub, (*path, name))

    visit(typer.main.get_command(app), ())
    return found


COMMANDS = _tree()
NAMES = {name for path in COMMANDS for name in path}


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env: dict[str, str | None] = dict.fromkeys(LOCALE_VARIABLES)
    if lang is not None:
        env["LANG"] = lang
    result = CliRunner().invoke(app, list(args), prog_name="ozon-urgent", terminal_width=80, env=env)
    return result.exit_code, result.stdout, result.stderr


# Names that stay as they are in Chinese text: products, standards, Ozon's own terms.
ALLOWED = sorted(
    [
        *("Seller Center", "Seller API", "Client ID", "Client-Id", "Reference ID", "JSON Schema"),
        *("GitHub Actions", "Ozon", "SKU", "PDF", "JPEG", "PNG", "HEIC", "YAML", "JSON", "SARIF", "JUnit"),
        *(
            "GitHub",
            "CI",
            "DeepL",
            "Tesseract",
            "API",
            "URL",
            "ID",
            "PostgreSQL",
            "SQLite",
            "TOML",
            "UTF-8",
            "diff",
        ),
    ],
    key=len,
    reverse=True,
)


def english_prose(text: str) -> list[str]:
    """ASCII words of three letters or more left once code, option names, metavars, values, product
    names and the command names the usage line and the list of commands show are taken out."""
    text = re.sub(r"`[^`]*`", " ", text)  # `code`
    text = re.sub(r"^\s*(?:\d+\.\s+)?ozon-urgent .*$", " ", text, flags=re.M)  # a command to type
    text = re.sub(
        r"\b[a-z_]+（[^）]*[\u4e00-\u9fff][^）]*）", " ", text
    )  # a value glossed: resolved（已解决）
    text = re.sub(r"\[[^\]\s]*\|[^\]\s]*\]", " ", text)  # [zh|en]: the values an option takes
    text = re.sub(r"(默认|默认为)：[^；\]]*", " ", text)  # [默认：drafts]: a value
    text = re.sub(r"ozon-urgent(?: [a-z-]+)*", " ", text)  # the usage line
    text = re.sub(rf"^  (?:{'|'.join(sorted(NAMES, key=len, reverse=True))})(?= )", " ", text, flags=re.M)
    text = re.sub(r"'[^'\n]*'", " ", text)  # 'bad': what the user typed
    text = re.sub(r"可选值：[^）\n]*", " ", text)  # the values Click offers
    text = re.sub(r"(?<![\w-])--?[a-zA-Z][\w-]*", " ", text)  # --option, -x
    for name in ALLOWED:
        text = text.replace(name, " ")
    text = re.sub(r"\b[A-Z][A-Z0-9_]+\b(?:\.\.\.)?", " ", text)  # PATH..., OZON_URGENT_POLICY, CSV
    return re.findall(r"[A-Za-z]{3,}", text)


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def test_the_prose_check_finds_english() -> None:
    assert english_prose("  --cache / --no-cache  复用结论 [默认：--cache]") == []
    assert english_prose("  -o, --out FOLDER  写入 `ledger.sqlite3`（Ozon Seller API）") == []
    assert english_prose("Show this message and exit.") == ["Show", "this", "message", "and", "exit"]
    assert english_prose("报告格式 (default: text)") == ["default", "text"]
    assert (
        english_prose("可选值：resolved（已解决）、closed（已关闭）\n  1. ozon-urgent init carrier_failure")
        == []
    )
    assert english_prose("状态：resolved、rejected（closed）") == ["resolved", "rejected", "closed"]


def _has_own_lang(path: tuple[str, ...]) -> bool:
    """Groups (the top level, `templates`) have no --lang of their own; `ozon-urgent --lang zh` does."""
    command = typer.main.get_command(app)
    for name in path:
        assert isinstance(command, TyperGroup)
        command = command.commands[name]
    return any(isinstance(p, TyperOption) and "--lang" in p.opts for p in command.params)


HELP_CASES = [
    (path, how)
    for path in COMMANDS
    for how in ("locale", "root --lang", "command --lang")
    if how != "command --lang" or _has_own_lang(path)
]


@pytest.mark.parametrize(
    ("path", "how"), HELP_CASES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v)
)
def test_every_help_page_is_chinese(path: tuple[str, ...], how: str) -> None:
    if how == "locale":
        code, out, err = run(*path, "--help", lang="zh_CN.UTF-8")
    elif how == "root --lang":
        code, out, err = run("--lang", "zh", *path, "--help")
    else:
        code, out, err = run(*path, "--lang=zh", "--help", lang="de_DE.UTF-8")
    assert code == 0 and err == "", err
    assert out.startswith("用法：ozon-urgent") and "显示此帮助信息并退出。" in out
    assert english_prose(out) == [], out
    for line in out.splitlines():
        assert cells(line) <= 80, line
        assert line.strip()[:1] not in set("，。、；：！？）"), line


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "top")
def test_every_help_page_is_english_without_a_chinese_locale(path: tuple[str, ...]) -> None:
    for lang in (None, "de_DE.UTF-8", "C.UTF-8", "en_US.UTF-8"):
        code, out, _ = run(*path, "--help", lang=lang)
        assert code == 0 and out.startswith("Usage: ozon-urgent") and not has_chinese(out), (lang, out)
        assert "Show this message and exit." in out
        # metavars name the value, not the Python type
        assert not re.search(r"<[a-z]|list\[|\{[a-z]", re.sub(r"`[^`]*`", "", out)), out


def test_lang_en_wins_over_a_chinese_locale() -> None:
    for args in (("check", "--lang", "en", "--help"), ("--lang", "en", "check", "--help")):
        code, out, _ = run(*args, lang="zh_CN.UTF-8")
        assert code == 0 and out.startswith("Usage:") and not has_chinese(out), out
    code, out, _ = run("check", "--help", lang="zh_CN.UTF-8")
    assert out.startswith("用法：")
    # LC_ALL decides before LANG, as the C library reads them
    result = CliRunner().invoke(app, ["check", "--help"], env={"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})
    assert result.stdout.startswith("Usage:")


def test_readable_metavars() -> None:
    _, check, _ = run("check", "--help")
    assert "Usage: ozon-urgent check [OPTIONS] PATH..." in check
    assert "  PATH...  Case files, folders and globs.  [required]" in check
    assert "-j, --jobs N " in check and "[at least 1]" in check
    assert "--output FILE " in check and "-f, --format [text|json|sarif|junit|github]" in check
    assert "[default: --content]" in check
    _, rules, _ = run("rules", "--help")
    assert "Usage: ozon-urgent rules [OPTIONS] [CODE]" in rules
    _, status, _ = run("status", "--help")
    assert "--state [not_built|built|waiting|followup_due|resolved|rejected|closed]" in status


USAGE_ERRORS = [
    (("resolve", "case.yaml", "--outcome", "bad"), "--outcome 的值无效：'bad' 不在可选值中"),
    (("resolve", "case.yaml"), "缺少选项 --outcome（可选值：resolved、rejected、closed）"),
    (("record", "case.yaml"), "缺少 --ref：请加上 `--ref <工单编号>`"),
    (("check",), "未指定路径"),
    (("record",), "未指定案件文件"),
    (("init",), "未指定场景"),
    (("check", "--strct", "x"), "没有 `--strct` 这个选项；您是不是要用 `--strict`？"),
    (("check", "-z", "x"), "没有 `-z` 这个选项"),
    (("check", "--jobs", "0", "x"), "--jobs / -j 的值无效：不能小于 1"),
    (("check", "--jobs", "many", "x"), "--jobs / -j 的值无效：应为整数"),
    (("check", "--format"), "选项 --format 需要一个值"),
    (("check", "--strict=yes", "x"), "选项 --strict 不接受值"),
    (("rules", "C150", "C151"), "多余的参数：C151"),
    (("chek",), "没有 `chek` 这个命令；您是不是要用 `check`、`schema`？"),
    (("templates", "bogus"), "没有 `bogus` 这个命令"),
    (("--lang", "zh"), "缺少命令"),
    (("build", "--templates", "/no/such/folder", "x"), "--templates 的值无效：'/no/such/folder' 不存在"),
]


@pytest.mark.parametrize(("args", "said"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese_and_exit_2(args: tuple[str, ...], said: str) -> None:
    code, out, err = run(*args, lang="zh_CN.UTF-8")
    assert code == 2 and out == "", err
    assert f"错误：{said}" in err, err
    assert english_prose(err) == [], err
    if args != ("check", "--format") and args != ("check", "--strict=yes", "x"):  # Click gives no usage
        assert err.startswith("用法：ozon-urgent") and "查看帮助。" in err, err


def test_usage_errors_stay_clicks_english_elsewhere() -> None:
    code, _, err = run("check", "--strct", "x")
    assert code == 2 and "Error: No such option: --strct (Possible options: --strict)" in err
    code, _, err = run("check", "--lang", "en", "--strct", "x", lang="zh_CN.UTF-8")
    assert code == 2 and "Error: No such option" in err and not has_chinese(err)
    code, _, err = run("resolve", "case.yaml", "--lang", "zh", "--outcome", "bad")
    assert code == 2 and "错误：" in err


def test_root_lang_sets_the_commands_language() -> None:
    code, out, _ = run("--lang", "zh", "rules")
    assert code == 0 and has_chinese(out)
    code, out, _ = run("--lang", "zh", "rules", "--lang", "en")
    assert code == 0 and not has_chinese(out)


# --- the catalog: one Chinese help text for every command and option, none left over ---------------


def _params() -> list[tuple[str, str, str]]:
    """(command path, parameter name, English help) for every documented parameter."""
    found = []
    root = typer.main.get_command(app)
    for path in COMMANDS:
        command = root
        for name in path:
            assert isinstance(command, TyperGroup)
            command = command.commands[name]
        for param in command.params:
            if isinstance(param, TyperArgument | TyperOption) and not param.hidden:
                found.append((".".join(path), param.name, param.help or ""))
    return found


def test_every_command_and_option_has_chinese_help() -> None:
    zh = i18n.catalog("zh")
    missing = [".".join(path) for path in COMMANDS if not zh.get(help_table(".".join(path)), {}).get("help")]
    assert missing == [], f"add `help = ...` to these tables of zh.toml: {missing}"
    unsaid = [
        f"{path or 'top'} {name}"
        for path, name, _ in _params()
        if name not in zh.get(help_table(path), {}) and name not in zh[SHARED]
    ]
    assert unsaid == [], f"add the Chinese help of these options to zh.toml (cli.help.<command>): {unsaid}"


def test_a_shared_translation_serves_only_options_with_the_same_english() -> None:
    zh = i18n.catalog("zh")
    english: dict[str, set[str]] = {}
    for path, name, help_text in _params():
        if name in zh[SHARED] and name not in zh.get(help_table(path), {}):
            english.setdefault(name, set()).add(help_text)
    differing = {name: texts for name, texts in english.items() if len(texts) > 1}
    assert differing == {}, "give the command its own entry in zh.toml: its English differs from the others'"
    unused = set(zh[SHARED]) - set(english)
    assert unused == set(), f"cli.help.shared entries no option uses: {unused}"


def test_no_chinese_help_is_left_over() -> None:
    zh = i18n.catalog("zh")
    known = {help_table(".".join(path)) for path in COMMANDS} | {SHARED}
    tables = {name for name in zh if name == "cli.help" or name.startswith("cli.help.")}
    assert tables - known == set(), "zh.toml help tables for commands that do not exist"
    params = _params()
    for path in COMMANDS:
        table = help_table(".".join(path))
        names = {name for command, name, _ in params if command == ".".join(path)}
        assert not names & {"help", "short"}, "a parameter named help or short would read as the command's"
        stale = set(zh.get(table, {})) - names - {"help", "short", "epilog"}
        assert stale == set(), f"{table}: entries for options the command does not have: {stale}"


def test_the_frameworks_words_are_all_in_chinese_with_the_same_placeholders() -> None:
    zh = i18n.catalog("zh")["cli.click"]
    fields = string.Formatter()
    for key, english in ENGLISH.items():
        assert key in zh, key
        wanted = {f[1] for f in fields.parse(english) if f[1]}
        assert {f[1] for f in fields.parse(zh[key]) if f[1]} == wanted, key


def test_every_chinese_error_word_is_used() -> None:
    source = "".join(Path(str(module.__file__)).read_text("utf-8") for module in (localized, help_words))
    unused = [key for key in i18n.catalog("zh")["cli.click"] if f'"{key}"' not in source]
    assert unused == []


# --- wrapping Chinese ------------------------------------------------------------------------------


def test_chinese_wraps_between_characters_and_keeps_punctuation_and_code_whole() -> None:
    text = "把报告写入此文件，而不是标准输出；预览 `build --fix` 会做哪些修改。 [默认：--cache]"
    lines = wrap(text, 20).splitlines()
    assert all(cells(line) <= 20 for line in lines if "`" not in line and "[" not in line), lines
    assert not any(line[:1] in "，。；" for line in lines), lines
    assert any("`build --fix`" in line for line in lines) and any("[默认：--cache]" in line for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("Case files, folders and globs.", 12) == "Case files,\nfolders and\nglobs."


def test_a_chinese_line_breaks_at_the_end_of_a_clause_not_inside_a_word() -> None:
    """«…未答复时运 / 行 `followup`）» at 80 columns: the line breaks before the bracket instead, where a
    reader pauses, since that leaves it more than half full; a line with no clause mark that late still
    breaks between characters."""
    text = "之后用 `ozon-urgent status` 查看期限和下一步（超过 3 个俄罗斯工作日未答复时运行 `followup`）。"
    assert wrap(text, 78, "  ", "  ").splitlines() == [
        "  之后用 `ozon-urgent status` 查看期限和下一步",
        "  （超过 3 个俄罗斯工作日未答复时运行 `followup`）。",
    ]
    assert wrap("列出每个问题所在的行和改法；改到没有错误为止。", 30).splitlines() == [
        "列出每个问题所在的行和改法；",
        "改到没有错误为止。",
    ]
    assert wrap("一二三四五六七八九十，一二三四五六七八九十", 12).splitlines()[0] == "一二三四五六"


# --- a terminal that cannot show Chinese ---------------------------------------------------------


def _ascii_run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    base = {key: value for key, value in os.environ.items() if key not in LOCALE_VARIABLES}
    base |= {"LANG": "zh_CN.UTF-8", "PYTHONIOENCODING": "ascii"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "ozon_urgent", *args], capture_output=True, env=base, check=False
    )


@pytest.mark.parametrize(
    ("args", "status"),
    [(("--help",), 0), (("check", "--help"), 0), (("rules",), 0), (("check", "--strct", "x"), 2)],
)
def test_an_ascii_terminal_gets_english_from_a_chinese_locale(args: tuple[str, ...], status: int) -> None:
    result = _ascii_run(*args)
    assert result.returncode == status, result.stderr
    out, err = result.stdout.decode("ascii"), result.stderr.decode("ascii")  # nothing but ASCII
    assert "internal error" not in err and ("Usage:" in out + err or "Y001" in out)


def test_chinese_asked_for_on_an_ascii_terminal_prints_without_crashing() -> None:
    rules = _ascii_run("rules", "--lang", "zh")
    assert rules.returncode == 0 and b"internal error" not in rules.stderr
    assert "\\u9519\\u8bef" in rules.stdout.decode("ascii")  # 错误, escaped
    checked = _ascii_run("check", "/dev/null", "--lang", "zh")  # not a regular file: the case fails
    assert checked.returncode == 1 and b"internal error" not in checked.stderr
    assert b"Y001" in checked.stdout
    missing = _ascii_run("check", "/no/such/case.yaml", "--lang", "zh")  # a usage error, said on stderr
    assert missing.returncode == 2 and b"internal error" not in missing.stderr
    assert b"/no/such/case.yaml" in missing.stderr and missing.stdout == b""
    helped = _ascii_run("check", "--lang", "zh", "--help")
    assert helped.returncode == 0 and helped.stderr == b""


# --- what the Chinese help calls values, and the first steps -----------------------------------------

# A seller types these as they are: the label Ozon's screens show, and a date's pattern.
LATIN_METAVARS = {"CLIENT_ID", "YYYY-MM-DD"}


def _options_column(out: str) -> list[str]:
    """The first column of the Arguments and Options lists: `--outcome 结果`, `路径...`."""
    names, listing = [], False
    for line in out.splitlines():
        if not line.startswith(" "):
            listing = line in ("参数：", "选项：")
        elif listing and not line.startswith("   "):
            names.append(re.split(r"\s{2,}", line.strip())[0])
    return names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "top")
def test_chinese_help_names_every_value_in_chinese_and_glosses_each_choice(path: tuple[str, ...]) -> None:
    code, out, _ = run(*path, "--help", lang="zh_CN.UTF-8")
    assert code == 0
    usage = out.splitlines()[0]
    assert not re.search(r"[A-Z]{2,}", usage.removeprefix("用法：ozon-urgent")), usage  # [选项] 路径...
    for names in _options_column(out):
        if path == () and names in {name for p in COMMANDS for name in p}:
            continue  # the list of commands
        metavars = [word for word in names.split() if not word.startswith("-") and word != "/"]
        latin = [word for word in metavars if re.search(r"[A-Za-z]", word)]
        assert all(set(word.split("|")) <= LATIN_METAVARS | {"店铺名称"} for word in latin), names
        assert "[" not in names or "选项" in names, f"a choice shown as English values: {names}"
    root = typer.main.get_command(app)
    command = root
    for name in path:
        assert isinstance(command, TyperGroup)
        command = command.commands[name]
    text = " ".join(out.split())
    for param in command.params:
        for value in help_words.choices(param.metavar):
            # each value the option takes, as typed, with what it means in Chinese
            assert re.search(rf"{value}（[^）]*[\u4e00-\u9fff][^）]*）", text.replace(" ", "")), (
                param.name,
                value,
            )


def test_the_chinese_help_of_status_and_resolve_reads_as_chinese() -> None:
    _, resolve, _ = run("resolve", "--help", lang="zh_CN.UTF-8")
    assert "用法：ozon-urgent resolve [选项] 案件文件" in resolve
    assert (
        "--outcome 结果" in resolve
        and "resolved（已解决）、rejected（已驳回）、closed（已关闭）" in re.sub(r"\s+", "", resolve)
    )
    _, translate, _ = run("translate", "--help", lang="zh_CN.UTF-8")
    assert "统一差异格式" not in translate and "以 diff 形式显示将要做的修改" in translate
    _, check, _ = run("check", "--help", lang="zh_CN.UTF-8")
    assert "策略文件（TOML）" not in check and "--policy 文件" in check
    _, init, _ = run("init", "--help", lang="zh_CN.UTF-8")
    assert "用法：ozon-urgent init [选项] 场景" in init and "SCENARIO" not in init


STEPS = ("init", "check", "build", "record")


@pytest.mark.parametrize(
    ("lang", "heading"), [("zh_CN.UTF-8", "入门步骤："), ("en_US.UTF-8", "Getting started:")]
)
def test_the_top_level_help_ends_with_the_first_steps(lang: str, heading: str) -> None:
    code, out, _ = run("--help", lang=lang)
    assert code == 0
    steps = out.split(f"\n{heading}\n")[-1]
    assert steps != out, out
    commands = re.findall(r"^  (\d)\. ozon-urgent (\w+)", steps, re.M)
    assert commands == [(str(n), step) for n, step in enumerate(STEPS, 1)], steps
    # each command as written runs (the record line's placeholder aside): no step names an option
    # the command does not have
    for line in re.findall(r"^  \d\. (ozon-urgent .*)$", steps, re.M):
        words = line.split()[1:]
        command = typer.main.get_command(app)
        assert isinstance(command, TyperGroup)
        options = {opt for p in command.commands[words[0]].params for opt in getattr(p, "opts", [])}
        assert {word for word in words if word.startswith("-")} <= options, line
    assert ("ticket.zh.md" in steps) == lang.startswith("zh")


def test_chinese_help_names_no_ci_and_says_the_back_translation_is_chinese() -> None:
    """«CI» is jargon a seller does not read: the help says 自动检查流程. The back-translation goes
    into the source language, which for a reader of the Chinese help is Chinese, not «您的语言»."""
    pages = [run(*path, "--help", lang="zh_CN.UTF-8")[1] for path in COMMANDS]
    assert [page for page in pages if re.search(r"(?<![A-Za-z])CI(?![A-Za-z])", page)] == []
    assert "自动检查流程" in run("schema", "--help", lang="zh_CN.UTF-8")[1]
    translate = " ".join(run("translate", "--help", lang="zh_CN.UTF-8")[1].split())
    assert "回译成您的语言" not in translate and "回译成中文" in translate


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh_CN.UTF-8", "设置了密钥时，试运行也会把文字发给翻译引擎，照常计费，正式运行时还会再计费一次"),
        (
            "en_US.UTF-8",
            "With an engine key the text is still sent and billed, and the real run is billed again.",
        ),
    ],
)
def test_translate_help_says_a_dry_run_bills_before_it_is_run(lang: str, said: str) -> None:
    """Most read "dry run" as free; `translate --dry-run` sends the text and bills it, and said so only
    after it had."""
    _, page, _ = run("translate", "--help", lang=lang)
    flat = re.sub(r"\s+", "", page) if lang.startswith("zh") else " ".join(page.split())
    assert (re.sub(r"\s+", "", said) if lang.startswith("zh") else said) in flat
