"""Every built-in template, rendered for every example, passes the whole Russian gate with no finding."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from gate_support import REPO, TODAY_ISO, context_of, run_gate

from kit.packs import find_pack
from ozon_urgent.catalog import Scenario, load_catalog
from ozon_urgent.russian_gate import TextReport, allowed, analyse
from ozon_urgent.ticket.content import PackAttachment, TicketContent, ticket_content
from ozon_urgent.ticket.render import Renderer

EXAMPLES = sorted((REPO / "examples" / "cases").glob("*/case.yaml"))
HEADER = "URGENT: Performance Review Request"


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example built once with the real CLI, as a seller would."""
    from typer.testing import CliRunner

    from ozon_urgent.cli.app import app

    out = tmp_path_factory.mktemp("packs")
    args = ["build", "--out", str(out), "--lang", "en", "--today", TODAY_ISO, *map(str, EXAMPLES)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout
    return out


def prose(ticket: str, ids: list[str], names: list[str]) -> str:
    """The ticket without what is not prose: the fixed header, links, IDs and attachment file names."""
    text = ticket.replace(HEADER, " ").replace("URGENT:", " ")
    text = re.sub(r"https?://\S+", " ", text)
    for item in sorted(ids + names, key=len, reverse=True):
        text = text.replace(item, " ")
    return text


def findings(report: TextReport) -> dict[str, object]:
    """What the gate found, by kind, for an assertion message."""
    found = {name: getattr(report, name) for name in TextReport.__dataclass_fields__ if name != "words"}
    found["invisible"] = report.invisible.counts
    return {name: value for name, value in found.items() if value}


@pytest.mark.parametrize("case_file", EXAMPLES, ids=lambda p: p.parent.name)
def test_rendered_ticket_passes_the_gate(packs: Path, case_file: Path) -> None:
    ctx = context_of(case_file)
    case_id = ctx.case.case_id or case_file.stem
    ticket = (find_pack(packs, case_id) / "ticket.txt").read_text("utf-8")
    data = json.loads((find_pack(packs, case_id) / "ticket.json").read_text("utf-8"))
    ids = [str(item) for group in data["ids"].values() for item in group]
    names = [attachment["name"] for attachment in data["attachments"]]
    words = allowed([*ctx.case.allow_words, ctx.case.seller.store_name])
    for text in (prose(ticket, ids, names), ticket):  # the gate also masks IDs, links and the header itself
        report = analyse(text, words)
        assert report.problems == 0, findings(report)


@pytest.mark.parametrize("case_file", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_case_passes_every_gate_check(case_file: Path) -> None:
    found = run_gate(context_of(case_file))
    assert found == [], [(hit.code, hit.hit.path, hit.hit.params) for hit in found]


def _variants(content: TicketContent, scenario: Scenario) -> Iterator[TicketContent]:
    """The example under each request of its scenario, and without the optional parts of the templates."""
    for request in scenario.requests:
        yield replace(content, request=request)
    yield replace(content, notification_text=None, metric_ru=None, links=())
    if scenario.ids_mode == "warn_if_empty":  # a ticket about the whole store
        yield replace(content, id_groups=())


@pytest.mark.parametrize("case_file", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_template_branch_passes_the_gate(case_file: Path) -> None:
    ctx = context_of(case_file)
    catalog = load_catalog()
    attachments = [
        PackAttachment(
            n,
            f"{n:02d}-{item.kind}.pdf",
            item.kind,
            catalog.kinds[item.kind].names.ru,
            item.caption_ru,
            1,
            "0" * 64,
            item.span(),
        )
        for n, item in enumerate(ctx.case.evidence, 1)
    ]
    content = ticket_content(ctx.case, "case", catalog, attachments)
    words = allowed([*ctx.case.allow_words, ctx.case.seller.store_name])
    renderer = Renderer()
    for variant in _variants(content, catalog.scenarios[ctx.case.scenario]):
        report = analyse(renderer.ticket(variant).text, words)
        assert report.problems == 0, (variant.request, findings(report))
