"""Personal data in a PDF's text, page by page, and the pages the search did not reach said out loud."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pypdf
from PIL import Image
from pypdf.errors import LimitReachedError

from ozon_urgent.attachments.cpu_budget import cpu_clock
from ozon_urgent.attachments.jpeg_inspect import bomb_guard
from ozon_urgent.attachments.model import AttachmentHit, InspectLimits, Params
from ozon_urgent.attachments.ocr import OcrError, not_read_hit, ocr_hits
from ozon_urgent.attachments.personal_data import Own, scan_pages
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.findings.codes import Code


@dataclass
class _TextRun:
    """What the page-by-page text search got through; filled in while scan_pages consumes it."""

    count: int
    searched: list[int] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)
    read: int = 0  # pages whose text was read, the one cut by the character budget included
    has_text: bool = False
    stop: str = ""  # "text_time" | "text_pages" | "text_chars" when a limit ended the search
    stopped_at: int = 0  # the first page (1-based) not fully searched
    ocr_read: int = 0  # pages without text whose picture was read by OCR
    ocr_skipped: list[int] = field(default_factory=list)  # pages without text past the OCR page limit
    # Scanned pages whose picture could not be read, by why: "image_too_large" | "image_unreadable".
    not_read: dict[str, list[int]] = field(default_factory=dict)
    ocr_hits: list[AttachmentHit] = field(default_factory=list)
    ocr_error: OcrError | None = None  # the first time the engine could not read a page
    index: Indexer | None = None  # hears every text read, for the index of what the file shows


def text_hits(
    reader: pypdf.PdfReader, count: int, limits: InspectLimits, deadline: float, index: Indexer | None = None
) -> list[AttachmentHit]:
    """Personal data on every page, as far as the time, page and character budgets reach.

    Where a budget stops the search, the pages left are named (A216): a silent cut-off once let a
    phone number on page 25 pass as checked. Pages are scanned as they are read, so memory holds one
    page's text, not the document's. `deadline` is on `cpu_budget.cpu_clock` (processor time); pages
    without text are read by OCR up to `limits.pdf_ocr_pages` of them, a bound that does not depend on
    the machine, and the scanned pages past it are named (A216 ocr_pages). `index` hears each page's
    text (and each scanned page's OCR lines) from this same reading: what the file shows (shown.py).
    """
    run = _TextRun(count, index=index)
    time_budget = max(0.0, deadline - cpu_clock())  # what the text search had: named if it runs out
    try:
        hits = scan_pages(
            _page_texts(reader, limits, deadline, run), Own(limits.own_names, limits.own_addresses)
        )
    except LimitReachedError:
        return [AttachmentHit(Code.ATTACHMENT_BOMB, "pdf")]
    if run.unreadable and not run.read:
        return [AttachmentHit(Code.ATTACHMENT_DAMAGED, "pdf_text")]
    if run.searched and not run.has_text and not run.ocr_read:
        hits = [AttachmentHit(Code.ATTACHMENT_SCANNED, params={"pages": len(run.searched)})]
    hits.extend(run.ocr_hits)
    if run.ocr_error is not None:
        hits.append(not_read_hit(run.ocr_error))
    if run.unreadable:
        params: Params = {"pages": _page_ranges(run.unreadable), "total": count}
        hits.append(AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, "text_unreadable", params))
    if run.ocr_skipped:
        params = {"pages": _page_ranges(run.ocr_skipped), "total": count, "limit": limits.pdf_ocr_pages}
        hits.append(AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, "ocr_pages", params))
    for reason, pages in run.not_read.items():
        params = {"pages": _page_ranges(pages), "total": count, "limit_mp": limits.max_pixels // 1_000_000}
        hits.append(AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, reason, params))
    if run.stop:
        params = {"pages": _page_ranges(range(run.stopped_at, count + 1)), "total": count}
        if run.stop == "text_time":
            params["seconds"] = _seconds(time_budget)
        elif run.stop == "text_pages":
            params["limit"] = limits.pdf_text_pages
        else:
            params["limit"] = limits.pdf_text_chars
        hits.append(AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, run.stop, params))
    return hits


def _page_texts(
    reader: pypdf.PdfReader, limits: InspectLimits, deadline: float, run: _TextRun
) -> Iterator[tuple[int, str]]:
    budget = limits.pdf_text_chars
    for index in range(run.count):
        page = index + 1
        stop = (
            "text_pages"
            if index >= limits.pdf_text_pages
            else "text_chars"
            if budget <= 0
            else "text_time"
            if cpu_clock() >= deadline
            else ""
        )
        if stop:
            run.stop, run.stopped_at = stop, page
            return
        try:
            text = _page_text(reader.pages[index])
        except (MemoryError, LimitReachedError):
            raise
        except Exception:  # one broken page must not hide the personal data on the others
            run.unreadable.append(page)
            continue
        scan = not text.strip() and limits.ocr and run.ocr_error is None
        if scan and run.ocr_read >= limits.pdf_ocr_pages:
            run.ocr_skipped.append(page)  # its picture is not read: the page is not searched
            continue
        outcome = _read_scan(reader, index, limits, deadline, run) if scan else _READ
        if outcome == _OUT_OF_TIME:
            return
        if outcome != _READ:  # a picture that was not read is a page not searched, never a clean one
            run.not_read.setdefault(outcome, []).append(page)
            continue
        if len(text) > budget:  # this page is searched only in part: it counts as not searched
            run.stop, run.stopped_at = "text_chars", page
            text = text[:budget]
        else:
            run.searched.append(page)
        budget -= len(text)
        run.read += 1
        run.has_text = run.has_text or bool(text.strip())
        if run.index is not None and text.strip():
            run.index.add(text)
        yield page, text
        if run.stop:
            return


# A glyph name left in the text where the font maps it to no character (no /ToUnicode). Some pypdf
# versions (6.20, our floor) write `/uni53F7` for 号, so `号12345678` came out as `.../uni53F712345678` and
# the ID as `712345678`. Only the four-digit form is read: the text runs on right after the name, so
# `/uni53F71234` is 号 and then 1234.
_GLYPH_NAME = re.compile(r"/uni([0-9A-F]{4})")


def glyph_names_read(text: str) -> str:
    """`text` with each Adobe glyph name `/uniXXXX` read as the character it names (a surrogate, which
    names none, is left as it is)."""
    if "/uni" not in text:
        return text

    def read(match: re.Match[str]) -> str:
        point = int(match.group(1), 16)
        return match.group(0) if 0xD800 <= point <= 0xDFFF else chr(point)

    return _GLYPH_NAME.sub(read, text)


def _page_text(page: pypdf.PageObject) -> str:
    """The page's text laid out by position, so a table's cells stand apart as they do on the page (a
    value is never searched across two cells); the plain reading where the layout cannot be made. Glyph
    names an older pypdf leaves in it are read as their characters."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except (MemoryError, LimitReachedError):
        raise
    except Exception:
        text = page.extract_text()
    return glyph_names_read(text)


_READ = "read"  # the page's picture was read, or it has none: its personal data was searched
_OUT_OF_TIME = "out_of_time"
_TOO_LARGE = "image_too_large"  # over `InspectLimits.max_pixels`, the limit a JPEG is held to
_UNREADABLE = "image_unreadable"  # pypdf or Pillow could not decode it (a JBIG2 scan, a broken stream)


def _read_scan(
    reader: pypdf.PdfReader, index: int, limits: InspectLimits, deadline: float, run: _TextRun
) -> str:
    """OCR a page without text (a scan) from its largest picture: _READ, _OUT_OF_TIME, or why the
    picture could not be read (then the page is named as not searched: A216)."""
    page = index + 1
    try:
        image = _largest_image(reader.pages[index], limits.max_pixels)
    except (MemoryError, LimitReachedError):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _TOO_LARGE  # its stream holds a bigger picture than its dictionary declares
    except Exception:  # a picture pypdf cannot decode is not text we could read
        return _UNREADABLE
    if image is None:
        return _READ
    if isinstance(image, str):
        return image
    try:
        own = Own(limits.own_names, limits.own_addresses)
        found = ocr_hits(image, deadline, limits.ocr_max_side, page=page, own=own, index=run.index)
        run.ocr_hits.extend(found)
    except OcrError as error:
        if error.variant == "timeout":
            run.stop, run.stopped_at = "text_time", page
            return _OUT_OF_TIME
        run.ocr_error = error  # a missing or failing engine fails every page: said once, not retried
        return _READ
    run.ocr_read += 1
    return _READ


def _largest_image(page: pypdf.PageObject, max_pixels: int) -> Image.Image | str | None:
    """The page's biggest image XObject, decoded; None when it has none, _TOO_LARGE when the biggest is
    over `max_pixels`. The size is the one its dictionary declares, so a 50000×50000 picture is refused
    before a byte of it is decoded; one whose stream is bigger than declared is stopped while decoding
    by the same guard as a JPEG (`bomb_guard`)."""
    resources = page.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    if objects is None:
        return None
    objects = objects.get_object()
    best: tuple[int, str] | None = None
    for name in objects:
        item = objects[name].get_object()
        if item.get("/Subtype") != "/Image":
            continue
        pixels = int(item.get("/Width", 0)) * int(item.get("/Height", 0))
        if pixels > 0 and (best is None or pixels > best[0]):
            best = (pixels, str(name))
    if best is None:
        return None
    if best[0] > max_pixels:
        return _TOO_LARGE
    with bomb_guard(max_pixels):
        image = page.images[best[1]].image
        if image is None:
            return _UNREADABLE
        image.load()
        return image


def _page_ranges(pages: Iterable[int]) -> str:
    """1, 2, 3, 7, 9, 10 → "1–3, 7, 9–10": the pages a seller has to look at themselves."""
    spans: list[list[int]] = []
    for page in pages:
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(f"{first}–{last}" if last > first else str(first) for first, last in spans)


def _seconds(value: float) -> str:
    return f"{round(value, 1):g}"
