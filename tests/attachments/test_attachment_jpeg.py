"""JPEG judgement: real format, full decode, size, sharpness, metadata, and what hides after the end."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from hostile_files import (
    blurred,
    encode,
    exif_jpeg,
    grey_jpeg,
    jpeg,
    mpo,
    screenshot,
    sof_patched_jpeg,
    truncated_jpeg,
    zip_bytes,
)
from PIL import Image
from report_helpers import codes_of, inspect_file, render

from ozon_urgent.attachments import InspectLimits
from ozon_urgent.attachments.sharpness import BLUR_THRESHOLD, sharpness


def test_screenshot_jpeg_is_clean(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "chat.jpg", jpeg(1080, 1920))
    assert (report.format, report.width, report.height, report.hits) == ("jpeg", 1080, 1920, ())


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("cmyk", encode(screenshot(900, 1200).convert("CMYK"), "JPEG", quality=90)),
        ("progressive", jpeg(900, 1200, progressive=True)),
        ("mpo", mpo()),
    ],
)
def test_accepted_variants_of_jpeg(tmp_path: Path, label: str, data: bytes) -> None:
    report = inspect_file(tmp_path, f"{label}.jpg", data)
    assert (report.format, report.hits) == ("jpeg", ())


def test_truncated_jpeg(tmp_path: Path) -> None:
    assert codes_of(inspect_file(tmp_path, "cut.jpg", truncated_jpeg())) == [("A203", "jpeg_truncated")]


def test_png_renamed_jpg_names_the_real_format(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "screenshot.jpg", encode(screenshot(700, 700), "PNG"))
    assert report.format == "png"
    assert codes_of(report) == [("A202", "convertible")]
    message, hint = render(report.hits[0], "en")
    assert "PNG" in message and "--fix" in hint
    assert "PNG" in render(report.hits[0], "zh")[0]


def test_sof_patched_to_60000_squared_is_a_bomb(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "huge.jpg", sof_patched_jpeg(60000, 60000))
    assert codes_of(report) == [("A208", "image")]
    assert report.hits[0].params["width"] == 60000
    assert (report.width, report.height) == (60000, 60000)


def test_real_12000_squared_jpeg_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = grey_jpeg(12000, 12000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with warnings.catch_warnings():  # it is a real JPEG: decode it at 1/8 scale to prove it
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        check = Image.open(io.BytesIO(data))
        check.draft("L", (1500, 1500))
        check.load()
    assert check.size == (1500, 1500) and check.getextrema() == (128, 128)
    report = inspect_file(tmp_path, "giant.jpg", data)
    assert codes_of(report) == [("A208", "image")]
    assert report.hits[0].params["megapixels"] == 144


def test_jpeg_with_appended_zip(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "photo.jpg", jpeg(900, 1200) + zip_bytes({"secret.txt": b"x" * 100}))
    assert codes_of(report) == [("A214", "jpeg_zip")]


def test_padding_after_the_end_is_not_trailing_data(tmp_path: Path) -> None:
    assert inspect_file(tmp_path, "padded.jpg", jpeg(900, 1200) + bytes(64)).hits == ()


@pytest.mark.parametrize(
    ("gps", "serial", "expected"),
    [(True, False, [("A213", "gps")]), (False, True, [("A213", "serial")]), (False, False, [])],
)
def test_exif_position_and_serial(
    tmp_path: Path, gps: bool, serial: bool, expected: list[tuple[str, str]]
) -> None:
    assert codes_of(inspect_file(tmp_path, "photo.jpg", exif_jpeg(gps=gps, serial=serial))) == expected


def test_a_serial_in_ifd0_is_found_as_in_the_exif_ifd(tmp_path: Path) -> None:
    data = exif_jpeg(gps=False, serial_in_ifd0=True)
    assert Image.open(io.BytesIO(data)).getexif()[0xA431] == "SN-0042-1337"  # IFD0, not the Exif IFD
    assert codes_of(inspect_file(tmp_path, "photo.jpg", data)) == [("A213", "serial")]


def test_small_screenshot_warns(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "thumb.jpg", jpeg(400, 560))
    assert codes_of(report) == [("A211", "")]
    assert report.hits[0].params == {"width": 400, "height": 560, "min": 600}


def test_blurry_screenshot_warns(tmp_path: Path) -> None:
    """Blur alone: the OCR of a blurred full page (seconds of reading garbage) is not this test's business."""
    data = encode(blurred(screenshot(1080, 1920), 2.0), "JPEG", quality=85)
    assert codes_of(inspect_file(tmp_path, "blurry.jpg", data, InspectLimits(ocr=False))) == [("A212", "")]


def test_real_jpeg_named_pdf_is_renamed_in_the_pack(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "screenshot.pdf", jpeg(900, 1200))
    assert codes_of(report) == [("A209", "")]
    assert report.hits[0].params["pack_extension"] == ".jpg"


SCREENSHOTS = [
    (1080, 1920, 28, 1.0),
    (1080, 1920, 28, 0.2),
    (1920, 1080, 14, 1.0),
    (1280, 800, 13, 0.3),
    (750, 1334, 22, 1.0),
    (2480, 3508, 40, 1.0),
    (2480, 3508, 24, 0.5),
    (600, 800, 12, 1.0),
    (1170, 2532, 36, 1.0),
    (1440, 900, 16, 0.5),
]


@pytest.mark.parametrize(("width", "height", "font", "density"), SCREENSHOTS)
def test_blur_threshold_separates(width: int, height: int, font: int, density: float) -> None:
    """The experiment behind BLUR_THRESHOLD: sharp text well above it, a 0.2 %-of-long-side blur below."""
    image = screenshot(width, height, font, density)
    sharp = sharpness(Image.open(io.BytesIO(encode(image, "JPEG", quality=85))))
    soft = sharpness(Image.open(io.BytesIO(encode(blurred(image, 2.0), "JPEG", quality=85))))
    assert sharp is not None and soft is not None
    assert sharp >= 2 * BLUR_THRESHOLD, sharp
    assert soft < BLUR_THRESHOLD, soft


def test_blank_page_has_no_sharpness_verdict() -> None:
    assert sharpness(Image.new("RGB", (1000, 1000), "white")) is None
