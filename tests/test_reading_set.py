"""The reading set: five cases a native reader reads beside the ten examples (issue 25): one posting, one
SKU, 45 postings, no IDs, and a follow-up. Each is made from an example the way a seller would change it,
built through the CLI, and kept as a golden letter (`make golden` rewrites them, never a hand); every
letter of the set and of the examples is then spell-checked by hunspell-ru."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import factories
from kit.cli import invoke
from kit.packs import find_pack
from kit.repo import GOLDEN, REPO
from ozon_urgent.cli.environment import Environment
from ozon_urgent.ledger.workdays import MOSCOW

READING = GOLDEN / "reading-set"
EXAMPLES = REPO / "examples" / "cases"
TODAY = "2026-11-26"
FILED_AT = "2026-11-24T10:00"
WALL_CLOCK = datetime(2026, 12, 7, 12, 0, tzinfo=MOSCOW)


def _explained(data: dict[str, Any], facts: tuple[str, str], changes: tuple[str, str] | None = None) -> None:
    """The case's own facts (and changes), in Chinese as the seller wrote them and in reviewed Russian."""
    explanation: dict[str, Any] = {"source_lang": "zh", "facts": {"text": facts[0], "ru": facts[1]}}
    if changes:
        explanation["changes"] = {"text": changes[0], "ru": changes[1]}
    data["explanation"] = {**explanation, "ru_reviewed": True}


def _one_posting(data: dict[str, Any]) -> None:
    data["affected"] = {"postings": ["47820931-0366-1"]}
    _explained(
        data,
        (
            "11月10日至16日，店铺ERP系统向卖家后台同步订单状态时出现延迟，API请求超时。这个货件11月11日就已交付物流，"
            "ERP状态导出记录可以证明，但后台直到11月13日才更新状态，所以被记为延迟发货。故障已于11月17日修复。",
            "С 10.11.2026 по 16.11.2026 статусы заказов поступали из ERP-системы магазина в личный кабинет с "
            "задержкой: запросы к API завершались по превышению времени ожидания. Отправление передано в доставку "
            "11.11.2026, что видно в выгрузке статусов из ERP-системы, однако в личном кабинете статус обновился "
            "только 13.11.2026, и отгрузка была учтена как просроченная. Сбой устранён 17.11.2026.",
        ),
    )


def _one_sku(data: dict[str, Any]) -> None:
    data["affected"] = {"skus": [{"sku": 1139482011, "offer_id": "AL-CANDLE-LAV-200"}]}
    _explained(
        data,
        (
            "这款薰衣草香薰蜡烛11月24日因真伪存疑被下架。我们直接从生产厂家进货，附上的厂家供货发票可以证明。"
            "11月18日收到蜡烛的买家也在聊天中确认，商品与描述一致。",
            "Ароматическая свеча с лавандой снята с продажи 24.11.2026 из-за сомнений в подлинности. Мы закупаем "
            "эти свечи напрямую у производителя, что подтверждает приложенный счёт производителя на поставку. "
            "Покупатель, получивший свечу 18.11.2026, подтвердил в переписке, что товар соответствует описанию.",
        ),
    )


def _postings_45(data: dict[str, Any]) -> None:
    data["affected"] = {"postings": [f"{48_015_000 + 137 * n}-{(37 * n) % 1000:04d}-1" for n in range(45)]}
    _explained(
        data,
        (
            "10月27日至11月9日，物流商SwiftRoute Logistics莫斯科分拣中心的信息系统出现故障。这45个货件我们都按时交付了物流，"
            "交接单可以证明，但买家收到时已经逾期。物流商在书面声明中承认了故障，并于11月17日支付了赔偿。",
            "С 27.10.2026 по 09.11.2026 в сортировочном центре службы доставки «SwiftRoute Logistics» в Москве "
            "не работала информационная система. Все 45 отправлений мы передали в доставку в срок, что видно в "
            "актах передачи, однако покупатели получили их с опозданием. Служба доставки признала сбой в "
            "письменном заявлении и 17.11.2026 выплатила компенсацию.",
        ),
    )


def _no_ids(data: dict[str, Any]) -> None:
    del data["affected"]


# name: (the example it is made from, how the seller changed it)
CASES: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "one-posting": ("sunmeadow-sync-delay-2026-11", _one_posting),
    "one-sku": ("amber-lane-delisting-products-2026-11", _one_sku),
    "45-postings": ("haoyun-auto-carrier-failure-2026-11", _postings_45),
    "no-ids": ("pinecone-living-low-activity-2026-11", _no_ids),
}


