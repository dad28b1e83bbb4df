"""The case file as a pydantic model (docs/case-file.md), strict about names and ID formats."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ozon_urgent.casefile.dates import FIRST_DATE, LAST_DATE
from ozon_urgent.casefile.identity import CASE_ID
from ozon_urgent.casefile.loader import PlainFloat, PlainInt
from ozon_urgent.casefile.quotes import ID_QUOTES, WRAPPING_PAIRS, marks_of
from ozon_urgent.catalog import ID_KINDS
from ozon_urgent.findings import FieldPath

# What sellers type when they mean "everything": Ozon wants the IDs themselves.
PLACEHOLDERS = frozenset({"all", "any", "все", "всё", "全部", "所有", "*", "...", "…", "n/a", "tbd", "todo"})


def _as_text(value: object) -> object:
    """A number written where text is wanted keeps its source form: `0123` stays "0123"."""
    if isinstance(value, (PlainInt, PlainFloat)):
        return value.raw
    return value


def _no_quotes_in_id(value: object) -> object:
    """An ID that carries quotation marks, refused before its format is judged: the message names the
    marks (a posting with “” is not "not a posting number", and an артикул would take them as its own)."""
    if not isinstance(value, str):
        return value
    marks = "".join(dict.fromkeys(char for char in value if char in ID_QUOTES))
    if marks:
        bare = "".join(char for char in value if char not in ID_QUOTES).strip()
        raise PydanticCustomError(
            "id_quotes",
            "quotation marks {marks} in an ID: {value}",
            {"value": value[:60], "marks": marks, "bare": bare[:60]},
        )
    return value


def _id_format(kind: str, pattern: re.Pattern[str], example: str, *, in_list: bool = True) -> AfterValidator:
    def check(value: str) -> str:
        if not in_list and not value.strip():
            raise PydanticCustomError("string_too_short", "empty")
        if value.strip().lower() in PLACEHOLDERS or not value.strip():
            raise PydanticCustomError(
                "placeholder_id", "placeholder instead of an ID: {value}", {"value": value}
            )
        if not pattern.fullmatch(value):
            raise PydanticCustomError(
                f"{kind}_format",
                "not a valid {kind}: {value} (like {example})",
                {"value": value, "kind": kind, "example": example},
            )
        return value

    return AfterValidator(check)


def _positive_id(value: object) -> object:
    _no_quotes_in_id(value)
    if isinstance(value, str) and (value.strip().lower() in PLACEHOLDERS or not value.strip()):
        raise PydanticCustomError("placeholder_id", "placeholder instead of an ID: {value}", {"value": value})
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# How sellers write a date otherwise: 2026/11/20, 2026.11.20, 2026-11-2, 2026年11月20日, 20.11.2026.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def _date_written(value: object) -> object:
    """Only `YYYY-MM-DD`: pydantic would read `1764288000` as a Unix timestamp and `2026/11/20` not at all.

    A date written another common way gets the exact replacement in its hint; a day the calendar does
    not have is said in words (pydantic's own text is English)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):  # bool too
        shown = str(value)[:40]
        raise PydanticCustomError("date_number", "a number is not a date: {value}", {"value": shown})
    if not isinstance(value, str):
        return value
    text = value.strip()
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        _check_calendar(text, *(int(part) for part in iso.groups()))
        return text
    year_first, day_first = _YEAR_FIRST.fullmatch(text), _DAY_FIRST.fullmatch(text)
    parts = year_first.groups() if year_first else day_first.groups()[::-1] if day_first else None
    if parts is not None:
        year, month, day = (int(part) for part in parts)
        _check_calendar(text[:40], year, month, day)
        suggestion = f"{year:04d}-{month:02d}-{day:02d}"
        raise PydanticCustomError(
            "date_written_as", "write {value} as {suggestion}", {"value": text[:40], "suggestion": suggestion}
        )
    raise PydanticCustomError("date_form", "not written as YYYY-MM-DD: {value}", {"value": value[:40]})


def _check_calendar(shown: str, year: int, month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise PydanticCustomError("date_month", "no month {month}: {value}", {"value": shown, "month": month})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise PydanticCustomError(
            "date_day",
            "{year}-{month} has {days} days: {value}",
            {"value": shown, "year": year, "month": month, "days": days},
        )


def _date_in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError(
            "date_range",
            "{value} is outside {first} … {last}",
            {"value": value.isoformat(), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
        )
    return value


CaseDate = Annotated[dt.date, BeforeValidator(_date_written), AfterValidator(_date_in_range)]

# Characters no file name needs and a terminal or a path call would misread: C0/C1 controls, DEL.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _evidence_path(value: object) -> object:
    """A relative path that names a file; judged before anything touches the file system."""
    if not isinstance(value, str):
        return value
    control = _PATH_CONTROL.search(value)
    if control:
        point = f"U+{ord(control.group()):04X}"
        raise PydanticCustomError("path_control", "a control character ({char}) in a path", {"char": point})
    parts = [part for part in value.replace("\\", "/").split("/") if part not in ("", ".")]
    if value.strip() and not parts:  # ".", "./": no file named at all (a real folder is C181's)
        raise PydanticCustomError(
            "path_not_file", "{value} names a folder, not a file", {"value": value[:80]}
        )
    return value


Text = Annotated[str, BeforeValidator(_as_text)]
NonEmptyText = Annotated[str, BeforeValidator(_as_text), Field(min_length=1)]
PostingNumber = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_no_quotes_in_id),
    _id_format("posting", re.compile(r"\d+-\d{4}-\d+"), "57195475-0050-3"),
    Field(json_schema_extra={"pattern": r"^\d+-\d{4}-\d+$"}),
]
OrderNumber = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_no_quotes_in_id),
    _id_format("order", re.compile(r"\d+-\d{4}"), "57195475-0050"),
    Field(json_schema_extra={"pattern": r"^\d+-\d{4}$"}),
]
OfferId = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_no_quotes_in_id),
    _id_format("offer_id", re.compile(r"\S(.{0,48}\S)?", re.DOTALL), "250-7898-1"),
    Field(max_length=50),
]
ClientId = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_no_quotes_in_id),
    _id_format("client_id", re.compile(r"[0-9]{1,20}"), "1234567", in_list=False),
    Field(json_schema_extra={"pattern": r"^[0-9]{1,20}$"}),
]
PositiveId = Annotated[int, Field(gt=0, lt=2**63), BeforeValidator(_positive_id)]
CaseId = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(pattern=rf"^{CASE_ID.pattern}$"),
    AfterValidator(lambda v: _no_dots(v)),
]


