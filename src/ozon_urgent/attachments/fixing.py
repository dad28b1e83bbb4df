"""`--fix`: a PNG/WebP/TIFF becomes a JPEG, personal data read in the picture is covered, an oversized JPEG
shrinks, position and serials go."""

from __future__ import annotations

import hashlib
import io
import re

from PIL import Image, ImageDraw, JpegImagePlugin

from ozon_urgent.attachments.exif_privacy import private_exif, strip_private_exif, xmp_is_private
from ozon_urgent.attachments.jpeg_hidden import further_frames_metadata, hidden_segments
from ozon_urgent.attachments.jpeg_inspect import JPEG_FORMATS, bomb_guard
from ozon_urgent.attachments.jpeg_markers import JpegLayout, Segment, header_segments, jpeg_layout
from ozon_urgent.attachments.masking import Region, mask_regions
from ozon_urgent.attachments.model import (
    AttachmentReport,
    FixChange,
    FixedAttachment,
    FixRefused,
    InspectLimits,
    Params,
)
from ozon_urgent.attachments.sniff import sniff
from ozon_urgent.i18n import mib

_CONVERTIBLE = {"png": "PNG", "webp": "WEBP", "tiff": "TIFF"}
_FIRST_QUALITY = 90
_QUALITIES = (85, 80, 75, 70, 65, 60)  # below 60 text turns to mush; downscaling is kinder then
_SCALE_STEP = 0.85
_MAX_SCALE_STEPS = 12
_APP1, _APP2 = 0xE1, 0xE2
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_MPF_HEADER = b"MPF\x00"


