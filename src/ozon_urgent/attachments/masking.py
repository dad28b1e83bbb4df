"""Masking what a personal-data hit found, so the report never repeats the value it warns about."""

from __future__ import annotations

from ozon_urgent.attachments.model import MORE_REGIONS, AttachmentHit, AttachmentReport
from ozon_urgent.findings.codes import Code

_MIN_HIDDEN = 4

# What `--fix` covers: personal data found for sure. P306 (possible personal data) is not covered: a mask
# must never black out a posting number or a date that merely looked like a phone.
PERSONAL_DATA = frozenset(
    {
        Code.PERSONAL_PHONE,
        Code.PERSONAL_ID_NUMBER,
        Code.PERSONAL_BANK_CARD,
        Code.PERSONAL_EMAIL,
        Code.PERSONAL_NAME,
        Code.PERSONAL_ADDRESS,
    }
)

Region = tuple[int, int, int, int]  # x, y, width, height in the stored image's pixels, top-left origin


def mask_number(raw: str, keep_first: int = 4, keep_last: int = 2) -> str:
    """`+7 912 345-67-89` → `+7 912 ***-**-89`: separators stay, at least four digits are hidden."""
    total = sum(1 for char in raw if _is_digit(char))
    last = min(keep_last, max(0, total - _MIN_HIDDEN))
    first = min(keep_first, max(0, total - last - _MIN_HIDDEN))
    seen = 0
    out: list[str] = []
    for char in raw:
        if not _is_digit(char):
            out.append(char)
            continue
        seen += 1
        out.append(char if seen <= first or seen > total - last else "*")
    return "".join(out)


def mask_email(raw: str) -> str:
    """`ivan.petrov@mail.ru` → `i***@mail.ru`: the mailbox is hidden, the provider stays to help find it."""
    local, _, domain = raw.partition("@")
    return f"{local[:1]}***@{domain}"


def _is_digit(char: str) -> bool:
    return char.isdigit() or char in "Xx"  # the check character of a Chinese ID may be X


def hit_region(hit: AttachmentHit) -> Region | None:
    """Where in the picture a personal-data hit was read: its `region` param, "x,y,w,h" in the stored
    pixels (before any EXIF rotation). None for other hits, hits found in text (a PDF's), or a malformed
    region: such a hit cannot be covered by `--fix`."""
    regions = hit_regions(hit)
    return regions[0] if regions else None


def hit_regions(hit: AttachmentHit) -> list[Region]:
    """The hit's region, then those of the occurrences past the findings' cap (`more_regions`,
    "x,y,w,h;x,y,w,h…"); empty unless the hit says where it was read."""
    raw = hit.params.get("region")
    if hit.code not in PERSONAL_DATA or not isinstance(raw, str):
        return []
    first = _parse_region(raw)
    if first is None:
        return []
    more = hit.params.get(MORE_REGIONS)
    rest = [_parse_region(part) for part in more.split(";")] if isinstance(more, str) else []
    return [first, *(region for region in rest if region is not None)]


def _parse_region(raw: str) -> Region | None:
    parts = raw.split(",")
    if len(parts) != 4:
        return None
    try:
        x, y, width, height = (int(part.strip()) for part in parts)
    except ValueError:
        return None
    if width <= 0 or height <= 0:
        return None
    return x, y, width, height


def mask_regions(report: AttachmentReport) -> list[Region]:
    """The picture areas `--fix` covers: one per personal-data hit that says where it was read."""
    return [region for hit in report.hits for region in hit_regions(hit)]
