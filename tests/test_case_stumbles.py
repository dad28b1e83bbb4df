"""What a case file written with a Chinese input method stumbles on, said so a seller can act on it
(issue 27): every typo of the file in one run, full-width commas and Chinese quotes named, a missing file
said with where it was looked for, and each field's format in words instead of a pointer to the schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from factories import base_case, write_case
from kit.cli import RunCli
from ozon_urgent import i18n
from ozon_urgent.casefile.formats import FIELD_FORMATS
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.typos import find_typos
from ozon_urgent.casefile.validate import _inner_models

TYPOS = """\
scenario: misjudged_delisting
seller：
  store_name: Haoyun Home
\tclient_id: "1234567"
notification:
  received: 2026-11-20
affected:
  skus: [498274975，498274982、498274990]
  products: [180550365\u3000180550372]
  offer_ids: ["A，B", "C"]  # a comma inside quotes is text，not a typo
request： restore_listing
"""


def _lines(stdout: str, code: str) -> list[str]:
    return [line for line in stdout.splitlines() if f" {code} " in line]


def test_every_typo_of_the_file_is_listed_in_one_run(run_cli: RunCli, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(TYPOS, encoding="utf-8")
    result = run_cli("check", "--lang", "zh", case)
    assert result.exit_code == 1
    found = _lines(result.stdout, "Y003")
    assert [line.split(":")[1] for line in found] == ["2", "4", "8", "8", "9", "11"]
    assert "第 7 列：键后面用了全角冒号“：”" in found[0]
    assert "第 1 列：缩进中有 Tab 字符" in found[1]
    assert "第 19 列：列表中用了全角逗号“，”" in found[2]
    assert "第 29 列：列表中用了顿号“、”" in found[3]
    assert "第 23 列：列表中用了全角空格" in found[4]
    assert "请改成半角逗号“,”" in result.stdout
    assert not _lines(result.stdout, "S003"), "a file with typos stops before its fields are judged"
    assert case.read_text(encoding="utf-8") == TYPOS


def test_a_parser_problem_of_its_own_is_reported_beside_the_typos(run_cli: RunCli, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("scenario: @misjudged_delisting\nseller：\n  store_name: x\n", encoding="utf-8")
    typos = find_typos(case.read_text(encoding="utf-8"))
    assert [(t.variant, t.line, t.column) for t in typos] == [("full_width_colon", 2, 7)]
    result = run_cli("check", case)
    assert result.exit_code == 1
    assert "column 7: a full-width colon" in result.stdout
    assert "a value starts with a character YAML reserves" in result.stdout


def test_text_and_comments_are_not_typos() -> None:
    text = (
        "explanation:\n  text: 我们的货物，因承运商原因延误：见附件、截图。\n"
        "  ru: [не список，а текст]\n"  # a value that starts with "[" is a list to YAML
        "affected:\n  skus: [498274975, 498274982]  # 注释，不是列表\n"
        "  offer_ids: [\"A，B\", 'C、D']\n"
    )
    typos = find_typos(text)
    assert [(t.variant, t.line) for t in typos] == [("list_full_width_comma", 3)]


def test_a_list_written_over_several_lines_is_scanned_to_its_end() -> None:
    text = "affected:\n  skus: [\n    498274975，\n    498274982\n  ]\nrequest： x\n"
    assert [(t.variant, t.line, t.column) for t in find_typos(text)] == [
        ("list_full_width_comma", 3, 14),
        ("full_width_colon", 6, 8),
    ]


def test_a_valid_case_has_no_typos(tmp_path: Path) -> None:
    path = write_case(tmp_path / "case", base_case("misjudged_delisting"))
    assert find_typos(path.read_text(encoding="utf-8")) == []


def _model_fields(model: type[BaseModel] = Case, at: tuple[str, ...] = ()) -> Iterator[str]:
    for name, info in model.model_fields.items():
        key = (*at, info.alias or name)
        yield ".".join(key)
        for inner in _inner_models(info.annotation):
            yield from _model_fields(inner, key)


def test_every_field_has_its_format_in_words_in_both_languages() -> None:
    fields = set(_model_fields())
    assert fields <= set(FIELD_FORMATS), sorted(fields - set(FIELD_FORMATS))
    assert set(FIELD_FORMATS) - {""} <= fields, "a format for a field the case format does not have"
    for lang in ("zh", "en"):
        table = i18n.catalog(lang)["formats"]
        assert set(FIELD_FORMATS.values()) | {"other"} == set(table), lang
        # said as they stand (a parameter is not formatted again): `{from: …}` with single braces
        assert not [key for key, words in table.items() if "{{" in words or "}}" in words], lang
    zh = i18n.catalog("zh")
    assert "ozon-urgent schema" not in zh["S003"]["hint"] and "{format}" in zh["S003"]["hint"]


def _hints(stdout: str, code: str) -> dict[str, str]:
    """Each finding's field path (the `[…]` ending its line) and the hint on the line after it."""
    shown = stdout.splitlines()
    return {
        line.rsplit(" [", 1)[-1].removesuffix("]"): shown[n + 1].strip()
        for n, line in enumerate(shown)
        if f" {code} " in line
    }


