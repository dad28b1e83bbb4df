"""Templates tried before a run: rendered once on sample content, their Russian read like a case's."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date

from ozon_urgent import i18n
from ozon_urgent.catalog import ID_KINDS, Catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.content import PackAttachment, TicketContent, TicketLink, id_groups_of
from ozon_urgent.ticket.render import Renderer, TemplateError
from ozon_urgent.ticket.seller_copy import sample_seller_copy

# Lines of a rendered letter the gate has no business reading: the fixed Latin header, file names, links.
_NOT_PROSE = re.compile(
    r"^(URGENT: .*|\d+\. [\w.-]+\.(pdf|jpg)|— .*https?://\S+|Client ID \d+|.*\bhttps?://\S+)$"
)
# Latin the letter itself uses on purpose (docs/russian-terms.md).
_ALLOWED = ("Client", "ID", "SKU", "product_id", "Ozon", "URGENT", "FBS", "rFBS", "FBO", "ERP", "API")


def sample_content(scenario: str, catalog: Catalog) -> TicketContent:
    """A ticket that uses every field, to try templates out before a run writes anything."""
    spec = catalog.scenarios[scenario]
    kinds = [kind for group in spec.evidence for kind in group]
    attachments = tuple(
        PackAttachment(
            n,
            f"{n:02d}-{kind}.pdf",
            kind,
            catalog.kinds[kind].names.ru,
            "Подпись к файлу",
            1,
            "0" * 64,
            (date(2026, 9, 1), date(2026, 11, 1)),
        )
        for n, kind in enumerate(kinds, 1)
    )
    samples = {"postings": ("1-0001-1", "2-0001-1"), "orders": ("1-0001",), "offer_ids": ("A-1", "A-2")}
    return TicketContent(
        case_id="sample",
        scenario=scenario,
        scenario_ru=spec.names.ru,
        store="Пример",
        client_id="1",
        received=date(2026, 11, 2),
        notification_text="Текст уведомления.",
        metric_ru="показатель",
        explanation="Текст обращения.",
        changes="Текст о принятых мерах.",
        request=spec.requests[0],
        period=(date(2026, 9, 1), date(2026, 11, 1)),
        id_groups=id_groups_of({kind: samples.get(kind, ("1",)) for kind in ID_KINDS}),
        attachments=attachments,
        links=(TicketLink("видео распаковки", "https://example.org/v", "Видео распаковки"),),
        scheme="rFBS",
        carrier="Пример",
    )


def _letter_parts(scenario: str) -> list[str]:
    """Every template a scenario's letter is rendered from, the scenario's own first."""
    parts = ("_notification", "_argument", "_request", "_ids", "_attachments", "base", "subject")
    return [f"ticket/{scenario}.txt.j2", *(f"ticket/{part}.txt.j2" for part in parts)]


def preflight(
    renderer: Renderer, scenarios: Collection[str], catalog: Catalog, policy: Policy, lang: Lang
) -> None:
    """Render every template a run needs once on sample content: a broken override stops the run early."""
    for scenario in sorted(scenarios):
        if scenario not in catalog.scenarios:
            continue
        for request in catalog.scenarios[scenario].requests:
            content = sample_content(scenario, catalog)
            content = replace(content, request=request)
            ticket = renderer.ticket(content)
            renderer.filing(content, catalog, policy, lang, "cases/sample/case.yaml")
            # The letter's own Russian, override or not, passes the gate a seller's text must pass.
            gate_letter(ticket.text, renderer.sources(_letter_parts(scenario)), [content.store], lang)
            for russian in (False, True):  # the seller's text, and the Russian as filed when there is none
                renderer.seller_copy(sample_seller_copy(content, catalog, lang, russian=russian))


def gate_letter(text: str, sources: Sequence[tuple[str, str]], names: Sequence[str], lang: Lang) -> None:
    """Raise TemplateError naming the template and line where the rendered `text` has Russian the gate
    refuses: words Russian does not have, Latin look-alikes inside Russian words, English, capitals.

    `sources` are (template name, its text) of every template the letter was rendered from; `names` are
    words of the case itself (the sample's store name), which are not the template's doing.
    """
    from ozon_urgent.russian_gate import allowed, analyse

    prose = "\n".join(line for line in text.splitlines() if not _NOT_PROSE.match(line.strip()))
    report = analyse(prose, allowed([*_ALLOWED, *names]))
    found = [
        *(mixed.word for mixed in report.mixed),
        *(word.word for word in report.unknown),
        *report.english,
        *report.pinyin,
        *report.shouted,
    ]
    if not found:
        return
    word = found[0]
    name, line = _where(word, sources)
    detail = i18n.text(lang, "cli.errors", "template_russian", words=", ".join(f"«{w}»" for w in found[:5]))
    raise TemplateError(name, line, detail)


def _where(word: str, sources: Sequence[tuple[str, str]]) -> tuple[str, int | None]:
    for name, source in sources:
        for number, line in enumerate(source.splitlines(), 1):
            if word in line:
                return name, number
    return (sources[0][0] if sources else "?"), None
