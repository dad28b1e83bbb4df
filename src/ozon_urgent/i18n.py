"""Message catalogs (one TOML file per language) and the user's language."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Literal
from zoneinfo import ZoneInfo

from ozon_urgent.locale_lang import wants_chinese

Lang = Literal["en", "zh"]


MIB = 1024 * 1024
MOSCOW = ZoneInfo("Europe/Moscow")  # Ozon's clock: every deadline and filing time is Moscow time
BEIJING = ZoneInfo("Asia/Shanghai")  # the mainland seller's own clock


def mib(size: int) -> str:
    """A size in MB as every message shows it, the unit Ozon's "5 MB" is in: 1 MB = 1024 × 1024 bytes, so
    5 MB is 5,242,880 bytes; file managers disagree on what an MB is, so the bytes stand beside it where
    it matters. One unit for the seller: never MiB beside Ozon's MB."""
    return f"{size / MIB:.1f}".rstrip("0").rstrip(".")


def moment(when: datetime, lang: Lang) -> str:
    """A time as the reader's messages say it. English keeps Ozon's `06.12.2026 19:48 MSK`; Chinese puts
    the date in Chinese order and the seller's Beijing time beside Moscow's, one reading for a seller in
    Shenzhen: `2026年12月6日 19:48（莫斯科时间，即北京时间 12月7日 00:48）` (the year again only when
    Beijing is already in the next one)."""
    moscow = when.astimezone(MOSCOW)
    if lang != "zh":
        return moscow.strftime("%d.%m.%Y %H:%M MSK")
    beijing = when.astimezone(BEIJING)
    year = f"{beijing.year}年" if beijing.year != moscow.year else ""
    return (
        f"{moscow.year}年{moscow.month}月{moscow.day}日 {moscow:%H:%M}"
        f"（莫斯科时间，即北京时间 {year}{beijing.month}月{beijing.day}日 {beijing:%H:%M}）"
    )


def said(value: object, lang: Lang) -> object:
    """A message parameter in the reader's words: a time (an aware datetime) as `moment` says it."""
    return moment(value, lang) if isinstance(value, datetime) and value.tzinfo is not None else value


def detect_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale says Chinese (OZON_URGENT_LANG, LC_ALL, LC_MESSAGES, then LANG), else en."""
    return "zh" if wants_chinese(environ) else "en"


@cache
def catalog(lang: Lang) -> dict[str, dict[str, str]]:
    text = resources.files("ozon_urgent").joinpath(f"messages/{lang}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {key: dict(value) for key, value in data.items()}


def text(lang: Lang, key: str, field: str = "message", **params: object) -> str:
    """The catalog entry `key.field` in `lang`, formatted with `params`; English when zh lacks it."""
    entry = catalog(lang).get(key) or catalog("en")[key]
    template = entry.get(field)
    if template is None:
        template = catalog("en")[key][field]
    return (
        template.format(**{name: said(value, lang) for name, value in params.items()}) if params else template
    )


@dataclass(frozen=True, slots=True)
class Punctuation:
    """How code joins the catalog's words: after Chinese the marks are full-width, as the zh catalog writes
    them (`证据：a（名称）；b`), and English keeps its own (`evidence: a (name); b`)."""

    colon: str  # after a label
    clause: str  # between groups of items
    enumeration: str  # between items that carry names
    opening: str  # before a name in parentheses, with the space English puts before it
    closing: str
    full_stop: str  # ending a sentence that another follows
    after_stop: str  # between a sentence that ends in its own mark (`?`, `。`) and the next

    def parenthesized(self, text: str) -> str:
        """`text` in parentheses, to follow a word: ` (text)` / `（text）`."""
        return f"{self.opening}{text}{self.closing}"

    def sentences(self, first: str, second: str) -> str:
        """Two sentences as one text: `first. second` / `first。second`; a first sentence that already
        ends in a mark (a question's `？`) keeps it."""
        if first.endswith(("。", "？", "！", ".", "?", "!")):
            return f"{first}{self.after_stop}{second}"
        return f"{first}{self.full_stop}{second}"


_PUNCTUATION: dict[Lang, Punctuation] = {
    "en": Punctuation(
        colon=": ", clause="; ", enumeration=", ", opening=" (", closing=")", full_stop=". ", after_stop=" "
    ),
    "zh": Punctuation(
        colon="：", clause="；", enumeration="、", opening="（", closing="）", full_stop="。", after_stop=""
    ),
}


def punctuation(lang: Lang) -> Punctuation:
    return _PUNCTUATION[lang]


def display_width(text: str) -> int:
    """The columns `text` takes in a terminal: two for a wide (Chinese, full-width) character."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)
