"""Regenerate the font of the generated PDFs: a Latin + Cyrillic subset of DejaVu Sans, and its licence."""

# Run: `.venv/bin/python tools/make_font_subset.py [DejaVuSans.ttf]` (default: Debian's fonts-dejavu-core).
# The same source font and fontTools version give the same bytes: the source's timestamps are kept.
# fontTools is installed with fpdf2, the library that embeds this font in the PDFs.

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
OUT = Path(__file__).resolve().parents[1] / "src" / "ozon_urgent" / "data" / "fonts"
FONT = OUT / "DejaVuSans-subset.ttf"
LICENSE = OUT / "DejaVuSans-LICENSE.txt"

# What IDs, store names and the Russian text can hold without widening the font past ~60 KB: Latin with
# its European letters, every Cyrillic letter (Russian, Ukrainian, Belarusian, Kazakh, Uzbek...), dashes,
# quotes, bullets and ellipsis, ‰ ‹ ›, € ₽ № ™. CJK is far too big to ship; the renderer refuses it.
UNICODES = [
    *range(0x0020, 0x007F),
    *range(0x00A0, 0x0180),
    *range(0x0400, 0x0530),
    *range(0x2010, 0x2028),
    *range(0x2030, 0x203B),
    0x20AC,
    0x20BD,
    0x2116,
    0x2122,
]
_LICENSE_NAME_ID = 13  # the name table's licence description: DejaVu's full licence, Arev's part included


def options() -> subset.Options:
    chosen = subset.Options()
    chosen.hinting = False  # the PDF is read on screens and printed; hints would double the size
    chosen.layout_features = []  # fpdf2 places glyphs one by one, no shaping: GSUB/GPOS would be dead weight
    chosen.name_IDs = ["*"]  # keep the copyright, licence and URL records inside the font itself
    chosen.notdef_outline = True
    chosen.drop_tables.append("FFTM")  # FontForge's build timestamps: nothing reads them
    return chosen


def main(source: Path) -> None:
    font = TTFont(source, recalcTimestamp=False)  # fontTools would stamp "now" into head.modified
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    OUT.mkdir(parents=True, exist_ok=True)
    font.save(FONT, reorderTables=True)
    licence = font["name"].getDebugName(_LICENSE_NAME_ID)
    if not licence:
        raise SystemExit(f"{source} has no licence record (name ID {_LICENSE_NAME_ID})")
    header = (
        f"{FONT.name} is a subset of DejaVu Sans ({font['name'].getDebugName(5)}), made by\n"
        "tools/make_font_subset.py; glyphs were removed, none changed. Its licence follows.\n\n"
    )
    LICENSE.write_text(header + licence.replace("\r\n", "\n").strip() + "\n", "utf-8")
    print(f"{FONT}: {FONT.stat().st_size:,} bytes, {len(font.getBestCmap())} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
