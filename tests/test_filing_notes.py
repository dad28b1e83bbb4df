"""What FILING.md says before its steps: the appeal deadline as of the build, and the warnings left."""

from __future__ import annotations

from pathlib import Path

from factories import base_case, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir

PACK = "test-carrier-failure"  # base_case's case_id for carrier_failure


def _build(run_cli: RunCli, tmp_path: Path, case: dict[str, object], lang: str, today: str) -> Path:
    file = write_case(tmp_path / "case", case)
    built = run_cli("build", "--force", "--lang", lang, "--today", today, "--out", tmp_path / "out", file)
    assert built.exit_code == 0, built.stdout
    return pack_dir(tmp_path / "out", PACK)


def test_filing_and_the_copy_open_with_the_deadline_as_of_the_build(run_cli: RunCli, tmp_path: Path) -> None:
    """Received 22 November, 7 days: the 29th. FILING is kept in the pack and read later, so the days
    left are said as of the build («生成本工单包时»), never «明天», which would turn false by itself."""
    pack = _build(run_cli, tmp_path, base_case("carrier_failure"), "zh", "2026-11-28")
    filing = (pack / "FILING.md").read_text("utf-8").splitlines()
    assert filing[2].startswith(
        "**申诉截止日：2026年11月29日**（生成本工单包时还有 1 天）。请尽量在这一天（含当天）之前提交。"
    )
    # What the tool knows of the window, no more: its own policy, and late filing still possible.
    assert (
        "本工具按收到通知后 7 天算出的建议期限（策略设置 `appeal_window_days`）：过了这一天仍可提交"
        in filing[2]
    )
    copy = (pack / "ticket.zh.md").read_text("utf-8")
    assert "\n**申诉截止日：2026年11月29日**（生成本工单包时还有 1 天）。\n" in copy
    late = _build(run_cli, tmp_path, base_case("carrier_failure"), "en", "2026-12-01")
    text = (late / "FILING.md").read_text("utf-8")
    assert "**Appeal deadline: 29 November 2026** (2 days late when this pack was built). The tool\n" in text
    on_the_day = _build(run_cli, tmp_path, base_case("carrier_failure"), "zh", "2026-11-29")
    said = "（本工单包是在截止当天生成的）。请尽量在这一天（含当天）之前提交。"
    assert said in (on_the_day / "FILING.md").read_text("utf-8")


def test_an_example_judged_as_of_a_past_day_names_no_deadline(run_cli: RunCli, tmp_path: Path) -> None:
    """Days counted from `as_of` would be false today (C162), as `build`'s own line knows."""
    pack = _build(run_cli, tmp_path, variant("carrier_failure", {"as_of": "2026-11-26"}), "zh", "2026-11-28")
    for name in ("FILING.md", "ticket.zh.md"):
        assert "申诉截止日" not in (pack / name).read_text("utf-8"), name


def test_filing_lists_the_warnings_the_build_left(run_cli: RunCli, tmp_path: Path) -> None:
    """Ten postings no file shows (C197 each): eight listed with their codes, the rest counted with the
    command that shows them, before step 1; a case without warnings has no such paragraph."""
    write_case(tmp_path / "case", base_case("carrier_failure"))  # files that show the first two postings
    postings = ["57195475-0050-3", "57195475-0051-1", *(f"4790526{n}-0899-3" for n in range(10))]
    case = variant("carrier_failure", {"affected.postings": postings})
    pack = _build(run_cli, tmp_path, case, "zh", "2026-11-26")
    filing = (pack / "FILING.md").read_text("utf-8")
    head = filing.split("\n1. ", 1)[0]
    assert "**生成本工单包时仍有 10 条警告。** 警告不妨碍提交" in head
    listed = [line for line in head.splitlines() if line.startswith("- C197：")]
    assert listed[0] == "- C197：`affected` 中列出了 47905260-0899-3，但所有附件中都找不到这个 ID"
    assert len(listed) == 8
    assert f"\n还有 2 条，运行 `ozon-urgent check {tmp_path / 'case' / 'case.yaml'}` 查看。\n" in head
    english = _build(run_cli, tmp_path, case, "en", "2026-11-26")
    assert "- C197: 47905260-0899-3 is listed in `affected`, but no attachment shows it\n" in (
        english / "FILING.md"
    ).read_text("utf-8")
    clean = _build(run_cli, tmp_path, base_case("carrier_failure"), "zh", "2026-11-26")
    assert "警告" not in (clean / "FILING.md").read_text("utf-8").split("\n1. ", 1)[0]
