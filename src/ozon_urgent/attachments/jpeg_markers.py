"""The marker layout of a JPEG: frame size, where the last frame ends, and what follows it."""

from __future__ import annotations

from dataclasses import dataclass

_SOI = b"\xff\xd8\xff"
_EOI = 0xD9
_SOS = 0xDA
# Start-of-frame markers carry the image size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
_PADDING = b"\x00\xff\r\n \t"
_MAX_FRAMES = 64  # MPO files hold a handful; more is a crafted file


@dataclass(frozen=True, slots=True)
class JpegLayout:
    width: int | None  # from the first frame's SOF
    height: int | None
    frames: int
    first_end: int | None  # offset just past the first frame's EOI
    end: int | None  # offset just past the last frame's EOI, None when a frame never ends
    trailing: int  # bytes after `end` that are not padding
    trailing_zip: bool


def jpeg_layout(data: bytes) -> JpegLayout:
    width = height = None
    frames = 0
    position = 0
    end: int | None = None
    first_end: int | None = None
    while data.startswith(_SOI, position) and frames < _MAX_FRAMES:
        frame_end, size = _walk_frame(data, position)
        if frames == 0:
            width, height = size if size is not None else (None, None)
            first_end = frame_end
        frames += 1
        if frame_end is None:
            return JpegLayout(width, height, frames, first_end, None, 0, False)
        end = frame_end
        # An MPO stores its further frames right after the first, sometimes after padding.
        position = frame_end
        while position < len(data) and data[position] == 0 and not data.startswith(_SOI, position):
            position += 1
    if end is None:
        return JpegLayout(width, height, frames, first_end, None, 0, False)
    rest = data[end:]
    if not rest.strip(_PADDING):
        return JpegLayout(width, height, frames, first_end, end, 0, False)
    zipped = b"PK\x03\x04" in rest or b"PK\x05\x06" in rest
    return JpegLayout(width, height, frames, first_end, end, len(rest), zipped)


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


def _walk_frame(data: bytes, start: int) -> tuple[int | None, tuple[int, int] | None]:
    """Offset just past this frame's EOI (None if it never comes) and the SOF size, if one was seen."""
    size: tuple[int, int] | None = None
    length = len(data)
    i = start + 2
    while i < length:
        if data[i] != 0xFF:
            return None, size
        while i < length and data[i] == 0xFF:  # fill bytes may precede any marker
            i += 1
        if i >= length:
            return None, size
        marker = data[i]
        i += 1
        if marker == _EOI:
            return i, size
        if marker in _STANDALONE:
            continue
        if i + 2 > length:
            return None, size
        segment = int.from_bytes(data[i : i + 2], "big")
        if segment < 2:
            return None, size
        if marker in _SOF and size is None and i + 7 <= length:
            size = (int.from_bytes(data[i + 5 : i + 7], "big"), int.from_bytes(data[i + 3 : i + 5], "big"))
        i += segment
        if marker == _SOS:
            i = _skip_entropy(data, i)
    return None, size


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
