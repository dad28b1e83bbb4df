"""Judging a JPEG: it decodes fully, is big and sharp enough, and carries nothing it should not."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, MpoImagePlugin  # noqa: F401  (registers MPO: a phone's JPEG may be one)

from ozon_urgent.attachments.cpu_budget import cpu_clock
from ozon_urgent.attachments.exif_privacy import private_exif
from ozon_urgent.attachments.jpeg_hidden import further_frames_metadata, hidden_hits
from ozon_urgent.attachments.jpeg_markers import jpeg_layout
from ozon_urgent.attachments.model import AttachmentHit, InspectLimits
from ozon_urgent.attachments.ocr import OcrError, not_read_hit, ocr_hits
from ozon_urgent.attachments.personal_data import Own
from ozon_urgent.attachments.sharpness import BLUR_THRESHOLD, SHARPNESS_SIDE, sharpness
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.findings.codes import Code

JPEG_FORMATS = ["JPEG", "MPO"]
_PRIVATE_KINDS = ("gps", "serial")  # A213's variants, in the order they are reported
# Share of the file's CPU time budget (InspectLimits.timeout_s) reading the picture's text may use.
_OCR_TIME_SHARE = 0.8


def inspect_jpeg(
    data: bytes, limits: InspectLimits, index: Indexer | None = None
) -> tuple[int | None, int | None, list[AttachmentHit]]:
    """Width, height (None when unknown) and the hits; `index` hears the text OCR reads in the picture."""
    deadline = cpu_clock() + limits.timeout_s * _OCR_TIME_SHARE  # processor time, not wall time
    layout = jpeg_layout(data)
    try:
        with bomb_guard(limits.max_pixels):
            image = Image.open(io.BytesIO(data), formats=JPEG_FORMATS)
            size = image.size
            _draft_for_sharpness(image)
            image.load()  # verify() alone passes a truncated file; only decoding it all tells
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return layout.width, layout.height, [bomb_hit(layout.width, layout.height, limits)]
    except MemoryError:
        raise
    except Exception:
        variant = "jpeg_truncated" if layout.end is None else "jpeg"
        return layout.width, layout.height, [AttachmentHit(Code.ATTACHMENT_DAMAGED, variant)]
    width, height = size
    hits = _quality_hits(image, size, limits)
    hits.extend(_metadata_hits(image, further_frames_metadata(data, layout)))
    hits.extend(hidden_hits(data, layout))
    del image
    if limits.ocr:
        # A blurry picture reads poorly whichever way up it is: no second reading turned over for it.
        blurry = any(hit.code is Code.ATTACHMENT_BLURRY for hit in hits)
        hits.extend(_text_hits(data, limits, deadline, turn=not blurry, index=index))
    return width, height, hits


def _text_hits(
    data: bytes, limits: InspectLimits, deadline: float, turn: bool, index: Indexer | None
) -> list[AttachmentHit]:
    """Personal data in the picture's text; decoded again in grey, reduced while decoding when huge."""
    with bomb_guard(limits.max_pixels):
        image = Image.open(io.BytesIO(data), formats=JPEG_FORMATS)
        size = image.size
        scale = max(size) / limits.ocr_max_side
        if scale >= 2:  # libjpeg scales by 1/2..1/8 while decoding; ocr.fit does the rest
            image.draft("L", (int(size[0] / scale) + 1, int(size[1] / scale) + 1))
        gray = image.convert("L")
    try:
        own = Own(limits.own_names, limits.own_addresses)
        return ocr_hits(
            gray, deadline, limits.ocr_max_side, original_size=size, turn=turn, own=own, index=index
        )
    except OcrError as error:
        return [not_read_hit(error)]


@contextmanager
def bomb_guard(max_pixels: int) -> Iterator[None]:
    """Pillow's pixel limit for this call only, its decompression-bomb warning raised as an error."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def bomb_hit(width: int | None, height: int | None, limits: InspectLimits) -> AttachmentHit:
    pixels = (width or 0) * (height or 0)
    return AttachmentHit(
        Code.ATTACHMENT_BOMB,
        "image",
        {
            "width": width or 0,
            "height": height or 0,
            "megapixels": pixels // 1_000_000,
            "limit_mp": limits.max_pixels // 1_000_000,
        },
    )


def _draft_for_sharpness(image: Image.Image) -> None:
    """Decode at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling) while the long side stays >= SHARPNESS_SIDE.

    Every entropy-coded byte is still read, so a truncated or corrupt stream fails `load()` as before,
    but a 12-megapixel photo decodes in a fraction of the time and memory; the sharpness metric works on a
    512-pixel copy anyway.
    """
    width, height = image.size
    scale = max(width, height) / SHARPNESS_SIDE
    if scale >= 2:
        mode = "L" if image.mode in ("L", "RGB") else None
        image.draft(mode, (int(width / scale) + 1, int(height / scale) + 1))


def _quality_hits(image: Image.Image, size: tuple[int, int], limits: InspectLimits) -> list[AttachmentHit]:
    hits: list[AttachmentHit] = []
    width, height = size
    if min(width, height) < limits.min_short_side:
        hits.append(
            AttachmentHit(
                Code.ATTACHMENT_LOW_RESOLUTION,
                params={"width": width, "height": height, "min": limits.min_short_side},
            )
        )
    score = sharpness(image)
    if score is not None and score < BLUR_THRESHOLD:
        hits.append(
            AttachmentHit(
                Code.ATTACHMENT_BLURRY, params={"score": int(score), "threshold": int(BLUR_THRESHOLD)}
            )
        )
    return hits


def _metadata_hits(image: Image.Image, further: set[str]) -> list[AttachmentHit]:
    """The first frame's private metadata and `further` (the later frames'), each kind said once."""
    xmp = image.info.get("xmp", b"")
    try:
        found = set(private_exif(image.getexif(), xmp if isinstance(xmp, bytes) else b""))
    except MemoryError:
        raise
    except Exception:  # unreadable EXIF shows Ozon nothing either
        found = set()
    found |= further
    return [
        AttachmentHit(Code.ATTACHMENT_EXIF_PRIVATE, variant) for variant in _PRIVATE_KINDS if variant in found
    ]
