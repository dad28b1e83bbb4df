"""What a case file written with a Chinese input method stumbles on, said so a seller can act on it
(issue 27): every typo of the file in one run, full-width commas and Chinese quotes named, a missing file
said with where it was looked for, and each field's format in words instead of a pointer to the schema."""

from __future__ import annotations

from pathlib import Path

from factories import base_case, write_case
from kit.cli import RunCli
from ozon_urgent.casefile.typos import find_typos

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
    case.write_text('scenario: "misjudged_delisting\nseller：\n  store_name: x\n', encoding="utf-8")
    typos = find_typos(case.read_text(encoding="utf-8"))
    assert [(t.variant, t.line, t.column) for t in typos] == [("full_width_colon", 2, 7)]
    result = run_cli("check", case)
    assert result.exit_code == 1
    assert "column 7: a full-width colon" in result.stdout
    assert "a quoted text is not closed" in result.stdout


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
