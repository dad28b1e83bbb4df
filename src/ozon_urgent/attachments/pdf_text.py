"""Personal data in a PDF's text, page by page, and the pages the search did not reach said out loud."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pypdf
from pypdf.errors import LimitReachedError

from ozon_urgent.attachments.model import AttachmentHit, InspectLimits, Params
from ozon_urgent.attachments.personal_data import scan_pages
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


def text_hits(
    reader: pypdf.PdfReader, count: int, limits: InspectLimits, deadline: float
) -> list[AttachmentHit]:
    """Personal data on every page, as far as the time, page and character budgets reach.

    Where a budget stops the search, the pages left are named (A216): a silent cut-off once let a
    phone number on page 25 pass as checked. Pages are scanned as they are read, so memory holds one
    page's text, not the document's.
    """
    run = _TextRun(count)
    time_budget = max(0.0, deadline - time.monotonic())  # what the text search had: named if it runs out
    try:
        hits = scan_pages(_page_texts(reader, limits, deadline, run))
    except LimitReachedError:
        return [AttachmentHit(Code.ATTACHMENT_BOMB, "pdf")]
    if run.unreadable and not run.read:
        return [AttachmentHit(Code.ATTACHMENT_DAMAGED, "pdf_text")]
    if run.searched and not run.has_text:
        hits = [AttachmentHit(Code.ATTACHMENT_SCANNED, params={"pages": len(run.searched)})]
    if run.unreadable:
        params: Params = {"pages": _page_ranges(run.unreadable), "total": count}
        hits.append(AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, "text_unreadable", params))
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
            if time.monotonic() >= deadline
            else ""
        )
        if stop:
            run.stop, run.stopped_at = stop, page
            return
        try:
            text = reader.pages[index].extract_text()
        except (MemoryError, LimitReachedError):
            raise
        except Exception:  # one broken page must not hide the personal data on the others
            run.unreadable.append(page)
            continue
        if len(text) > budget:  # this page is searched only in part: it counts as not searched
            run.stop, run.stopped_at = "text_chars", page
            text = text[:budget]
        else:
            run.searched.append(page)
        budget -= len(text)
        run.read += 1
        run.has_text = run.has_text or bool(text.strip())
        yield page, text
        if run.stop:
            return


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
