"""Files hidden in a JPEG: a second photo, a PDF or an archive after its end, or a PDF in a segment."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hostile_files import (
    GPS_EXIF,
    camera_jpeg,
    encode,
    exif_jpeg,
    gps_photo,
    jpeg,
    mpo,
    restart_jpeg,
    screenshot,
    text_pdf,
    with_segment,
    zip_bytes,
)
from PIL import Image
from report_helpers import codes_of, inspect_file, render

from ozon_urgent.attachments import FixedAttachment, InspectLimits, fix_attachment, inspect_blobs
from ozon_urgent.attachments.jpeg_hidden import APP_LIMIT, COMMENT_LIMIT
from ozon_urgent.attachments.jpeg_markers import jpeg_layout
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code, declaration

LIMITS = InspectLimits()
PDF = text_pdf(["Invoice 57195475-0050-3"])


def fixed_copy(tmp_path: Path, name: str, data: bytes) -> FixedAttachment:
    """The `--fix` copy of a file, after checking that it is judged clean again."""
    report = inspect_file(tmp_path, name, data)
    result = fix_attachment(data, report, LIMITS)
    assert isinstance(result, FixedAttachment), result
    [again] = inspect_blobs([(name, result.data)], LIMITS)
    assert again.hits == (), again.hits
    return result


def test_appended_photo_with_gps_is_found_and_cut_off(tmp_path: Path) -> None:
    first = jpeg(900, 1200)
    hidden = gps_photo()
    data = first + hidden
    report = inspect_file(tmp_path, "photo.jpg", data)
    assert codes_of(report) == [("A214", "jpeg_image_gps")]
    assert report.hits[0].params == {"bytes": len(hidden)}
    assert "GPS" in render(report.hits[0], "en")[0] and "GPS" in render(report.hits[0], "zh")[0]
    result = fixed_copy(tmp_path, "photo.jpg", data)
    assert [c.what for c in result.changes] == ["trailing_removed"]
    assert result.data == first
    assert b"\xff\xd8\xff" not in result.data[2:] and not Image.open(io.BytesIO(result.data)).getexif()


def test_appended_photo_without_gps_after_padding(tmp_path: Path) -> None:
    data = jpeg(900, 1200) + bytes(16) + jpeg(600, 800)
    assert codes_of(inspect_file(tmp_path, "photo.jpg", data)) == [("A214", "jpeg_image")]


@pytest.mark.parametrize(
    ("label", "tail", "variant", "params"),
    [
        ("pdf", PDF, "jpeg_pdf", {}),
        ("zip", zip_bytes({"buyers.csv": b"name,phone\n" * 50}), "jpeg_zip", {}),
        ("rar", b"Rar!\x1a\x07\x01\x00" + bytes(200), "jpeg_archive", {"format": "RAR"}),
        ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(200), "jpeg_archive", {"format": "7z"}),
        ("bytes", b"hello, reviewer" * 10, "jpeg", {}),
    ],
)
def test_appended_file_is_classified_and_cut_off(
    tmp_path: Path, label: str, tail: bytes, variant: str, params: dict[str, str]
) -> None:
    clean = jpeg(900, 1200)
    report = inspect_file(tmp_path, f"{label}.jpg", clean + tail)
    assert codes_of(report) == [("A214", variant)]
    assert report.hits[0].params == {"bytes": len(tail), **params}
    result = fixed_copy(tmp_path, f"{label}.jpg", clean + tail)
    assert [c.what for c in result.changes] == ["trailing_removed"] and result.data == clean


def test_pdf_in_a_comment_segment_is_found_and_dropped_losslessly(tmp_path: Path) -> None:
    clean = jpeg(900, 1200)
    data = with_segment(clean, 0xFE, PDF)
    report = inspect_file(tmp_path, "photo.jpg", data)
    assert codes_of(report) == [("A214", "segment_pdf")]
    assert report.hits[0].params == {"segment": "COM", "bytes": len(PDF)}
    result = fixed_copy(tmp_path, "photo.jpg", data)
    assert [c.what for c in result.changes] == ["segments_removed"]
    assert result.changes[0].detail == {"bytes": len(PDF) + 4}
    assert result.data == clean  # nothing re-encoded: the scan and every other segment are the same bytes


@pytest.mark.parametrize(
    ("marker", "payload", "variant"),
    [
        (0xFE, zip_bytes({"a.txt": b"x"}), "segment_zip"),
        (0xEB, b"VENDOR\x00" + jpeg(64, 64), "segment_image"),
        (0xE1, b"Exif\x00\x00" + PDF, "segment_pdf"),  # a known kind still may not carry a file
        (0xFE, b"x" * (COMMENT_LIMIT + 1), "segment_large"),
        (0xE9, b"VENDOR\x00" + bytes(APP_LIMIT), "segment_large"),
    ],
)
def test_suspicious_segments(tmp_path: Path, marker: int, payload: bytes, variant: str) -> None:
    clean = jpeg(900, 1200)
    data = with_segment(clean, marker, payload)
    assert codes_of(inspect_file(tmp_path, "photo.jpg", data)) == [("A214", variant)]
    assert fixed_copy(tmp_path, "photo.jpg", data).data == clean


def test_comment_and_vendor_segments_below_the_limits_pass(tmp_path: Path) -> None:
    data = with_segment(jpeg(900, 1200), 0xFE, b"c" * COMMENT_LIMIT)
    data = with_segment(data, 0xE9, b"VENDOR\x00" + bytes(60_000))
    assert inspect_file(tmp_path, "photo.jpg", data).hits == ()


def test_camera_jpeg_with_exif_icc_and_xmp_is_clean(tmp_path: Path) -> None:
    data = camera_jpeg()
    image = Image.open(io.BytesIO(data))
    assert len(image.info["icc_profile"]) > 65_533 and "xmp" in image.info
    assert data.count(b"\xff\xd8\xff") == 2  # the maker note's thumbnail
    assert inspect_file(tmp_path, "camera.jpg", data).hits == ()


def test_progressive_jpeg_with_many_scans_is_clean(tmp_path: Path) -> None:
    data = jpeg(900, 1200, progressive=True)
    layout = jpeg_layout(data)
    assert sum(1 for s in layout.segments if s.marker == 0xDA) > 5
    assert (layout.end, layout.trailing) == (len(data), 0)
    assert inspect_file(tmp_path, "progressive.jpg", data).hits == ()


def test_scan_with_stuffing_and_restart_markers_ends_at_its_eoi(tmp_path: Path) -> None:
    data = restart_jpeg()
    scan = data.index(b"\xff\xda")
    assert data.count(b"\xff\x00", scan) > 10 and data.count(b"\xff\xd3", scan) > 10
    tail = zip_bytes({"a.txt": b"x"})
    layout = jpeg_layout(data + tail)
    assert (layout.first_end, layout.end, layout.trailing, layout.trailing_kind) == (
        len(data),
        len(data),
        len(tail),
        "zip",
    )
    assert codes_of(inspect_file(tmp_path, "noise.jpg", data + tail)) == [("A214", "jpeg_zip")]


def test_junk_before_a_marker_does_not_hide_what_follows(tmp_path: Path) -> None:
    clean = jpeg(900, 1200)
    dqt = clean.index(b"\xff\xdb")
    data = clean[:dqt] + b"junk" + clean[dqt:] + PDF  # Pillow skips the junk and decodes the picture
    assert codes_of(inspect_file(tmp_path, "photo.jpg", data)) == [("A214", "jpeg_pdf")]


@pytest.mark.parametrize(("junk", "variant"), [(PDF, "gap_file"), (b"j" * (COMMENT_LIMIT + 1), "gap")])
def test_data_between_segments_is_found_and_dropped(tmp_path: Path, junk: bytes, variant: str) -> None:
    clean = jpeg(900, 1200)
    dqt = clean.index(b"\xff\xdb")
    data = clean[:dqt] + junk + clean[dqt:]
    report = inspect_file(tmp_path, "photo.jpg", data)
    assert codes_of(report) == [("A214", variant)] and report.hits[0].params == {"bytes": len(junk)}
    assert fixed_copy(tmp_path, "photo.jpg", data).data == clean


def test_an_eoi_inside_a_segment_is_not_the_end() -> None:
    clean = jpeg(900, 1200)
    data = with_segment(clean, 0xFE, b"\xff\xd9 not the end")
    assert jpeg_layout(data).end == len(data)


def test_mpo_frames_declared_in_its_index_are_not_trailing(tmp_path: Path) -> None:
    data = mpo(3)
    layout = jpeg_layout(data)
    assert (layout.frames, layout.end, layout.trailing) == (3, len(data), 0)
    report = inspect_file(tmp_path, "mpo.jpg", data + PDF)
    assert codes_of(report) == [("A214", "jpeg_pdf")]


def test_mpo_with_a_pdf_comment_keeps_a_valid_first_frame(tmp_path: Path) -> None:
    data = with_segment(mpo(2), 0xFE, PDF)  # before the MPF segment: the index stays right
    assert jpeg_layout(data).frames == 2
    assert codes_of(inspect_file(tmp_path, "mpo.jpg", data)) == [("A214", "segment_pdf")]
    result = fixed_copy(tmp_path, "mpo.jpg", data)
    assert Image.open(io.BytesIO(result.data)).format == "JPEG"  # the further frame went with its index


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update(GPS_EXIF)
    return exif


def test_gps_in_a_later_mpo_frame_is_found_and_fixed(tmp_path: Path) -> None:
    data = mpo(2, later={"exif": _gps_exif()})
    picture = Image.open(io.BytesIO(data))
    picture.seek(1)
    assert picture.getexif().get_ifd(0x8825)  # a reader of frame 2 shows the position
    assert codes_of(inspect_file(tmp_path, "mpo.jpg", data)) == [("A213", "gps")]
    result = fixed_copy(tmp_path, "mpo.jpg", data)
    assert [(c.what, c.detail) for c in result.changes] == [("metadata_stripped", {"removed": "gps"})]
    assert Image.open(io.BytesIO(result.data)).format == "JPEG"  # the frame went, with its index


def test_a_zip_in_a_later_mpo_frame_is_found_and_fixed(tmp_path: Path) -> None:
    data = mpo(2, later={"comment": zip_bytes({"buyers.csv": b"name,phone\n"})})
    assert jpeg_layout(data).frames == 2
    assert codes_of(inspect_file(tmp_path, "mpo.jpg", data)) == [("A214", "segment_zip")]
    result = fixed_copy(tmp_path, "mpo.jpg", data)
    assert [c.what for c in result.changes] == ["segments_removed"]
    assert Image.open(io.BytesIO(result.data)).format == "JPEG"


def test_segment_and_trailing_fixes_compose_with_metadata_stripping(tmp_path: Path) -> None:
    data = with_segment(exif_jpeg(), 0xFE, PDF) + gps_photo()
    report = inspect_file(tmp_path, "photo.jpg", data)
    assert sorted(codes_of(report)) == [
        ("A213", "gps"),
        ("A213", "serial"),
        ("A214", "jpeg_image_gps"),
        ("A214", "segment_pdf"),
    ]
    result = fixed_copy(tmp_path, "photo.jpg", data)
    assert [c.what for c in result.changes] == ["trailing_removed", "segments_removed", "metadata_stripped"]
    assert result.changes[0].detail == {"bytes": len(gps_photo())}


def test_whole_files_are_errors_loose_bytes_warnings() -> None:
    a214 = declaration(Code.ATTACHMENT_TRAILING_DATA)
    assert a214.severity is Severity.WARNING
    # A ZIP in a PDF (a polyglot) is a whole hidden file as much as a ZIP after a JPEG is.
    whole = {"jpeg_image_gps", "jpeg_pdf", "jpeg_zip", "segment_pdf", "gap_file", "pdf_zip"}
    assert whole <= a214.error_variants
    assert not {"jpeg", "segment_large", "gap"} & a214.error_variants


def test_icc_profile_of_a_plain_screenshot_is_clean(tmp_path: Path) -> None:
    data = encode(screenshot(900, 1200), "JPEG", quality=85, icc_profile=b"ICC" * 30_000)
    assert inspect_file(tmp_path, "icc.jpg", data).hits == ()
