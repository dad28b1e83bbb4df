"""What a file really is, from its first bytes; the name and extension are not trusted."""

from __future__ import annotations

import codecs
import io
import zipfile

# Families decide what the seller is told to do (message variants of A202).
FAMILIES: dict[str, str] = {
    **dict.fromkeys(("png", "webp", "tiff"), "convertible"),
    **dict.fromkeys(("gif", "bmp", "heic", "avif", "jp2", "psd", "svg"), "image"),
    **dict.fromkeys(
        ("docx", "xlsx", "pptx", "odf", "office97", "rtf", "html", "xml", "csv", "text"), "document"
    ),
    **dict.fromkeys(("zip", "rar", "7z", "gzip"), "archive"),
    **dict.fromkeys(("mp4", "mov", "3gp", "avi", "mkv"), "video"),
}

DISPLAY_NAMES: dict[str, str] = {
    "pdf": "PDF",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
    "tiff": "TIFF",
    "gif": "GIF",
    "bmp": "BMP",
    "heic": "HEIC/HEIF",
    "avif": "AVIF",
    "jp2": "JPEG 2000",
    "psd": "Photoshop PSD",
    "svg": "SVG",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "odf": "OpenDocument",
    "office97": "Word/Excel 97-2003",
    "rtf": "RTF",
    "html": "HTML",
    "xml": "XML",
    "csv": "CSV",
    "text": "plain text",
    "zip": "ZIP",
    "rar": "RAR",
    "7z": "7-Zip",
    "gzip": "gzip",
    "mp4": "MP4",
    "mov": "QuickTime MOV",
    "3gp": "3GP",
    "avi": "AVI",
    "mkv": "Matroska/WebM",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jp2"),
    (b"8BPS", "psd"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office97"),
    (b"{\\rtf", "rtf"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"\x1a\x45\xdf\xa3", "mkv"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
)

_FTYP_BRANDS: dict[bytes, str] = {
    **dict.fromkeys((b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"), "heic"),
    **dict.fromkeys((b"avif", b"avis"), "avif"),
    b"qt  ": "mov",
    **dict.fromkeys((b"3gp4", b"3gp5", b"3gp6", b"3g2a"), "3gp"),
}


def sniff(data: bytes) -> str | None:
    """The format name (see DISPLAY_NAMES), or None when the bytes match nothing known."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return _zip_flavour(data) if name == "zip" else name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"AVI "):
        return "webp" if data[8:12] == b"WEBP" else "avi"
    if data[4:8] == b"ftyp":
        return _FTYP_BRANDS.get(data[8:12], "mp4")
    if (
        data[:2] == b"BM"
        and len(data) >= 18
        and int.from_bytes(data[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)
    ):
        return "bmp"
    return _text_flavour(data)


def display_name(fmt: str | None) -> str:
    return DISPLAY_NAMES.get(fmt, fmt.upper()) if fmt else "?"


def _zip_flavour(data: bytes) -> str:
    try:
        # Only the central directory is read; nothing is decompressed.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except Exception:  # any damaged archive is still an archive to the seller
        return "zip"
    tops = {name.split("/", 1)[0] for name in names}
    for top, name in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
        if top in tops and "[Content_Types].xml" in names:
            return name
    if "mimetype" in names and "META-INF" in tops:
        return "odf"
    return "zip"


def _text_flavour(data: bytes) -> str | None:
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in head:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=len(data) <= len(head))
    except UnicodeDecodeError:
        try:  # a legacy Chinese export (GBK) is still text to the seller
            text = head.decode("gb18030")
        except UnicodeDecodeError:
            return None
        # GB18030 decodes much binary too; real exports carry digits, separators and line breaks.
        if sum(1 for byte in head if byte < 0x80) < 0.3 * len(head):
            return None
    printable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
    if not text or printable < 0.95 * len(text):
        return None
    lowered = text.lstrip("\ufeff \r\n\t").lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    if lowered.startswith("<svg") or (lowered.startswith("<?xml") and "<svg" in lowered[:2000]):
        return "svg"
    if lowered.startswith("<?xml"):
        return "xml"
    return "csv" if _looks_tabular(text) else "text"


def _looks_tabular(text: str) -> bool:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for separator in (",", ";", "\t"):
        counts = {line.count(separator) for line in lines[:-1]}  # the last line may be cut off
        if len(counts) == 1 and counts != {0}:
            return True
    return False
