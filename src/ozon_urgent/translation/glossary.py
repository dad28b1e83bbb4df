"""The Ozon glossary shipped with the package, a seller's own additions, and the name each gets on DeepL.

A seller's glossary (`--glossary FILE`) is either TOML in the shape of the shipped `data/glossary.toml`
(a `[zh]` and/or `[en]` table of `"source term" = "Russian term"` lines) or DeepL's own CSV/TSV glossary
format with four columns: source term, Russian term, source language (zh or en), target language (ru).
A seller's entry wins over the shipped one for the same term.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from ozon_urgent.errors import UserError

SourceLang = Literal["zh", "en"]
SOURCE_LANGS: tuple[SourceLang, ...] = ("zh", "en")
TARGET_LANG = "ru"
MAX_GLOSSARY_BYTES = 1024 * 1024

Entries = dict[str, str]


GlossaryProblem = Literal[
    "unreadable",
    "too_big",
    "not_utf8",
    "syntax",
    "duplicate",
    "empty",
    "control",
    "not_text",
    "language",
    "columns",
]


class GlossaryError(UserError):
    """A seller's glossary that cannot be used (exit 3); `variant` picks the message."""

    table = "cli.translate"

    def __init__(
        self,
        variant: GlossaryProblem,
        file: str,
        line: int | None = None,
        entry: str = "",
        detail: str = "",
        first_line: int | None = None,
    ) -> None:
        super().__init__(
            f"glossary_{variant}",
            file=file,
            line=line if line is not None else "?",
            entry=entry,
            detail=detail,
            first=first_line if first_line is not None else "?",
        )
        self.variant, self.file, self.line = variant, file, line
        self.entry, self.detail, self.first_line = entry, detail, first_line


@dataclass(frozen=True, slots=True)
class Glossary:
    source_lang: SourceLang
    entries: Mapping[str, str]

    @property
    def content_sha256(self) -> str:
        lines = "".join(f"{source}\t{target}\n" for source, target in sorted(self.entries.items()))
        return hashlib.sha256(f"{self.source_lang}>{TARGET_LANG}\n{lines}".encode()).hexdigest()

    @property
    def name(self) -> str:
        """One name per content: the same terms are found and reused on the DeepL account, new ones added."""
        return f"ozon-urgent-{self.source_lang}-{TARGET_LANG}-{self.content_sha256[:12]}"


@cache
def shipped_entries() -> dict[SourceLang, Entries]:
    text = resources.files("ozon_urgent").joinpath("data/glossary.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {lang: {str(k): str(v) for k, v in data[lang].items()} for lang in SOURCE_LANGS}


def build_glossaries(
    extra: Mapping[SourceLang, Mapping[str, str]] | None = None,
) -> dict[SourceLang, Glossary]:
    """The shipped glossary per source language, with a seller's entries laid over it."""
    result = {}
    for lang in SOURCE_LANGS:
        entries = dict(shipped_entries()[lang])
        entries.update((extra or {}).get(lang, {}))
        result[lang] = Glossary(lang, entries)
    return result


def read_user_glossary(path: Path) -> dict[SourceLang, Entries]:
    """A seller's glossary file, checked entry by entry; raises GlossaryError naming the file and entry."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_GLOSSARY_BYTES + 1)
        if len(data) > MAX_GLOSSARY_BYTES:
            raise GlossaryError("too_big", name, detail=str(MAX_GLOSSARY_BYTES))
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise GlossaryError("unreadable", name, detail=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise GlossaryError("not_utf8", name) from None
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _read_delimited(text, name, "\t" if suffix == ".tsv" else ",")
    return _read_toml(text, name)


class _Collector:
    """Entries as they are read, refusing empty, invalid and duplicate ones."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.entries: dict[SourceLang, Entries] = {}
        self.lines: dict[tuple[SourceLang, str], int] = {}

    def add(self, lang: SourceLang, source: str, target: object, line: int | None) -> None:
        if not isinstance(target, str):
            raise GlossaryError("not_text", self.file, line, source)
        source, target = source.strip(), target.strip()
        if not source or not target:
            raise GlossaryError("empty", self.file, line, source or target)
        for term in (source, target):
            if _CONTROL.search(term):
                raise GlossaryError("control", self.file, line, term)
        first = self.lines.get((lang, source))
        if first is not None or source in self.entries.get(lang, {}):
            raise GlossaryError("duplicate", self.file, line, source, first_line=first)
        self.entries.setdefault(lang, {})[source] = target
        if line is not None:
            self.lines[(lang, source)] = line


# What DeepL refuses in a glossary term: C0 and C1 control characters and Unicode line separators.
_CONTROL = re.compile("[\x00-\x1f\x80-\x9f\u2028\u2029]")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _read_toml(text: str, file: str) -> dict[SourceLang, Entries]:
    # tomllib refuses a repeated key with "Cannot overwrite a value"; scan the lines first so the message
    # can name the entry and both of its lines, and catch terms that differ only in surrounding spaces.
    lines = _toml_key_lines(text, file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError("syntax", file, detail=str(exc)) from None
    collector = _Collector(file)
    for table, entries in data.items():
        if table not in SOURCE_LANGS or not isinstance(entries, dict):
            raise GlossaryError("language", file, lines.get(("", table)), table)
        for source, target in entries.items():
            collector.add(table, source, target, lines.get((table, source)))
    return collector.entries


def _toml_key_lines(text: str, file: str) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = header.group(1).strip("\"'")
            found.setdefault(("", table), number)
            continue
        match = _KEY.match(line)
        if not match:
            continue
        try:
            key = next(iter(tomllib.loads(f"{match.group(1)} = 0")))
        except (tomllib.TOMLDecodeError, StopIteration):
            continue  # tomllib reports it with the whole file
        first = seen.get((table, key.strip()))
        if first is not None:
            raise GlossaryError("duplicate", file, number, key.strip(), first_line=first)
        seen[(table, key.strip())] = number
        found.setdefault((table, key), number)
    return found


def _read_delimited(text: str, file: str, delimiter: str) -> dict[SourceLang, Entries]:
    collector = _Collector(file)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise GlossaryError("syntax", file, reader.line_num, detail=str(exc)) from None
        if row is None:
            return collector.entries
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 4:
            raise GlossaryError("columns", file, number, delimiter.join(row), detail=str(len(row)))
        source, target, source_lang, target_lang = (cell.strip() for cell in row)
        lang = source_lang.lower()
        if lang not in SOURCE_LANGS or target_lang.lower() != TARGET_LANG:
            raise GlossaryError("language", file, number, f"{source_lang} → {target_lang}")
        collector.add(lang, source, target, number)
