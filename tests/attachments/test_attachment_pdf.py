"""PDF judgement: each hostile or broken PDF gets its own hit, in time and within the memory cap."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_files import (
    aes_pdf,
    associated_file_pdf,
    cyclic_name_tree_pdf,
    deep_name_tree_pdf,
    encrypted_pdf,
    file_attachment_pdf,
    flate_bomb_pdf,
    grey_jpeg,
    harmless_links_pdf,
    huge_annots_pdf,
    huge_length_pdf,
    javascript_pdf,
    launch_pdf,
    many_annotations_pdf,
    names_javascript_pdf,
    nested_bomb_pdf,
    pdf_pages,
    polyglot_pdf_zip,
    remote_link_pdf,
    scanned_page_pdf,
    script_behind_dummy_pdf,
    submit_form_pdf,
    text_pdf,
    written_pdf,
    xref_loop_pdf,
    zip_bytes,
)
from report_helpers import codes_of, inspect_file, render

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent.attachments import InspectLimits
from ozon_urgent.attachments.pdf_inspect import holds_zip
from ozon_urgent.attachments.pdf_text import glyph_names_read


def test_plain_text_pdf_is_clean(tmp_path: Path) -> None:
    report = inspect_file(
        tmp_path, "tracking.pdf", text_pdf(["Tracking 57195475-0050-3 delivered"], ["Page two"])
    )
    assert (report.format, report.pages, report.hits) == ("pdf", 2, ())


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("header_only", lambda: b"%PDF-1.7\n", ("A203", "pdf_truncated")),
        ("garbage_after_header", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64, ("A203", "pdf_truncated")),
        ("junk_before_header", lambda: b"\n\n  " + text_pdf(["x"]), ("A203", "pdf_header")),
        ("xref_loop", xref_loop_pdf, ("A203", "pdf_xref_loop")),
        ("flate_bomb", flate_bomb_pdf, ("A208", "pdf")),
        ("nested_filter_bomb", nested_bomb_pdf, ("A208", "pdf")),
        ("declared_length_99999999999", huge_length_pdf, ("A208", "pdf")),
        ("user_password", lambda: written_pdf("user_password"), ("A204", "")),
        ("empty_password", lambda: written_pdf("empty_password"), ("A207", "")),
        ("aes_filler_password_entries", aes_pdf, ("A204", "")),
        ("names_tree_javascript", names_javascript_pdf, ("A205", "javascript")),
        ("acroform_submit", submit_form_pdf, ("A205", "submit_form")),
        ("openaction_javascript", javascript_pdf, ("A205", "javascript")),
        ("launch_action", launch_pdf, ("A205", "launch")),
        ("embedded_file", lambda: written_pdf("embedded_file"), ("A205", "embedded_file")),
        ("file_attachment_annotation", file_attachment_pdf, ("A205", "file_attachment")),
        ("associated_file", associated_file_pdf, ("A205", "embedded_file")),
        ("polyglot_pdf_zip", polyglot_pdf_zip, ("A214", "pdf_zip")),
        ("no_pages", lambda: pdf_pages([]), ("A206", "")),
    ],
)
def test_hostile_pdf_gets_its_hit(
    tmp_path: Path, name: str, build: object, expected: tuple[str, str]
) -> None:
    assert callable(build)
    data = build()
    start = time.monotonic()
    report = inspect_file(tmp_path, f"{name}.pdf", data)
    assert expected in codes_of(report), codes_of(report)
    assert not any(code == "A210" for code, _ in codes_of(report)), "must be judged, not cut off"
    assert time.monotonic() - start < 10
    assert report.format == "pdf"


def test_bomb_is_judged_within_the_memory_cap(tmp_path: Path) -> None:
    """500 MB of zeros behind 0.5 MB: stopped by pypdf's lowered limits long before a 64 MB cap bites."""
    report = inspect_file(
        tmp_path, "bomb.pdf", flate_bomb_pdf(), InspectLimits(memory_bytes=192 * 1024 * 1024)
    )
    assert codes_of(report) == [("A208", "pdf")]


def test_user_password_says_what_to_do(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "statement.pdf", written_pdf("user_password"))
    message, hint = render(report.hits[0], "en")
    assert "password" in message and "without a password" in hint
    assert report.pages is None


