"""Everything that is neither PDF nor JPEG: named by its real format, with what to do about it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import OTHER_FORMATS
from report_helpers import codes_of, inspect_file, render

from ozon_urgent.attachments.sniff import sniff


@pytest.mark.parametrize("label", sorted(OTHER_FORMATS))
def test_other_format_is_one_error_naming_it(tmp_path: Path, label: str) -> None:
    data, fmt, variant = OTHER_FORMATS[label]
    report = inspect_file(tmp_path, "evidence.pdf", data)  # the name claims PDF; the content decides
    assert report.format == (fmt or None)
    assert codes_of(report) == [("A202", variant)]


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("docx", ["Word", "PDF"]),
        ("mp4", ["MP4", "links"]),
        ("zip", ["ZIP", "Unpack"]),
        ("heic", ["HEIC", "JPEG"]),
    ],
)
def test_message_says_what_to_do(tmp_path: Path, label: str, words: list[str]) -> None:
    report = inspect_file(tmp_path, "evidence.jpg", OTHER_FORMATS[label][0])
    message, hint = render(report.hits[0], "en")
    for word in words:
        assert word in message + hint


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
        (b"\x1a\x45\xdf\xa3\x01", "mkv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "office97"),
        (b"<!DOCTYPE html><html></html>", "html"),
        (
            "订单号,状态,日期\n57195475-0050-3,已签收,2026-11-18\n57195475-0051-1,退货,2026-11-19\n".encode(
                "gbk"
            ),
            "csv",
        ),
        (b"\x00\x01\x02\x03binary", None),
    ],
)
def test_sniff(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected
