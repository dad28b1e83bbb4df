"""What a pack holds: attachments under their Ozon names, the ticket and the seller's copy, FILING, JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from ozon_urgent import __version__
from ozon_urgent.attachments import AttachmentReport
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import Catalog
from ozon_urgent.findings import Finding, finding_dict
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.content import (
    CATEGORY,
    PRIORITY,
    PackAttachment,
    TicketContent,
    attachment_name,
    ids_of,
    ticket_content,
)
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.seller_copy import seller_copy


@dataclass(frozen=True, slots=True)
class PackContents:
    content: TicketContent
    attachments: list[PackAttachment]
    files: dict[str, bytes]  # relative name in the pack → bytes
    body_chars: int = 0  # the ticket body's length, the IDs list moved out already if it was too long


def pack_contents(
    case: Case,
    case_id: str,
    case_sha256: str,
    evidence: tuple[list[tuple[str, bytes]], list[AttachmentReport]],
    findings: list[Finding],
    renderer: Renderer,
    catalog: Catalog,
    policy: Policy,
    lang: Lang,
    case_file: str | None = None,
    ledger: str | None = None,
) -> PackContents:
    """Every file of the pack, rendered from the case and the evidence bytes judged for it; `case_file`
    (the path `build` was given) and `ledger` (the one it recorded in) go into FILING.md's commands."""
    blobs, reports = evidence
    attachments, files = _attachments(case, catalog, blobs, reports)
    content = ticket_content(case, case_id, catalog, attachments)
    ticket = renderer.ticket(content)
    longest = max((len(group.items) for group in content.id_groups), default=0)
    if longest > policy.ids_in_letter_max or (
        content.id_groups and len(ticket.body) > policy.letter_max_chars
    ):
        content = _with_id_list(content, files)
        attachments = list(content.attachments)
        ticket = renderer.ticket(content)
    files["ticket.txt"] = ticket.text.encode("utf-8")
    copy = seller_copy(case, content, catalog, lang)
    files[copy.file_name] = renderer.seller_copy(copy).encode("utf-8")
    files["FILING.md"] = renderer.filing(content, catalog, policy, lang, case_file, ledger).encode("utf-8")
    files["ticket.json"] = _ticket_json(
        content, ticket.subject, ticket.body, case_sha256, findings, copy.file_name, lang
    )
    return PackContents(content, attachments, files, len(ticket.body))


def _with_id_list(content: TicketContent, files: dict[str, bytes]) -> TicketContent:
    """The content with every ID in a generated NN-id_list.pdf, which the letter names and counts from."""
    from ozon_urgent.ticket.id_list import COLUMN_HEADERS, GlyphsMissingError, render_id_list_pdf

    columns = [(g.key, COLUMN_HEADERS[g.key], g.items) for g in content.id_groups]  # type: ignore[index]
    try:
        pdf = render_id_list_pdf(content.store, content.client_id, content.case_id, columns)
    except GlyphsMissingError:  # a store name the font cannot draw: the Client ID names the store alone
        pdf = render_id_list_pdf("", content.client_id, content.case_id, columns)
    number = len(content.attachments) + 1
    name = attachment_name(number, "id_list", "pdf")
    kind_ru = f"полный перечень {ids_of([g.key for g in content.id_groups])} по этому обращению"
    digest = hashlib.sha256(pdf.data).hexdigest()
    files[f"attachments/{name}"] = pdf.data
    added = PackAttachment(number, name, "id_list", kind_ru, None, len(pdf.data), digest)
    return replace(content, attachments=(*content.attachments, added), ids_attachment=name)


def _attachments(
    case: Case, catalog: Catalog, blobs: list[tuple[str, bytes]], reports: list[AttachmentReport]
) -> tuple[list[PackAttachment], dict[str, bytes]]:
    attachments: list[PackAttachment] = []
    files: dict[str, bytes] = {}
    for number, (item, (_, data), report) in enumerate(zip(case.evidence, blobs, reports, strict=True), 1):
        name = attachment_name(number, item.kind, report.format or "pdf")
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(
            PackAttachment(
                number,
                name,
                item.kind,
                catalog.kinds[item.kind].names.ru,
                item.caption_ru,
                len(data),
                digest,
                item.span(),
                item.date,
            )
        )
        files[f"attachments/{name}"] = data
    return attachments, files


def _ticket_json(
    content: TicketContent,
    subject: str,
    body: str,
    case_sha256: str,
    findings: list[Finding],
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
        "case_sha256": case_sha256,
        "tool_version": __version__,
        "findings": [finding_dict(f, lang) for f in findings],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
