"""Shared test helpers: inspect a file written at test time, and render hits through the catalogs."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from ozon_urgent import i18n
from ozon_urgent.attachments import AttachmentHit, AttachmentReport, InspectLimits, inspect_attachments
from ozon_urgent.i18n import Lang

CATALOGS: dict[str, dict[str, dict[str, str]]] = {lang: i18n.catalog(lang) for lang in get_args(Lang)}


def render(hit: AttachmentHit, lang: str) -> tuple[str, str]:
    """Message and hint as the engine picks them (variant if the catalog has it); fails on a missing param."""
    entry = CATALOGS[lang][hit.code]
    english = CATALOGS["en"][hit.code]
    message = f"message_{hit.variant}" if hit.variant and f"message_{hit.variant}" in english else "message"
    hint = f"hint_{hit.variant}" if hit.variant and f"hint_{hit.variant}" in english else "hint"
    if hit.variant:
        assert f"message_{hit.variant}" in english, f"{hit.code} has no message for variant {hit.variant!r}"
    return entry[message].format(**hit.params), entry[hint].format(**hit.params)


def codes_of(report: AttachmentReport) -> list[tuple[str, str]]:
    return [(hit.code, hit.variant) for hit in report.hits]


def inspect_file(
    folder: Path, name: str, data: bytes, limits: InspectLimits | None = None
) -> AttachmentReport:
    """Write `data` as `name`, inspect it in the worker pool, and check every hit renders in en and zh."""
    path = folder / name
    path.write_bytes(data)
    [report] = inspect_attachments([path], limits or InspectLimits())
    check_renders(report)
    return report


def check_renders(report: AttachmentReport) -> None:
    for hit in report.hits:
        for lang in CATALOGS:
            render(hit, lang)
