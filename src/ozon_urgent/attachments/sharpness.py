"""How sharp a picture is: Laplacian variance over the tiles that hold something, on a small copy."""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageStat

# Chosen by experiment (tests/attachments/test_attachment_jpeg.py::test_blur_threshold_separates): text
# screenshots from 600x800 to 2480x3508, fonts 12-40 px, dense and sparse, saved as JPEG q85. Sharp ones
# scored 3000-7700; a Gaussian blur of radius 0.2 % of the long side (about 4 px on a 1920 px screenshot,
# where 14 px text stops being legible) scored 290-760; 0.15 % (still mostly legible) scored 540-1750.
# 1000 flags the mush with room to spare and stays a factor of three below any sharp screenshot.
BLUR_THRESHOLD = 1000.0
SHARPNESS_SIDE = 512  # the long side of the copy the metric works on
_TILE = 64
_CONTENT_VARIANCE = 100.0  # a tile with less grey variance (std < 10) is blank paper, not evidence
_LAPLACIAN = ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], scale=1, offset=128)


def sharpness(image: Image.Image) -> float | None:
    """The 90th-percentile Laplacian variance of content tiles; None when no tile holds content."""
    grey = image.convert("L")
    factor = -(-max(grey.size) // SHARPNESS_SIDE)  # ceil: reduce() is a fast box filter
    if factor > 1:
        grey = grey.reduce(factor)
    edges = grey.filter(_LAPLACIAN)
    scores: list[float] = []
    for top in range(0, grey.height - _TILE + 1, _TILE):
        for left in range(0, grey.width - _TILE + 1, _TILE):
            box = (left, top, left + _TILE, top + _TILE)
            if ImageStat.Stat(grey.crop(box)).var[0] < _CONTENT_VARIANCE:
                continue
            scores.append(ImageStat.Stat(edges.crop(box)).var[0])
    if not scores:
        return None
    scores.sort()
    return scores[int(0.9 * (len(scores) - 1))]
