"""`make demo`'s first screen ends with what was built and where to look, and a note every example
shares (C162, "judged as of 2026-11-26") is said once for the batch, not once an example."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from kit.repo import REPO

EXAMPLES = sorted((REPO / "examples" / "cases").glob("*/case.yaml"))


def _demo_build(cwd: Path, lang: str) -> subprocess.CompletedProcess[str]:
    """The build line `make demo` runs, as it is, from a folder where `examples` is the repository's."""
    dry = subprocess.run(["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    [line] = [line for line in dry.splitlines() if "ozon-urgent build" in line]
    argv = shlex.split(line.replace(".venv/bin/", str(REPO / ".venv" / "bin") + "/"))
    (cwd / "examples").symlink_to(REPO / "examples")
    (cwd / "out").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG")}
    env |= {"LANG": lang, "HOME": str(cwd), "XDG_CACHE_HOME": str(cwd / "cache"), "COLUMNS": "100"}
    env.pop("OZON_URGENT_TODAY", None)
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("lang", "pack_line", "look"),
    [
        ("en_US.UTF-8", "pack written: ", "Open each pack's FILING.md first"),
        ("zh_CN.UTF-8", "已生成工单包：", "请先打开每个工单包里的 FILING.md"),
    ],
)
def test_the_demo_ends_with_the_packs_and_where_to_look(
    tmp_path: Path, lang: str, pack_line: str, look: str
) -> None:
    ran = _demo_build(tmp_path, lang)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    # the last lines: one a pack, in the order the examples are built, then where to look
    *packs, last = lines[-len(EXAMPLES) - 1 :]
    assert [line.startswith(pack_line) for line in packs] == [True] * len(EXAMPLES), ran.stdout
    assert [Path(line.removeprefix(pack_line)).name for line in packs] == [p.parent.name for p in EXAMPLES]
    assert all((tmp_path / line.removeprefix(pack_line) / "FILING.md").is_file() for line in packs)
    assert last.startswith(look) and ("ticket.zh.md" in last) == lang.startswith("zh"), last
    # the examples' `as_of` is said once for all of them, before the totals, not one line an example
    notes = [line for line in lines if "C162" in line]
    assert len(notes) == 1 and notes[0].startswith(f"examples{os.sep}cases{os.sep}"), ran.stdout
    assert f"{len(EXAMPLES)}" in notes[0].partition("C162")[0]
    assert len(lines) == 2 + 1 + len(EXAMPLES) + 1, ran.stdout  # note and hint, totals, packs, look


def test_a_note_in_one_case_stays_in_its_place(run_cli: RunCli, tmp_path: Path) -> None:
    one = write_case(tmp_path / "a", variant("carrier_failure", {"as_of": "2026-11-26", "case_id": "a"}))
    other = write_case(tmp_path / "b", variant("carrier_failure", {"as_of": "2026-11-25", "case_id": "b"}))
    checked = run_cli("check", "--no-content", one, other)
    notes = [line for line in checked.stdout.splitlines() if "C162 note" in line]
    # different days: two notes, each at its own case file and line
    assert [line.split(":")[0] for line in notes] == [str(one), str(other)], checked.stdout
    alone = run_cli("check", "--no-content", one)
    [note] = [line for line in alone.stdout.splitlines() if "C162 note" in line]
    assert note.startswith(f"{one}:")


def test_the_same_note_in_several_cases_is_said_once_with_their_folder(
    run_cli: RunCli, tmp_path: Path
) -> None:
    files = [
        write_case(
            tmp_path / "cases" / name, variant("carrier_failure", {"as_of": "2026-11-26", "case_id": name})
        )
        for name in "abc"
    ]
    checked = run_cli("check", "--no-content", *files)
    notes = [line for line in checked.stdout.splitlines() if "C162" in line]
    assert notes == [
        f"{tmp_path / 'cases'}{os.sep} (3 cases): C162 note: dates are judged as of 2026-11-26 (`as_of`),"
        " not today: the appeal window (C160) and stale evidence (C151) count only to that day, so a deadline"
        " missed since is not flagged [as_of]"
    ], checked.stdout
    # machine formats keep every case's own finding
    envelope = run_cli("check", "--no-content", "--format", "json", *files).stdout
    assert envelope.count('"C162"') == 3
    # and -q, which leaves notes out, still leaves it out
    assert "C162" not in run_cli("check", "--no-content", "-q", *files).stdout


def test_the_as_of_note_reads_right_for_several_cases_in_chinese(run_cli: RunCli, tmp_path: Path) -> None:
    """The zh note said «本案件以 … 而非今天为基准日期进行判定» once for ten examples: "this case" over a
    batch, and nothing of what it means for the seller. It now says what stops being flagged and what a
    case about to be filed must do."""
    files = [
        write_case(
            tmp_path / "cases" / name, variant("carrier_failure", {"as_of": "2026-11-26", "case_id": name})
        )
        for name in "abc"
    ]
    lines = run_cli("check", "--no-content", "--lang", "zh", *files).stdout.splitlines()
    [index] = [i for i, line in enumerate(lines) if "C162" in line]
    note, hint = lines[index], lines[index + 1].strip()
    assert "本案件" not in note and "各项日期按 `as_of`（2026-11-26）而非今天判断" in note, note
    assert "此后才到期或过期的不会提醒" in note, note
    assert hint.startswith("如果这是您要提交的案件，请删除 `as_of` 这一行"), hint


def test_one_pack_built_is_the_pack_not_each_pack(run_cli: RunCli, tmp_path: Path) -> None:
    """«每个工单包» after a single pack reads as if more were made somewhere."""
    one = write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "a"}))
    two = write_case(tmp_path / "b", variant("carrier_failure", {"case_id": "b"}))
    for files, look in (
        ([one], "请先打开工单包里的 FILING.md"),
        ([one, two], "请先打开每个工单包里的 FILING.md"),
    ):
        out = tmp_path / f"out{len(files)}"
        ledger = tmp_path / f"l{len(files)}.sqlite3"
        built = run_cli("build", "--lang", "zh", "--out", out, "--ledger", ledger, *files)
        assert built.exit_code == 0, built.stdout
        assert built.stdout.splitlines()[-1].startswith(look), built.stdout
