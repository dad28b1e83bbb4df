"""The plain data of attachment inspection: limits, hits, what a file shows, reports and fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ozon_urgent.findings.codes import Code
from ozon_urgent.i18n import MIB

if TYPE_CHECKING:
    from ozon_urgent.policy import Policy


def _policy_max_bytes() -> int:
    # Imported here: the policy brings pydantic, which importing the attachments package does without.
    from ozon_urgent.policy import default_policy

    return default_policy().max_attachment_bytes


Params = dict[str, str | int]


@dataclass(frozen=True, slots=True)
class InspectLimits:
    """Budgets for judging one file: the size limit the default policy's, the rest what such a file needs."""

    max_bytes: int = field(default_factory=_policy_max_bytes)
    # Processor (CPU) seconds the work on one file may use, not wall time: on a busy machine a file takes
    # longer but gets as far, so the verdict does not depend on the load. Kept by the worker (its
    # deadlines and RLIMIT_CPU); the pool only ends a worker that is stuck (cpu_budget.hang_limit_s).
    # 30 s: a scanned PDF's pages are read within its share (60 %) up to `pdf_ocr_pages` of them with a
    # margin (1-1.8 s a page), so that count, not the clock, is what bounds a scan: on a busy machine
    # a processor second costs a little more, and a budget met only just was met on a quiet one alone.
    timeout_s: float = 30.0
    # Address space a child may add beyond what it inherited when it started: a forked child already
    # maps the parent's interpreter, so an absolute cap would depend on how big the caller happens to be.
    memory_bytes: int = 512 * MIB
    # The personal-data search reads every page while CPU time lasts (a share of timeout_s); these only
    # bound a pathological file. Wherever a limit stops the search, A216 names the pages left.
    pdf_text_pages: int = 100_000
    pdf_text_chars: int = 20_000_000
    # Pages without text (scans) whose picture is read by OCR, per PDF: a bound that is the same on any
    # machine, where the CPU budget alone would stop a long scan at a page that varies with the
    # processor. The scanned pages past it are named (A216 ocr_pages); pages with text are still searched.
    pdf_ocr_pages: int = 10
    # Looking for scripts and attached files: objects visited and levels of nesting (name trees, field
    # kids, /Next and /Parent chains). A file that needs more is refused (A210 pdf_too_complex).
    pdf_active_objects: int = 100_000
    pdf_active_depth: int = 64
    min_short_side: int = 600
    # Pillow refuses twice this outright and warns above it; both become a hit.
    max_pixels: int = 50_000_000
    # Pictures (JPEGs, scanned PDF pages) are read with Tesseract for personal data (off: A217 is never
    # reported, and a picture's text is simply not searched). A longer side is scaled down to this first:
    # a 12-megapixel photo read at full size costs seconds and finds no more. 2000 keeps a phone's
    # 1080×1920 screenshot whole and an iPhone's 1170×2532 at 0.79 (app text stays over 25 px), and
    # holds `check` over 200 mixed files to ~250 MB (301 MB at 2500).
    ocr: bool = True
    ocr_max_side: int = 2000
    # `--fix` may shrink a JPEG that is over `max_bytes`; this bounds what the caller reads for that.
    fix_max_input_bytes: int = 64 * MIB
    # The seller's own names and addresses, which evidence shows and which are no buyer's personal data:
    # the policy's `own_names` / `own_addresses` and the case's store name. Part of the verdict's key.
    own_names: tuple[str, ...] = ()
    own_addresses: tuple[str, ...] = ()
    # Test hook: let files that start with FAULT_MARKER hang, crash or exhaust memory in the child.
    debug_faults: bool = False

    @classmethod
    def for_policy(cls, policy: Policy, store_name: str | None = None) -> InspectLimits:
        """The budgets a case's policy sets (its size limit, the seller's own names and addresses) and
        the case's store name, the rest as they are."""
        names = (*policy.own_names, store_name) if store_name else policy.own_names
        return cls(
            max_bytes=policy.max_attachment_bytes,
            own_names=tuple(names),
            own_addresses=tuple(policy.own_addresses),
        )


# A personal-data hit read in a picture past the findings' cap: the places of the occurrences not listed
# ("x,y,w,h;x,y,w,h…"), so that `--fix` covers every one.
MORE_REGIONS = "more_regions"


@dataclass(frozen=True, slots=True)
class AttachmentHit:
    """One problem with one file; `variant` picks message_<variant> / hint_<variant> in the catalog."""

    code: Code
    variant: str = ""
    params: Params = field(default_factory=dict)


@dataclass(frozen=True, slots=True, order=True)
class Amount:
    """A sum of money a file shows, with its currency."""

    value: Decimal
    currency: str  # "RUB" | "CNY" | "USD"


@dataclass(frozen=True, slots=True)
class Shown:
    """What one file shows (attachments.shown builds it and says how to ask it: `shows`); each ID in its
    stored form: its digits, with a dash wherever the text separated them."""

    postings: frozenset[str] = frozenset()  # 8–10 + 4 + 1–2 digits, separated at least once
    orders: frozenset[str] = frozenset()  # 8–10 + 4 digits separated; also the head of a posting shown
    skus: frozenset[str] = frozenset()  # 9–10 digits a label names (SKU, артикул, 商品编号)
    numbers: frozenset[str] = frozenset()  # every other run of 6–16 digits standing alone
    codes: frozenset[str] = frozenset()  # words of letters and digits (offer IDs), upper case
    dates: frozenset[date] = frozenset()
    amounts: frozenset[Amount] = frozenset()

    def ids(self) -> frozenset[str]:
        return self.postings | self.orders | self.skus | self.numbers


@dataclass(frozen=True, slots=True)
class AttachmentReport:
    path: str
    size: int | None
    sha256: str | None  # of exactly the bytes that were inspected
    format: str | None  # "pdf", "jpeg", another detected format name, or None when unknown/unread
    pages: int | None
    width: int | None
    height: int | None
    hits: tuple[AttachmentHit, ...]
    # What the file's text shows (IDs, dates, amounts: attachments.shown); None when no text was read.
    # Read by the same pass as the personal-data search; where A216/A217 are among the hits, only in part.
    shown: Shown | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a child found in one file's bytes; the parent adds path, size and hash."""

    format: str | None
    hits: tuple[AttachmentHit, ...]
    pages: int | None = None
    width: int | None = None
    height: int | None = None
    shown: Shown | None = None


@dataclass(frozen=True, slots=True)
class FixChange:
    """One step of `--fix`: what changed, and the file before and after that step."""

    # "converted" | "metadata_stripped" | "trailing_removed" | "segments_removed" | "masked" | "reencoded"
    # | "downscaled"
    what: str
    before_size: int
    after_size: int
    before_sha256: str
    after_sha256: str
    detail: Params = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FixRefused:
    """Why `--fix` made no copy of a file that needed one; `reason` picks the B004 message."""

    reason: str  # pixels · memory · timeout · multi_page · undecodable · cannot_shrink · format · internal
    params: Params = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FixedAttachment:
    data: bytes
    sha256: str
    format: str  # always "jpeg" today
    changes: tuple[FixChange, ...]
