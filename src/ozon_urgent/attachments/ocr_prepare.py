"""The picture made ready for Tesseract before it is read: nothing read where nothing is drawn, dark
mode turned light.

Both looks are taken on a reduced copy (long side ~700 px, a few milliseconds) and change no pixel's
place: the boxes Tesseract gives for the prepared picture are boxes in the picture it was given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

# The reduced copy's long side: small text (11 px) still leaves its strokes in it, while a 4:1 average
# already smooths most sensor and JPEG noise.
_LOOK_SIDE = 700
# A stroke differs from its surroundings by at least this much (of 255) in the reduced copy: faint grey
# 11 px text (ink 200 on 250) gives ~100 such pixels per short line, a plain or gently lit empty
# surface none at all.
_STROKE_CONTRAST = 12
# Fewer such pixels than this and the picture holds nothing text-like: it is not read. Deliberately
# tiny: a noisy photo (JPEG, sensor grain) is read rather than risk passing faint text as clean.
_MIN_STROKE_PIXELS = 8
# The reduced copy's median darker than this: a dark-mode screen, read inverted (light text on dark
# is Tesseract's slow path, each low-confidence line being tried again inverted).
_DARK_MEDIAN = 100


def prepare(gray: Image.Image) -> Image.Image | None:
    """`gray` ready to read, same size; None when it clearly holds no text-like strokes at all."""
    from PIL import ImageChops, ImageFilter, ImageOps

    factor = max(1, round(max(gray.size) / _LOOK_SIDE))
    small = gray.reduce(factor) if factor > 1 else gray
    # Each pixel against its neighbourhood's mean: an even background and slow gradients (a photo's
    # light falling off) give nothing, a stroke of any colour on any background gives its contrast.
    local = ImageChops.difference(small, small.filter(ImageFilter.BoxBlur(5)))
    if sum(local.histogram()[_STROKE_CONTRAST:]) < _MIN_STROKE_PIXELS:
        return None
    if _median(small) < _DARK_MEDIAN:
        return ImageOps.invert(gray)
    return gray


def _median(gray: Image.Image) -> int:
    histogram = gray.histogram()
    half = gray.width * gray.height / 2
    seen = 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return level
    return 255
