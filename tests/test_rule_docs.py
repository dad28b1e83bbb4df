"""`rules CODE` and SARIF explain every rule in the user's language: Chinese from the zh catalog's `doc`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent import i18n
from ozon_urgent.checks import RULES
from ozon_urgent.checks.russian_text import CJK
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.describe import rule_doc, rule_text

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif" / "sarif-2.1.0-required.schema.json").read_text()
)

# Names that stay in Latin letters in Chinese prose: products, formats, standards, Ozon's own terms.
LATIN_NAMES = (
    "Ozon", "Seller Center", "Client ID", "Client-Id", "Reference ID", "ozon-urgent", "DeepL",
    "Tesseract", "OpenCorpora", "SKU", "FBS", "FBO", "rFBS", "API", "ERP", "ID", "URL", "CI", "YAML",
    "JSON", "PDF", "JPEG", "PNG", "HEIC", "ZIP", "RAR", "GBK", "KiB", "GPS", "EXIF", "XMP", "ICC", "MPO",
    "APPn", "XFA", "JavaScript", "AES", "OCR", "FIFO", "ESC", "Luhn", "Visa", "Mastercard", "Mir", "Yandex",
)  # fmt: skip
# What is quoted, not translated: `code`, «Russian», rule codes, code points, and ASCII tokens that are
# identifiers rather than words (a path, a file name, a snake_case key, SHA-256, UTF-8, /OpenAction).
_QUOTED = re.compile(r"`[^`\n]*`|«[^»]*»|\b[YSCAPB]\d{3}\b|U\+[0-9A-F]{4}")
_TOKEN = re.compile(r"[A-Za-z0-9_./\\=+%-]*[A-Za-z][A-Za-z0-9_./\\=+%-]*")
_NAMES = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])" for name in LATIN_NAMES))


def english_words(text: str, *names: str) -> list[str]:
    """The English prose left in a Chinese text: ASCII words of three letters or more outside what is quoted
    or named (`names`: the rule's own name such as window-not-covered)."""
    for name in names:
        text = text.replace(name, " ")
    text = _QUOTED.sub(" ", text)
    text = _TOKEN.sub(lambda m: " " if re.search(r"[_./\\=0-9]", m.group()) else m.group(), text)
    return re.findall(r"[A-Za-z]{3,}", _NAMES.sub(" ", text))


def test_the_helper_finds_english_and_passes_names() -> None:
    assert english_words("错误示例：a file saved as GBK。") == ["file", "saved"]
    assert english_words("EXIF 元数据，`case_id: x`，«Просим restore», id_list.pdf，U+FEFF，C150") == []
    assert english_words("window-not-covered：证据", "window-not-covered") == []


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_chinese_explanation(code: str) -> None:
    english, chinese = RULES[code].doc, i18n.catalog("zh")[code].get("doc", "")
    assert CJK.search(chinese), f"{code}: no `doc` in messages/zh.toml"
    assert chinese.strip() == rule_doc(code, "zh") and chinese.count("\n\n") == english.count("\n\n"), code
    # Its examples keep their labels, and everything quoted in the English is quoted alike in Chinese
    assert ("Wrong:" in english) == ("错误示例：" in chinese)
    assert ("Right:" in english) == ("正确示例：" in chinese)
    # An example is wrong or right; "fail/pass" (不通过／通过) read as the check's verdict, not the example's
    assert not re.search(r"\b(Fail|Pass):", english) and not re.search(r"(?<!予)通过：", chinese), code
    spans = re.findall(r"`[^`]*`|«[^»]*»", english.replace("\n", " "))
    written_out = {"`digits-4digits-digits`", "«ёлочки»"}  # a pattern said in words; the quote marks' name
    assert [span for span in spans if span not in chinese and span not in written_out] == [], code


@pytest.mark.parametrize("code", list(RULES))
def test_rules_in_chinese_has_no_english_prose(run_cli: RunCli, code: str) -> None:
    result = run_cli("rules", code, "--lang", "zh")
    assert result.exit_code == 0 and rule_doc(code, "zh") in result.stdout
    assert english_words(result.stdout, RULES[code].name) == [], code


@pytest.mark.parametrize("code", list(RULES))
def test_rules_in_english_is_the_docstring(run_cli: RunCli, code: str) -> None:
    result = run_cli("rules", code, "--lang", "en")
    assert result.exit_code == 0 and result.stdout == rule_text(code, "en")
    assert rule_doc(code, "en") == RULES[code].doc and f"\n\n{RULES[code].doc}\n\n" in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_examples_with_braces_are_shown_as_written(run_cli: RunCli, lang: Lang) -> None:
    shown = run_cli("rules", "C140", "--lang", lang).stdout
    assert "`period: {from: 2026-09-21, to: 2026-11-19}`" in shown  # the explanation, never formatted
    assert "`period: {from: YYYY-MM-DD, to: YYYY-MM-DD}`" in shown  # the hint, its {{ }} undoubled
    assert not any("{{" in rule_text(code, lang) or "}}" in rule_text(code, lang) for code in RULES)


@pytest.mark.parametrize(("lang", "language"), [("en", "en-US"), ("zh", "zh-CN")])
def test_sarif_describes_the_rules_in_the_runs_language(
    run_cli: RunCli, tmp_path: Path, lang: Lang, language: str
) -> None:
    case = write_case(tmp_path / "case", variant("sync_delay", {"period": None}))
    log = json.loads(run_cli("check", "--format", "sarif", "--lang", lang, case).stdout)
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    assert run["language"] == language
    for rule in run["tool"]["driver"]["rules"]:
        doc = rule_doc(rule["id"], lang)
        assert rule["help"] == {"text": doc, "markdown": doc}
        assert rule["fullDescription"]["text"] == doc.split("\n\n", 1)[0].replace("\n", " ")
        assert lang == "en" or CJK.search(rule["fullDescription"]["text"]), rule["id"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", list(RULES))
def test_rules_show_real_example_values_never_a_placeholder(run_cli: RunCli, code: str, lang: Lang) -> None:
    """`rules C150` said «按最近 … 天计算»: the hint's placeholders are filled with the catalog's
    `example_<name>` values (real days, IDs, keys), in both languages, for every rule."""
    shown = run_cli("rules", code, "--lang", lang).stdout
    fix = shown.rstrip("\n").rsplit("\n", 1)[-1]
    # An elision inside a quoted Russian sentence («прошу …») is the quote's own; nothing else is
    assert "…" not in re.sub(r"«[^»]*»", "", fix), fix
    assert not re.search(r"(?<!\{)\{[a-z_]+\}(?!\})", shown), code


_RANGE_EXAMPLE = re.compile(r"`(?:covers|period): \{([^}`]*)\}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_range_examples_use_the_keys_a_case_file_takes(lang: Lang) -> None:
    """C199 showed `covers: {start, end}`: keys the case file refuses (`from`/`to`), so a seller who copied
    the example got a schema error instead of the fix."""
    from ozon_urgent.casefile.model import DateRange

    keys = {field.alias for field in DateRange.model_fields.values()}
    found = {
        code: key
        for code in RULES
        for inside in _RANGE_EXAMPLE.findall(rule_doc(code, lang))
        for key in (part.split(":")[0].strip() for part in inside.split(","))
        if key not in keys
    }
    assert found == {}
