"""`--fix`: conversions, shrinking and metadata stripping return new bytes and never touch the input."""

from __future__ import annotations

import hashlib
import io
import zlib
from pathlib import Path

import pytest
from hostile_files import encode, exif_jpeg, jpeg, mpo, screenshot, zip_bytes
from PIL import Image
from report_helpers import codes_of, inspect_file

from ozon_urgent.attachments import (
    AttachmentReport,
    FixedAttachment,
    FixRefused,
    InspectLimits,
    fix_attachment,
    fix_attachments,
    inspect_blobs,
)
from ozon_urgent.attachments.reading import read_evidence

LIMITS = InspectLimits()


def report_for(data: bytes, fmt: str | None) -> AttachmentReport:
    return AttachmentReport("x", len(data), None, fmt, None, None, None, ())


def fixed(data: bytes, fmt: str | None, limits: InspectLimits = LIMITS) -> FixedAttachment:
    result = fix_attachment(data, report_for(data, fmt), limits)
    assert isinstance(result, FixedAttachment), result
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert result.changes[0].before_sha256 == hashlib.sha256(data).hexdigest()
    assert result.changes[-1].after_sha256 == result.sha256
    return result


def open_jpeg(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data), formats=["JPEG"])
    image.load()
    return image


def test_transparent_png_becomes_jpeg_on_white() -> None:
    image = screenshot(700, 700).convert("RGBA")
    image.putpixel((0, 0), (255, 0, 0, 0))  # fully transparent red must come out white
    result = fixed(encode(image, "PNG"), "png")
    assert [change.what for change in result.changes] == ["converted"]
    assert result.changes[0].detail == {"from": "png", "quality": 90}
    out = open_jpeg(result.data)
    assert out.mode == "RGB" and out.size == (700, 700)
    assert all(channel > 240 for channel in out.getpixel((0, 0)))  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF"])
def test_webp_and_tiff_become_jpeg(fmt: str) -> None:
    result = fixed(encode(screenshot(700, 700), fmt), fmt.lower())
    assert open_jpeg(result.data).size == (700, 700)


def test_multi_page_tiff_is_not_cut_to_its_first_page() -> None:
    pages = [screenshot(300, 300, seed=seed) for seed in range(2)]
    data = encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    assert fix_attachment(data, report_for(data, "tiff"), LIMITS) == FixRefused("multi_page")


def test_exif_position_and_serial_stripped_losslessly() -> None:
    data = exif_jpeg(icc=b"MY-ICC-PROFILE" * 10)
    result = fixed(data, "jpeg")
    assert [change.what for change in result.changes] == ["metadata_stripped"]
    assert result.changes[0].detail == {"removed": "gps,serial"}
    before, after = open_jpeg(data), open_jpeg(result.data)
    exif = after.getexif()
    assert exif.get(0x0112) == 6  # orientation kept
    assert not exif.get_ifd(0x8825) and 0xA431 not in exif.get_ifd(0x8769)
    assert after.info.get("icc_profile") == b"MY-ICC-PROFILE" * 10
    assert after.tobytes() == before.tobytes()  # pixels untouched: the scan data was copied
    scan = data.index(b"\xff\xda")
    assert result.data.endswith(data[scan:])


def test_appended_zip_is_cut_off() -> None:
    clean = jpeg(900, 1200)
    result = fixed(clean + zip_bytes({"a.txt": b"hidden"}), "jpeg")
    assert [change.what for change in result.changes] == ["trailing_removed"]
    assert result.data == clean


def test_mpo_with_gps_keeps_its_first_frame() -> None:
    exif = Image.Exif()
    exif[0x0112] = 1
    exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 45.0, 30.0), 3: "E", 4: (37.0, 36.0, 0.0)})
    data = mpo(exif=exif)
    assert Image.open(io.BytesIO(data)).format == "MPO"
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    result = fixed(data, "jpeg")
    out = open_jpeg(result.data)
    assert not out.getexif().get_ifd(0x8825)
    assert out.tobytes() == open_jpeg(data).tobytes()


