"""Files hidden in a JPEG: after the picture's end, or inside a comment or application segment.

A JPEG viewer shows only the first picture and skips COM/APPn segments, so both are where a PDF, an
archive or a second photo (with its GPS position) ride along unseen into the pack Ozon receives.
"""

from __future__ import annotations

from PIL import Image

from ozon_urgent.attachments.exif_privacy import private_exif
from ozon_urgent.attachments.jpeg_markers import GAP, JpegLayout, Segment, header_segments
from ozon_urgent.attachments.model import AttachmentHit
from ozon_urgent.findings.codes import Code

_COM = 0xFE
_APP = range(0xE0, 0xF0)
_SOI = b"\xff\xd8\xff"
# What encoders and phones put in APPn segments, by marker and payload prefix. These hold structured
# metadata, EXIF/JFIF/Photoshop even a JPEG thumbnail, so an SOI inside them is normal; they have no size
# cap either: an ICC profile for print runs to a few MB, a phone's portrait keeps its depth map in
# extended XMP, and the 5 MB attachment limit (A201) bounds them all anyway.
_KNOWN = {
    0xE0: (b"JFIF\x00", b"JFXX\x00"),
    0xE1: (b"Exif\x00", b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00"),
    0xE2: (b"ICC_PROFILE\x00", b"MPF\x00", b"FPXR\x00"),
    0xED: (b"Photoshop 3.0\x00",),
    0xEE: (b"Adobe",),
}
# A comment is a line: encoders write ~60 bytes ("CREATOR: gd-jpeg v1.0 (using IJG JPEG v80), quality =
# 85"), editors a copyright notice. Over 1 KiB of comment is a payload, not a remark.
COMMENT_LIMIT = 1024
# Any other APPn (a camera vendor's APP3-APP12 blob, Ducky's APP12) fits in one segment, at most 65,533
# bytes. More than 64 KiB under one marker needs several segments stitched together: how data is smuggled.
APP_LIMIT = 64 * 1024
# Junk between segments (which decoders skip) gets the comment's limit: an encoder writes none at all.
# In any segment a file's own signature means a whole file rides along; checked in known segments too.
_FILE_SIGNATURES = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"))
_ARCHIVE_NAMES = {"rar": "RAR", "7z": "7z"}
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def hidden_hits(data: bytes, layout: JpegLayout) -> list[AttachmentHit]:
    """A214 for data after the end and for each group of suspicious segments."""
    hits = [hit for hit, _ in hidden_segments(data, layout)]
    trailing = trailing_hit(data, layout)
    return hits if trailing is None else [trailing, *hits]


def trailing_hit(data: bytes, layout: JpegLayout) -> AttachmentHit | None:
    if not layout.trailing or layout.end is None:
        return None
    params: dict[str, str | int] = {"bytes": layout.trailing}
    kind = layout.trailing_kind
    if kind == "image":
        rest = data[layout.end :].lstrip(b"\x00\r\n \t")
        variant = "jpeg_image_gps" if "gps" in private_metadata(rest) else "jpeg_image"
    elif kind in _ARCHIVE_NAMES:
        variant = "jpeg_archive"
        params["format"] = _ARCHIVE_NAMES[kind]
    else:
        variant = f"jpeg_{kind}" if kind else "jpeg"
    return AttachmentHit(Code.ATTACHMENT_TRAILING_DATA, variant, params)


def hidden_segments(data: bytes, layout: JpegLayout) -> list[tuple[AttachmentHit, list[Segment]]]:
    """Each finding about the COM/APPn segments and junk of every frame (an MPO's further frames too),
    with what `--fix` drops for it."""
    groups: dict[tuple[int, bool], list[Segment]] = {}
    for segment in layout.all_segments:
        if segment.marker in (_COM, GAP) or segment.marker in _APP:
            groups.setdefault((segment.marker, _is_known(data, segment)), []).append(segment)
    found = []
    for (marker, known), segments in groups.items():
        carrying = [(s, kind) for s in segments if (kind := _carried_file(data, s, known))]
        total = sum(s.end - s.start for s in segments)  # markers and lengths too: what --fix removes
        if known:
            flagged = [s for s, _ in carrying]
        elif marker == GAP:
            flagged = segments if carrying or total > COMMENT_LIMIT else []
        else:
            flagged = segments if carrying or total - 4 * len(segments) > _limit(marker) else []
        if not flagged:
            continue
        size = sum(len(data[s.payload]) for s in flagged)
        if marker == GAP:
            hit = AttachmentHit(
                Code.ATTACHMENT_TRAILING_DATA, "gap_file" if carrying else "gap", {"bytes": size}
            )
        else:
            name = "COM" if marker == _COM else f"APP{marker - 0xE0}"
            variant = f"segment_{carrying[0][1]}" if carrying else "segment_large"
            hit = AttachmentHit(Code.ATTACHMENT_TRAILING_DATA, variant, {"segment": name, "bytes": size})
        found.append((hit, flagged))
    return found


def _limit(marker: int) -> int:
    return COMMENT_LIMIT if marker == _COM else APP_LIMIT


def _is_known(data: bytes, segment: Segment) -> bool:
    return any(data.startswith(prefix, segment.start + 4) for prefix in _KNOWN.get(segment.marker, ()))


def _carried_file(data: bytes, segment: Segment, known: bool) -> str:
    payload = data[segment.payload]
    for signature, kind in _FILE_SIGNATURES:
        if signature in payload:
            return kind
    return "image" if not known and _SOI in payload else ""


def further_frames_metadata(data: bytes, layout: JpegLayout) -> set[str]:
    """ "gps"/"serial" in the EXIF or XMP of an MPO's further frames: a viewer that shows frame 2 (Pillow
    reads it on `seek(1)`) shows its position, though the first frame has none."""
    return {found for start in layout.further_starts for found in private_metadata(data[start:])}


def private_metadata(jpeg: bytes) -> list[str]:
    """ "gps"/"serial" found in a JPEG's own EXIF or XMP, read from its header segments."""
    parsed = header_segments(jpeg)
    if parsed is None:
        return []
    exif, xmp = Image.Exif(), b""
    for marker, start, end in parsed[0]:
        payload = jpeg[start + 4 : end]
        if marker == 0xE1 and payload.startswith(_EXIF_HEADER):
            try:
                exif.load(payload)
            except MemoryError:
                raise
            except Exception:  # unreadable EXIF reveals nothing either
                continue
        elif marker == 0xE1 and payload.startswith(_XMP_HEADER):
            xmp = payload
    try:
        return private_exif(exif, xmp)
    except MemoryError:
        raise
    except Exception:
        return []
