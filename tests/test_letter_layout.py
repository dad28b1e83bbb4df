"""The letter as an Ozon agent scans it: forms that agree with what is listed, one ID a line, SKUs paired
with their артикулы, attachments one a line and named after what they are."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from kit.repo import GOLDEN
from ozon_urgent.casefile.model import Affected
from ozon_urgent.ticket.content import attachment_name
from ozon_urgent.ticket.names import slug, transliterated
from ozon_urgent.ticket.russian import GrammaticalCase
from ozon_urgent.ticket.subject import SUBJECT_MAX
from ozon_urgent.ticket.wording import (
    id_blocks,
    id_list_title,
    listed,
)

POSTINGS = ["57195475-0050-3", "57195475-0051-1", "61024887-0117-2"]


def build(run_cli: RunCli, tmp_path: Path, scenario: str, changes: dict[str, Any]) -> tuple[str, Path]:
    """The ticket.txt of a case built from the factory's case with `changes`, and its pack."""
    path = write_case(tmp_path / "case", variant(scenario, changes))
    result = run_cli("build", "--out", tmp_path / "out", path)
    assert result.exit_code == 0, result.stdout
    pack = pack_dir(tmp_path / "out", f"test-{scenario.replace('_', '-')}")
    return (pack / "ticket.txt").read_text("utf-8"), pack


@pytest.mark.parametrize(
    ("groups", "main", "heading", "labels"),
    [
        ([("postings", 1)], "postings", "Обращение касается отправления:", [""]),
        ([("postings", 21)], "postings", "Обращение касается 21 отправления:", [""]),
        ([("orders", 2)], None, "Обращение касается двух заказов:", [""]),
        ([("skus", 1)], "skus", "Обращение касается товара (SKU):", [""]),
        ([("products", 2)], "products", "Обращение касается двух товаров (product_id):", [""]),
        (
            [("postings", 1), ("orders", 1)],
            "postings",
            "Обращение касается отправления и заказа:",
            ["Номер отправления:", "Номер заказа:"],
        ),
        (
            [("postings", 5), ("skus", 1)],
            "postings",
            "Обращение касается отправлений и товара:",
            ["Номера пяти отправлений:", "SKU товара из этих отправлений:"],
        ),
        (
            [("postings", 3), ("skus", 6)],
            "skus",
            "Обращение касается товаров и отправлений:",
            ["SKU шести товаров:", "Номера трёх отправлений с этими товарами:"],
        ),
        (
            [("postings", 1), ("products", 1)],
            "products",
            "Обращение касается товара и отправления:",
            ["Идентификатор (product_id) товара:", "Номер отправления с этим товаром:"],
        ),
        (
            [("postings", 3), ("orders", 2), ("offer_ids", 12)],
            None,
            "Обращение касается отправлений, заказов и товаров:",
            ["Номера трёх отправлений:", "Номера двух заказов:", "Артикулы 12 товаров:"],
        ),
        (
            [("products", 2), ("offer_ids", 2)],
            "products",
            "Обращение касается товаров:",
            ["Идентификаторы (product_id) двух товаров:", "Артикулы этих товаров:"],
        ),
    ],
)
def test_the_heading_and_labels_agree_with_what_is_listed_the_main_list_first(
    groups: list[tuple[str, int]], main: str | None, heading: str, labels: list[str]
) -> None:
    ids = [(key, [f"{n}{i:07d}" for i in range(n)]) for key, n in groups]
    got, blocks = id_blocks(ids, {}, None, main)
    assert (got, [b.label for b in blocks]) == (heading, labels)


@pytest.mark.parametrize(
    ("counts", "title"),
    [
        ({"postings": 45}, "Перечень отправлений"),
        ({"postings": 45, "skus": 3}, "Перечень отправлений и товаров"),
        ({"postings": 1050, "skus": 1}, "Перечень отправлений и товара"),
        ({"orders": 40}, "Перечень заказов"),
        ({"skus": 40, "offer_ids": 40}, "Перечень товаров"),
    ],
)
def test_the_id_list_title_names_only_what_it_holds(counts: dict[str, int], title: str) -> None:
    assert id_list_title(counts) == title


def test_one_posting_is_singular_in_subject_heading_and_request(run_cli: RunCli, tmp_path: Path) -> None:
    text, _ = build(run_cli, tmp_path, "carrier_failure", {"affected": {"postings": [POSTINGS[0]]}})
    subject, body = text.split("\n\n", 1)
    assert subject == "URGENT: Об исключении отправления из расчёта показателя — Client ID 1234567"
    # the factory's evidence shows the posting in its files 01 and 02 (ticket.proof)
    assert "\nОбращение касается отправления:\n57195475-0050-3 — файлы 01, 02\n\n" in body
    ids_part = body.split("Обстоятельства:", 1)[1].split("\n\n", 1)[1]  # past the seller's own text
    assert "Отправления" not in ids_part and "отправлений" not in ids_part.lower()


