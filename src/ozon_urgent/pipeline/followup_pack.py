"""A follow-up's pack: only what Ozon does not have yet, the Russian comment, the files to attach."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ozon_urgent.casefile.model import Case
from ozon_urgent.ledger.queries import IdSet, Ticket
from ozon_urgent.ledger.workdays import MOSCOW
from ozon_urgent.ticket.content import (
    ID_LABELS,
    IdGroup,
    attachment_name,
    describe_attachment,
    ids_subject,
)
from ozon_urgent.ticket.pack_text import pack_json

TEMPLATE = "followup/comment.txt.j2"
# ids_subject's plural nouns in the genitive: «к перечню отправлений», «к перечню заказов и товаров».
_GENITIVE = {"отправления": "отправлений", "заказы": "заказов", "товары": "товаров"}


@dataclass(frozen=True, slots=True)
class NewAttachment:
    number: int
    name: str  # as in the follow-up pack: 01-carrier_statement.pdf
    kind: str
    kind_ru: str
    caption_ru: str | None
    span: tuple[date, date] | None
    sha256: str
    data: bytes
    source_sha256: str = ""  # the seller's file, when `data` is its --fix copy
    on: date | None = None  # a document's own date (`date:`), said «от …» as in the ticket

    @property
    def description(self) -> str:
        return describe_attachment(self.kind_ru, self.caption_ru, self.span, self.on)


@dataclass(frozen=True, slots=True)
class FollowupPlan:
    ticket: Ticket
    number: int
    store: str
    attachments: tuple[NewAttachment, ...]
    new_ids: tuple[tuple[str, str], ...]  # (kind, value)

    @property
    def empty(self) -> bool:
        return not self.attachments and not self.new_ids

    @property
    def ids_subject(self) -> str:
        """What the IDs added since the ticket are: «отправления», «отправления и товары»…"""
        return ids_subject([group.key for group in self.id_groups])

    @property
    def ids_genitive(self) -> str:
        """The same in the genitive, for «к перечню отправлений и товаров»."""
        words = self.ids_subject
        for nominative, genitive in _GENITIVE.items():
            words = words.replace(nominative, genitive)
        return words

    @property
    def id_groups(self) -> tuple[IdGroup, ...]:
        groups = []
        for key, (label, label_one, noun) in ID_LABELS.items():
            items = tuple(value for kind, value in self.new_ids if kind == key)
            if items:
                groups.append(IdGroup(key, label, noun, items, label_one))
        return tuple(groups)


@dataclass(frozen=True, slots=True)
class EvidenceBytes:
    """One evidence entry as the evidence gate passed it: the bytes for the pack and both hashes."""

    index: int  # in case.evidence
    data: bytes  # the seller's file, or its `--fix` copy
    sha256: str  # of `data`
    source_sha256: str  # of the seller's own file
    format: str  # "pdf" | "jpeg"


def plan_followup(
    case: Case,
    evidence: Sequence[EvidenceBytes],
    ticket: Ticket,
    sent: frozenset[str],
    known_ids: IdSet,
    *,
    kinds_ru: Mapping[str, str],
    first_number: int = 1,
) -> FollowupPlan:
    """The evidence Ozon has not received for this ticket, and the IDs added since.

    A file is already sent when either its own SHA-256 or its `--fix` copy's is in the thread, so a photo
    that `build --fix` converted is not sent again, fixed or not. New attachments are numbered on from
    `first_number`, after every file the thread already holds, so no name is sent twice in one ticket.
    """
    attachments: list[NewAttachment] = []
    seen = set(sent)
    for gated in evidence:
        if gated.sha256 in seen or gated.source_sha256 in seen:
            continue
        seen.update((gated.sha256, gated.source_sha256))
        item = case.evidence[gated.index]
        number = first_number + len(attachments)
        attachments.append(
            NewAttachment(
                number,
                attachment_name(
                    number, item.caption_ru or kinds_ru.get(item.kind, ""), gated.format, item.kind
                ),
                item.kind,
                kinds_ru.get(item.kind, item.kind),
                item.caption_ru,
                item.span(),
                gated.sha256,
                gated.data,
                gated.source_sha256,
                item.date,
            )
        )
    current = case.affected.ids_by_kind()
    new_ids = tuple(
        (kind, value)
        for kind, values in current.items()
        for value in values
        if (kind, value) not in known_ids
    )
    return FollowupPlan(ticket, ticket.followups + 1, case.seller.store_name, tuple(attachments), new_ids)


def render_comment(plan: FollowupPlan, age_working_days: int, templates: Path | None = None) -> str:
    """The Russian comment from the Jinja template (an agency's override first, like the ticket's)."""
    from ozon_urgent.ticket.render import Renderer

    filed_at = plan.ticket.filed_at
    assert filed_at is not None and plan.ticket.reference is not None
    return Renderer(templates).text(
        TEMPLATE,
        f=plan,
        reference=plan.ticket.reference,
        client_id=plan.ticket.client_id,
        filed_on=filed_at.astimezone(MOSCOW).date(),
        age=age_working_days,
    )


def followup_files(plan: FollowupPlan, comment: str, now: datetime) -> dict[str, bytes]:
    """The follow-up pack: comment.txt to paste into the ticket, followup.json, the new attachments."""
    meta = {
        "case_id": plan.ticket.case_id,
        "reference": plan.ticket.reference,
        "followup": plan.number,
        "created_at": now.isoformat(),
        "comment": comment,
        "new_ids": [{"kind": kind, "value": value} for kind, value in plan.new_ids],
        "attachments": [
            {"name": a.name, "kind": a.kind, "bytes": len(a.data), "sha256": a.sha256}
            for a in plan.attachments
        ],
    }
    files = {"comment.txt": comment.encode("utf-8")}
    files["followup.json"] = pack_json(meta)
    for item in plan.attachments:
        files[f"attachments/{item.name}"] = item.data
    return files
