"""Russian formatting for the ticket: counts that agree with their noun (CLDR via Babel), dates, quotes."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

GrammaticalCase = Literal["nomn", "gent", "datv"]


@cache
def _nouns() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("ozon_urgent").joinpath("data/russian_nouns.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _plural_form() -> object:
    from babel.core import Locale

    return Locale.parse("ru").plural_form


def plural_category(number: int) -> str:
    """CLDR's category for a whole number in Russian: one, few or many."""
    category = _plural_form()(abs(number))  # type: ignore[operator]
    return str(category)


def count(number: int, noun: str, case: GrammaticalCase = "nomn") -> str:
    """«21 отправление», «для 2 отправлений» (case="gent"), «по 5 отправлениям» (case="datv")."""
    forms = _nouns()[noun][case]
    return f"{number} {forms[plural_category(number)]}"


def ru_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def ru_period(start: date, end: date) -> str:
    """«с 21.09.2026 по 19.11.2026»; one day is that day alone, never «с X по X»."""
    return ru_date(start) if start == end else f"с {ru_date(start)} по {ru_date(end)}"


def ru_span(start: date, end: date) -> str:
    """When something happened, as a whole adverbial: «за 24.11.2026» or «за период с … по …»."""
    return f"за {ru_date(start)}" if start == end else f"за период с {ru_date(start)} по {ru_date(end)}"


def ru_quoted(name: str) -> str:
    """A name in «ёлочки»; quotes inside it become „лапки“, so «Магазин „Ромашка“» never doubles «»."""
    inner = name.replace("«", "„").replace("»", "“")
    return f"«{inner}»"


def as_sentence(text: str) -> str:
    """A caption or clause as a sentence of its own: a capital letter and a final full stop."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