def test_many_postings_one_a_line_under_one_heading(run_cli: RunCli, tmp_path: Path) -> None:
    text, _ = build(run_cli, tmp_path, "carrier_failure", {"affected": {"postings": POSTINGS}})
    subject, body = text.split("\n\n", 1)
    assert subject.startswith("URGENT: Об исключении трёх отправлений из расчёта показателя — ")
    # the factory's files show every posting of the case: one line under the list says so (ticket.proof)
    rows = "\n".join(POSTINGS)
    assert (
        f"\nОбращение касается трёх отправлений:\n{rows}\n\nВсе три отправления указаны в файлах 01 и 02.\n"
        in body
    )


def test_one_sku_is_singular_and_paired_with_its_offer_id(run_cli: RunCli, tmp_path: Path) -> None:
    affected = {"skus": [{"sku": 498274975, "offer_id": "BH-LAMP-0042"}]}
    text, pack = build(run_cli, tmp_path, "misjudged_delisting", {"affected": affected})
    subject, body = text.split("\n\n", 1)
    assert subject == "URGENT: О возврате в продажу товара — Client ID 1234567"
    assert "Обращение касается товара (SKU и артикул):\n498274975 — BH-LAMP-0042\n\n" in body
    assert "Товары" not in body and "Артикул:" not in body  # the paired артикул is not listed again
    ids = json.loads((pack / "ticket.json").read_text("utf-8"))["ids"]
    assert (ids["skus"], ids["offer_ids"]) == (["498274975"], ["BH-LAMP-0042"])  # the record keeps both


def test_skus_paired_and_not_in_one_case() -> None:
    affected = Affected.model_validate(
        {"skus": [498274982, {"sku": 498274975, "offer_id": "BH-LAMP-0042"}], "offer_ids": ["BH-RUG-1"]}
    )
    ids = affected.ids_by_kind()
    assert ids["skus"] == ["498274982", "498274975"] and ids["offer_ids"] == ["BH-RUG-1", "BH-LAMP-0042"]
    groups = [(key, values) for key, values in ids.items() if values]
    heading, blocks = id_blocks(groups, affected.sku_offers(), None, "skus")
    assert heading == "Обращение касается товаров:"
    assert [(b.label, b.rows) for b in blocks] == [
        ("SKU и артикулы двух товаров:", ("498274982", "498274975 — BH-LAMP-0042")),
        ("Артикул этих товаров:", ("BH-RUG-1",)),
    ]


def test_a_postings_only_list_past_the_limit_is_titled_so(run_cli: RunCli, tmp_path: Path) -> None:
    many = [f"{10_000_000 + n}-{n:04d}-1" for n in range(45)]
    text, pack = build(run_cli, tmp_path, "carrier_failure", {"affected": {"postings": many}})
    subject, body = text.split("\n\n", 1)
    assert subject.startswith("URGENT: Об исключении 45 отправлений из расчёта показателя")
    name = [p.name for p in (pack / "attachments").iterdir() if "perechen" in p.name]
    assert name == ["03-perechen-otpravlenii.pdf"]
    assert (
        "Обращение касается 45 отправлений (ниже — первые пять; полный перечень — в файле 03):\n"
        "10000000-0000-1\n" in body
    )
    assert "03-perechen-otpravlenii.pdf — полный перечень отправлений.\n" in body
    reader = pypdf.PdfReader(io.BytesIO((pack / "attachments" / name[0]).read_bytes()))
    first = reader.pages[0].extract_text()
    assert (
        first.startswith("Перечень отправлений\n")
        and reader.metadata is not None
        and reader.metadata.title == "Перечень отправлений"
    )
    assert "товар" not in first and "test-carrier-failure" not in first and "обращени" not in first


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Акты передачи отправлений в доставку с 27.10.2026 по 09.11.2026.", "akty-peredachi-otpravlenii"),
        ("Переписка с покупателем по отправлению 61024887-0117-2.", "perepiska-s-pokupatelem"),
        ("Подтверждение выплаты компенсации от 17.11.2026", "podtverzhdenie-vyplaty-kompensatsii"),
        ("Решение Ozon", "reshenie-ozon"),
        ("Данные отслеживания трёх отправлений", "dannye-otslezhivaniia-otpravlenii"),  # no count in words
        ("Журнал API-интеграции", "zhurnal-api-integratsii"),
        ("Объявление: щука, ёж, Хабаровск", "obieiavlenie-shchuka-ezh"),
        ("12.11.2026", ""),
    ],
)
def test_a_name_is_a_short_icao_transliteration(title: str, name: str) -> None:
    assert slug(title) == name
    assert len(name) <= 36 and re.fullmatch(r"[a-z0-9-]*", name)


def test_every_letter_has_a_latin_transliteration() -> None:
    assert transliterated("абвгдеёжзийклмнопрстуфхцчшщъыьэюя") == (
        "abvgdeezhziiklmnoprstufkhtschshshchieyeiuia"
    )
    assert attachment_name(3, "Акты передачи", "jpeg", "other") == "03-akty-peredachi.jpg"
    assert attachment_name(1, "2026", "pdf", "carrier_statement") == "01-carrier-statement.pdf"


