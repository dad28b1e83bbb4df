"""What `record` says back: a `--at` split by the shell into date and time is told how to write it, and a
filing recorded late speaks of the 72-hour guard and the follow-up in the right tense."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from ozon_urgent.ledger.workdays import MOSCOW

# Friday 27 November 2026, 18:00 in Moscow: a week after the filing recorded below.
A_WEEK_LATER = FrozenClock(datetime(2026, 11, 27, 18, 0, tzinfo=MOSCOW))


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "--at got only the date 2026-11-20: the 14:30 after it was taken as an extra argument"),
        ("zh", "--at 只收到了日期 2026-11-20，后面的 14:30 被当成了多余的参数"),
    ],
)
def test_a_time_split_from_its_date_is_told_how_to_write(tmp_path: Path, lang: str, said: str) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    ledger = tmp_path / "ledger.sqlite3"
    split = run(
        "record", case, "--ref", "SR-1", "--at", "2026-11-20", "14:30", "--ledger", ledger, "--lang", lang
    )
    assert split.exit_code == 2 and said in split.stderr, split.stderr
    assert "`--at 2026-11-20T14:30`" in split.stderr and '`--at "2026-11-20 14:30"`' in split.stderr
    assert not ledger.exists()
    # Both ways it names are what --at takes.
    for at in ("2026-11-20T14:30", "2026-11-20 14:30"):
        ledger.unlink(missing_ok=True)
        done = run("record", case, "--ref", "SR-1", "--at", at, "--ledger", ledger, clock=A_WEEK_LATER)
        assert done.exit_code == 0, done.stderr
    # Another stray word keeps Click's own message.
    other = run("record", case, "--ref", "SR-1", "--at", "2026-11-20", "later", "--ledger", ledger)
    assert other.exit_code == 2 and "unexpected extra argument" in other.stderr


def _record(tmp_path: Path, at: str, lang: str) -> str:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    ledger = tmp_path / f"ledger-{lang}.sqlite3"
    recorded = run(
        "record", case, "--ref", "SR-1", "--at", at, "--ledger", ledger, "--lang", lang, clock=A_WEEK_LATER
    )
    assert recorded.exit_code == 0, recorded.stderr
    return recorded.stderr


def test_a_filing_recorded_a_week_late_says_the_guard_has_ended(tmp_path: Path) -> None:
    zh = _record(tmp_path, "2026-11-20T18:00", "zh")
    assert "72 小时防重复期已于 2026年11月23日 18:00（莫斯科时间，即北京时间 11月23日 23:00）结束" in zh
    due = "2026年11月26日 00:00（莫斯科时间，即北京时间 11月26日 05:00）"
    assert f"到 {due}已满 3 个俄罗斯工作日，现在即可跟进" in zh
    assert "请勿" not in zh and "满 3 个俄罗斯工作日后" not in zh
    en = _record(tmp_path, "2026-11-20T18:00", "en")
    assert "the 72-hour duplicate guard ended 23.11.2026 18:00 MSK" in en
    assert "a follow-up has been allowed since 26.11.2026 00:00 MSK" in en and "before" not in en


def test_a_filing_recorded_within_the_guard_still_says_until_when(tmp_path: Path) -> None:
    zh = _record(tmp_path, "2026-11-26T12:00", "zh")  # the guard ends 29.11 12:00, after now
    assert "72 小时防重复期到 2026年11月29日 12:00" in zh and "在此之前请勿就这些 ID 新开工单" in zh
    assert "满 3 个俄罗斯工作日后，自 2026年12月2日 00:00" in zh
    en = _record(tmp_path, "2026-11-26T12:00", "en")
    assert "no other ticket about these IDs before 29.11.2026 12:00 MSK" in en


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "zh",
            "`--at` 2026-11-28T10:00 晚于当前时间 2026年11月27日 18:00（莫斯科时间，即北京时间"
            " 11月27日 23:00）：请填写实际提交时间",
        ),
        ("en", "--at 2026-11-28T10:00 is in the future: it is now 27.11.2026 18:00 MSK."),
    ],
)
def test_a_filing_time_ahead_of_now_says_what_time_it_is(tmp_path: Path, lang: str, said: str) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    ledger = tmp_path / "ledger.sqlite3"
    ahead = run(
        "record", case, "--ref", "SR-1", "--at", "2026-11-28T10:00", "--ledger", ledger, "--lang", lang,
        clock=A_WEEK_LATER,
    )  # fmt: skip
    assert ahead.exit_code == 2 and said in ahead.stderr, ahead.stderr
    assert not ledger.exists()


@pytest.mark.parametrize("quoted", [True, False])
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "--at 2026/11/20 14:30 应写成 2026-11-20T14:30"),
        ("en", "--at 2026/11/20 14:30 should be written 2026-11-20T14:30"),
    ],
)
def test_a_date_written_with_slashes_is_shown_as_at_takes_it(
    tmp_path: Path, lang: str, said: str, quoted: bool
) -> None:
    """Quoted it reaches --at whole; unquoted the shell splits off the time: either way the form is named."""
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    at = ["2026/11/20 14:30"] if quoted else ["2026/11/20", "14:30"]
    wrong = run(
        "record", case, "--ref", "SR-1", "--at", *at, "--ledger", tmp_path / "l.sqlite3", "--lang", lang
    )
    assert wrong.exit_code == 2 and said in wrong.stderr, wrong.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "zh",
            "警告：提交时间 2026年11月20日 18:00（莫斯科时间，即北京时间 11月20日 23:00）早于工单包生成时间"
            " 2026年11月27日 18:00（莫斯科时间，即北京时间 11月27日 23:00），请核对 `--at` 是否写错",
        ),
        (
            "en",
            "warning: the filing time 20.11.2026 18:00 MSK is before the pack was built,"
            " 27.11.2026 18:00 MSK: check that `--at` is right",
        ),
    ],
)
def test_a_filing_time_before_the_pack_was_built_is_questioned(tmp_path: Path, lang: str, said: str) -> None:
    """The pack was built on the 27th; a ticket filed on the 20th cannot have been filed from it, and the
    follow-up's day would be counted from a typo. Recorded all the same (a pack built again after filing
    moves the build time on), with a warning naming both times as `record` says them."""
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    data = yaml.safe_load(case.read_text("utf-8"))  # the first file covers the 60-day window (C150)
    data["evidence"][0]["covers"] = {"from": "2026-09-17", "to": "2026-11-15"}
    del data["evidence"][0]["date"]
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    ledger = tmp_path / "ledger.sqlite3"
    built = run(
        "build",
        case,
        "--ledger",
        ledger,
        "--out",
        tmp_path / "out",
        "--today",
        "2026-11-20",
        clock=A_WEEK_LATER,
    )
    assert built.exit_code == 0, built.stdout
    early = run(
        "record",
        case,
        "--ref",
        "SR-1",
        "--at",
        "2026-11-20T18:00",
        "--ledger",
        ledger,
        "--lang",
        lang,
        clock=A_WEEK_LATER,
    )
    assert early.exit_code == 0 and said in early.stderr, early.stderr
    # Filed after the build: nothing to question.
    amended = run(
        "record",
        case,
        "--ref",
        "SR-1",
        "--amend",
        "--at",
        "2026-11-27T18:30",
        "--ledger",
        ledger,
        "--lang",
        lang,
        clock=FrozenClock(datetime(2026, 11, 27, 19, 0, tzinfo=MOSCOW)),
    )
    assert amended.exit_code == 0 and said[:10] not in amended.stderr, amended.stderr