def _no_dots(value: str) -> str:
    if ".." in value:
        raise PydanticCustomError("case_id_dots", "case_id must not contain '..'")
    return value


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


# Quotation marks typed around a store's name would reach the ticket as «“Haoyun Home”». A mark inside a
# name is the name's own (Bob’s Home, Ромашка «Дом»): only a name wrapped whole in a pair is refused.
def _no_quotes(value: str) -> str:
    for opening, closing in WRAPPING_PAIRS:
        if len(value) > 1 and value.startswith(opening) and value.endswith(closing):
            raise PydanticCustomError(
                "store_name_quotes",
                "quotation marks in the store's name: {marks}",
                {"marks": marks_of((opening, closing))},
            )
    return value


class Seller(StrictModel):
    store_name: Annotated[NonEmptyText, AfterValidator(_no_quotes)]
    client_id: ClientId


class Notification(StrictModel):
    received: CaseDate
    text: Text | None = None
    metric: Text | None = None


# Ozon's sales schemes as Seller Center writes them; what sellers also type for each, to suggest it.
SCHEMES = ("FBS", "rFBS", "FBO")
_SCHEME_SPELLINGS = {"fbs": "FBS", "rfbs": "rFBS", "realfbs": "rFBS", "real fbs": "rFBS", "fbo": "FBO"}


def _scheme(value: object) -> object:
    """`FBS`, `rFBS` or `FBO` exactly: the letter quotes it, and `rfbs` or `realFBS` gets the spelling."""
    value = _as_text(value)
    if isinstance(value, str) and value in SCHEMES:
        return value
    shown = value[:40] if isinstance(value, str) else repr(value)[:40]
    spelled = _SCHEME_SPELLINGS.get(" ".join(shown.lower().replace("-", " ").split()))
    empty = value is None or (isinstance(value, str) and not value.strip())  # as `init` leaves it
    variant = "scheme_spelling" if spelled else "scheme_empty" if empty else "scheme_value"
    raise PydanticCustomError(
        variant,
        "not a sales scheme: {value} (one of FBS, rFBS, FBO)",
        {"value": shown, "suggestion": spelled or "", "expected": ", ".join(SCHEMES)},
    )


class Delivery(StrictModel):
    """How the case's postings reached the buyer: the sales scheme and whose carrier it was.

    The first thing an Ozon agent asks on a carrier or sync case: on FBS the handover is Ozon's own
    acceptance scan, on rFBS the seller's carrier's tracking counts."""

    scheme: Annotated[
        Literal["FBS", "rFBS", "FBO"],
        BeforeValidator(_scheme),
        Field(description="The sales scheme of the affected postings: FBS, rFBS or FBO."),
    ]
    carrier: NonEmptyText | None = Field(
        default=None,
        description="The delivery service that carried the postings, as its documents name it"
        " (e.g. SwiftRoute Logistics); required for carrier_failure (C196).",
    )


