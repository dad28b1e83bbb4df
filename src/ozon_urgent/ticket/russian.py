"""Russian formatting for the ticket: counts and forms that agree (Babel, pymorphy3), dates, quotes."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

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


# Two to nine in words, by case: Russian business prose writes a count under ten in words («два файла»,
# «без учёта пяти отправлений»); the nouns counted here are masculine or neuter («два», not «две»).
_WORDS: dict[int, tuple[str, str, str]] = {
    2: ("два", "двух", "двум"),
    3: ("три", "трёх", "трём"),
    4: ("четыре", "четырёх", "четырём"),
    5: ("пять", "пяти", "пяти"),
    6: ("шесть", "шести", "шести"),
    7: ("семь", "семи", "семи"),
    8: ("восемь", "восьми", "восьми"),
    9: ("девять", "девяти", "девяти"),
}
_CASES: tuple[GrammaticalCase, ...] = ("nomn", "gent", "datv")


def count(number: int, noun: str, case: GrammaticalCase = "nomn", *, words: bool = True) -> str:
    """«21 отправление», «для двух отправлений» (case="gent"), «по пяти отправлениям» (case="datv"): one to
    nine in words unless `words` is off (a subject line too long for words keeps digits)."""
    forms = _nouns()[noun][case]
    if words and number == 1:
        neuter = "neut" in _parse(noun.split()[-1]).tag
        said = {"nomn": "одно" if neuter else "один", "gent": "одного", "datv": "одному"}[case]
    else:
        said = _WORDS[number][_CASES.index(case)] if words and number in _WORDS else str(number)
    return f"{said} {forms[plural_category(number)]}"


def ru_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def ru_period(start: date, end: date) -> str:
    """«с 21.09.2026 по 19.11.2026»; one day is that day alone, never «с X по X»."""
    return ru_date(start) if start == end else f"с {ru_date(start)} по {ru_date(end)}"


def ru_span(start: date, end: date) -> str:
    """When something happened, as a whole adverbial: «за 24.11.2026» or «с … по …» (not «за период
    с … по …», which a reader found padding)."""
    return f"за {ru_date(start)}" if start == end else f"с {ru_date(start)} по {ru_date(end)}"


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


# Grammemes that mark a proper name in OpenCorpora: a caption starting with one keeps its capital.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _parse(word: str, pos: str | None = "NOUN") -> Any:  # pymorphy3 ships no type information
    from ozon_urgent.morphology import morph

    parses = morph().parse(word)
    return next((p for p in parses if pos and pos in p.tag), parses[0])


def noun_form(noun: str, number: int, case: GrammaticalCase = "nomn") -> str:
    """A noun without its numeral, singular over one item and plural over more (pymorphy3):
    «отправление» / «отправления», and in the genitive «отправления» / «отправлений»."""
    grammemes = {"sing" if number == 1 else "plur", case}
    form = _parse(noun).inflect(grammemes)
    return str(form.word) if form is not None else noun


def which(nouns: list[tuple[str, int]]) -> str:
    """«который» in the dative after nouns listed with their counts, agreeing with them: «к которому»
    after one posting (neuter singular), «к которой» after a feminine one, «к которым» after more."""
    if len(nouns) == 1 and nouns[0][1] == 1:
        gender = next(g for g in ("masc", "femn", "neut") if g in _parse(nouns[0][0]).tag)
        grammemes = {"datv", "sing", gender}
    else:
        grammemes = {"datv", "plur"}
    return str(_parse("который", "ADJF").inflect(grammemes).word)


def joined(words: list[str]) -> str:
    """«отправления», «отправления и товары», «отправления, заказы и товары»."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " и " + words[-1] if words else ""


def after_dash(sentence: str) -> str:
    """A sentence continued after «—»: its first word lower-cased unless it is a name or an abbreviation
    («Акты передачи…» → «акты передачи…»; «Ozon», «ERP», «Москва» stay as they are)."""
    word = sentence.split(maxsplit=1)[0] if sentence.strip() else ""
    if not re.match(r"[А-ЯЁ][а-яё]", word):  # Latin, a digit, an abbreviation such as ERP or ЭДО
        return sentence
    if _PROPER & set(str(_parse(word.strip(".,:;«»"), None).tag).replace(" ", ",").split(",")):
        return sentence
    return sentence[:1].lower() + sentence[1:]