def test_a_serial_in_ifd0_is_stripped_too() -> None:
    result = fixed(exif_jpeg(gps=False, serial_in_ifd0=True), "jpeg")
    assert result.changes[0].detail == {"removed": "serial"}
    assert 0xA431 not in open_jpeg(result.data).getexif()


def test_oversized_jpeg_shrinks_below_the_limit() -> None:
    noisy = Image.effect_noise((1600, 1200), 60).convert("RGB")
    data = encode(noisy, "JPEG", quality=95)
    limits = InspectLimits(max_bytes=len(data) // 3)
    result = fixed(data, "jpeg", limits)
    assert len(result.data) <= limits.max_bytes
    assert result.changes[-1].what in ("reencoded", "downscaled")


def test_clean_jpeg_needs_no_fix() -> None:
    data = jpeg(900, 1200)
    assert fix_attachment(data, report_for(data, "jpeg"), LIMITS) is None


def test_pdf_is_not_ours_to_fix() -> None:
    refused = fix_attachment(b"%PDF-1.7\n", report_for(b"%PDF-1.7\n", "pdf"), LIMITS)
    assert refused == FixRefused("format", {"format": "pdf"})


def test_an_image_over_the_pixel_limit_says_so() -> None:
    data = encode(Image.new("RGB", (3000, 2000), "white"), "PNG")  # 6 megapixels against a limit of 5
    refused = fix_attachment(data, report_for(data, "png"), InspectLimits(max_pixels=5_000_000))
    assert refused == FixRefused("pixels", {"megapixels": 6, "limit_mp": 5})


@pytest.mark.parametrize(
    "error",
    [
        OSError("broken data stream when writing image file"),
        zlib.error("Error -4 while decompressing data: insufficient memory"),
    ],
)
def test_a_codec_that_runs_out_of_memory_in_words_is_memory_not_undecodable(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """Under the child's memory cap libjpeg and zlib report a failed allocation as an error message; that
    must reach the pool as MemoryError (B004 memory), never as "the file cannot be decoded"."""
    data = encode(Image.new("RGB", (600, 400), "white"), "PNG")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Image.Image, "save", fail)
    with pytest.raises(MemoryError):
        fix_attachment(data, report_for(data, "png"), LIMITS)


def test_a_broken_png_is_still_undecodable() -> None:
    data = encode(Image.new("RGB", (600, 400), "white"), "PNG")
    refused = fix_attachment(data[:200], report_for(data[:200], "png"), LIMITS)
    assert refused == FixRefused("undecodable")


def test_a_conversion_out_of_memory_says_so_and_the_pool_goes_on() -> None:
    big = encode(Image.new("RGB", (6000, 4000), "white"), "PNG")  # 72 MB once decoded
    small = encode(Image.new("RGB", (600, 400), "white"), "PNG")
    limits = InspectLimits(memory_bytes=48 * 1024 * 1024)
    first, second = fix_attachments(
        [(big, report_for(big, "png")), (small, report_for(small, "png"))], limits
    )
    assert first == FixRefused("memory", {"limit_mb": 48})
    assert isinstance(second, FixedAttachment)


def test_fix_in_the_pool_leaves_the_input_alone_and_passes_inspection(tmp_path: Path) -> None:
    inputs = {
        "photo.jpg": exif_jpeg() + zip_bytes({"a.txt": b"x"}),
        "screen.jpg": encode(screenshot(800, 1000).convert("RGBA"), "PNG"),
    }
    reports = {name: inspect_file(tmp_path, name, data) for name, data in inputs.items()}
    assert {code for code, _ in codes_of(reports["photo.jpg"])} == {"A213", "A214"}
    items = []
    for name in inputs:
        read = read_evidence(tmp_path / name, LIMITS.fix_max_input_bytes)
        assert read.data is not None, read.hit
        items.append((read.data, reports[name]))
    results = fix_attachments(items, LIMITS)
    for name, data in inputs.items():
        assert (tmp_path / name).read_bytes() == data
    blobs = []
    for name, result in zip(inputs, results, strict=True):
        assert isinstance(result, FixedAttachment)
        blobs.append((name, result.data))
    assert all(report.hits == () for report in inspect_blobs(blobs, LIMITS))
