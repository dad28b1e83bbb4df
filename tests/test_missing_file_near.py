"""C180 names the file the seller likely meant when the one named is not there: the same name with another
extension, or a name a letter away, in the same folder; nothing when there is none."""

from __future__ import annotations

from pathlib import Path

from factories import base_case, write_case
from kit.cli import RunCli


def _c180(run_cli: RunCli, folder: Path, lang: str, written: str, on_disk: str | None) -> list[str]:
    """The C180 line about `written` and its hint, with only `on_disk` beside the case."""
    case = base_case("carrier_failure")
    case["evidence"][0]["file"] = written
    path = write_case(folder, case, with_files=False)
    if on_disk is not None:
        (folder / on_disk).parent.mkdir(parents=True, exist_ok=True)
        (folder / on_disk).write_bytes(b"%PDF-1.4\n")
    ran = run_cli("check", "--no-content", "--lang", lang, path)
    lines = ran.stdout.splitlines()
    first = next(n for n, line in enumerate(lines) if " C180 " in line and written in line)
    return [lines[first].strip(), lines[first + 1].strip()]  # the message, then its hint


def test_the_same_name_with_another_extension_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    zh = _c180(run_cli, tmp_path / "zh", "zh", "evidence/chat_records.pdf", "evidence/chat_records.jpg")
    assert zh[0].endswith(
        "C180 错误：找不到文件 evidence/chat_records.pdf；"
        "同一文件夹里有 evidence/chat_records.jpg，是不是这个文件？ [evidence[0].file]"
    ), zh
    assert (
        zh[1]
        == "如果是，请把 `file:` 改成 evidence/chat_records.jpg；如果不是，请检查文件名的拼写和所在文件夹。"
    )
    en = _c180(run_cli, tmp_path / "en", "en", "evidence/chat_records.pdf", "evidence/chat_records.jpg")
    assert "the same folder has evidence/chat_records.jpg: is that the file?" in en[0]


def test_a_name_a_letter_away_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    zh = _c180(run_cli, tmp_path, "zh", "evidence/waybil.pdf", "evidence/waybill.pdf")
    assert "同一文件夹里有 evidence/waybill.pdf，是不是这个文件？" in zh[0]


def test_no_near_file_no_guess(run_cli: RunCli, tmp_path: Path) -> None:
    zh = _c180(run_cli, tmp_path, "zh", "evidence/waybill.pdf", "evidence/tracking-screenshot.jpg")
    assert zh[0].endswith("C180 错误：找不到文件 evidence/waybill.pdf [evidence[0].file]"), zh
    assert "同一文件夹" not in zh[1]
    assert _c180(run_cli, tmp_path / "none", "zh", "nowhere/waybill.pdf", None)[0].endswith(
        "找不到文件 nowhere/waybill.pdf [evidence[0].file]"
    )
