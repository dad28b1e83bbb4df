"""What the ticket says: the case turned into the values the Russian templates render."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ozon_urgent.attachments.model import Shown
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.quotes import unwrapped
from ozon_urgent.catalog import Catalog, IdKind
from ozon_urgent.ticket.names import slug
from ozon_urgent.ticket.proof import common_files, proof_of, ru_common
from ozon_urgent.ticket.russian import GrammaticalCase, as_sentence, ru_date, ru_span
from ozon_urgent.ticket.subject import Subject, request_about, subject_for, subject_line
from ozon_urgent.ticket.wording import IdBlock, id_blocks, id_list_title, listed, listed_nouns

CATEGORY = "Performance & Ratings"
PRIORITY = "Urgent"


# The two formats Ozon accepts, and the extension a file of each gets in a pack.
PACK_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg"}


def attachment_name(number: int, what_ru: str, fmt: str, kind: str = "file") -> str:
    """`03-akty-peredachi-otpravlenii.jpg`: how the ticket, FILING.md and the pack's folder all name a
    file, after what it is (`what_ru`: its Russian caption, else its kind's Russian name), transliterated
    (ticket.names); the kind's key where the Russian has no letters. The number keeps names unique."""
    return f"{number:02d}-{slug(what_ru) or kind.replace('_', '-')}.{PACK_EXTENSIONS[fmt]}"


@dataclass(frozen=True, slots=True)
class PackAttachment:
    number: int
    name: str  # as in the pack: 01-carrier_statement.pdf
    kind: str
    kind_ru: str
    caption_ru: str | None
    size: int
    sha256: str
    span: tuple[date, date] | None = None
    on: date | None = None  # a document's own date (`date:`), said «от …»; `span` is the days it covers
    # What the file's text shows (attachments.shown), for the letter to say where each ID is proved;
    # None where nothing was read, and for the ID list the tool makes, which is no evidence.
    shown: Shown | None = field(default=None, compare=False, repr=False)

    @property
    def description(self) -> str:
        """What the file shows, one sentence: the seller's caption, else the kind with its dates."""
        return describe_attachment(self.kind_ru, self.caption_ru, self.span, self.on)


def ids_subject(keys: Sequence[str]) -> str:
    """What the listed IDs are, in the plural: «отправления и товары», «товары», «заказы»…"""
    shipments = [word for key, word in (("postings", "отправления"), ("orders", "заказы")) if key in keys]
    goods = ["товары"] if {"skus", "products", "offer_ids"} & set(keys) else []
    words = [*shipments, *goods]
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " и " + words[-1]


def describe_attachment(
    kind_ru: str, caption_ru: str | None, span: tuple[date, date] | None, on: date | None = None
) -> str:
    """The caption replaces the kind's label (never both, which says one thing twice); a document's own
    date reads «от 17.11.2026», the days a file covers «за 24.11.2026» or «за период с … по …»."""
    if caption_ru:
        return as_sentence(caption_ru)
    if on is not None:
        return as_sentence(f"{kind_ru} от {ru_date(on)}")
    if span is not None:
        return as_sentence(f"{kind_ru} {ru_span(*span)}")
    return as_sentence(kind_ru)


@dataclass(frozen=True, slots=True)
class IdGroup:
    key: str  # postings, orders, skus, products, offer_ids
    label: str  # Russian label of the list, plural: «номера отправлений»
    noun: str  # the noun its count agrees with
    items: tuple[str, ...]
    label_one: str = ""  # the label over a single ID: «номер отправления»

    @property
    def line(self) -> str:
        """«номер отправления: 57195475-0050-3», or «номера отправлений, всего 21: …» on one line, as the
        follow-up comment lists new IDs (the ticket lists one a line: `TicketContent.id_blocks`)."""
        if len(self.items) == 1:
            return f"{self.label_one or self.label}: {self.items[0]}"
        return f"{self.label}, всего {len(self.items)}: {', '.join(self.items)}"

    def preview(self, shown: int) -> str:
        """The line with only the first `shown` IDs, for a list attached whole as a PDF."""
        if len(self.items) <= shown:
            return self.line
        return f"{self.label}, всего {len(self.items)}, первые {shown}: {', '.join(self.items[:shown])}"


@dataclass(frozen=True, slots=True)
class TicketLink:
    kind_ru: str
    url: str
    caption_ru: str | None


@dataclass(frozen=True, slots=True)
class TicketContent:
    case_id: str
    scenario: str
    scenario_ru: str
    store: str
    client_id: str
    received: date
    notification_text: str | None
    metric_ru: str | None
    explanation: str
    request: str
    period: tuple[date, date] | None
    id_groups: tuple[IdGroup, ...]
    attachments: tuple[PackAttachment, ...]
    links: tuple[TicketLink, ...] = field(default_factory=tuple)
    # The attachment that carries every ID when the lists are too long for the letter, and how many of
    # each list the letter itself still shows.
    ids_attachment: str | None = None
    ids_preview: int = 5
    # What the store has changed since (`explanation.changes.ru`), after the facts (`explanation`).
    changes: str | None = None
    # SKU → its артикул, where the case pairs them: the letter writes the two on one line
    sku_offers: Mapping[str, str] = field(default_factory=dict)
    # `delivery:`: the sales scheme (FBS, rFBS, FBO) and the carrier, said in one line after the notification
    scheme: str | None = None
    carrier: str | None = None
    # Whether the letter says which attached file shows each listed ID (ticket.proof): off where those
    # words alone would take the letter past its length, and never over a list attached whole.
    proof_lines: bool = True
    # The metric's name in the genitive («доли возвратов»), for the subject; None where not known.
    metric_gent: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        return {g.key: len(g.items) for g in self.id_groups}

    @property
    def subject(self) -> str:
        """What the seller asks Ozon to do, in at most ~80 characters, agreeing with what is listed."""
        return self.subject_said.line

    @property
    def subject_said(self) -> Subject:
        """The subject with how it was said (the seller's copy says the same); the scenario's name for a
        request the subject does not know."""
        known = subject_for(self.request, self.counts, self.client_id, self.metric_gent)
        line = subject_line(as_sentence(self.scenario_ru).rstrip("."), self.client_id)
        return known or Subject(line, "without")

    @property
    def coverage(self) -> tuple[date, date] | None:
        """From the earliest to the latest day the attachments speak for."""
        spans = [a.span for a in self.attachments if a.span is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    @property
    def ids_heading(self) -> str:
        """«Обращение касается отправлений и товаров:», «… 21 отправления:» — what the case lists."""
        return self._ids_layout[0]

    @property
    def id_blocks(self) -> tuple[IdBlock, ...]:
        """The ID lists as the letter shows them, one ID a line (the first few when attached whole)."""
        return self._ids_layout[1]

    @property
    def _ids_layout(self) -> tuple[str, tuple[IdBlock, ...]]:
        groups = [(g.key, g.items) for g in self.id_groups]
        preview = self.ids_preview if self.ids_attachment else None
        main = self.main_group.key if self.main_group else None
        proof = self.proof
        if common_files(groups, self.sku_offers, proof):  # said once under the list instead
            proof = {}
        return id_blocks(groups, self.sku_offers, preview, main, self.ids_attachment, proof)

    @property
    def proof(self) -> dict[str, tuple[str, ...]]:
        """Each listed ID some attached file shows → those files' numbers («03»); empty where the letter
        says none (a list attached whole, `proof_lines` off)."""
        if self.ids_attachment or not self.proof_lines:
            return {}
        ids = [item for g in self.id_groups for item in g.items]
        return proof_of(self.attachments, ids)

    @property
    def proof_files(self) -> tuple[str, ...]:
        """The files that show every listed ID alike, said once under the list instead of on each row."""
        groups = [(g.key, g.items) for g in self.id_groups]
        return common_files(groups, self.sku_offers, self.proof)

    @property
    def proof_summary(self) -> str:
        """«Все отправления указаны в файле 03.» under the list, or "" (then each row says its files)."""
        files = self.proof_files
        return ru_common(listed_nouns(self.counts), files) if files else ""

    @property
    def main_group(self) -> IdGroup | None:
        """The list the request acts on (postings, or the goods' best list), which the letter lists first
        and the other lists' labels refer to; None for a request about the store as a whole."""
        about = request_about(self.request)
        return self.group("postings") if about == "postings" else self.product_group if about else None

    @property
    def ids_title(self) -> str:
        """The attached list's title: «Перечень отправлений», «Перечень отправлений и товаров»…"""
        return id_list_title(self.counts)

    def group(self, key: str) -> IdGroup | None:
        return next((g for g in self.id_groups if g.key == key), None)

    @property
    def product_group(self) -> IdGroup | None:
        """The list that names the products best: SKUs, then product IDs, then offer IDs."""
        return self.group("skus") or self.group("products") or self.group("offer_ids")

    def listed(self, group: IdGroup, case: GrammaticalCase = "nomn") -> str:
        """The request's words for the IDs of `group` listed above: «указанное выше отправление», «все
        перечисленные выше товары», a list attached whole by its count and file."""
        noun = group.noun if group.key in ("postings", "orders") else "товар"
        return listed(noun, len(group.items), case, self.ids_attachment)

    @property
    def request_names_ids(self) -> bool:
        """Whether the request sentence itself names the listed IDs (and so the attached full list)."""
        about = request_about(self.request)
        return bool(about) and any(
            g.key in (("postings",) if about == "postings" else ("skus", "products", "offer_ids"))
            for g in self.id_groups
        )

    @property
    def ids(self) -> dict[str, list[str]]:
        return {g.key: list(g.items) for g in self.id_groups}


# Russian labels of each ID list, for many IDs and for one, and the noun a count of them agrees with
# (docs/russian-terms.md); the ticket and the follow-up comment both list IDs this way. Keyed by every kind
# of catalog.ID_KINDS, in its order.
ID_LABELS: dict[IdKind, tuple[str, str, str]] = {
    "postings": ("номера отправлений", "номер отправления", "отправление"),
    "orders": ("номера заказов", "номер заказа", "заказ"),
    "skus": ("SKU", "SKU", "товар"),
    "products": ("идентификаторы товаров (product_id)", "идентификатор товара (product_id)", "товар"),
    "offer_ids": ("артикулы", "артикул", "артикул"),
}


def id_groups_of(ids: Mapping[str, Sequence[str]]) -> tuple[IdGroup, ...]:
    """The letter's ID lists from IDs by kind, in catalog.ID_KINDS order, a kind without IDs left out."""
    return tuple(
        IdGroup(key, label, noun, tuple(ids[key]), label_one)
        for key, (label, label_one, noun) in ID_LABELS.items()
        if ids.get(key)
    )


def ticket_content(
    case: Case, case_id: str, catalog: Catalog, attachments: list[PackAttachment]
) -> TicketContent:
    scenario = catalog.scenarios[case.scenario]
    links = tuple(
        TicketLink(catalog.kinds[link.kind].names.ru, link.url, link.caption_ru)
        for link in case.links
        if link.kind in catalog.kinds
    )
    assert case.explanation is not None  # checked before building
    facts, changes = case.explanation.part("facts"), case.explanation.part("changes")
    assert facts is not None and facts.ru and case.request  # checked before building
    return TicketContent(
        case_id=case_id,
        scenario=scenario.id,
        scenario_ru=scenario.names.ru,
        store=case.seller.store_name,
        client_id=case.seller.client_id,
        received=case.notification.received,
        # The letter quotes both in its own «»; a pair typed around the whole text would be doubled (C203).
        notification_text=unwrapped(case.notification.text) if case.notification.text else None,
        metric_ru=catalog.metric_ru(scenario, case.notification.metric),  # never a raw key
        metric_gent=catalog.metric_ru_gent(scenario, case.notification.metric),
        explanation=facts.ru.strip(),
        changes=(changes.ru or "").strip() or None if changes else None,
        request=case.request,
        period=(case.period.start, case.period.end) if case.period else None,
        id_groups=id_groups_of(case.affected.ids_by_kind()),
        sku_offers=case.affected.sku_offers(),
        attachments=tuple(attachments),
        links=links,
        scheme=case.delivery.scheme if case.delivery else None,
        carrier=unwrapped(case.delivery.carrier) if case.delivery and case.delivery.carrier else None,
    )
