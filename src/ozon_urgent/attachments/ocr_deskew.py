"""The angle a photographed page's text lines stand at, so that it can be turned level before reading.

A shipping label photographed at 30°, or upside down and askew, reads as garbage: Tesseract levels a
few degrees of skew, not more. Text lines make the picture's row profile sharp when they lie level:
rows of ink alternate with rows of paper. The picture's dark strokes (darker than their surroundings,
so a dark table or fabric behind the page counts for nothing) are turned through candidate angles and
the one whose rows alternate most sharply wins. Lines level but upside down are caught afterwards by
the reading's confidence (ocr.ocr_hits reads such a picture again turned over).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ozon_urgent.attachments.pd_layout import Box

if TYPE_CHECKING:
    from PIL import Image

_SIDE = 480  # the long side the angle is measured at: enough for lines of 20 px text on a phone's photo
_COARSE = range(-88, 90, 4)  # degrees; text lines are the same every 180°
_FINE = (-3, -2, -1, 1, 2, 3)  # around the best coarse angle
_LEVEL = 4.0  # below this Tesseract levels the lines itself: no turn (and no resampling blur)
_MIN_INK = 0.004  # a picture with less ink than this has no lines to find
_GAIN = 1.25  # the best angle's sharpness must beat level's by this much to be worth a turn


def skew_angle(gray: Image.Image) -> float:
    """Degrees to turn `gray` (counter-clockwise, as Image.rotate) to bring its text lines level; 0.0
    when they already are, or when the picture has too little text to tell."""
    ink = _ink(gray)
    if ink is None:
        return 0.0
    level = _sharpness(ink, 0)
    scores = {angle: _sharpness(ink, angle) for angle in _COARSE if angle != 0}
    scores[0] = level
    best = max(scores, key=lambda angle: scores[angle])
    for step in _FINE:
        angle = best + step
        if -90 < angle < 90 and angle not in scores:
            scores[angle] = _sharpness(ink, angle)
    best = max(scores, key=lambda angle: scores[angle])
    if abs(best) < _LEVEL or scores[best] < level * _GAIN:
        return 0.0
    return float(best)


def _ink(gray: Image.Image) -> Image.Image | None:
    """The strokes darker than their neighbourhood, as a small 0/255 mask; None with too little ink."""
    from PIL import Image, ImageChops, ImageFilter, ImageStat

    small = gray.copy()
    small.thumbnail((_SIDE, _SIDE), Image.Resampling.BILINEAR)
    surround = small.filter(ImageFilter.BoxBlur(6))
    darker = ImageChops.subtract(surround, small)  # how much darker than around: ink on paper
    mask = darker.point(lambda value: 255 if value > 18 else 0)
    if ImageStat.Stat(mask).mean[0] / 255 < _MIN_INK:
        return None
    return mask


def _sharpness(ink: Image.Image, angle: float) -> float:
    """How sharply the turned mask's rows alternate between ink and paper: the sum of squared
    differences between neighbouring rows' ink."""
    from PIL import Image

    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=True) if angle else ink
    rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()  # one byte a row
    return float(sum((a - b) ** 2 for a, b in itertools.pairwise(rows)))


def turn(gray: Image.Image, angle: float) -> tuple[Image.Image, Callable[[Box], Box]]:
    """`gray` turned `angle` degrees counter-clockwise (grown to hold it all, the corners white), and the
    map from a box in the turned picture back to the box that holds it in `gray`'s pixels."""
    from PIL import Image

    width, height = gray.size
    turned = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    # The affine map Pillow draws with (turned pixel → original pixel), as Image.rotate builds it.
    radians = -math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    a, b, d, e = cos, sin, -sin, cos
    dx = (turned.width - width) / 2.0
    dy = (turned.height - height) / 2.0
    cx, cy = width / 2.0, height / 2.0
    c = a * (-cx - dx) + b * (-cy - dy) + cx
    f = d * (-cx - dx) + e * (-cy - dy) + cy

    def back(box: Box) -> Box:
        left, top, right, bottom = box
        corners = [(x, y) for x in (left, right) for y in (top, bottom)]
        xs = [a * x + b * y + c for x, y in corners]
        ys = [d * x + e * y + f for x, y in corners]
        return (
            max(0, math.floor(min(xs))),
            max(0, math.floor(min(ys))),
            min(width, math.ceil(max(xs))),
            min(height, math.ceil(max(ys))),
        )

    return turned, back