def test_empty_password_pdf_is_still_read(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "protected.pdf", written_pdf("empty_password"))
    assert report.pages == 1
    assert ("A215", "") in codes_of(report)  # a blank page has no text layer


def test_a_zip_known_by_its_central_directory_alone_is_found_and_a_stray_signature_is_not() -> None:
    archive = zip_bytes({"buyers.csv": b"name,phone\n"})
    directory = archive[archive.index(b"PK\x01\x02") :]  # no local header left to find
    assert holds_zip(text_pdf(["x"]) + directory)
    assert not holds_zip(text_pdf(["x"]) + b"PK\x05\x06" + bytes(18))


def test_a_pdf_with_nothing_read_is_named_not_passed(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "scan.pdf", pdf_pages([b"0 0 m 100 100 l S", b"q Q"]))
    assert codes_of(report) == [("A215", "")]
    assert report.hits[0].params == {"pages": 2}


def test_personal_data_in_the_text_layer_is_masked_with_its_page(tmp_path: Path) -> None:
    data = text_pdf(["Order 57195475-0050-3"], ["Buyer phone +7 912 345-67-89", "Card 4111 1111 1111 1111"])
    report = inspect_file(tmp_path, "chat.pdf", data)
    assert codes_of(report) == [("P300", "page"), ("P302", "page")]
    assert report.hits[0].params == {"masked": "+7 912 ***-**-89", "page": 2}
    assert "345-67" not in repr(report) and "1111 1111 1111 1111" not in repr(report)


def test_personal_data_is_found_on_page_25_of_30(tmp_path: Path) -> None:
    """The search used to stop at page 20 without a word; now every page is read."""
    pages = [[f"Page {number}"] for number in range(1, 31)]
    pages[24] = ["Buyer phone +7 912 345-67-89"]
    report = inspect_file(tmp_path, "long.pdf", text_pdf(*pages))
    assert report.pages == 30
    assert codes_of(report) == [("P300", "page")] and report.hits[0].params["page"] == 25


def test_page_limit_names_the_pages_not_searched(tmp_path: Path) -> None:
    pages = [[f"Page {number}"] for number in range(1, 41)]
    report = inspect_file(tmp_path, "long.pdf", text_pdf(*pages), InspectLimits(pdf_text_pages=20))
    assert codes_of(report) == [("A216", "text_pages")]
    assert report.hits[0].params == {"pages": "21–40", "total": 40, "limit": 20}
    message, _ = render(report.hits[0], "en")
    assert message.startswith("pages 21–40 (of 40) were not searched for personal data")
    assert "第 21–40 页" in render(report.hits[0], "zh")[0]


def test_character_limit_names_the_page_it_cut(tmp_path: Path) -> None:
    pages = [["Page one " + "x" * 40], ["Page two " + "y" * 40], ["Buyer phone +7 912 345-67-89"]]
    report = inspect_file(tmp_path, "long.pdf", text_pdf(*pages), InspectLimits(pdf_text_chars=70))
    assert codes_of(report) == [("A216", "text_chars")]
    assert report.hits[0].params == {"pages": "2–3", "total": 3, "limit": 70}


def test_time_budget_names_the_pages_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    from ozon_urgent.attachments import pdf_inspect

    monkeypatch.setattr(pdf_inspect, "_TEXT_TIME_SHARE", 0.0)  # the budget is spent before page 1
    _, hits = pdf_inspect.inspect_pdf(text_pdf(["Buyer phone +7 912 345-67-89"], ["Two"]), InspectLimits())
    assert [(hit.code, hit.variant, hit.params) for hit in hits] == [
        ("A216", "text_time", {"pages": "1–2", "total": 2, "seconds": "0"})
    ]