def test_attachments_are_named_from_captions_one_a_line(run_cli: RunCli, tmp_path: Path) -> None:
    changes = {
        "evidence[0].caption_ru": "Письменное заявление службы доставки о сбое",
        "evidence[1].caption_ru": "Письменное заявление службы доставки о компенсации",
    }
    text, pack = build(run_cli, tmp_path, "carrier_failure", changes)
    names = sorted(p.name for p in (pack / "attachments").iterdir())
    assert names == ["01-pismennoe-zaiavlenie-sluzhby.pdf", "02-pismennoe-zaiavlenie-sluzhby.pdf"]
    listing = text.split("Прилагаем два файла:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert listing == [
        "01-pismennoe-zaiavlenie-sluzhby.pdf — письменное заявление службы доставки о сбое;",
        "02-pismennoe-zaiavlenie-sluzhby.pdf — письменное заявление службы доставки о компенсации.",
    ]


def test_a_kind_names_a_file_without_a_caption(run_cli: RunCli, tmp_path: Path) -> None:
    _, pack = build(run_cli, tmp_path, "carrier_failure", {})
    names = sorted(p.name for p in (pack / "attachments").iterdir())
    assert names == ["01-pismo-sluzhby-dostavki.pdf", "02-podtverzhdenie-vyplaty-kompensatsii.pdf"]


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*/ticket.txt")), ids=lambda p: p.parent.name)
def test_every_golden_letter_frames_and_lists_as_an_agent_scans(path: Path) -> None:
    subject, body = path.read_text("utf-8").split("\n\n", 1)
    assert len(subject) <= SUBJECT_MAX and subject.startswith("URGENT: ")
    assert body.split("\n\n")[2].startswith("В личном кабинете магазина «")  # the store and the notice
    assert "Пишем от" not in body and "от имени" not in body
    assert "срочн" not in body.lower() and body.count("URGENT") == 1  # urgency: the header, the subject
    assert not re.search(r"^\d+\. \d\d-", body, re.M)  # each attachment numbered once, by its name
    assert not re.search(r"^\d\d-\S+\.(pdf|jpg) — .*\n\n\d\d-", body, re.M)  # no blank line between them
    run = r"\d{6,}-\d{4}(?:-\d)?"  # a list line holding a run of IDs; the seller's prose may name several
    assert not re.search(rf"(^|:)[ \t]*{run}(,[ \t]*{run})+[ \t]*$", body, re.M)


def test_a_batch_sees_a_paired_sku_as_the_sku_it_is(tmp_path: Path) -> None:
    from ozon_urgent.checking.crosscase import CaseSummary

    affected = {"skus": [{"sku": 498274975, "offer_id": "BH-LAMP-0042"}, 512093118]}
    path = write_case(tmp_path / "case", variant("misjudged_delisting", {"affected": affected}))
    assert CaseSummary.read(path).ids["skus"] == ("498274975", "512093118")


@pytest.mark.parametrize(
    ("noun", "number", "case", "words"),
    [
        ("отправление", 1, "nomn", "указанное выше отправление"),
        ("товар", 1, "gent", "указанного выше товара"),
        ("отправление", 1, "datv", "указанному выше отправлению"),
        ("отправление", 2, "nomn", "оба перечисленных выше отправления"),
        ("товар", 2, "gent", "обоих перечисленных выше товаров"),
        ("отправление", 2, "datv", "обоим перечисленным выше отправлениям"),
        ("отправление", 21, "nomn", "все перечисленные выше отправления"),
        ("товар", 6, "gent", "всех перечисленных выше товаров"),
        ("отправление", 5, "datv", "всем перечисленным выше отправлениям"),
    ],
)
def test_the_request_names_the_listed_ids_in_number_and_case(
    noun: str, number: int, case: GrammaticalCase, words: str
) -> None:
    assert listed(noun, number, case) == words


def test_a_list_attached_whole_is_named_by_its_count_and_file() -> None:
    assert listed("отправление", 45, "nomn", "04-perechen-otpravlenii.pdf") == (
        "все 45 отправлений из приложенного перечня (файл 04)"
    )
    assert (
        listed("отправление", 21, "gent", "03-x.pdf")
        == "всех 21 отправления из приложенного перечня (файл 03)"
    )


def test_артикулы_written_beside_their_skus_are_not_listed_again(run_cli: RunCli, tmp_path: Path) -> None:
    pairs = [{"sku": 498274975, "offer_id": "BH-LAMP-0042"}, {"sku": 498274982, "offer_id": "BH-LAMP-0043"}]
    text, _ = build(run_cli, tmp_path, "misjudged_delisting", {"affected.skus": pairs})
    assert "498274975 — BH-LAMP-0042\n" in text
    assert "Артикул" not in text and "В перечне" not in text  # the pairs say it; no sentence about lists
