"""What a pack holds: attachments under their Ozon names, the ticket and the seller's copy, FILING, JSON."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from ozon_urgent import __version__
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import Catalog, load_catalog
from ozon_urgent.findings import CaseResult, Code, finding_dict
from ozon_urgent.i18n import Lang
from ozon_urgent.pipeline.gate import GatedFile
from ozon_urgent.pipeline.repeat import TICKET_JSON, BuildPrint
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.appeal import AppealDue
from ozon_urgent.ticket.content import (
    CATEGORY,
    PRIORITY,
    PackAttachment,
    TicketContent,
    attachment_name,
    ticket_content,
)
from ozon_urgent.ticket.left_warnings import left_warnings
from ozon_urgent.ticket.pack_text import pack_json
from ozon_urgent.ticket.render import DEFAULT_OUT, FilingNotes, Renderer, shell_word
from ozon_urgent.ticket.seller_copy import seller_copy


@dataclass(frozen=True, slots=True)
class PackContents:
    content: TicketContent
    attachments: list[PackAttachment]
    files: dict[str, bytes]  # relative name in the pack → bytes
    body_chars: int = 0  # the ticket body's length, the IDs list moved out already if it was too long


@dataclass(frozen=True, slots=True)
class PackSource:
    """What a pack is made from: the checked case and its findings, its evidence as the gate passed it
    (the `--fix` copies where made), the policy's limits, the reader's language for FILING.md and the
    seller's copy, the ledger FILING.md's commands name (None: none named), and the digest of the
    settings that change a pack (`pipeline.repeat.settings_digest`), kept in ticket.json; `appeal`: the
    appeal deadline FILING.md and the seller's copy open with (None for an `as_of` case); `built`: the
    build's time, for FILING's `--at` example."""

    case: Case
    result: CaseResult  # the case file as `build` was given it, its case_id, hash and findings
    evidence: Sequence[GatedFile]
    policy: Policy
    lang: Lang
    ledger: str | None = None
    settings: str = ""
    out: str = DEFAULT_OUT  # `--out` as given: FILING.md names the pack's folder and followup's
    appeal: AppealDue | None = None
    built: datetime | None = None


def pack_contents(source: PackSource, renderer: Renderer) -> PackContents:
    """Every file of the pack, rendered from the case and the evidence bytes judged for it."""
    case, result, policy, lang = source.case, source.result, source.policy, source.lang
    assert result.case_id is not None
    catalog = load_catalog()
    attachments, files = _attachments(case, catalog, source.evidence)
    content = ticket_content(case, result.case_id, catalog, attachments)
    longest = max((len(group.items) for group in content.id_groups), default=0)
    if longest > policy.ids_in_letter_max:
        content = _with_id_list(content, files)
    ticket = renderer.ticket(content)
    if content.proof and len(ticket.body) > policy.letter_max_chars:  # the files per ID go first
        content = replace(content, proof_lines=False)
        ticket = renderer.ticket(content)
    if not content.ids_attachment and content.id_groups and len(ticket.body) > policy.letter_max_chars:
        content = _with_id_list(content, files)
        ticket = renderer.ticket(content)
    attachments = list(content.attachments)
    files["ticket.txt"] = ticket.text.encode("utf-8")
    copy = seller_copy(case, content, catalog, lang, shell_word(result.file) if result.file else "CASE")
    copy = replace(copy, appeal=source.appeal)
    files[copy.file_name] = renderer.seller_copy(copy).encode("utf-8")
    captions = {a.number: a.caption for a in copy.attachments if a.caption}  # the seller's own words
    unreviewed = any(f.code == Code.RUSSIAN_NOT_REVIEWED for f in result.findings)  # as `check` said it
    # What FILING.md says before its steps; C173 and C160 have paragraphs of their own there.
    elsewhere = [Code.RUSSIAN_NOT_REVIEWED, *([Code.APPEAL_WINDOW_PASSED] if source.appeal else [])]
    notes = FilingNotes(
        unreviewed, source.appeal, left_warnings(result.findings, lang, elsewhere), source.built
    )
    filing = renderer.filing(
        content, catalog, policy, lang, result.file, source.ledger, source.out, captions, notes
    )
    files["FILING.md"] = filing.encode("utf-8")
    made_from = BuildPrint(source.settings, tuple(g.source_sha256 for g in source.evidence))
    files[TICKET_JSON] = _ticket_json(
        content, ticket.subject, ticket.body, result, made_from.as_json(files), copy.file_name, lang
    )
    return PackContents(content, attachments, files, len(ticket.body))


def _with_id_list(content: TicketContent, files: dict[str, bytes]) -> TicketContent:
    """The content with every ID in a generated list (`NN-perechen-otpravlenii.pdf`, named and titled by
    what it holds), which the letter names and counts from."""
    from ozon_urgent.ticket.id_list import COLUMN_HEADERS, GlyphsMissingError, render_id_list_pdf

    columns = [(g.key, COLUMN_HEADERS[g.key], g.items) for g in content.id_groups]  # type: ignore[index]
    title = content.ids_title
    try:
        pdf = render_id_list_pdf(content.store, content.client_id, title, columns)
    except GlyphsMissingError:  # a store name the font cannot draw: the Client ID names the store alone
        pdf = render_id_list_pdf("", content.client_id, title, columns)
    number = len(content.attachments) + 1
    name = attachment_name(number, title, "pdf", "id_list")
    kind_ru = f"полный {title[:1].lower()}{title[1:]}"
    digest = hashlib.sha256(pdf.data).hexdigest()
    files[f"attachments/{name}"] = pdf.data
    added = PackAttachment(number, name, "id_list", kind_ru, None, len(pdf.data), digest)
    return replace(content, attachments=(*content.attachments, added), ids_attachment=name)


def _attachments(
    case: Case, catalog: Catalog, evidence: Sequence[GatedFile]
) -> tuple[list[PackAttachment], dict[str, bytes]]:
    attachments: list[PackAttachment] = []
    files: dict[str, bytes] = {}
    listed = len(case.affected.ids_by_kind().get("postings") or ())
    for number, gated in enumerate(evidence, 1):
        item, data = case.evidence[gated.index], gated.data
        shown = gated.report.shown
        # How many postings the file is about: those its text shows, else those the case lists
        kind_ru = catalog.kinds[item.kind].ru_for(len(shown.postings) if shown and shown.postings else listed)
        name = attachment_name(number, item.caption_ru or kind_ru, gated.report.format or "pdf", item.kind)
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(
            PackAttachment(
                number,
                name,
                item.kind,
                kind_ru,
                item.caption_ru,
                len(data),
                digest,
                item.span(),
                item.date,
                gated.report.shown,
            )
        )
        files[f"attachments/{name}"] = data
    return attachments, files


def _ticket_json(
    content: TicketContent,
    subject: str,
    body: str,
    result: CaseResult,
    build: dict[str, object],
    seller_copy_file: str,
    lang: Lang,
) -> bytes:
    data = {
        "case_id": content.case_id,
        "scenario": content.scenario,
        "category": CATEGORY,
        "priority": PRIORITY,
        "subject": subject,
        "body": body,
        "ids": content.ids,
        "attachments": [
            {"name": a.name, "kind": a.kind, "bytes": a.size, "sha256": a.sha256} for a in content.attachments
        ],
        "links": [{"kind_ru": link.kind_ru, "url": link.url} for link in content.links],
        "seller_copy": seller_copy_file,  # the letter in the seller's language: to read, never to file
        "case_sha256": result.case_sha256 or "",
        "tool_version": __version__,
        "build": build,  # what `build` run again compares (pipeline.repeat): settings, sources, files
        "findings": [finding_dict(f, lang) for f in result.findings],
    }
    return pack_json(data)