class SkuOffer(StrictModel):
    """A SKU with the seller's артикул of the same product: the letter writes them on one line."""

    sku: PositiveId
    offer_id: OfferId


# A SKU alone (`498274975`) or paired with its артикул (`{sku: 498274975, offer_id: BH-LAMP-0042}`).
SkuItem = Annotated[
    Annotated[SkuOffer, Tag("pair")] | Annotated[PositiveId, Tag("sku")],
    Discriminator(lambda v: "pair" if isinstance(v, (dict, SkuOffer)) else "sku"),
]


class Affected(StrictModel):
    postings: list[PostingNumber] = Field(default_factory=list)
    orders: list[OrderNumber] = Field(default_factory=list)
    skus: list[SkuItem] = Field(default_factory=list)
    products: list[PositiveId] = Field(default_factory=list)
    offer_ids: list[OfferId] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _refuse_placeholders(cls, data: object) -> object:
        if isinstance(data, str) and data.strip().lower() in PLACEHOLDERS:
            raise PydanticCustomError(
                "placeholder_id", "placeholder instead of an ID: {value}", {"value": data}
            )
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, str) and value.strip().lower() in PLACEHOLDERS:
                    raise PydanticCustomError(
                        "placeholder_list",
                        "{key}: {value} instead of a list of IDs",
                        {"key": key, "value": value},
                    )
        return data

    def ids_by_kind(self) -> dict[str, list[str]]:
        """Every kind of ID (catalog.ID_KINDS, in its order, an empty list for a kind not given) with its
        IDs as the ticket writes them: the one walk over the lists that the letter, the checks, the batch
        and the ledger share."""
        ids: dict[str, list[str]] = {kind: [str(value) for value in getattr(self, kind)] for kind in ID_KINDS}
        ids["skus"] = [str(item.sku if isinstance(item, SkuOffer) else item) for item in self.skus]
        ids["offer_ids"] = list(dict.fromkeys([*ids["offer_ids"], *self.sku_offers().values()]))
        return ids

    def sku_offers(self) -> dict[str, str]:
        """Each SKU written with its артикул (the mapping form of `skus`), as text: SKU → артикул."""
        return {str(item.sku): item.offer_id for item in self.skus if isinstance(item, SkuOffer)}

    def total(self) -> int:
        return sum(len(ids) for ids in self.ids_by_kind().values())


