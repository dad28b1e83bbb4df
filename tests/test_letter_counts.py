"""Counts in the letter's template words as an Ozon agent reads them (issue 27, reader's round 4): a count
under ten in words where it agrees for every count («двух товаров», «Все три заказа»), digits otherwise;
a file's kind named in the singular over one posting; the penalty «из-за превышения допустимого
значения показателя» (round 5)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ozon_urgent.catalog import load_catalog
from ozon_urgent.ticket.proof import ru_common
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.subject import SUBJECT_MAX, subject_for
from ozon_urgent.ticket.template_gate import sample_content


def subject_of(request: str, counts: dict[str, int], client_id: str, metric: str | None = None) -> str | None:
    said = subject_for(request, counts, client_id, metric)
    return said.line if said else None


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (1, "О пересмотре решения о снятии с продажи товара"),
        (2, "О пересмотре решения о снятии с продажи двух товаров"),
        (5, "О пересмотре решения о снятии с продажи пяти товаров"),
        (21, "О пересмотре решения о снятии с продажи 21 товара"),
        (44, "О пересмотре решения о снятии с продажи 44 товаров"),
    ],
)
def test_the_subject_says_a_count_under_ten_in_words_agreeing(number: int, said: str) -> None:
    assert (
        subject_of("manual_review", {"products": number}, "2468013") == f"URGENT: {said} — Client ID 2468013"
    )


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (1, "Об исключении отправления из расчёта показателя"),
        (2, "Об исключении двух отправлений из расчёта показателя"),
        (5, "Об исключении пяти отправлений из расчёта показателя"),
        (21, "Об исключении 21 отправления из расчёта показателя"),
    ],
)
def test_the_subject_counts_postings_in_the_genitive(number: int, said: str) -> None:
    assert (
        subject_of("exclude_period", {"postings": number}, "1234567") == f"URGENT: {said} — Client ID 1234567"
    )


def test_a_subject_too_long_for_words_keeps_digits() -> None:
    line = subject_of("manual_review", {"skus": 4}, "1234567890")
    assert line == "URGENT: О пересмотре решения о снятии с продажи 4 товаров — Client ID 1234567890"
    assert line is not None and len(line) <= SUBJECT_MAX
    # the words where they fit: 80 characters with a seven-digit Client ID
    assert subject_of("manual_review", {"skus": 3}, "1234567") == (
        "URGENT: О пересмотре решения о снятии с продажи трёх товаров — Client ID 1234567"
    )
    assert subject_of("manual_review", {"skus": 3}, "12345678") == (
        "URGENT: О пересмотре решения о снятии с продажи 3 товаров — Client ID 12345678"
    )


def test_a_request_about_the_store_has_no_count() -> None:
    assert subject_of("lift_penalty", {"orders": 3}, "1") == (
        "URGENT: О снятии санкций за задержку ответов в чатах — Client ID 1"
    )
    assert subject_of("no_such_request", {}, "1") is None


@pytest.mark.parametrize(
    ("noun", "number", "line"),
    [
        ("товар", 2, "Оба товара указаны в файле 02."),
        ("заказ", 3, "Все три заказа указаны в файле 02."),
        ("отправление", 5, "Все пять отправлений указаны в файле 02."),
        ("отправление", 9, "Все девять отправлений указаны в файле 02."),
        # ten and more: «все 21 отправление указаны» reads wrong, so no count
        ("отправление", 12, "Все отправления указаны в файле 02."),
        ("заказ", 21, "Все заказы указаны в файле 02."),
    ],
)
def test_the_line_under_the_list_counts_a_short_list(noun: str, number: int, line: str) -> None:
    assert ru_common([(noun, number)], ["02"]) == line


def test_two_kinds_of_id_under_the_list_keep_their_nouns_alone() -> None:
    assert ru_common([("отправление", 1), ("заказ", 1)], ["01", "02"]) == (
        "Отправление и заказ указаны в файлах 01 и 02."
    )


@pytest.mark.parametrize(
    ("postings", "name"),
    [
        (1, "данные отслеживания отправления"),
        (2, "данные отслеживания отправлений"),
        (21, "данные отслеживания отправлений"),
        (0, "данные отслеживания отправлений"),  # not known: the plural, as before
    ],
)
def test_tracking_data_of_one_posting_is_named_in_the_singular(postings: int, name: str) -> None:
    assert load_catalog().kinds["logistics_tracking"].ru_for(postings) == name


def test_a_kind_without_a_singular_name_keeps_its_one_name() -> None:
    kind = load_catalog().kinds["buyer_communication"]
    assert kind.ru_for(1) == kind.ru_for(5) == "переписка с покупателем"


def test_a_penalty_is_asked_lifted_for_the_metric_exceeded() -> None:
    content = sample_content("response_time_penalty", load_catalog())
    named = replace(content, metric_ru="время ответа покупателям в чатах")
    assert (
        "Просим снять с магазина санкции, применённые из-за превышения допустимого значения показателя "
        "«Время ответа покупателям в чатах»." in Renderer().ticket(named).body
    )
    # without the metric's name nothing is said to be exceeded
    unnamed = replace(content, metric_ru=None)
    assert "санкции, применённые в связи с показателями магазина." in Renderer().ticket(unnamed).body