def test_unreadable_pages_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PageObject

    from ozon_urgent.attachments import pdf_inspect

    original = PageObject.extract_text

    def flaky(page: PageObject, *args: object, **kwargs: object) -> str:
        if "Broken" in original(page):
            raise ValueError("no font")
        return original(page)

    monkeypatch.setattr(PageObject, "extract_text", flaky)
    data = text_pdf(["One"], ["Broken"], ["Broken"], ["Buyer phone +7 912 345-67-89"], ["Broken"])
    _, hits = pdf_inspect.inspect_pdf(data, InspectLimits())
    assert [(hit.code, hit.variant) for hit in hits] == [("P300", "page"), ("A216", "text_unreadable")]
    assert hits[1].params == {"pages": "2–3, 5", "total": 5}
    # an unreadable page before one the character budget cuts: not "damaged", both named
    _, hits = pdf_inspect.inspect_pdf(text_pdf(["Broken"], ["Long " * 20]), InspectLimits(pdf_text_chars=10))
    assert [(hit.code, hit.variant, hit.params["pages"]) for hit in hits] == [
        ("A216", "text_unreadable", "1"),
        ("A216", "text_chars", "2"),
    ]


def test_repeated_value_reported_once(tmp_path: Path) -> None:
    pages = [["Buyer +7 912 345-67-89"]] * 3
    report = inspect_file(tmp_path, "repeat.pdf", text_pdf(*pages))
    assert codes_of(report) == [("P300", "page")]


ALGORITHMS = ["RC4-128", "AES-128", "AES-256-R5", "AES-256"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_user_password_is_an_error_whatever_the_cipher(tmp_path: Path, algorithm: str) -> None:
    report = inspect_file(tmp_path, "locked.pdf", encrypted_pdf(algorithm, "secret"))
    assert codes_of(report) == [("A204", "")]
    assert report.pages is None


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_empty_user_password_is_a_warning_and_the_text_is_read(tmp_path: Path, algorithm: str) -> None:
    data = encrypted_pdf(algorithm, "", "Buyer phone +7 912 345-67-89")
    report = inspect_file(tmp_path, "protected.pdf", data)
    assert codes_of(report) == [("A207", ""), ("P300", "page")]
    assert report.pages == 1
    message, hint = render(report.hits[0], "en")
    assert "opens without a password" in message and "without protection" in hint


def test_a_file_that_cannot_be_decrypted_is_not_called_damaged(tmp_path: Path) -> None:
    data = encrypted_pdf("AES-256", "").replace(b"/Filter /Standard", b"/Filter /Strange")
    report = inspect_file(tmp_path, "strange.pdf", data)
    assert [code for code, _ in codes_of(report)] == ["A204"], codes_of(report)
    assert "A203" not in [code for code, _ in codes_of(report)]


def test_missing_aes_support_is_an_error_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from ozon_urgent.attachments import pdf_inspect

    monkeypatch.setattr(pdf_inspect, "_AES_AVAILABLE", False)
    _, hits = pdf_inspect.inspect_pdf(encrypted_pdf("AES-128", ""), InspectLimits())
    assert [(hit.code, hit.variant) for hit in hits] == [("A204", "aes_unchecked")]


@pytest.mark.parametrize(
    ("algorithm", "password", "code", "severity"),
    [("AES-256", "secret", "A204", "error"), ("AES-128", "", "A207", "warning")],
)
def test_check_judges_encryption_the_same_way(
    run_cli: RunCli, tmp_path: Path, algorithm: str, password: str, code: str, severity: str
) -> None:
    folder = tmp_path / "case"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "statement.pdf").write_bytes(encrypted_pdf(algorithm, password))
    case = write_case(folder, variant("misjudged_delisting", {"evidence[1].file": "evidence/statement.pdf"}))
    result = run_cli("check", "--format", "json", case)
    found = json.loads(result.stdout)["cases"][0]["findings"]
    [hit] = [f for f in found if str(f["code"]) in ("A203", "A204", "A207")]
    assert (hit["code"], hit["severity"], hit["path"]) == (code, severity, "evidence[1].file")
    assert result.exit_code == (1 if severity == "error" else 0)


def _checked(run_cli: RunCli, folder: Path, name: str, data: bytes, *options: str) -> tuple[int, list[Any]]:
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / "evidence" / name).write_bytes(data)
    case = write_case(folder, variant("misjudged_delisting", {"evidence[1].file": f"evidence/{name}"}))
    result = run_cli("check", "--format", "json", *options, case)
    found = json.loads(result.stdout)["cases"][0]["findings"]
    return result.exit_code, [f for f in found if str(f["code"]).startswith("A")]