def test_a_wrong_value_s_hint_says_how_that_field_is_written(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("misjudged_delisting")
    case["affected"]["products"] = ["abc"]
    case["explanation"]["ru_reviewed"] = "da"
    case["notification"]["received"] = [2026]
    path = write_case(tmp_path / "case", case)
    result = run_cli("check", "--lang", "zh", path)
    assert result.exit_code == 1
    assert "ozon-urgent schema" not in result.stdout
    hints = _hints(result.stdout, "S003")
    assert (
        hints["affected.products[0]"]
        == "整数列表（商品 ID），用半角逗号分隔，例如 `[180550365, 180550372]`。"
    )
    assert hints["explanation.ru_reviewed"] == "请写 true 或 false（不加引号）。"
    assert "请写成 2026-11-20" in hints["notification.received"]


def test_a_value_not_among_the_allowed_ones_lists_them_without_english(
    run_cli: RunCli, tmp_path: Path
) -> None:
    case = base_case("misjudged_delisting")
    case["explanation"]["source_lang"] = "cn"
    result = run_cli("check", "--lang", "zh", write_case(tmp_path / "case", case))
    assert "`explanation.source_lang` 必须是以下之一：`zh`, `en`, `ru`" in result.stdout
    assert _hints(result.stdout, "S003")["explanation.source_lang"].startswith("请写 zh、en、ru 三者之一")


@pytest.mark.parametrize(
    ("item", "named"),
    [
        ("498274975，498274982", "全角逗号“，”"),
        ("498274975、498274982", "顿号“、”"),
        ("498274975\u3000498274982", "全角空格"),
    ],
)
def test_two_ids_joined_by_a_chinese_separator_name_it(
    run_cli: RunCli, tmp_path: Path, item: str, named: str
) -> None:
    case = base_case("misjudged_delisting")
    case["affected"]["skus"] = [item]  # a block list's item: valid YAML, one item of text
    path = write_case(tmp_path / "case", case)
    result = run_cli("check", "--lang", "zh", path)
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if " S003 " in line]
    assert named in line and "affected.skus[0]" in line and "必须是整数" not in line


@pytest.mark.parametrize(
    ("name", "marks"),
    [
        ("“Haoyun Home”", "“”"),
        ("«Haoyun Home»", "«»"),
        ("「Haoyun」", "「」"),
        ("『Haoyun』", "『』"),
        ('"Haoyun Home"', '"'),
        ("‘Haoyun Home’", "‘’"),
    ],
)
def test_quotation_marks_in_the_store_s_name_are_refused(
    run_cli: RunCli, tmp_path: Path, name: str, marks: str
) -> None:
    case = base_case("carrier_failure")
    case["seller"]["store_name"] = name
    path = write_case(tmp_path / "case", case)
    before = path.read_bytes()
    result = run_cli("build", "--lang", "zh", "--out", tmp_path / "out", path)
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if " S003 " in line]
    assert f"店铺名称两边加了引号 {marks}" in line and "seller.store_name" in line
    assert "请删掉这些引号" in result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("ticket.txt"))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "item", "named", "fix"),
    [
        ("offer_ids", "“250-7898-1”", "“250-7898-1” 里有引号 “”", '`offer_ids: ["250-7898-1"]`'),
        ("offer_ids", "「250-7898-1」", "里有引号 「」", "`offer_ids: [250-7898-1]`"),
        ("postings", "«57195475-0050-3»", "里有引号 «»", '`postings: ["57195475-0050-3"]`'),
        ("orders", "'57195475-0050'", "里有引号 '", '`orders: ["57195475-0050"]`'),
        ("skus", "“498274975”", "里有引号 “”", "数字 ID 不用加引号，请写成 `skus: [498274975]`"),
        ("products", "＂180550365＂", "里有引号 ＂", "`products: [180550365]`"),
    ],
)
def test_an_id_with_quotation_marks_is_refused_with_the_line_that_fixes_it(
    run_cli: RunCli, tmp_path: Path, kind: str, item: str, named: str, fix: str
) -> None:
    case = base_case("carrier_failure")
    case["affected"][kind] = [item]  # what `[“250-7898-1”]` typed with a Chinese input method reads as
    path = write_case(tmp_path / "case", case)
    result = run_cli("build", "--lang", "zh", "--out", tmp_path / "out", path)
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if " S003 " in line]
    assert f"`affected.{kind}[0]`" in line and named in line
    assert fix in _hints(result.stdout, "S003")[f"affected.{kind}[0]"]
    assert not any((tmp_path / "out").rglob("ticket.txt"))


