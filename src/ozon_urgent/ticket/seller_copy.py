"""The seller's copy of the letter: the ticket's IDs, dates and files, with the seller's own words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ozon_urgent.casefile.back_plausibility import BackLang, repeated_backs
from ozon_urgent.casefile.model import Case, Evidence, ExplanationPart
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.casefile.quotes import unwrapped
from ozon_urgent.catalog import Catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.ticket import seller_words
from ozon_urgent.ticket.back_check import BackTranslation, back_translation
from ozon_urgent.ticket.content import IdGroup, TicketContent
from ozon_urgent.ticket.wording import IdBlock

if TYPE_CHECKING:  # ticket.appeal writes its dates with this module's
    from ozon_urgent.ticket.appeal import AppealDue

# Spelled out: `%B` follows the machine's locale, and a pack must not depend on where it was built.
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def seller_copy_name(lang: Lang) -> str:
    """`ticket.zh.md`: the copy's name in the pack, by the run's message language."""
    return f"ticket.{lang}.md"


_ID_LIST = {"zh": "完整的 ID 清单（工具生成）", "en": "the full list of IDs (made by the tool)"}


@dataclass(frozen=True, slots=True)
class SellerAttachment:
    number: int
    name: str  # exactly as in the pack and the Russian list: 01-carrier_statement.pdf
    kind_name: str  # the catalog's name in the seller's language
    caption: str | None  # the seller's own caption; never the Russian one, which the seller cannot read
    span: tuple[date, date] | None = None  # the days the file covers, as the Russian describes it
    on: date | None = None  # a document's own date
    # What the seller can check of the Russian caption (`caption_ru`): None where the ticket has none.
    caption_back: BackTranslation | None = None


@dataclass(frozen=True, slots=True)
class SellerLink:
    kind_name: str
    url: str


@dataclass(frozen=True, slots=True)
class SellerCopy:
    """What the zh/en letter templates get: the Russian ticket's own content (`ticket`), so IDs, dates
    and file names cannot drift from it, plus the names and texts in the seller's language. Each part of
    the appeal is the seller's source text, or the Russian as filed when the case has none."""

    lang: Lang
    ticket: TicketContent
    scenario_name: str
    request_name: str
    metric_name: str | None
    facts: str
    facts_is_russian: bool
    attachments: tuple[SellerAttachment, ...]
    links: tuple[SellerLink, ...]
    changes: str | None = None  # only where the Russian letter has «Принятые меры»
    changes_is_russian: bool = False
    # What the seller can check of each part's Russian (back_check): None where nothing is to be checked,
    # a case written in Russian (`source_lang: ru`) or a part the letter does not have.
    facts_back: BackTranslation | None = None
    changes_back: BackTranslation | None = None
    case_file: str = "CASE"  # as `build` was given it, quoted for the shell: the command to run names it
    # False while no person has checked the Russian (`ru_reviewed`): the copy says so at its top, since a
    # back-translation shows what the Russian says, not that it says it well.
    ru_reviewed: bool = True
    # The appeal deadline, which the copy names at its top as FILING.md does (None for an `as_of` case).
    appeal: AppealDue | None = None

    @property
    def file_name(self) -> str:
        return seller_copy_name(self.lang)

    @property
    def translate_command(self) -> str:
        """What makes the back-translations the copy lacks: `ozon-urgent translate cases/a/case.yaml`."""
        return f"ozon-urgent translate {self.case_file}"

    @staticmethod
    def quoted(text: str) -> str:
        """The seller's own text as a Markdown quote, the way the copy shows a back-translation: set apart
        by the quote bar, never by a pair of quotation marks around it, and without the pair the seller
        typed around the whole text (“10月有三位买家……” would otherwise stand in quotes of its own)."""
        return "\n".join(f"> {line}".rstrip() for line in unwrapped(text).splitlines())

    @property
    def explanation(self) -> str:
        """Both parts as one text: what templates written before the two parts rendered."""
        return "\n\n".join(text for text in (self.facts, self.changes) if text)

    @property
    def explanation_is_russian(self) -> bool:
        return self.facts_is_russian and (self.changes is None or self.changes_is_russian)

    @property
    def subject(self) -> str:
        """The ticket's subject (without «URGENT:» and the Client ID) in the seller's language."""
        return seller_words.subject(self.ticket, self.lang, self.request_name, self.metric_name)

    @property
    def ids_heading(self) -> str:
        return seller_words.ids_heading(self.ticket, self.lang)

    @property
    def id_blocks(self) -> tuple[IdBlock, ...]:
        return seller_words.id_blocks(self.ticket)

    @property
    def proof_summary(self) -> str:
        """The Russian line under the list in the seller's language ("All the postings listed above…")."""
        return seller_words.proof_summary(self.ticket, self.lang)

    def listed(self, group: IdGroup) -> str:
        """The request's words for the IDs of `group` listed above, as the Russian names them."""
        return seller_words.listed(self.ticket, group, self.lang)


