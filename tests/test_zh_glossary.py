"""The Chinese surface keeps to messages/GLOSSARY.zh.md: none of the terms its table rules out, never 你.

The terms are read from the glossary's own table, so the file and this test cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kit.repo import REPO
from ozon_urgent import i18n
from ozon_urgent.catalog import load_catalog
from ozon_urgent.ticket import render, seller_copy
from ozon_urgent.ticket.template_gate import sample_content

GLOSSARY = REPO / "src" / "ozon_urgent" / "messages" / "GLOSSARY.zh.md"
NONE = "—"


@dataclass(frozen=True)
class Term:
    english: str
    chinese: str
    not_to_use: tuple[str, ...]
    except_in: tuple[str, ...]  # fixed phrases a ruled-out term may stand in (俄文引号)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_glossary() -> list[Term]:
    rows = [line for line in GLOSSARY.read_text("utf-8").splitlines() if line.startswith("|")]
    header, _rule, *body = rows
    column = {name: index for index, name in enumerate(_cells(header))}

    def terms(cells: list[str], name: str) -> tuple[str, ...]:
        listed = (term.strip() for term in cells[column[name]].split("、"))
        return tuple(term for term in listed if term not in ("", NONE))

    table = [_cells(line) for line in body]
    assert all(len(cells) == len(column) for cells in table), "a glossary row with a wrong number of cells"
    return [
        Term(cells[column["English"]], cells[column["中文"]], terms(cells, "不要用"), terms(cells, "例外"))
        for cells in table
    ]


TERMS = read_glossary()
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def chinese_surface() -> Iterator[tuple[str, str]]:
    """(where, text) for everything a seller reads in Chinese: the zh catalog's strings, the zh templates
    line by line (their Jinja comments are notes for developers), the catalog's Chinese names, the saved
    top-level help, README.zh-CN.md and the Chinese words that code writes into the seller's copy and
    FILING.md."""
    for table, entries in i18n.catalog("zh").items():
        for field, text in entries.items():
            yield f"messages/zh.toml [{table}] {field}", text
    for template in sorted((REPO / "templates").rglob("*.zh.*")):
        text = _JINJA_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), template.read_text("utf-8"))
        for number, line in enumerate(text.splitlines(), start=1):
            yield f"{template.relative_to(REPO)}:{number}", line
    catalog = load_catalog()
    for section in ("scenarios", "kinds", "requests", "metrics", "id_kinds"):
        for key, entry in getattr(catalog, section).items():
            names = entry.names if section in ("scenarios", "kinds") else entry
            yield f"data/catalog.toml [{section}.{key}] zh", names.zh
    help_zh = REPO / "src" / "ozon_urgent" / "data" / "help.zh.txt"
    yield "data/help.zh.txt", help_zh.read_text("utf-8")
    readme = REPO / "README.zh-CN.md"
    for number, line in enumerate(readme.read_text("utf-8").splitlines(), start=1):
        yield f"README.zh-CN.md:{number}", line
    sample = sample_content("misjudged_delisting", catalog)  # names every kind of ID
    yield "ticket/render.py id_summary", render.id_summary(sample, "zh")
    yield "ticket/render.py _MADE_BY_TOOL", " ".join(render._MADE_BY_TOOL["zh"].values())
    yield "ticket/seller_copy.py _ID_LIST", seller_copy._ID_LIST["zh"]


SURFACE = list(chinese_surface())


def test_the_glossary_table_holds_the_decisions() -> None:
    ruled_out = {term for entry in TERMS for term in entry.not_to_use}
    decided = {"货件编号", "订单编号", "商家编码", "工单号", "物流商", "Seller Center", "时间段", "俄文"}
    assert decided | {"Client-Id", "你"} <= ruled_out
    assert {"俄文引号", "卖家后台（Seller Center）"} <= {p for entry in TERMS for p in entry.except_in}
    chosen = {entry.english: entry.chinese for entry in TERMS}
    assert chosen["carrier"] == "承运商" and chosen["the case's `period`"] == "期间"


def test_the_surface_is_read() -> None:
    places = {where.split(":")[0].split(" ")[0] for where, _ in SURFACE}
    templates = {"templates/seller/letter.zh.md.j2", "templates/filing/FILING.zh.md.j2"}
    assert {"messages/zh.toml", *templates} <= places
    assert any("货件号" in text for where, text in SURFACE if where.startswith("templates/seller/"))
    assert not any("The seller's copy" in text for _, text in SURFACE)  # a Jinja comment is not read


@pytest.mark.parametrize("term", [t for t in TERMS if t.not_to_use], ids=lambda t: t.english)
def test_no_chinese_text_uses_a_term_the_glossary_rules_out(term: Term) -> None:
    found = []
    for where, text in SURFACE:
        for phrase in term.except_in:
            text = text.replace(phrase, " ")
        found += [f"{where}: {ruled_out}" for ruled_out in term.not_to_use if ruled_out in text]
    assert found == [], f"use {term.chinese}: {found}"


def test_the_seller_is_addressed_as_nin_never_ni() -> None:
    assert [where for where, text in SURFACE if "你" in text] == []
