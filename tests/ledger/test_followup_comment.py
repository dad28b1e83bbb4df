"""The follow-up comment: its working days counted to `--today`, forms that agree, plain and short."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from kit.packs import pack_dir
from ozon_urgent.ledger.queries import Ticket
from ozon_urgent.ledger.workdays import MOSCOW
from ozon_urgent.morphology import morph
from ozon_urgent.pipeline.followup_pack import FollowupPlan, NewAttachment, render_comment
from ozon_urgent.ticket.russian import after_dash

FILED_AT = "2026-11-24T10:00"  # a Tuesday: Wednesday to Friday are the three days, due Saturday 00:00
# The machine's clock, a week later: 25.11–04.12 are 8 working days, the day the seller writes is not.
WALL_CLOCK = datetime(2026, 12, 7, 12, 0, tzinfo=MOSCOW)
NEW_FILES = {
    "logistics_tracking": "Статусы отправления 57195475-0099-2 в системе службы доставки",
    "other": "Письмо службы доставки о сбое сортировки 21–23.11.2026",
}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(WALL_CLOCK)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


@pytest.fixture
def case(tmp_path: Path, ledger: Path, clock: FrozenClock) -> Path:
    """A filed ticket, then the seller adds two captioned files and a posting found since."""
    path = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    recorded = run("record", path, "--ref", "SR-2026-5", "--at", FILED_AT, "--ledger", ledger, clock=clock)
    assert recorded.exit_code == 0, recorded.stderr
    write_case(
        tmp_path,
        "carrier-a",
        ["57195475-0050-3", "57195475-0099-2"],
        evidence={
            "carrier_statement": "Statement",
            "compensation_voucher": "Voucher",
            "logistics_tracking": "Tracking",
            "other": "Carrier letter",
        },
    )
    data = yaml.safe_load(path.read_text("utf-8"))
    for item, caption in zip(data["evidence"][2:], NEW_FILES.values(), strict=True):
        item["caption_ru"] = caption
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def followup(case: Path, ledger: Path, clock: FrozenClock, *extra: str) -> tuple[int, str, Path]:
    out = case.parent / "out"
    result = run("followup", case, *extra, "--ledger", ledger, "--out", out, clock=clock)
    return result.exit_code, result.stderr, pack_dir(out, "carrier-a-followup-1")


def followups_recorded(ledger: Path) -> list[str]:
    with sqlite3.connect(ledger) as db:
        return [row[0] for row in db.execute("SELECT created_at FROM followups")]


def test_the_working_days_are_counted_to_today_not_to_the_wall_clock(
    case: Path, ledger: Path, clock: FrozenClock
) -> None:
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-12-02")
    assert code == 0, stderr
    comment = (pack / "comment.txt").read_text("utf-8")
    # 25, 26, 27.11, 30.11 and 01.12: the day it is written is not over, so it does not count
    assert "остаётся без ответа уже пять рабочих дней." in comment
    assert "8 рабочих дней" not in comment  # what the machine's clock would have said
    meta = json.loads((pack / "followup.json").read_text("utf-8"))
    assert meta["created_at"] == "2026-12-02T23:59:59+03:00"
    [created] = followups_recorded(ledger)
    assert created.startswith("2026-12-02T20:59:59")  # UTC: the ledger restarts the clock from that day


def test_without_today_the_wall_clock_counts(case: Path, ledger: Path, clock: FrozenClock) -> None:
    code, stderr, pack = followup(case, ledger, clock)
    assert code == 0, stderr
    assert "остаётся без ответа уже восемь рабочих дней." in (pack / "comment.txt").read_text("utf-8")


def test_today_is_the_day_the_too_early_refusal_judges_too(
    case: Path, ledger: Path, clock: FrozenClock
) -> None:
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-11-27")
    assert code == 1 and "from 28.11.2026 00:00 MSK" in stderr  # the wall clock is long past it
    assert not pack.exists() and followups_recorded(ledger) == []
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-11-28")
    assert code == 0, stderr
    assert "остаётся без ответа уже три рабочих дня." in (pack / "comment.txt").read_text("utf-8")


def test_a_day_after_today_is_refused_before_anything_is_written(
    case: Path, ledger: Path, clock: FrozenClock
) -> None:
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-12-08")
    assert code == 2
    assert "--today 2026-12-08 is later than today (07.12.2026, Moscow time)" in stderr
    assert not pack.exists() and followups_recorded(ledger) == []
    # today itself is the real moment, not the end of the day
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-12-07")
    assert code == 0, stderr
    assert json.loads((pack / "followup.json").read_text("utf-8"))["created_at"] == WALL_CLOCK.isoformat()


def test_the_comment_lists_each_new_file_once_on_its_own_line(
    case: Path, ledger: Path, clock: FrozenClock
) -> None:
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-12-02")
    assert code == 0, stderr
    comment = (pack / "comment.txt").read_text("utf-8")
    assert comment.startswith("Здравствуйте!\n\nНаше обращение № SR-2026-5 от 24.11.2026 остаётся")
    assert comment.count("SR-2026-5") == 1
    assert comment.lower().count("обращени") <= 2
    files = sorted(p.name for p in (pack / "attachments").iterdir())
    assert [name[:3] for name in files] == ["03-", "04-"]  # numbered on; named from their captions
    # numbered once, by the name; no blank line between the items; the old files are not listed
    assert (
        "Дополнительно прилагаем файлы:\n"
        f"{files[0]} — {after_dash(NEW_FILES['logistics_tracking'])};\n"
        f"{files[1]} — {after_dash(NEW_FILES['other'])}.\n\n"
    ) in comment
    assert "01-" not in comment and "Документ" not in comment
    assert "Просим включить в обращение отправление 57195475-0099-2.\n\nДополнительно прилагаем" in comment
    assert "57195475-0050-3" not in comment
    assert comment.count("Client ID") == 1  # in the signature only
    *_, request = [line for line in comment.splitlines() if line.startswith("Просим")]
    assert request == "Просим учесть приложенные документы, ускорить рассмотрение и сообщить о решении."
    assert comment.endswith("С уважением,\nМагазин «Bright Home»\nClient ID 1234567\n")


def test_a_file_without_a_caption_is_named_by_its_kind_and_its_own_date(
    case: Path, ledger: Path, clock: FrozenClock
) -> None:
    data = yaml.safe_load(case.read_text("utf-8"))
    del data["evidence"][2]["caption_ru"]  # dated 18.11.2026, as every file write_case makes
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    code, stderr, pack = followup(case, ledger, clock, "--today", "2026-12-02")
    assert code == 0, stderr
    comment = (pack / "comment.txt").read_text("utf-8")
    [name] = [p.name for p in (pack / "attachments").iterdir() if p.name.startswith("03-")]
    assert f"\n{name} — данные отслеживания отправлений от 18.11.2026;\n" in comment


def _plan(ids: tuple[tuple[str, str], ...], files: int = 0) -> FollowupPlan:
    filed = datetime(2026, 11, 24, 10, 0, tzinfo=MOSCOW)
    ticket = Ticket(
        1, "c", "1234567", "carrier_failure", "", "", None, "SR-1", filed, None, None, None, "Bright Home",
        None, 0, None,
    )  # fmt: skip
    attachment = NewAttachment(3, "03-other.pdf", "other", "дополнительный документ", None, None, "", b"")
    attachments = tuple(replace(attachment, number=3 + n, name=f"0{3 + n}-other.pdf") for n in range(files))
    return FollowupPlan(ticket, 1, "Bright Home", attachments, ids)


@pytest.mark.parametrize("days", [1, 2, 3, 4, 5, 11, 21, 22, 25])
def test_the_count_of_working_days_agrees_as_pymorphy3_inflects_it(days: int) -> None:
    """Under ten in words («пять рабочих дней»), as Russian business prose writes a count; the noun's
    form as pymorphy3 agrees it with the number."""
    adjective = next(p for p in morph().parse("рабочий") if "ADJF" in p.tag)
    noun = next(p for p in morph().parse("день") if "NOUN" in p.tag)
    agreed = f"{adjective.make_agree_with_number(days).word} {noun.make_agree_with_number(days).word}"
    said = {1: "один", 2: "два", 3: "три", 4: "четыре", 5: "пять"}.get(days, str(days))
    comment = render_comment(_plan((("postings", "57195475-0099-2"),)), days)
    assert f"от 24.11.2026 остаётся без ответа уже {said} {agreed}." in comment


def test_several_ids_of_a_kind_go_one_per_line_and_the_request_names_what_is_new() -> None:
    ids = (("postings", "57195475-0099-2"), ("postings", "57195475-0100-1"), ("skus", "498274975"))
    only_ids = render_comment(_plan(ids), 5)
    assert (
        "Просим включить в обращение:\n"
        "Номера отправлений:\n57195475-0099-2\n57195475-0100-1\n"
        "SKU: 498274975\n"
    ) in only_ids
    assert "прилагаем" not in only_ids
    assert only_ids.endswith(
        "\n\nПросим ускорить рассмотрение и сообщить о решении.\n\n"
        "С уважением,\nМагазин «Bright Home»\nClient ID 1234567\n"
    )
    two = render_comment(_plan((("postings", "57195475-0099-2"), ("postings", "57195475-0100-1"))), 5)
    assert (
        "Просим включить в обращение следующие номера отправлений:\n57195475-0099-2\n57195475-0100-1\n" in two
    )
    only_files = render_comment(_plan((), files=2), 5)
    assert (
        "Дополнительно прилагаем файлы:\n03-other.pdf — дополнительный документ;\n04-other.pdf" in only_files
    )
    assert "включить" not in only_files
    assert "Просим учесть приложенные документы, ускорить рассмотрение и сообщить о решении.\n" in only_files
    one_file = render_comment(_plan((), files=1), 5)
    assert (
        "Дополнительно прилагаем файл:\n03-other.pdf — дополнительный документ.\n\n"
        "Просим учесть приложенный документ, ускорить"
    ) in one_file
