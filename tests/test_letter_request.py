"""The letter's request as the agent who acts on it reads it: one sentence, the metric by Ozon's name, the
IDs by number or count, each other ID list said in one line; the seller's facts, then what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir


def _letter(run_cli: RunCli, folder: Path, scenario: str, changes: dict[str, Any]) -> tuple[str, Path]:
    path = write_case(folder, variant(scenario, changes))
    result = run_cli("build", "--out", folder / "out", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    pack = pack_dir(folder / "out", f"test-{scenario.replace('_', '-')}")
    return (pack / "ticket.txt").read_text("utf-8"), pack


def _request(body: str) -> str:
    [line] = [line for line in body.splitlines() if line.startswith("Просим ")]
    return line


def _postings(count: int) -> list[str]:
    return [f"{10_000_000 + n}-{n % 10_000:04d}-1" for n in range(count)]


@pytest.mark.parametrize(
    ("count", "named"),
    [
        (1, "указанное выше отправление."),
        (2, "оба перечисленных выше отправления."),
        (21, "все перечисленные выше отправления."),
    ],
)
def test_the_request_names_the_metric_and_the_postings(
    run_cli: RunCli, tmp_path: Path, count: int, named: str
) -> None:
    body, _ = _letter(run_cli, tmp_path, "carrier_failure", {"affected.postings": _postings(count)})
    request = _request(body)
    assert request == (
        "Просим исключить из расчёта показателя «Процент заказов, выполненных вовремя» " + named
    )
    assert len(re.findall(r"[.!?](?:\s|$)", request)) == 1  # one sentence


def test_a_long_list_is_counted_and_its_attachment_named(run_cli: RunCli, tmp_path: Path) -> None:
    body, pack = _letter(run_cli, tmp_path, "carrier_failure", {"affected.postings": _postings(1050)})
    ticket = json.loads((pack / "ticket.json").read_text("utf-8"))
    [listed] = [a["name"] for a in ticket["attachments"] if "perechen" in a["name"]]
    assert _request(body).endswith(f"все 1050 отправлений из приложенного перечня (файл {listed[:2]}).")
    assert body.count(listed) == 1  # named once, in the attachments; the request cites it by number


def test_the_metric_the_notification_names_wins(run_cli: RunCli, tmp_path: Path) -> None:
    name = "Доля отправлений с просрочкой отгрузки"  # capitalised in «», as a name
    body, _ = _letter(run_cli, tmp_path, "sync_delay", {"notification.metric": "rating_shipment_delay"})
    assert (
        _request(body)
        == f"Просим пересчитать показатель «{name}» без учёта обоих перечисленных выше отправлений."
    )
    own = "индекс ошибок FBS и rFBS"  # copied from the notification, in Russian
    body, _ = _letter(run_cli, tmp_path / "own", "order_attribution", {"notification.metric": own})
    assert _request(body).startswith(
        "Просим пересчитать показатель «Индекс ошибок FBS и rFBS» без учёта обоих перечисленных выше"
    )


def test_each_other_id_list_says_in_its_label_what_it_is(run_cli: RunCli, tmp_path: Path) -> None:
    one = {"affected.postings": ["57195475-0050-3"], "affected.orders": ["57195475-0050"]}
    body, _ = _letter(run_cli, tmp_path, "malicious_returns", one)
    assert "без учёта возврата по указанному выше отправлению." in _request(body)
    assert "\nНомер заказа:\n" in body and "\nSKU товара из этого отправления:\n" in body
    assert body.index("Номер отправления:") < body.index("Номер заказа:")  # the main list first
    body, _ = _letter(run_cli, tmp_path / "goods", "misjudged_delisting", {"affected.skus": [498274975]})
    assert _request(body) == "Просим вернуть в продажу указанный выше товар."
    assert "Обращение касается товара и отправлений:\n\nSKU товара:\n498274975\n\n" in body
    assert "Номера двух отправлений с этим товаром:" in body


def test_facts_then_what_changed_then_the_request(run_cli: RunCli, tmp_path: Path) -> None:
    body, _ = _letter(run_cli, tmp_path, "response_time_penalty", {})
    facts = body.index("Обстоятельства:\nОтправления 57195475-0050-3")
    changes = body.index("Принятые меры:\nС 25.11.2026 мы передаём")
    request = body.index(
        "Просим снять с магазина санкции, применённые из-за превышения допустимого значения показателя «Время"
    )
    assert facts < changes < request


def test_the_old_single_explanation_still_builds(run_cli: RunCli, tmp_path: Path) -> None:
    body, _ = _letter(run_cli, tmp_path, "carrier_failure", {})
    assert "Обстоятельства:\nОтправления 57195475-0050-3 и 57195475-0051-1 задержаны" in body
    assert "Принятые меры:" not in body  # nothing changed on the store's side: no empty heading