def test_a_scan_too_large_to_read_fails_strict_as_the_same_jpeg_does(run_cli: RunCli, tmp_path: Path) -> None:
    """A 7200×7200 scan: as a JPEG an error (A208); in a PDF a warning that names the page (an error
    under --strict), where it was a note (A215) that let `check --strict` pass."""
    picture = grey_jpeg(7200, 7200)
    pdf = scanned_page_pdf(7200, 7200, b"/DCTDecode", picture)
    code, [unread] = _checked(run_cli, tmp_path / "pdf", "statement.pdf", pdf)
    assert (code, unread["code"], unread["severity"]) == (0, "A216", "warning")
    assert "pages 1 (of 1)" in unread["message"] and "50 megapixels" in unread["message"]
    assert _checked(run_cli, tmp_path / "strict", "statement.pdf", pdf, "--strict")[0] == 1
    code, found = _checked(run_cli, tmp_path / "jpeg", "statement.jpg", picture)
    assert code == 1 and [(f["code"], f["severity"]) for f in found] == [("A208", "error")]


def test_a_pdf_whose_pages_gave_no_text_at_all_fails_strict(run_cli: RunCli, tmp_path: Path) -> None:
    """Pages with no text layer from which OCR read nothing (a picture drawn where the search does not look,
    blank pages): personal data in them was never searched, so `check --strict` must not pass the file. It
    was a note (info) that let it through."""
    pdf = pdf_pages([b"0 0 m 100 100 l S", b"q Q"])
    code, [scanned] = _checked(run_cli, tmp_path / "plain", "statement.pdf", pdf)
    assert (code, scanned["code"], scanned["severity"]) == (0, "A215", "warning")
    assert _checked(run_cli, tmp_path / "strict", "statement.pdf", pdf, "--strict")[0] == 1


@pytest.mark.parametrize(
    "route",
    ["open_action", "page_annotation", "field_kid", "name_tree_kids", "widget_parent", "next_chain", "xfa"],
)
def test_script_is_found_where_it_lives_despite_a_huge_dummy_array(tmp_path: Path, route: str) -> None:
    report = inspect_file(tmp_path, f"{route}.pdf", script_behind_dummy_pdf(route))
    assert ("A205", "javascript") in codes_of(report), codes_of(report)
    assert ("A210", "pdf_too_complex") not in codes_of(report), "the dummy array is not where scripts live"


def test_link_to_another_file_is_active(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "contract.pdf", remote_link_pdf())
    assert ("A205", "remote_file") in codes_of(report)
    assert report.hits[0].params == {"where": "/Root/OpenAction"}


def test_web_links_are_not_active_and_their_cycles_end(tmp_path: Path) -> None:
    assert inspect_file(tmp_path, "links.pdf", harmless_links_pdf()).hits == ()
    assert inspect_file(tmp_path, "loop.pdf", cyclic_name_tree_pdf()).hits == ()


def test_too_deep_a_structure_is_refused_not_passed(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "deep.pdf", deep_name_tree_pdf())
    assert ("A210", "pdf_too_complex") in codes_of(report)
    message, _ = render(report.hits[-1], "en")
    assert "too large or too deeply nested" in message


def test_too_many_objects_is_refused_not_passed(tmp_path: Path) -> None:
    data = many_annotations_pdf(50)
    assert inspect_file(tmp_path, "fine.pdf", data).hits == ()
    report = inspect_file(tmp_path, "tight.pdf", data, InspectLimits(pdf_active_objects=40))
    assert codes_of(report) == [("A210", "pdf_too_complex")]


def test_an_array_too_big_for_pypdf_is_refused_not_skipped(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "annots.pdf", huge_annots_pdf())
    assert codes_of(report) == [("A210", "pdf_too_complex")], "a script among them must not pass"


@pytest.mark.parametrize(
    ("extracted", "read"),
    [
        ("/uni53F712345678-0123-1", "号12345678-0123-1"),  # the digits after a name stay the text's
        ("/uni8D27/uni4EF6/uni53F7", "货件号"),
        ("/uni00A5120", "¥120"),
        ("/uniD800 /uni /unicorn /uni12", "/uniD800 /uni /unicorn /uni12"),  # names no character
    ],
)
def test_a_glyph_name_left_by_pypdf_is_read_as_its_character(extracted: str, read: str) -> None:
    assert glyph_names_read(extracted) == read
