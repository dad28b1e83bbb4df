"""Metadata that gives away where a photo was taken or which device took it, and removing it."""

from __future__ import annotations

from PIL import Image

_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
# GPSLatitude and GPSLongitude: a position needs them; their refs (N/E) alone say nothing.
_GPS_COORDINATES = (2, 4)
# CameraSerialNumber (DNG), BodySerialNumber, LensSerialNumber. Each is looked for in IFD0 and in the
# Exif IFD alike: a writer may put any tag in IFD0 (Pillow does), and a viewer reads it from there.
_SERIALS = (0xC62F, 0xA431, 0xA435)
_MAKER_NOTE = 0x927C  # vendor blob where most cameras also keep the serial
_XMP_PRIVATE = (b"GPSLatitude", b"GPSLongitude", b"SerialNumber")


def private_exif(exif: Image.Exif, xmp: bytes = b"") -> list[str]:
    """ "gps" and/or "serial" when the metadata holds a position or a device serial number."""
    found: list[str] = []
    gps = exif.get_ifd(_GPS_IFD)
    if (
        any(_filled(gps.get(tag)) for tag in _GPS_COORDINATES)
        or b"GPSLatitude" in xmp
        or b"GPSLongitude" in xmp
    ):
        found.append("gps")
    extra = exif.get_ifd(_EXIF_IFD)
    if any(_filled(ifd.get(tag)) for ifd in (exif, extra) for tag in _SERIALS) or b"SerialNumber" in xmp:
        found.append("serial")
    return found


def strip_private_exif(exif: Image.Exif) -> Image.Exif:
    """The same EXIF without position, serials and maker notes; orientation and the rest stay."""
    extra = exif.get_ifd(_EXIF_IFD)  # loads the sub-IFD so that tobytes() writes it back
    for tag in (*_SERIALS, _MAKER_NOTE):
        extra.pop(tag, None)
    for tag in (_GPS_IFD, *_SERIALS, _MAKER_NOTE):
        exif.pop(tag, None)
    return exif


def xmp_is_private(xmp: bytes) -> bool:
    return any(marker in xmp for marker in _XMP_PRIVATE)


def _filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bytes):
        return bool(value.strip(b"\x00 "))
    if isinstance(value, str):
        return bool(value.strip("\x00 "))
    if isinstance(value, tuple):
        return any(_filled(part) for part in value)
    try:
        return float(value) != 0.0  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