def _made(tmp_path: Path, example: str, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    case = folder / "case.yaml"
    if change:
        data = yaml.safe_load(case.read_text("utf-8"))
        change(data)
        case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return case


def _golden(name: str, produced: str, request: pytest.FixtureRequest) -> None:
    golden = READING / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden`"
    assert produced == golden.read_text("utf-8")


@pytest.mark.parametrize("name", CASES)
def test_each_new_case_renders_its_letter(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    example, change = CASES[name]
    case = _made(tmp_path, example, change)
    result = invoke("build", case, "--out", tmp_path / "out", "--today", TODAY, "--ledger", tmp_path / "l.db")
    assert result.exit_code == 0, result.stdout + result.stderr
    case_id = yaml.safe_load(case.read_text("utf-8"))["case_id"]
    _golden(f"{name}.txt", (find_pack(tmp_path / "out", case_id) / "ticket.txt").read_text("utf-8"), request)


def test_the_follow_up_renders_its_comment(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """bright-home filed on 24.11; a week later the seller adds a buyer's chat and the posting it is about."""
    case = _made(tmp_path, "bright-home-delisting-2026-11")
    environment = Environment(now=lambda: WALL_CLOCK)
    ledger = tmp_path / "l.db"
    recorded = invoke("record", case, "--ref", "OZ-4100027", "--at", FILED_AT, "--ledger", ledger,
                      environment=environment)  # fmt: skip
    assert recorded.exit_code == 0, recorded.stderr
    chat = case.parent / "evidence" / "buyer-chat-61024887-0118-1.pdf"
    chat.write_bytes(factories.make_pdf("Buyer chat 61024887-0118-1: order received, no complaint"))
    data = yaml.safe_load(case.read_text("utf-8"))
    data["affected"]["postings"].append("61024887-0118-1")
    data["evidence"].append(
        {
            "file": "evidence/buyer-chat-61024887-0118-1.pdf",
            "kind": "buyer_communication",
            "date": "2026-11-27",
            "caption_ru": "Переписка с покупателем по отправлению 61024887-0118-1",
        }
    )
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "out"
    result = invoke("followup", case, "--today", "2026-12-02", "--ledger", ledger, "--out", out,
                    environment=environment)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    comment = find_pack(out, "bright-home-delisting-2026-11-followup-1") / "comment.txt"
    _golden("follow-up.txt", comment.read_text("utf-8"), request)


# --- hunspell-ru over every letter ------------------------------------------------------------------

_ALLOWED = re.compile(r"^- `([^`]+)`", re.M)


def _allowed_words() -> set[str]:
    """docs/russian-terms.md's list of the words hunspell-ru does not know but a letter may use."""
    text = (REPO / "docs" / "russian-terms.md").read_text("utf-8")
    section = text.split("## Words hunspell-ru does not know", 1)[1].split("\n## ", 1)[0]
    return {word.lower() for word in _ALLOWED.findall(section)}


def _letters() -> list[Path]:
    return sorted([*GOLDEN.glob("*/ticket.txt"), *READING.glob("*.txt")])


def _flagged(text: str) -> set[str]:
    """The Cyrillic words hunspell-ru does not know (Latin words are store names, file names, IDs)."""
    found = subprocess.run(
        ["hunspell", "-d", "ru_RU", "-l", "-i", "utf-8"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {word for word in found.split() if re.search("[а-яё]", word, re.I)}


def test_the_spell_checker_is_real() -> None:
    """hunspell-ru is installed (`.ci/run` installs it) and catches a misspelt word: without this, a
    missing dictionary would pass every letter."""
    assert shutil.which("hunspell"), "hunspell is not installed: `.ci/run` installs hunspell and hunspell-ru"
    assert _flagged("Просим исключить отправлене из расчёта.") == {"отправлене"}
    assert _letters(), "no letters to check"


@pytest.mark.parametrize("letter", _letters(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hunspell_ru_knows_every_word_of_the_letter(letter: Path) -> None:
    unknown = {word for word in _flagged(letter.read_text("utf-8")) if word.lower() not in _allowed_words()}
    assert not unknown, f"{letter}: hunspell-ru does not know {sorted(unknown)} (docs/russian-terms.md)"