def seller_copy(
    case: Case, content: TicketContent, catalog: Catalog, lang: Lang, case_file: str = "CASE"
) -> SellerCopy:
    """The copy of `content` for a seller who reads `lang`, built from the same case; `case_file` is its
    path as `build` was given it, quoted for the shell (render.shell_word)."""
    scenario = catalog.scenarios[content.scenario]
    metric = case.notification.metric or scenario.metric
    assert case.explanation is not None  # checked before building, as for the ticket
    own = case.explanation.source_lang != "ru"
    facts, changes = case.explanation.part("facts"), case.explanation.part("changes")
    facts_own = _own(facts) if own else None
    changes_own = _own(changes) if own and content.changes else None  # only what the letter has
    evidence = content.attachments[: len(case.evidence)]
    backs = _Backs(case) if own else None
    attachments = (
        tuple(
            SellerAttachment(
                a.number,
                a.name,
                catalog.kinds[a.kind].names(lang),
                _one_line(item.caption),
                a.span,
                a.on,
                backs.caption(item) if backs else None,
            )
            for a, item in zip(evidence, case.evidence, strict=True)
        )
        + tuple(  # what the tool added: the full list of IDs when the letter only counts them
            SellerAttachment(a.number, a.name, _ID_LIST[lang], None)
            for a in content.attachments[len(evidence) :]
        )
    )
    links = tuple(
        SellerLink(catalog.kinds[link.kind].names(lang), link.url)
        for link in case.links
        if link.kind in catalog.kinds  # the same links the ticket lists
    )
    request = catalog.requests.get(content.request)
    return SellerCopy(
        lang=lang,
        ticket=content,
        scenario_name=scenario.names(lang),
        request_name=request(lang) if request else content.request,
        metric_name=catalog.metrics[metric](lang) if metric in catalog.metrics else None,  # never a raw key
        facts=facts_own or content.explanation,
        facts_is_russian=facts_own is None,
        changes=(changes_own or content.changes) if content.changes else None,
        changes_is_russian=changes_own is None,
        attachments=attachments,
        links=links,
        ru_reviewed=not own or case.explanation.ru_reviewed,
        facts_back=backs.part(facts) if backs else None,
        changes_back=backs.part(changes) if backs and content.changes else None,
        case_file=case_file,
    )


class _Backs:
    """The back-translations of a case written in zh or en, each judged with the others in view: one
    answer given for different Russian texts is an engine's failure, not a translation."""

    def __init__(self, case: Case) -> None:
        assert case.explanation is not None and case.explanation.source_lang != "ru"
        self.lang: BackLang = case.explanation.source_lang
        # Only back-translations of the Russian filed: a stale one is not shown, whatever it repeats.
        pairs = [
            (part.ru or "", part.ru_back or "", part.ru_back_sha256) for _, part in case.explanation.parts()
        ]
        pairs += [
            (item.caption_ru or "", item.caption_ru_back or "", item.caption_ru_back_sha256)
            for item in case.evidence
        ]
        self.repeated = repeated_backs((ru, back) for ru, back, sha in pairs if sha == source_sha256(ru))

    def part(self, part: ExplanationPart | None) -> BackTranslation | None:
        if part is None:
            return None
        return back_translation(
            part.ru,
            part.ru_back,
            part.ru_back_sha256,
            part.ru_back_by,
            lang=self.lang,
            repeated=self.repeated,
        )

    def caption(self, item: Evidence) -> BackTranslation | None:
        return back_translation(
            item.caption_ru,
            item.caption_ru_back,
            item.caption_ru_back_sha256,
            item.caption_ru_back_by,
            lang=self.lang,
            repeated=self.repeated,
        )


