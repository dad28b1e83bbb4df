"""record, resolve, followup and status through the command line, with a frozen clock."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from kit.packs import pack_dir
from ozon_urgent.ledger.workdays import MOSCOW

FRIDAY_EVENING = datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FRIDAY_EVENING)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


def test_record_then_status(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("record", case, "--ref", "SR-2026-123456", "--ledger", ledger, clock=clock)
    assert result.exit_code == 0, result.stderr
    assert "26.11.2026 00:00 MSK" in result.stderr  # the follow-up date, in Moscow time
    assert "23.11.2026 18:00 MSK" in result.stderr  # the end of the 72-hour window
    again = run("record", case, "--ref", "SR-2026-123456", "--ledger", ledger, clock=clock)
    assert again.exit_code == 0 and "nothing changed" in again.stderr
    status = run("status", "--format", "json", "--ledger", ledger, clock=clock)
    data = json.loads(status.stdout)
    [ticket] = data["tickets"]
    assert ticket["state"] == "waiting" and ticket["next_action"] == "wait"
    assert ticket["followup_due_at"] == "2026-11-25T21:00:00Z"
    assert ticket["duplicate_window_until"] == "2026-11-23T15:00:00Z"


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("SR 123", "spaces"),
        ("SR-١٢٣", "other characters “١٢٣”"),
        ("SR-１２３", "full-width characters “１２３”"),
        ("СR-123", "Cyrillic letters “С” (they look Latin)"),
        ("SR_123", "Latin letters"),
    ],
)
def test_bad_reference_ids(tmp_path: Path, ledger: Path, clock: FrozenClock, ref: str, words: str) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("record", case, "--ref", ref, "--ledger", ledger, clock=clock)
    assert result.exit_code == 2
    assert words in result.stderr
    assert not ledger.exists()  # refused before the ledger was even opened


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("工单123", "汉字“工单”"),
        ("SR-１２３", "全角字符“１２３”"),
        ("工单：１２３", "汉字“工单”和全角字符“：１２３”"),
        ("工单СR-1٣", "汉字“工单”、俄语字母“С”（外形与英文字母相同）和其他字符“٣”"),
    ],
)
def test_a_reference_typed_in_chinese_says_what_it_holds(
    tmp_path: Path, ledger: Path, clock: FrozenClock, ref: str, found: str
) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("record", case, "--ref", ref, "--ledger", ledger, "--lang", "zh", clock=clock)
    assert result.exit_code == 2 and not ledger.exists()
    said = f"工单编号“{ref}”里有{found}：请只填 Ozon 显示的编号，用半角数字和英文字母。"
    assert said in result.stderr and "ASCII" not in result.stderr


def test_record_twice_with_another_reference(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    assert run("record", case, "--ref", "SR-1", "--ledger", ledger, clock=clock).exit_code == 0
    result = run("record", case, "--ref", "SR-2", "--ledger", ledger, clock=clock)
    assert result.exit_code == 1
    assert "already recorded with Reference ID SR-1" in result.stderr


def test_duplicate_guard_names_the_ticket_and_the_window(
    tmp_path: Path, ledger: Path, clock: FrozenClock
) -> None:
    first = write_case(tmp_path, "carrier-a", ["57195475-0050-3", "57195475-0051-1"])
    second = write_case(tmp_path, "carrier-b", ["57195475-0051-1", "57195475-0052-7"])
    assert run("record", first, "--ref", "SR-1", "--ledger", ledger, clock=clock).exit_code == 0
    clock.now = datetime(2026, 11, 22, 12, 0, tzinfo=MOSCOW)
    result = run("record", second, "--ref", "SR-2", "--ledger", ledger, clock=clock)
    assert result.exit_code == 1
    for part in ("carrier-a", "SR-1", "57195475-0051-1", "23.11.2026 18:00 MSK", "followup", "comment"):
        assert part in result.stderr
    # another seller, or the same seller after the window, is not a duplicate
    other = write_case(tmp_path, "carrier-c", ["57195475-0051-1"], client_id="7654321")
    assert run("record", other, "--ref", "SR-3", "--ledger", ledger, clock=clock).exit_code == 0
    clock.now = datetime(2026, 11, 23, 18, 1, tzinfo=MOSCOW)
    assert run("record", second, "--ref", "SR-2", "--ledger", ledger, clock=clock).exit_code == 0
    tickets = json.loads(run("status", "--format", "json", "--ledger", ledger, clock=clock).stdout)["tickets"]
    assert sorted((t["case_id"], t["reference"]) for t in tickets) == [
        ("carrier-a", "SR-1"),
        ("carrier-b", "SR-2"),
        ("carrier-c", "SR-3"),
    ]


def test_record_at_a_past_moscow_time(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("record", case, "--ref", "SR-1", "--at", "2026-11-17T10:00", "--ledger", ledger, clock=clock)
    assert result.exit_code == 0
    assert "17.11.2026 10:00 MSK" in result.stderr and "21.11.2026 00:00 MSK" in result.stderr
    future = run("record", case, "--ref", "SR-1", "--at", "2027-01-01T00:00", "--ledger", ledger, clock=clock)
    assert future.exit_code == 2 and "--at 2027-01-01T00:00 is in the future" in future.stderr
    vague = run("record", case, "--ref", "SR-1", "--at", "yesterday", "--ledger", ledger, clock=clock)
    assert vague.exit_code == 2
    assert "--at 'yesterday' is not a date and time like 2026-11-20T18:00" in vague.stderr
    # Refused before the ledger was touched: the first filing time stands.
    status = run("status", "--format", "json", "--ledger", ledger, clock=clock)
    [ticket] = json.loads(status.stdout)["tickets"]
    assert (ticket["reference"], ticket["filed_at"]) == ("SR-1", "2026-11-17T07:00:00Z")


def test_followup_for_a_case_never_recorded(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("followup", case, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)
    assert result.exit_code == 1
    assert "no filed ticket" in result.stderr


def test_followup_cycle(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    out = tmp_path / "out"
    assert run("record", case, "--ref", "SR-77", "--ledger", ledger, clock=clock).exit_code == 0

    clock.now = datetime(2026, 11, 25, 23, 59, tzinfo=MOSCOW)
    early = run("followup", case, "--ledger", ledger, "--out", out, clock=clock)
    assert early.exit_code == 1
    assert "from 26.11.2026 00:00 MSK" in early.stderr and "Moscow time" in early.stderr

    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=MOSCOW)
    nothing = run("followup", case, "--ledger", ledger, "--out", out, clock=clock)
    assert nothing.exit_code == 1 and "nothing new" in nothing.stderr
    assert not out.exists()

    # the seller adds a new file and a posting found since; the old files stay in the case
    write_case(
        tmp_path,
        "carrier-a",
        ["57195475-0050-3", "57195475-0099-2"],
        evidence={
            "carrier_statement": "Statement",
            "compensation_voucher": "Voucher",
            "logistics_tracking": "New tracking",
        },
    )
    done = run("followup", case, "--ledger", ledger, "--out", out, clock=clock)
    assert done.exit_code == 0, done.stderr
    pack = pack_dir(out, "carrier-a-followup-1")  # beside the pack, in its store's folder
    comment = (pack / "comment.txt").read_text("utf-8")
    assert comment.startswith(
        "Здравствуйте!\n\nНаше обращение № SR-77 от 20.11.2026 остаётся без ответа уже три рабочих дня."
    )
    assert "Просим включить в обращение отправление 57195475-0099-2." in comment
    assert "57195475-0050-3" not in comment  # already in the ticket
    # numbered on after the two files the ticket already holds: no name is sent twice in one thread
    assert "Дополнительно прилагаем файл:\n03-dokument.pdf — " in comment
    assert "Просим учесть приложенный документ, ускорить рассмотрение и сообщить о решении." in comment
    assert "С уважением,\nМагазин «Bright Home»\nClient ID " in comment
    assert [p.name for p in (pack / "attachments").iterdir()] == ["03-dokument.pdf"]
    meta = json.loads((pack / "followup.json").read_text("utf-8"))
    assert meta["reference"] == "SR-77" and len(meta["attachments"]) == 1

    # the follow-up restarts the clock and its evidence now counts as sent
    clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=MOSCOW)
    again = run("followup", case, "--ledger", ledger, "--out", out, clock=clock)
    assert again.exit_code == 1 and "nothing new" in again.stderr

    status = json.loads(run("status", "--format", "json", "--ledger", ledger, clock=clock).stdout)
    assert status["tickets"][0]["followups"] == 1
    resolved = run(
        "resolve", case, "--outcome", "resolved", "--note", "restored", "--ledger", ledger, clock=clock
    )
    assert resolved.exit_code == 0
    answered = run("followup", case, "--ledger", ledger, "--out", out, clock=clock)
    assert answered.exit_code == 1 and "resolved" in answered.stderr


def test_status_sorted_by_urgency(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    cases = {
        name: write_case(tmp_path, name, [f"5719547{n}-0050-3"])
        for n, name in enumerate(["waiting", "overdue", "done", "due-first"])
    }
    clock.now = datetime(2026, 11, 2, 12, 0, tzinfo=MOSCOW)
    run("record", cases["due-first"], "--ref", "SR-1", "--ledger", ledger, clock=clock)
    clock.now = datetime(2026, 11, 9, 12, 0, tzinfo=MOSCOW)
    run("record", cases["overdue"], "--ref", "SR-2", "--ledger", ledger, clock=clock)
    run("record", cases["done"], "--ref", "SR-3", "--ledger", ledger, clock=clock)
    run("resolve", cases["done"], "--outcome", "rejected", "--ledger", ledger, clock=clock)
    clock.now = datetime(2026, 11, 20, 12, 0, tzinfo=MOSCOW)
    run("record", cases["waiting"], "--ref", "SR-4", "--ledger", ledger, clock=clock)
    result = run("status", "--format", "json", "--ledger", ledger, clock=clock)
    order = [(t["case_id"], t["next_action"]) for t in json.loads(result.stdout)["tickets"]]
    assert order == [
        ("due-first", "follow_up"),
        ("overdue", "follow_up"),
        ("waiting", "wait"),
        ("done", "none"),
    ]
    text = run("status", "--ledger", ledger, "--lang", "zh", clock=clock).stdout
    assert (
        "起已可跟进，请运行 `ozon-urgent followup` 生成跟进评论" in text
        and "莫斯科时间" in text
        and "防重复期" in text
    )


def test_resolve_needs_a_filed_ticket(tmp_path: Path, ledger: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("resolve", case, "--outcome", "closed", "--ledger", ledger, clock=clock)
    assert result.exit_code == 1 and "record it first" in result.stderr