def fix_attachment(
    data: bytes, report: AttachmentReport, limits: InspectLimits
) -> FixedAttachment | FixRefused | None:
    """A fixed JPEG; why none could be made (FixRefused); or None when there is nothing to fix."""
    fmt = report.format or sniff(data)
    steps = _Steps(data)
    try:
        with bomb_guard(limits.max_pixels):
            if fmt in _CONVERTIBLE:
                if not _convert(steps, fmt, limits):
                    return FixRefused("multi_page")
            elif fmt == "jpeg":
                _clean_jpeg(steps)
            else:
                return FixRefused("format", {"format": fmt or "unknown"})
            regions = mask_regions(report)
            if regions:
                _mask(steps, regions)
            if len(steps.current) > limits.max_bytes and not _shrink(steps, limits):
                return FixRefused("cannot_shrink", {"limit_mb": mib(limits.max_bytes)})
    except MemoryError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        pixels = re.search(r"\((\d+) pixels\)", str(bomb))
        megapixels = int(pixels[1]) // 1_000_000 if pixels else 0
        return FixRefused("pixels", {"megapixels": megapixels, "limit_mp": limits.max_pixels // 1_000_000})
    except Exception as exc:  # a file Pillow cannot decode is not ours to repair
        if _out_of_memory(exc):
            raise MemoryError from exc
        return FixRefused("undecodable")
    return steps.result()


# libjpeg's encoder that cannot allocate its buffers surfaces in Pillow as "broken data stream when
# writing image file": the input decoded fine, our copy is what failed, under the child's memory cap.
_NO_MEMORY = ("insufficient memory", "cannot allocate", "out of memory", "broken data stream when writing")


def _out_of_memory(exc: BaseException) -> bool:
    """An allocation that failed inside a codec, said in words rather than as MemoryError: zlib's
    "insufficient memory" (Z_MEM_ERROR), Pillow's "cannot allocate", the encoder's error above."""
    seen: BaseException | None = exc
    while seen is not None:
        text = str(seen).lower()
        if isinstance(seen, MemoryError) or any(words in text for words in _NO_MEMORY):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class _Steps:
    def __init__(self, data: bytes) -> None:
        self.current = data
        self.changes: list[FixChange] = []

    def add(self, what: str, after: bytes, detail: Params) -> None:
        self.changes.append(
            FixChange(what, len(self.current), len(after), _sha256(self.current), _sha256(after), detail)
        )
        self.current = after

    def result(self) -> FixedAttachment | None:
        if not self.changes:
            return None
        return FixedAttachment(self.current, _sha256(self.current), "jpeg", tuple(self.changes))


def _convert(steps: _Steps, fmt: str, limits: InspectLimits) -> bool:
    image = Image.open(io.BytesIO(steps.current), formats=[_CONVERTIBLE[fmt]])
    if getattr(image, "n_frames", 1) > 1:
        return False  # converting only the first page of a multi-page TIFF would lose evidence
    image.load()
    orientation = image.getexif().get(0x0112)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation  # a fresh EXIF: nothing else from the source travels along
    flat = _flatten(image)
    out = _encode(flat, _FIRST_QUALITY, image.info.get("icc_profile"), exif.tobytes() if orientation else b"")
    steps.add("converted", out, {"from": fmt, "quality": _FIRST_QUALITY})
    return True


def _flatten(image: Image.Image) -> Image.Image:
    """Transparency onto white paper, any other mode to one a JPEG can hold."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image if image.mode in ("RGB", "L", "CMYK") else image.convert("RGB")


def _clean_jpeg(steps: _Steps) -> None:
    layout = jpeg_layout(steps.current)
    if layout.trailing and layout.end is not None:
        steps.add("trailing_removed", steps.current[: layout.end], {"bytes": layout.trailing})
        layout = jpeg_layout(steps.current)
    flagged = [segment for _, segments in hidden_segments(steps.current, layout) for segment in segments]
    if flagged:
        dropped = _drop_segments(steps.current, layout, flagged)
        steps.add("segments_removed", dropped, {"bytes": len(steps.current) - len(dropped)})
    stripped = _strip_losslessly(steps.current)
    if stripped is not None:
        data, removed = stripped
        steps.add("metadata_stripped", data, {"removed": ",".join(removed)})


def _drop_segments(data: bytes, layout: JpegLayout, flagged: list[Segment]) -> bytes:
    """The file without the flagged segments; every other byte, the scans included, copied as it is.

    In an MPO the further frames sit at offsets counted from the MPF segment, which dropping a segment
    after it would break; rather than rewrite the index, the index and the further frames go, as when
    metadata is stripped (Ozon shows only the first frame).
    """
    drop = list(flagged)
    cut = len(data)
    if layout.frames > 1 and layout.first_end is not None:
        cut = layout.first_end
        drop += [
            s for s in layout.segments if s.marker == _APP2 and data.startswith(_MPF_HEADER, s.start + 4)
        ]
        drop = [s for s in drop if s.end <= cut]  # a further frame's segments go with the frame
    out, position = bytearray(), 0
    for segment in sorted(set(drop), key=lambda s: s.start):
        out += data[position : segment.start]
        position = segment.end
    out += data[position:cut]
    return bytes(out)


def _strip_losslessly(data: bytes) -> tuple[bytes, list[str]] | None:
    """The first frame with private EXIF/XMP rewritten; the scan data is copied, not re-encoded."""
    layout = jpeg_layout(data)
    parsed = header_segments(data)
    if parsed is None or layout.first_end is None:
        return None
    segments, sos = parsed
    removed: set[str] = set()
    kept: list[bytes] = []
    for marker, start, end in segments:
        payload = data[start + 4 : end]
        if marker == _APP1 and payload.startswith(_EXIF_HEADER):
            exif = Image.Exif()
            exif.load(payload)
            found = private_exif(exif)
            if found:
                removed.update(found)
                payload = strip_private_exif(exif).tobytes()
                if not payload.startswith(_EXIF_HEADER):
                    payload = _EXIF_HEADER + payload
        elif marker == _APP1 and payload.startswith(_XMP_HEADER) and xmp_is_private(payload):
            removed.update(private_exif(Image.Exif(), payload))
            continue
        elif marker == _APP2 and payload.startswith(_MPF_HEADER) and layout.frames > 1:
            continue  # further frames are dropped below, so their index goes too
        kept.append(bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload)
    if layout.frames > 1:  # the further frames go below: what they carried goes with them
        removed.update(further_frames_metadata(data, layout))
    if not removed:
        return None
    # Later MPO frames carry their own metadata; Ozon shows only the first frame anyway.
    return b"\xff\xd8" + b"".join(kept) + data[sos : layout.first_end], sorted(removed)


def _mask(steps: _Steps, regions: list[Region]) -> None:
    """Opaque black boxes over the regions where personal data was read, then one JPEG re-encode.

    Each box covers the words' boxes with a thin margin, and no more: a box grown out to the encoder's
    8- or 16-pixel grid reached into the lines above and below and covered 13-27 % of a posting number
    there. The value's pixels are replaced before encoding, so nothing of it can ring through; the rest
    of the picture is changed only by the one re-encode at quality 90 with the original's chroma
    subsampling. The regions are in the stored pixels, as the picture is decoded here (no EXIF rotation).
    """
    image = Image.open(io.BytesIO(steps.current), formats=JPEG_FORMATS)
    image.load()
    subsampling = JpegImagePlugin.get_sampling(image)  # -1 for greyscale/CMYK: the encoder's default
    boxes = [box for region in regions if (box := _box(region, image.size)) is not None]
    if not boxes:
        return
    icc = image.info.get("icc_profile")
    exif = strip_private_exif(image.getexif()).tobytes()
    draw = ImageDraw.Draw(image)
    for box in boxes:
        draw.rectangle(box, fill="black")  # "black" in the image's own mode: (0, 0, 0, 255) for CMYK
    out = _encode(image, _FIRST_QUALITY, icc, exif, subsampling)
    steps.add("masked", out, {"regions": len(boxes)})


def _box(region: Region, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The inclusive rectangle drawn for one region: a thin margin added (the glyphs' anti-aliased edges,
    an OCR box a pixel short), clipped to the picture."""
    x, y, width, height = region
    if x >= size[0] or y >= size[1] or x + width <= 0 or y + height <= 0:
        return None  # wholly outside the picture: its margin would cover only what was never read
    across = max(2, -(-height * 15 // 100))
    down = max(2, -(-height // 10))
    left, top = max(0, x - across), max(0, y - down)
    right, bottom = min(size[0], x + width + across), min(size[1], y + height + down)
    return left, top, right - 1, bottom - 1


def _shrink(steps: _Steps, limits: InspectLimits) -> bool:
    image = Image.open(io.BytesIO(steps.current), formats=JPEG_FORMATS)
    image.load()
    icc = image.info.get("icc_profile")
    exif = strip_private_exif(image.getexif()).tobytes()
    for quality in _QUALITIES:
        out = _encode(image, quality, icc, exif)
        if len(out) <= limits.max_bytes:
            steps.add("reencoded", out, {"quality": quality})
            return True
    scaled: Image.Image = image
    for _ in range(_MAX_SCALE_STEPS):
        size = (max(1, int(scaled.width * _SCALE_STEP)), max(1, int(scaled.height * _SCALE_STEP)))
        scaled = image.resize(size, Image.Resampling.LANCZOS)
        out = _encode(scaled, _QUALITIES[1], icc, exif)
        if len(out) <= limits.max_bytes:
            steps.add("downscaled", out, {"width": size[0], "height": size[1], "quality": _QUALITIES[1]})
            return True
    return False


def _encode(image: Image.Image, quality: int, icc: object, exif: bytes, subsampling: int = -1) -> bytes:
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        quality=quality,
        optimize=True,
        icc_profile=icc if isinstance(icc, bytes) else None,
        exif=exif,
        subsampling=subsampling,
    )
    return out.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