def _own(part: ExplanationPart | None) -> str | None:
    """The seller's own text of a part, or None where the case has none."""
    return (part.text or "").strip() or None if part else None


def _one_line(text: str | None) -> str | None:
    """A caption as one line of the attachment list, without a full stop of its own (the list puts its
    own mark after it); an empty one is no caption."""
    joined = " ".join(text.split()).rstrip("。．.;；") if text else ""
    return joined or None


def zh_date(day: date) -> str:
    """`2026年11月20日`: how a Chinese reader writes a date, with no zero padding."""
    return f"{day.year}年{day.month}月{day.day}日"


def zh_period(span: tuple[date, date]) -> str:
    """`2026年10月27日至11月9日`; one day is one date, never a range from a day to itself."""
    start, end = span
    if start == end:
        return zh_date(start)
    if start.year != end.year:
        tail = zh_date(end)
    elif start.month != end.month:
        tail = f"{end.month}月{end.day}日"
    else:
        tail = f"{end.day}日"
    return f"{zh_date(start)}至{tail}"


def en_date(day: date) -> str:
    """`20 November 2026`: no reader mistakes it for 11/20 or 20/11."""
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def en_period(span: tuple[date, date]) -> str:
    """`27 October – 9 November 2026`, `10–16 November 2026`; one day is one date."""
    start, end = span
    if start == end:
        return en_date(start)
    if start.year != end.year:
        return f"{en_date(start)} – {en_date(end)}"
    if start.month != end.month:
        return f"{start.day} {_EN_MONTHS[start.month - 1]} – {en_date(end)}"
    return f"{start.day}–{en_date(end)}"


def en_count(number: int, noun: str) -> str:
    """`1 posting`, `21 postings`: the nouns the English copy counts all take a plain -s."""
    return f"{number} {noun if number == 1 else noun + 's'}"


def sample_seller_copy(content: TicketContent, catalog: Catalog, lang: Lang, *, russian: bool) -> SellerCopy:
    """A copy of a sample ticket using every field, or the Russian fallback: a run tries overrides on it."""
    return SellerCopy(
        lang=lang,
        ticket=content,
        scenario_name=catalog.scenarios[content.scenario].names(lang),
        request_name=catalog.requests[content.request](lang),
        metric_name="metric",
        facts=content.explanation if russian else "Text",
        facts_is_russian=russian,
        changes=content.changes if russian else "Text",
        changes_is_russian=russian,
        attachments=tuple(
            SellerAttachment(
                a.number,
                a.name,
                a.kind,
                "Caption",
                a.span,
                a.on,
                _SAMPLE_BACKS[a.number % len(_SAMPLE_BACKS)],
            )
            for a in content.attachments
        ),
        links=tuple(SellerLink(link.kind_ru, link.url) for link in content.links),
        facts_back=_SAMPLE_BACKS[0 if russian else -1],
        changes_back=_SAMPLE_BACKS[1 if russian else 2],
    )


# Each state a back-translation can be in, for a sample copy to try an override on: by each maker, and
# one that looks failed.
_SAMPLE_BACKS = (
    BackTranslation("checked", "Back-translation"),
    BackTranslation("stale"),
    BackTranslation("unchecked"),
    BackTranslation("checked", "Back-translation", "deepl"),
    BackTranslation("checked", "Back-translation", "person"),
    BackTranslation("checked", "Back", "tencent", "too_short"),
)
