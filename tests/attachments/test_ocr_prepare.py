"""The picture made ready before Tesseract reads it (ocr_prepare): what is skipped, what is turned light."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from ozon_urgent.attachments.ocr import ocr_hits
from ozon_urgent.attachments.ocr_prepare import prepare

FONT = Path(__file__).parents[2] / "src" / "ozon_urgent" / "data" / "fonts" / "DejaVuSans-subset.ttf"


def _through_jpeg(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def _empty_surface() -> Image.Image:
    """A photographed empty table top: light falling off across it, grain, a little soft."""
    gradient = Image.linear_gradient("L").resize((1600, 1200)).point(lambda v: 120 + v // 4)
    grain = Image.effect_noise((1600, 1200), 24)
    return _through_jpeg(Image.blend(gradient, grain, 0.25).filter(ImageFilter.GaussianBlur(1.2)), 80)


def test_a_blank_picture_or_an_empty_surface_is_not_read() -> None:
    assert prepare(Image.new("L", (1080, 1920), 255)) is None
    assert prepare(_through_jpeg(Image.new("L", (1080, 1920), 245), 50)) is None
    assert prepare(_empty_surface()) is None


def test_one_faint_line_of_small_text_is_kept_for_reading() -> None:
    """Grey 11 px text (ink 200 on 250) on a 1366×768 desktop screenshot at JPEG quality 45, and the
    same line on an empty surface photo: too little to look at twice, never to be passed as clean."""
    for ink, size in ((200, 11), (190, 14), (170, 11)):
        screen = Image.new("L", (1366, 768), 250)
        ImageDraw.Draw(screen).text((600, 400), "Тел. +7 916 123-45-67", fill=ink, font=_font(size))
        assert prepare(_through_jpeg(screen, 45)) is not None, (ink, size)
    surface = _empty_surface()
    ImageDraw.Draw(surface).text((700, 600), "8 916 123 45 67", fill=110, font=_font(14))
    assert prepare(surface) is not None


def test_a_noisy_picture_is_read_rather_than_skipped() -> None:
    grain = _through_jpeg(Image.effect_noise((1200, 900), 40), 60)
    assert prepare(grain) is grain


def test_a_dark_mode_chat_is_turned_light_in_place_and_its_phone_read() -> None:
    dark = Image.new("L", (1080, 1920), 24)
    draw = ImageDraw.Draw(dark)
    draw.rounded_rectangle((40, 300, 1000, 400), 24, fill=50)
    draw.text((80, 325), "Мой телефон +7 916 123-45-67", fill=232, font=_font(40))
    prepared = prepare(dark)
    assert prepared is not None and prepared.size == dark.size
    assert prepared.getpixel((5, 5)) == 255 - 24  # the same pixels, inverted: no box moves
    light = ImageOps.invert(dark)
    assert prepare(light) is light  # a light picture is read as it is
    [hit] = ocr_hits(dark, time.monotonic() + 60, 2000)
    assert (hit.code, hit.params["masked"]) == ("P300", "+7 916 ***-**-67")
    x, y, w, h = (int(part) for part in str(hit.params["region"]).split(","))
    assert 300 <= y <= 345 and 25 <= h <= 60 and 330 <= x <= 420 and 300 <= w <= 520


def test_a_dark_picture_inverted_reads_as_its_light_twin() -> None:
    light = Image.new("L", (1080, 1920), 250)
    ImageDraw.Draw(light).text((80, 600), "Карта 4111 1111 1111 1111", fill=20, font=_font(40))
    by_light = ocr_hits(light, time.monotonic() + 60, 2000)
    by_dark = ocr_hits(ImageOps.invert(light), time.monotonic() + 60, 2000)
    assert [hit.code for hit in by_light] == ["P302"]
    assert by_dark == by_light


def test_a_blank_picture_does_not_even_load_the_engine(tmp_path: Path) -> None:
    """A fresh worker judging a blank screenshot answers without loading Tesseract (~0.9 s of a run)."""
    script = (
        "import sys, time\n"
        "from PIL import Image\n"
        "from ozon_urgent.attachments.ocr import ocr_hits\n"
        "hits = ocr_hits(Image.new('L', (1080, 1920), 255), time.monotonic() + 60, 2000)\n"
        "print(hits, 'tesserocr' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=dict(os.environ), capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[] False"


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)