def test_an_offer_id_paired_with_its_sku_is_refused_with_quotes_too(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    case["affected"]["skus"] = [{"sku": 498274975, "offer_id": "“BH-LAMP-0042”"}]
    case["seller"]["client_id"] = "“1234567”"
    result = run_cli("check", "--lang", "zh", write_case(tmp_path / "case", case))
    hints = _hints(result.stdout, "S003")
    assert '`offer_id: "BH-LAMP-0042"`' in hints["affected.skus[0].offer_id"]
    assert '`client_id: "1234567"`' in hints["seller.client_id"]


@pytest.mark.parametrize(
    "notice", ["“Ваш рейтинг возвратов превысил порог”", "«Ваш рейтинг возвратов превысил порог»"]
)
def test_a_text_the_ticket_quotes_is_quoted_once_and_the_seller_is_told(
    run_cli: RunCli, tmp_path: Path, notice: str
) -> None:
    case = base_case("carrier_failure")
    case["notification"]["text"] = notice  # `text: “…”`: YAML's quotes typed with a Chinese input method
    case["delivery"]["carrier"] = "“SwiftRoute Logistics”"
    result = run_cli("build", "--lang", "zh", "--out", tmp_path / "out", write_case(tmp_path / "case", case))
    assert result.exit_code == 0, result.stdout
    warned = _hints(result.stdout, "C203")
    assert set(warned) == {"notification.text", "delivery.carrier"}
    assert "YAML 只认半角引号" in warned["notification.text"]
    [ticket] = (tmp_path / "out").rglob("ticket.txt")
    letter = ticket.read_text(encoding="utf-8")
    assert "\n«Ваш рейтинг возвратов превысил порог».\n" in letter
    assert "перевозчик «SwiftRoute Logistics»." in letter
    assert "“" not in letter and "««" not in letter
    [copy] = (tmp_path / "out").rglob("ticket.zh.md")
    assert "承运商“SwiftRoute Logistics”" in copy.read_text(encoding="utf-8")


def test_an_apostrophe_inside_a_store_s_name_is_the_name_s_own(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    case["seller"]["store_name"] = "Bob’s Home"
    assert run_cli("check", write_case(tmp_path / "case", case)).exit_code == 0


def test_a_missing_file_is_said_with_its_folder_and_a_near_name(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_case(tmp_path / "stores" / "haoyun", base_case("carrier_failure"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--lang", "zh", "stores/haoyun/caes.yaml", "stores/haoyu", "stores/x/case.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.removeprefix("ozon-urgent: ").splitlines()
    folder = tmp_path / "stores"
    assert lines == [
        f"找不到 stores/haoyun/caes.yaml：文件夹 {folder / 'haoyun'} 中没有这个文件或文件夹；"
        "该文件夹中有 stores/haoyun/case.yaml，是不是要指定它？",
        f"找不到 stores/haoyu：文件夹 {folder} 中没有这个文件或文件夹；"
        "该文件夹中有 stores/haoyun，是不是要指定它？",
        f"找不到 stores/x/case.yaml：文件夹 {folder / 'x'} 不存在；请检查路径",
    ]
    assert "请直接指定" not in result.stderr


def test_a_case_file_that_vanished_says_where_it_was_looked_for(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    write_case(folder, base_case("carrier_failure"))
    (folder / "case2.yaml").symlink_to(folder / "gone.yaml")  # named, so discovery takes it: Y001
    result = run_cli("check", "--lang", "zh", folder / "case2.yaml")
    assert result.exit_code == 1
    assert f"Y001 错误：找不到案件文件（在文件夹 {folder} 中查找）" in result.stdout
    assert "该文件夹中有" in result.stdout and "case.yaml，是不是要指定它？" in result.stdout


def test_text_blocks_and_quoted_texts_over_several_lines_are_the_seller_s_own() -> None:
    text = (
        "explanation:\n  text: |\n    \u3000\u3000我们的货物因承运商原因延误。\n    Ozon：请核查。\n\n"
        "    \t附件见下。\n"
        '  ru: "Отправления задержаны,\n    \u3000Ozon：см. файл"\n'
        "seller：\n"
    )
    assert [(t.variant, t.line) for t in find_typos(text)] == [("full_width_colon", 9)]


def test_a_case_whose_text_has_chinese_paragraph_indents_is_valid(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    case["explanation"]["text"] = "\u3000\u3000我们的货物因承运商原因延误。\n\u3000\u3000Ozon：请核查。\n"
    path = write_case(tmp_path / "case", case)
    assert "\u3000" in path.read_text(encoding="utf-8")
    assert run_cli("check", path).exit_code == 0
