"""The marker layout of a JPEG: frame size, where the picture really ends, and what follows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

_SOI = b"\xff\xd8\xff"
_EOI = 0xD9
_SOS = 0xDA
_APP2 = 0xE2
# Start-of-frame markers carry the image size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
_PADDING = b"\x00\xff\r\n \t"
_LEADING_PADDING = b"\x00\r\n \t"  # not FF: it would eat the FF of an appended SOI
_MAX_FRAMES = 64  # MPO files hold a handful; more is a crafted file
_MPF_HEADER = b"MPF\x00"
_MP_ENTRY = 0xB002
_PDF_WINDOW = 1024  # viewers find a PDF header this far into a file, so an appended one counts
_ARCHIVES = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)


GAP = -1  # the "marker" of junk between segments, which decoders skip


@dataclass(frozen=True, slots=True)
class Segment:
    marker: int  # GAP for junk before a marker
    start: int  # offset of its FF (of the junk's first byte for a GAP)
    end: int  # offset just past its payload

    @property
    def payload(self) -> slice:
        return slice(self.start if self.marker == GAP else self.start + 4, self.end)


@dataclass(frozen=True, slots=True)
class JpegLayout:
    width: int | None  # from the first frame's SOF
    height: int | None
    frames: int  # the first frame and the further frames its MPF index declares and that are there
    first_end: int | None  # offset just past the first frame's EOI
    end: int | None  # offset just past the last declared frame's EOI, None when a frame never ends
    trailing: int  # bytes after `end` that are not padding
    trailing_kind: str  # what those bytes are: image · pdf · zip · rar · 7z, or "" for anything else
    segments: tuple[Segment, ...] = ()  # the first frame's marker segments (SOS headers too) and GAPs
    # The further frames (MPO): where each starts, and all their segments. Each frame carries metadata
    # and segments of its own, which a reader of that frame (Pillow's seek) shows as the first's.
    further_starts: tuple[int, ...] = ()
    further_segments: tuple[Segment, ...] = ()

    @property
    def all_segments(self) -> tuple[Segment, ...]:
        return (*self.segments, *self.further_segments)


def jpeg_layout(data: bytes) -> JpegLayout:
    """Where the picture ends is decided by walking it, never by the last FFD9 in the file.

    The first frame is walked marker by marker and through its entropy-coded scans to its own EOI. Only
    frames that its MPF index (a phone's MPO: depth map, HDR gain map) declares at their offsets belong
    to the picture; another JPEG that merely follows, with or without padding before it, is trailing data.
    """
    if not data.startswith(_SOI):
        return JpegLayout(None, None, 0, None, None, 0, "")
    first_end, size, segments = _walk_frame(data, 0)
    width, height = size if size is not None else (None, None)
    if first_end is None:
        return JpegLayout(width, height, 1, None, None, 0, "", tuple(segments))
    frames, end = 1, first_end
    starts: list[int] = []
    further: list[Segment] = []
    for offset in _mpf_offsets(data, segments):
        if offset >= first_end and data.startswith(_SOI, offset):
            frame_end, _, frame_segments = _walk_frame(data, offset)
            starts.append(offset)
            further.extend(frame_segments)
            if frame_end is None:
                return JpegLayout(
                    width,
                    height,
                    frames + 1,
                    first_end,
                    None,
                    0,
                    "",
                    tuple(segments),
                    tuple(starts),
                    tuple(further),
                )
            frames += 1
            end = max(end, frame_end)
    rest = data[end:]
    trailing = len(rest) if rest.strip(_PADDING) else 0
    kind = trailing_kind(rest) if trailing else ""
    return JpegLayout(
        width, height, frames, first_end, end, trailing, kind, tuple(segments), tuple(starts), tuple(further)
    )


def trailing_kind(rest: bytes) -> str:
    """What the bytes after the end are: another picture, a PDF, an archive, or "" (unknown)."""
    body = rest.lstrip(_LEADING_PADDING)
    if body.startswith(_SOI):
        return "image"
    if b"%PDF-" in body[:_PDF_WINDOW]:
        return "pdf"
    for signature, kind in _ARCHIVES:
        if signature in body:
            return kind
    return "pdf" if b"%PDF-" in body else ""


def header_segments(data: bytes) -> tuple[list[tuple[int, int, int]], int] | None:
    """(marker, start, end) of each segment before the first SOS, and where that SOS starts."""
    segments: list[tuple[int, int, int]] = []
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == _SOS:
            return segments, i
        if marker in _STANDALONE or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        segments.append((marker, i, end))
        i = end
    return None


def _walk_frame(data: bytes, start: int) -> tuple[int | None, tuple[int, int] | None, list[Segment]]:
    """Offset just past this frame's EOI (None if it never comes), the SOF size, and its segments."""
    size: tuple[int, int] | None = None
    segments: list[Segment] = []
    length = len(data)
    i = start + 2
    while i < length:
        if data[i] != 0xFF:
            # Pillow and libjpeg skip junk before a marker ("extraneous bytes"), so the walk must too:
            # stopping here would leave whatever follows the picture unjudged. The junk is kept as a GAP.
            junk = i
            i = data.find(b"\xff", i)
            if i < 0:
                return None, size, segments
            segments.append(Segment(GAP, junk, i))
        marker_at = i
        while i < length and data[i] == 0xFF:  # fill bytes may precede any marker
            i += 1
        if i >= length:
            return None, size, segments
        marker = data[i]
        i += 1
        if marker == _EOI:
            return i, size, segments
        if marker in _STANDALONE:
            continue
        if i + 2 > length:
            return None, size, segments
        segment = int.from_bytes(data[i : i + 2], "big")
        if segment < 2:
            return None, size, segments
        if marker in _SOF and size is None and i + 7 <= length:
            size = (int.from_bytes(data[i + 5 : i + 7], "big"), int.from_bytes(data[i + 3 : i + 5], "big"))
        i += segment
        segments.append(Segment(marker, marker_at, min(i, length)))
        if marker == _SOS:
            i = _skip_entropy(data, i)
    return None, size, segments


def _skip_entropy(data: bytes, i: int) -> int:
    """The offset of the first real marker after entropy-coded data (stuffed FF00 and RSTn are data)."""
    length = len(data)
    while True:
        j = data.find(b"\xff", i)
        if j < 0 or j + 1 >= length:
            return length
        following = data[j + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            i = j + 2
        elif following == 0xFF:
            i = j + 1
        else:
            return j


def _mpf_offsets(data: bytes, segments: list[Segment]) -> list[int]:
    """File offsets of the further frames the first frame's MPF index declares (CIPA DC-007).

    Offsets count from the TIFF header just after "MPF\\0"; the first entry is the first frame itself
    (offset 0). An index that does not parse declares nothing, so whatever follows is trailing data.
    """
    for segment in segments:
        if segment.marker == _APP2 and data.startswith(_MPF_HEADER, segment.start + 4):
            base = segment.start + 4 + len(_MPF_HEADER)
            return sorted(base + offset for offset in _mp_entry_offsets(data[base : segment.end]) if offset)
    return []


def _mp_entry_offsets(tiff: bytes) -> list[int]:
    """The image offsets of the MP Entry tag (B002): 16 bytes per image, the offset at byte 8."""
    if tiff[:2] not in (b"II", b"MM") or len(tiff) < 8:
        return []
    endian: Literal["little", "big"] = "little" if tiff[:2] == b"II" else "big"

    def number(at: int, width: int) -> int:
        return int.from_bytes(tiff[at : at + width], endian)

    ifd = number(4, 4)
    entries = number(ifd, 2) if ifd + 2 <= len(tiff) else 0
    for index in range(entries):
        entry = ifd + 2 + 12 * index
        if entry + 12 > len(tiff) or number(entry, 2) != _MP_ENTRY:
            continue
        count, where = number(entry + 4, 4), number(entry + 8, 4)
        items = range(where, where + 16 * min(count // 16, _MAX_FRAMES), 16)
        return [number(at + 8, 4) for at in items if at + 16 <= len(tiff)]
    return []
