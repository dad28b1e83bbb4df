"""Russian counts agree with their nouns, checked against an independent morphology (pymorphy3)."""

from __future__ import annotations

from functools import cache

import pymorphy3
import pytest

from ozon_urgent.ticket.russian import GrammaticalCase, as_sentence, count, ru_date, ru_period

NUMBERS = [*range(26), 101, 111, 121]
NOUNS = ["отправление", "заказ", "товар", "артикул", "файл", "день"]
CASES: list[GrammaticalCase] = ["nomn", "gent", "datv"]


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def oracle(number: int, noun: str, case: GrammaticalCase) -> str:
    parsed = next(p for p in morph().parse(noun) if p.tag.POS == "NOUN" and "nomn" in p.tag)
    if case != "nomn":
        parsed = parsed.inflect({case})
    agreed = parsed.make_agree_with_number(number)
    return f"{number} {agreed.word}"


@pytest.mark.parametrize("noun", NOUNS)
@pytest.mark.parametrize("case", CASES)
def test_counts_agree_like_a_morphological_dictionary(noun: str, case: GrammaticalCase) -> None:
    for number in NUMBERS:
        assert count(number, noun, case, words=False) == oracle(number, noun, case)


def test_the_conventions_named_in_the_brief() -> None:
    assert [count(n, "отправление") for n in (1, 2, 5, 21, 111)] == [
        "одно отправление",
        "два отправления",
        "пять отправлений",
        "21 отправление",
        "111 отправлений",
    ]
    assert count(3, "рабочий день") == "три рабочих дня"
    assert count(21, "рабочий день", "gent") == "21 рабочего дня"
    assert [count(n, "товар", "gent") for n in (1, 2, 6)] == [
        "одного товара",
        "двух товаров",
        "шести товаров",
    ]
    assert count(4, "файл", "datv") == "четырём файлам" and count(9, "заказ", "datv") == "девяти заказам"
    assert count(2, "товар", "gent", words=False) == "2 товаров"  # a subject keeps digits


def test_dates_and_periods() -> None:
    from datetime import date

    assert ru_date(date(2026, 9, 1)) == "01.09.2026"
    assert ru_period(date(2026, 9, 21), date(2026, 11, 19)) == "с 21.09.2026 по 19.11.2026"


def test_as_sentence() -> None:
    assert as_sentence("акт передачи  отправлений") == "Акт передачи отправлений."
    assert as_sentence("Готово.") == "Готово."


def test_a_noun_over_one_item_is_singular_over_more_plural() -> None:
    from ozon_urgent.ticket.russian import noun_form, which

    assert [noun_form("отправление", n) for n in (1, 2, 21)] == ["отправление", "отправления", "отправления"]
    assert noun_form("товар", 1, "gent") == "товара" and noun_form("товар", 6, "gent") == "товаров"
    assert which([("отправление", 1)]) == "которому" and which([("отправление", 21)]) == "которым"
    assert which([("отправление", 1), ("товар", 1)]) == "которым"  # two nouns agree in the plural


def test_a_caption_after_a_dash_keeps_the_capital_only_of_a_name() -> None:
    from ozon_urgent.ticket.russian import after_dash

    assert after_dash("Акты передачи отправлений.") == "акты передачи отправлений."
    assert after_dash("Ёмкость склада.") == "ёмкость склада."
    for kept in ("Москва, склад «Север».", "ERP-выгрузка.", "Ozon подтвердил.", "ЭДО-пакет.", "2026 год."):
        assert after_dash(kept) == kept
