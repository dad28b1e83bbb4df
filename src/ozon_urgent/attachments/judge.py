"""One file's bytes to a judgement: detect the real format, then hand it to the PDF or JPEG inspector."""

from __future__ import annotations

from pathlib import PurePath

from ozon_urgent.attachments.model import AttachmentHit, InspectLimits, Judgement
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.attachments.sniff import FAMILIES, display_name, sniff
from ozon_urgent.findings.codes import Code

_EXTENSIONS = {"pdf": (".pdf",), "jpeg": (".jpg", ".jpeg", ".jpe", ".jfif")}
_PACK_EXTENSION = {"pdf": ".pdf", "jpeg": ".jpg"}
_HEADER_WINDOW = 1024
_LOOSE_FORMATS = (None, "text", "csv", "html", "xml")  # what a PDF with junk before its header sniffs as


def judge(name: str, data: bytes, limits: InspectLimits) -> Judgement:
    """Runs in a child: the inspectors import pypdf and Pillow, which only a child should pay for."""
    fmt = sniff(data)
    if fmt in _LOOSE_FORMATS and b"%PDF-" in data[:_HEADER_WINDOW]:
        # Viewers tolerate junk before the header; Ozon's checker and we do not.
        return Judgement("pdf", (AttachmentHit(Code.ATTACHMENT_DAMAGED, "pdf_header"),))
    if fmt == "pdf":
        from ozon_urgent.attachments.pdf_inspect import inspect_pdf

        index = Indexer()
        pages, hits = inspect_pdf(data, limits, index)
        hits = [*hits, *_extension_hits(name, fmt)]
        return Judgement(fmt, tuple(hits), pages=pages, shown=index.shown())
    if fmt == "jpeg":
        from ozon_urgent.attachments.jpeg_inspect import inspect_jpeg

        index = Indexer()
        width, height, found = inspect_jpeg(data, limits, index)
        hits = [*found, *_extension_hits(name, fmt)]
        return Judgement(fmt, tuple(hits), width=width, height=height, shown=index.shown())
    family = FAMILIES.get(fmt, "unknown") if fmt else "unknown"
    return Judgement(
        fmt,
        (
            AttachmentHit(
                Code.ATTACHMENT_WRONG_FORMAT,
                family,
                {"format": fmt or "unknown", "format_name": display_name(fmt)},
            ),
        ),
    )


def _extension_hits(name: str, fmt: str) -> list[AttachmentHit]:
    suffix = PurePath(name).suffix.lower()
    if suffix in _EXTENSIONS[fmt]:
        return []
    return [
        AttachmentHit(
            Code.ATTACHMENT_EXTENSION_MISMATCH,
            params={
                "extension": suffix or "(none)",
                "format_name": display_name(fmt),
                "pack_extension": _PACK_EXTENSION[fmt],
            },
        )
    ]
