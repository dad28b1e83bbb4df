"""Message catalogs (one TOML file per language) and the user's language."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from ozon_urgent.locale_lang import wants_chinese

Lang = Literal["en", "zh"]


MIB = 1024 * 1024


def mib(size: int) -> str:
    """A size in MB as every message shows it, the unit Ozon's "5 MB" is in: 1 MB = 1024 × 1024 bytes, so
    5 MB is 5,242,880 bytes; file managers disagree on what an MB is, so the bytes stand beside it where
    it matters. One unit for the seller: never MiB beside Ozon's MB."""
    return f"{size / MIB:.1f}".rstrip("0").rstrip(".")


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
    return template.format(**params) if params else template


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
