"""Under zh, `record`, `status` and `followup` say a time in Chinese order with Beijing time beside Moscow
time, and the 72-hour guard as a thing not to do; English keeps Ozon's `26.11.2026 00:00 MSK`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from ozon_urgent import i18n
from ozon_urgent.ledger.workdays import MOSCOW
from zh_prose import english_words

FRIDAY_EVENING = datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)
    monkeypatch.setenv("OZON_URGENT_LANG", "zh")


def test_a_moment_in_each_language() -> None:
    evening = datetime(2026, 12, 6, 19, 48, tzinfo=MOSCOW)
    assert i18n.moment(evening, "en") == "06.12.2026 19:48 MSK"
    assert i18n.moment(evening, "zh") == "2026年12月6日 19:48（莫斯科时间，即北京时间 12月7日 00:48）"
    new_year = datetime(2026, 12, 31, 20, 30, tzinfo=MOSCOW)  # already 2027 in Beijing: the year is said
    assert i18n.moment(new_year, "zh").endswith("北京时间 2027年1月1日 01:30）")
    assert i18n.moment(datetime(2026, 11, 20, 15, 0, tzinfo=UTC), "zh").startswith("2026年11月20日 18:00")


def test_record_and_status_in_chinese_order_with_beijing_time(tmp_path: Path) -> None:
    clock, ledger = FrozenClock(FRIDAY_EVENING), tmp_path / "ledger.sqlite3"
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    recorded = run("record", case, "--ref", "SR-2026-5", "--ledger", ledger, clock=clock)
    assert recorded.exit_code == 0, recorded.stderr
    follow_up = "2026年11月26日 00:00（莫斯科时间，即北京时间 11月26日 05:00）"
    guard = "2026年11月23日 18:00（莫斯科时间，即北京时间 11月23日 23:00）"
    assert follow_up in recorded.stderr and guard in recorded.stderr
    assert "在此之前请勿就这些 ID 新开工单" in recorded.stderr
    status = run("status", "--ledger", ledger, clock=clock).stdout
    assert "截至 2026年11月20日 18:00（莫斯科时间，即北京时间 11月20日 23:00）" in status
    assert f"72 小时防重复期到 {guard}为止：在此之前请勿就这些 ID 新开工单" in status
    for said in (recorded.stderr, status):
        assert "MSK" not in said and "窗口" not in said
        own = said.replace("carrier-a", "").replace("Bright Home", "")  # the case_id and store: the seller's
        assert english_words(own) == [], said
    english = run("status", "--ledger", ledger, "--lang", "en", clock=clock).stdout
    assert "as of 20.11.2026 18:00 MSK" in english and "until 23.11.2026 18:00 MSK" in english


def test_a_follow_up_asked_too_early_says_both_clocks(tmp_path: Path) -> None:
    clock, ledger = FrozenClock(FRIDAY_EVENING), tmp_path / "ledger.sqlite3"
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    assert run("record", case, "--ref", "SR-2026-5", "--ledger", ledger, clock=clock).exit_code == 0
    early = run("followup", case, "--ledger", ledger, clock=clock)
    assert early.exit_code != 0
    assert "即从 2026年11月26日 00:00（莫斯科时间，即北京时间 11月26日 05:00）起" in early.stderr