class DateRange(StrictModel):
    start: CaseDate = Field(alias="from")
    end: CaseDate = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start > self.end:
            raise PydanticCustomError(
                "range_order",
                "'from' {start} is after 'to' {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
# Who made a back-translation: the engine `translate` used, or a person (the examples). A file written
# before this was kept has none, and its back-translations were machine work: read as such.
BackBy = Literal["deepl", "tencent", "person"]


class ExplanationPart(StrictModel):
    """One part of the appeal, in the seller's language (`text`) and in Russian (`ru`)."""

    text: Text | None = None
    ru: Text | None = None
    # Written by `translate`: the SHA-256 of the `text` the Russian was made from, so a later edit of
    # the source shows the Russian is out of date.
    ru_source_sha256: Sha256 | None = None
    # Written by `translate` with an engine: `ru` translated back into the seller's language, for the
    # seller to check what the Russian says (ticket.zh.md), and the SHA-256 of the `ru` it was made from:
    # when `ru` no longer matches, the Russian was changed by hand since and the back-translation is old.
    ru_back: Text | None = None
    ru_back_sha256: Sha256 | None = None
    ru_back_by: BackBy | None = None


# The parts of a persuasive appeal the seller writes, in the letter's order; the request comes from the
# scenario and `request:`. The old single `text`/`ru` is the facts part.
EXPLANATION_PARTS = ("facts", "changes")


class Explanation(StrictModel):
    source_lang: Literal["zh", "en", "ru"]
    text: Text | None = None
    ru: Text | None = None
    ru_reviewed: bool = False
    ru_source_sha256: Sha256 | None = None
    ru_back: Text | None = None
    ru_back_sha256: Sha256 | None = None
    ru_back_by: BackBy | None = None
    facts: ExplanationPart | None = Field(
        default=None,
        description="What happened, when, whose fault, and which attachment shows it (in place of"
        " `text`/`ru`).",
    )
    changes: ExplanationPart | None = Field(
        default=None,
        description="What the store has changed since, so it does not happen again.",
    )

    @model_validator(mode="after")
    def _one_form(self) -> Explanation:
        if self.facts is not None and (self.text is not None or self.ru is not None):
            raise PydanticCustomError(
                "explanation_two_forms", "give the facts either as `text`/`ru` or under `facts:`, not both"
            )
        return self

    def parts(self) -> list[tuple[FieldPath, ExplanationPart]]:
        """Each part the case gives, with the path of its mapping: the old single text is the facts."""
        if self.facts is None and (self.text is not None or self.ru is not None or self.ru_source_sha256):
            legacy = ExplanationPart(
                text=self.text,
                ru=self.ru,
                ru_source_sha256=self.ru_source_sha256,
                ru_back=self.ru_back,
                ru_back_sha256=self.ru_back_sha256,
                ru_back_by=self.ru_back_by,
            )
            found: list[tuple[FieldPath, ExplanationPart]] = [(("explanation",), legacy)]
        else:
            found = [(("explanation", "facts"), self.facts)] if self.facts is not None else []
        if self.changes is not None:
            found.append((("explanation", "changes"), self.changes))
        return found

    def part(self, name: str) -> ExplanationPart | None:
        """`facts` (the old single text too) or `changes`."""
        return next((part for path, part in self.parts() if (path[1:] or ("facts",)) == (name,)), None)

    def russian(self) -> list[tuple[FieldPath, str]]:
        """The Russian of each part that has one, with its field path: what the checks read."""
        return [((*path, "ru"), part.ru) for path, part in self.parts() if part.ru and part.ru.strip()]


class Evidence(StrictModel):
    file: Annotated[str, BeforeValidator(_as_text), BeforeValidator(_evidence_path), Field(min_length=1)]
    kind: NonEmptyText
    covers: (
        Annotated[
            Annotated[DateRange, Tag("range")] | Annotated[CaseDate, Tag("date")],
            Discriminator(lambda v: "range" if isinstance(v, (dict, DateRange)) else "date"),
        ]
        | None
    ) = None
    date: CaseDate | None = None
    caption: Text | None = None  # in the seller's language; `translate` fills caption_ru from it
    caption_ru: Text | None = None
    caption_ru_source_sha256: Sha256 | None = None
    caption_ru_back: Text | None = None  # as `ru_back`, for the caption
    caption_ru_back_sha256: Sha256 | None = None
    caption_ru_back_by: BackBy | None = None
    personal_data_ok: bool = False

    @model_validator(mode="after")
    def _one_dating(self) -> Evidence:
        if self.covers is not None and self.date is not None:
            raise PydanticCustomError("covers_and_date", "give either 'covers' or 'date', not both")
        return self

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The days this evidence speaks for, or None when it carries no date."""
        if isinstance(self.covers, DateRange):
            return self.covers.start, self.covers.end
        single = self.covers if self.covers is not None else self.date
        return (single, single) if single is not None else None


class Link(StrictModel):
    url: Annotated[str, Field(pattern=r"^https?://[^\s/]+\.[^\s]+$", max_length=2000)]
    kind: NonEmptyText
    caption_ru: Text | None = None


# Ozon's Reference ID as the seller copies it from the ticket (ledger.reference says the same). The
# description sits in the same Field as the pattern: pydantic 2.7 drops an annotated pattern from the
# schema when the field also has a `= Field(...)` of its own.
ReferenceId = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(
        pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$",
        max_length=64,
        description="The ticket's Reference ID, as Ozon shows it.",
    ),
]


class Filed(StrictModel):
    """The ticket filed for this case, written into the case file so a CI without the ledger knows."""

    reference: ReferenceId
    at: CaseDate = Field(description="The day the ticket was filed (YYYY-MM-DD).")


class Case(StrictModel):
    case_id: CaseId | None = None
    # An example's (or an already filed case's) own "today": its dates are judged as of this day, not the
    # day of the run, so it gives the same verdict on any date. A case about to be filed has none.
    as_of: CaseDate | None = Field(
        default=None,
        description="Judge this case's dates (appeal window C160, stale evidence C151, dates in the future)"
        " as of this day instead of today: for examples and cases already filed, never for a case about"
        " to be filed (C162).",
    )
    # The ticket was filed: the checks that only matter before filing (C160, C151) are not run.
    filed: Filed | None = Field(
        default=None,
        description="The ticket filed for this case (`reference`, `at`): once filed, the appeal window"
        " (C160) and stale evidence (C151) are no longer judged, so a kept case does not fail as days pass.",
    )
    scenario: NonEmptyText
    seller: Seller
    notification: Notification
    delivery: Delivery | None = Field(
        default=None,
        description="The sales scheme (FBS, rFBS, FBO) and the carrier; required for carrier_failure and"
        " sync_delay (C196).",
    )
    affected: Affected = Field(default_factory=Affected)
    period: DateRange | None = None
    request: Text | None = None
    explanation: Explanation | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    # Words the Russian checks should accept in this case: brand names, model numbers, carriers' names.
    allow_words: list[NonEmptyText] = Field(default_factory=list)
