"""Personal data in pictures, read by the real Tesseract (never mocked): screenshots and scanned PDF pages."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hostile_files import deflate_zeros, grey_jpeg, scanned_page_pdf, sof_patched_jpeg
from PIL import Image, ImageDraw, ImageFont
from report_helpers import codes_of, inspect_file

from ozon_urgent.attachments import InspectLimits
from ozon_urgent.attachments.cpu_budget import cpu_clock
from ozon_urgent.attachments.jpeg_inspect import inspect_jpeg
from ozon_urgent.attachments.ocr import Line, Word, hits_in_lines, parse_tsv, read_lines
from ozon_urgent.attachments.tessdata import ENGINE_ENV, find_tessdata

# The subset ships with the package (digits, Latin, Cyrillic): no system font needed on CI.
FONT = Path(__file__).parents[2] / "src" / "ozon_urgent" / "data" / "fonts" / "DejaVuSans-subset.ttf"
PHONE_CHAT = ["Здравствуйте! Заказ не пришёл", "Мой телефон +7 916 123-45-67", "Спасибо, ждём"]
ID_CHAT = [
    "Отправление 57195475-0050-3",
    "Заказ 0195475923-0050",
    "SKU 1041234519 Артикул 498274975",
    "Трек RA123456785CN",
    "Доставлено 12.05.2024 14:35",
    "Сумма 1 250,00 руб. Итого 12 345,90",
]


def chat(lines: list[str], size: tuple[int, int] = (1080, 1920), font_size: int = 40) -> Image.Image:
    """A phone chat screenshot: message bubbles, alternately left and right, dark text on light grey."""
    image = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), font_size)
    top = 160
    for index, text in enumerate(lines):
        left = 60 if index % 2 else 140
        box = draw.textbbox((left, top), text, font=font)
        bubble = (box[0] - 24, box[1] - 18, box[2] + 24, box[3] + 18)
        draw.rounded_rectangle(bubble, 24, fill=(220, 248, 198) if index % 2 else (232, 232, 236))
        draw.text((left, top), text, fill=(20, 20, 20), font=font)
        top += int(font_size * 3.2)
    return image


def jpeg(image: Image.Image, quality: int = 88) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def region(hit_region: object) -> tuple[int, int, int, int]:
    x, y, w, h = (int(part) for part in str(hit_region).split(","))
    return x, y, w, h


def judged_elsewhere(picture: Path, env: dict[str, str], show: str = "h.variant") -> str:
    """`inspect_jpeg` on the picture in a fresh interpreter, which loads the engine anew under `env`:
    the printed list of (code, `show`) per hit."""
    script = (
        "import sys\n"
        "from ozon_urgent.attachments.jpeg_inspect import inspect_jpeg\n"
        "from ozon_urgent.attachments import InspectLimits\n"
        "hits = inspect_jpeg(open(sys.argv[1], 'rb').read(), InspectLimits())[2]\n"
        f"print([(h.code.value, {show}) for h in hits])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(picture)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def test_phone_in_a_chat_screenshot_is_found_with_its_region(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "chat.jpg", jpeg(chat(PHONE_CHAT)))
    assert codes_of(report) == [("P300", "")]
    [hit] = report.hits
    assert hit.params["masked"] == "+7 916 ***-**-67"
    x, y, w, h = region(hit.params["region"])
    # The second bubble's line: top 160 + 128; the number starts after "Мой телефон".
    assert 250 <= y <= 300 and 20 <= h <= 60 and 300 <= x <= 420 and 250 <= w <= 450
    assert "123-45" not in repr(report)


def test_the_engine_is_loaded_into_the_worker_where_tesserocr_is_installed() -> None:
    """CI and Linux x86-64 users read in-process (tesserocr, loaded once per worker), not by a program
    started per picture: the fast path is the one the tests above exercise."""
    import shutil

    from ozon_urgent.attachments import ocr

    assert os.environ.get(ENGINE_ENV) is None
    assert find_tessdata() is not None
    reader = ocr._library()
    assert reader is not None and ocr._library() is reader
    assert shutil.which("tesseract") is not None  # the program path below needs it too


def test_the_tesseract_program_reads_the_same_as_the_library(tmp_path: Path) -> None:
    """Where tesserocr has no wheel (macOS, ARM) the `tesseract` program is run: same finding, same place."""
    import shutil

    program = shutil.which("tesseract")
    assert program is not None
    (tmp_path / "chat.jpg").write_bytes(jpeg(chat(PHONE_CHAT)))
    show = "h.params.get('masked'), h.params.get('region')"
    runs = [judged_elsewhere(tmp_path / "chat.jpg", extra, show) for extra in ({}, {ENGINE_ENV: program})]
    assert runs[0].startswith("[('P300', '+7 916 ***-**-67', '")
    by_library, by_program = (ast.literal_eval(run) for run in runs)
    x1, y1, _, _ = region(by_library[0][2])
    x2, y2, _, _ = region(by_program[0][2])
    assert [hit[:2] for hit in by_library] == [hit[:2] for hit in by_program]
    assert abs(x1 - x2) <= 8 and abs(y1 - y2) <= 8


def test_region_is_in_the_original_pixels_when_the_picture_is_scaled_down(tmp_path: Path) -> None:
    big = chat(PHONE_CHAT, size=(2160, 3840), font_size=80)
    small = chat(PHONE_CHAT, size=(2160, 3840), font_size=80)
    limits = InspectLimits(ocr_max_side=1920)  # the 3840-pixel side is read at half size
    [hit] = inspect_file(tmp_path, "big.jpg", jpeg(big), limits).hits
    [full] = inspect_file(tmp_path, "full.jpg", jpeg(small), InspectLimits(ocr_max_side=4000)).hits
    scaled, exact = region(hit.params["region"]), region(full.params["region"])
    assert all(abs(a - b) <= 12 for a, b in zip(scaled, exact, strict=True)), (scaled, exact)


def test_email_and_card_in_a_screenshot(tmp_path: Path) -> None:
    lines = ["Пишите: ivan.petrov84@mail.ru", "Карта 4111 1111 1111 1111"]
    report = inspect_file(tmp_path, "chat.jpg", jpeg(chat(lines)))
    assert codes_of(report) == [("P303", ""), ("P302", "")]
    assert report.hits[0].params["masked"] == "i***@mail.ru"
    assert all("region" in hit.params for hit in report.hits)


def test_posting_sku_tracking_dates_and_amounts_are_no_personal_data(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "ids.jpg", jpeg(chat(ID_CHAT)))
    assert report.hits == ()


@pytest.mark.parametrize(
    "read_as",
    [
        "57 195475-0050-3",  # Tesseract often splits 57195475-0050-3 in a small font
        "57 195475-00503",  # and loses the last dash: 19547500503 is a valid Chinese mobile
        "7 195475-0050-3",
        "57 195475-0050.3",
        "57 195475-0050'8",
        "SKU 498274975 5",  # a SKU and the first digit of a number cut off at the screen's edge
    ],
)
def test_a_posting_number_misread_by_ocr_is_no_phone(read_as: str) -> None:
    pieces = ["order", *read_as.split(), "delivered"]
    words = [Word(text, 10 * i, 0, 8, 10, 90.0, 1, 1, 1) for i, text in enumerate(pieces)]
    assert hits_in_lines([Line(tuple(words))]) == []


def test_a_phone_beside_a_posting_number_is_still_found() -> None:
    words = [
        Word(text, 10 * i, 0, 8, 10, 90.0, 1, 1, 1)
        for i, text in enumerate(["57195475-0050-3", "тел.", "+86", "195", "4750", "0503"])
    ]
    assert [hit.params["masked"] for hit in hits_in_lines([Line(tuple(words))])] == ["+86 19* **** **03"]


def _lines(rows: list[tuple[int, int, str]]) -> list[Line]:
    """(paragraph, line, text) rows as Tesseract's lines, one word per space-separated piece."""
    lines: list[Line] = []
    for par, number, text in rows:
        top = 20 * number
        words = [Word(w, 60 * i, top, 50, 12, 90.0, 1, par, number) for i, w in enumerate(text.split())]
        lines.append(Line(tuple(words)))
    return lines


def test_a_value_wrapped_onto_the_next_line_of_its_paragraph_is_found_once() -> None:
    lines = _lines([(1, 1, "Мой номер +86 183 8897"), (1, 2, "5926, звоните после 18:00")])
    [hit] = hits_in_lines(lines)
    assert hit.params["region"] == "0,20,290,32"
    lines = _lines([(1, 1, "Карта для возврата 4111 1101 6275"), (1, 2, "2286")])
    assert [str(hit.code) for hit in hits_in_lines(lines)] == ["P302"]
    # a value found on one line is not found again with the next line
    lines = _lines([(1, 1, "Перезвоните мне +86 136 1442 0872"), (1, 2, "23:08")])
    assert len(hits_in_lines(lines)) == 1


def test_lines_of_different_paragraphs_are_not_joined() -> None:
    lines = _lines([(1, 1, "Карта для возврата 4111 1101 6275"), (2, 2, "2286")])
    assert hits_in_lines(lines) == []
    lines = _lines([(1, 1, "Отправление 57195475-0050-3"), (1, 2, "SKU 1234567890 12.11.2026 1 250 ₽")])
    assert hits_in_lines(lines) == []


def test_region_is_the_union_of_the_matched_words_scaled_outwards() -> None:
    tsv = "\n".join(
        [
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "5\t1\t1\t1\t1\t1\t10\t20\t50\t12\t95\tтел.",
            "5\t1\t1\t1\t1\t2\t70\t21\t30\t12\t93\t+7",
            "5\t1\t1\t1\t1\t3\t105\t20\t40\t13\t91\t916",
            "5\t1\t1\t1\t1\t4\t150\t20\t90\t12\t88\t123-45-67",
            "5\t1\t1\t1\t2\t1\t10\t40\t50\t12\t95\tдалее",
        ]
    )
    lines = parse_tsv(tsv)
    assert [line.text for line in lines] == ["тел. +7 916 123-45-67", "далее"]
    [hit] = hits_in_lines(lines, (2.0, 2.0), page=3)
    assert (hit.variant, hit.params) == (
        "page",
        {"masked": "+7 916 ***-**-67", "region": "140,40,340,26", "page": 3},
    )


def test_tiny_and_blank_pictures_give_nothing_fast() -> None:
    tiny = jpeg(Image.new("RGB", (1, 1), "white"))
    blank = jpeg(Image.effect_noise((1200, 900), 12).convert("RGB"))
    for data in (tiny, blank):
        started = time.monotonic()
        _, _, hits = inspect_jpeg(data, InspectLimits(min_short_side=1))
        assert [hit.code for hit in hits if hit.code.startswith(("P", "A217"))] == []
        assert time.monotonic() - started < 5


def test_text_upside_down_or_on_its_side_is_read_and_placed_in_the_original(tmp_path: Path) -> None:
    """Tesseract turns text on its side itself; upside down it reads garbage at low confidence, so the
    picture is read once more turned over, and the region mapped back to the picture as it is."""
    upright = inspect_file(tmp_path, "up.jpg", jpeg(chat(PHONE_CHAT))).hits[0]
    x, y, w, h = region(upright.params["region"])
    turned = inspect_file(tmp_path, "turned.jpg", jpeg(chat(PHONE_CHAT).rotate(180))).hits
    assert [(hit.code, hit.params["masked"]) for hit in turned] == [("P300", "+7 916 ***-**-67")]
    expected = (1080 - x - w, 1920 - y - h, w, h)
    found = region(turned[0].params["region"])
    assert all(abs(a - b) <= 6 for a, b in zip(found, expected, strict=True)), (found, expected)
    for angle in (90, 270):
        side = inspect_file(tmp_path, f"side{angle}.jpg", jpeg(chat(PHONE_CHAT).rotate(angle, expand=True)))
        assert [hit.code for hit in side.hits] == ["P300"], angle
        _, _, sw, sh = region(side.hits[0].params["region"])
        assert sw < sh  # the number runs down the picture, as it lies in it


def test_upright_text_the_models_cannot_read_is_not_read_twice() -> None:
    """Boxes in place of Chinese read at ~64 confidence: poor, but not the 28-57 of text upside down,
    so the picture is not read again turned over (1-2 s more for nothing on a dense page)."""
    from hostile_files import screenshot

    from ozon_urgent.attachments import ocr

    lines = ocr.read_lines(screenshot(1080, 960).convert("L"), 30)
    assert 62 <= ocr._mean_conf(lines) < 80 and not ocr._read_poorly(lines)
    turned = ocr.read_lines(chat(PHONE_CHAT * 2).rotate(180).convert("L"), 30)
    assert ocr._read_poorly(turned)


def test_missing_engine_is_said_never_clean(tmp_path: Path) -> None:
    data = jpeg(chat(PHONE_CHAT))
    (tmp_path / "chat.jpg").write_bytes(data)
    script = (
        "import sys; from pathlib import Path\n"
        "from ozon_urgent.attachments import InspectLimits, inspect_attachments\n"
        "[r] = inspect_attachments([Path(sys.argv[1])], InspectLimits())\n"
        "print([(h.code.value, h.variant) for h in r.hits])\n"
    )
    env = {**os.environ, ENGINE_ENV: str(tmp_path / "no-such-tesseract")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "chat.jpg")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "[('A217', 'engine_missing')]"


def test_engine_that_fails_is_said(tmp_path: Path) -> None:
    failing = tmp_path / "tesseract"
    failing.write_text("#!/bin/sh\nexit 3\n")
    failing.chmod(0o755)
    (tmp_path / "chat.jpg").write_bytes(jpeg(chat(PHONE_CHAT)))
    assert (
        judged_elsewhere(tmp_path / "chat.jpg", {ENGINE_ENV: str(failing)}) == "[('A217', 'engine_failed')]"
    )


def test_engine_without_russian_counts_as_missing(tmp_path: Path) -> None:
    """The real engine pointed at a model folder without rus.traineddata: the install hint applies."""
    (tmp_path / "tessdata").mkdir()
    (tmp_path / "chat.jpg").write_bytes(jpeg(chat(PHONE_CHAT)))
    for engine in ({}, {ENGINE_ENV: "tesseract"}):  # the library, then the program
        env = {"TESSDATA_PREFIX": str(tmp_path / "tessdata"), **engine}
        assert judged_elsewhere(tmp_path / "chat.jpg", env) == "[('A217', 'engine_missing')]", engine


def test_ocr_out_of_time_is_said(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "chat.jpg", jpeg(chat(PHONE_CHAT)), InspectLimits(timeout_s=0.05))
    assert ("A217", "timeout") in codes_of(report) or ("A210", "timeout") in codes_of(report)
    assert not [code for code, _ in codes_of(report) if code.startswith("P")]


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    """Pages that are only pictures, as a scanner or `Image.save(..., "PDF")` makes them: no text layer."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return out.getvalue()


def test_scanned_pdf_page_with_a_phone_is_found_with_its_page(tmp_path: Path) -> None:
    data = scanned_pdf([chat(["Акт приёма", "Отправление 57195475-0050-3"]), chat(PHONE_CHAT)])
    report = inspect_file(tmp_path, "scan.pdf", data)
    assert codes_of(report) == [("P300", "page")]
    params = report.hits[0].params
    assert params["page"] == 2 and params["masked"] == "+7 916 ***-**-67"
    x, y, _, _ = region(params["region"])
    assert 250 <= y <= 300 and 300 <= x <= 420


def test_scanned_pdf_without_engine_stays_scanned_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf([chat(PHONE_CHAT)]))
    script = (
        "import sys; from pathlib import Path\n"
        "from ozon_urgent.attachments import InspectLimits, inspect_attachments\n"
        "[r] = inspect_attachments([Path(sys.argv[1])], InspectLimits())\n"
        "print([(h.code.value, h.variant) for h in r.hits])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "scan.pdf")],
        env={**os.environ, ENGINE_ENV: str(tmp_path / "none")},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "[('A215', ''), ('A217', 'engine_missing')]"


def test_scanned_pages_the_clock_did_not_reach_are_named() -> None:
    import pypdf

    from ozon_urgent.attachments.pdf_text import text_hits

    data = scanned_pdf([chat(PHONE_CHAT)] * 3)
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Whether the clock stops the search before page 1's picture is read or while Tesseract reads it,
    # no page counts as searched and all three are named.
    hits = text_hits(reader, 3, InspectLimits(), cpu_clock() + 0.01)
    assert [(hit.code, hit.variant, hit.params["pages"]) for hit in hits] == [("A216", "text_time", "1–3")]


def test_a_scanned_page_too_large_to_read_is_named_never_passed(tmp_path: Path) -> None:
    """The 50-megapixel limit a JPEG is held to (A208), for a PDF's scanned page: its size is the one
    declared, so no picture here is decoded (the 50000² one would take 2.5 GB)."""
    pictures = {
        "dct_7200": (7200, 7200, b"/DCTDecode", grey_jpeg(7200, 7200)),  # real: 608 KB
        "flate_12288": (12288, 12288, b"/FlateDecode", deflate_zeros(144 << 20)),  # real: 150 KB
        "declared_50000": (50000, 50000, b"/FlateDecode", zlib.compress(bytes(100))),
    }
    for name, (width, height, filters, data) in pictures.items():
        report = inspect_file(tmp_path, f"{name}.pdf", scanned_page_pdf(width, height, filters, data))
        assert codes_of(report) == [("A216", "image_too_large")], name
        assert report.hits[0].params == {"pages": "1", "total": 1, "limit_mp": 50}
    assert codes_of(inspect_file(tmp_path, "dct_7200.jpg", grey_jpeg(7200, 7200))) == [("A208", "image")]


def test_a_scanned_page_whose_picture_cannot_be_decoded_is_named(tmp_path: Path) -> None:
    report = inspect_file(tmp_path, "scan.pdf", scanned_page_pdf(800, 800, b"/FlateDecode", b"not zlib"))
    assert codes_of(report) == [("A216", "image_unreadable")]


def test_a_picture_bigger_than_declared_is_stopped_by_the_jpeg_limit(tmp_path: Path) -> None:
    data = scanned_page_pdf(800, 800, b"/DCTDecode", sof_patched_jpeg(9000, 9000))
    assert codes_of(inspect_file(tmp_path, "scan.pdf", data)) == [("A216", "image_too_large")]


def _phones_page(count: int) -> Image.Image:
    """A screenshot that is mostly phone numbers: `count` lines of them, and one posting number."""
    lines = ["Отправление 57195475-0050-3"] + [
        f"+7 916 {100 + i:03d}-{i % 90 + 10:02d}-67" for i in range(count)
    ]
    image = Image.new("RGB", (1080, 1920), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 36)
    for row, text in enumerate(lines):
        draw.text((60, 40 + 58 * row), text, fill=(20, 20, 20), font=font)
    return image


def test_a_screenshot_of_phone_numbers_gives_ten_findings_and_masks_every_one(tmp_path: Path) -> None:
    from ozon_urgent.attachments.masking import mask_regions

    report = inspect_file(tmp_path, "phones.jpg", jpeg(_phones_page(30)))
    phones = [hit for hit in report.hits if hit.code == "P300"]
    assert len(phones) == 10 and all("123" not in str(hit.params) for hit in phones)
    assert "more_regions" in phones[-1].params
    assert len(mask_regions(report)) >= 28  # OCR may miss one or two of thirty


def test_fix_covers_a_screenshot_of_phone_numbers_in_one_pass() -> None:
    from ozon_urgent.attachments import inspect_blobs
    from ozon_urgent.attachments.fix_batch import apply_fixes

    data = jpeg(_phones_page(30))
    [report] = inspect_blobs([("phones.jpg", data)], InspectLimits(), jobs=1, cache=False)
    [outcome] = apply_fixes([("phones.jpg", data)], [report], InspectLimits(), cache=False)
    assert outcome.refused is None and [change.what for change in outcome.changes] == ["masked"]
    left = [hit.params.get("masked") for hit in outcome.report.hits if hit.code.startswith("P")]
    assert left == []  # the copy, judged again by the real engine: not one phone left to read
    copy = Image.open(io.BytesIO(outcome.data)).convert("L")
    text = " ".join(line.text for line in read_lines(copy, 30))
    assert "57195475-0050-3" in text


def test_a_huge_screenshot_is_read_reduced_and_found_in_its_own_pixels(tmp_path: Path) -> None:
    """7,000 × 7,000 (49 MP, under the pixel limit): decoded reduced (libjpeg's 1/2, then to 2,500 px),
    read within the budget, the phone's region given in the picture's own pixels. 10,000 × 10,000 is
    over the limit: refused unread (A208), no OCR started."""
    image = Image.new("L", (7_000, 7_000), 250)
    draw = ImageDraw.Draw(image)
    draw.text((500, 3000), "Мой телефон +7 916 123-45-67", fill=20, font=ImageFont.truetype(str(FONT), 220))
    report = inspect_file(tmp_path, "huge.jpg", jpeg(image.convert("RGB"), quality=70))
    [hit] = [hit for hit in report.hits if hit.code == "P300"]
    x, y, w, _ = region(hit.params["region"])
    assert 1800 <= x <= 2900 and 2950 <= y <= 3300 and w >= 1800
    bigger = jpeg(Image.new("RGB", (10_000, 10_000), "white"), quality=50)
    assert codes_of(inspect_file(tmp_path, "bigger.jpg", bigger)) == [("A208", "image")]


def test_an_engine_that_crashes_is_said_and_the_next_picture_is_read(tmp_path: Path) -> None:
    crashing = tmp_path / "tesseract"
    crashing.write_text("#!/bin/sh\nkill -SEGV $$\n")
    crashing.chmod(0o755)
    (tmp_path / "chat.jpg").write_bytes(jpeg(chat(PHONE_CHAT)))
    found = judged_elsewhere(tmp_path / "chat.jpg", {ENGINE_ENV: str(crashing)})
    assert found == "[('A217', 'engine_failed')]"


def test_a_second_reading_out_of_time_keeps_what_the_first_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture read poorly is read again turned over; when the clock runs out then, the phone the
    first reading found is still reported, with A217 for what may be missed."""
    from ozon_urgent.attachments import ocr

    real, calls = ocr.read_lines, []

    def first_real_then_out_of_time(image: Image.Image, timeout_s: float) -> list[Line]:
        calls.append(image.size)
        if len(calls) > 1:
            raise ocr.OcrError("timeout")
        # the real reading, made to look poor so that a second one is tried
        return [Line(tuple(replace(w, conf=40.0) for w in line.words)) for line in real(image, timeout_s)]

    monkeypatch.setattr(ocr, "read_lines", first_real_then_out_of_time)
    hits = ocr.ocr_hits(chat(PHONE_CHAT).convert("L"), cpu_clock() + 30, 2500)
    assert [(hit.code, hit.variant) for hit in hits] == [("P300", ""), ("A217", "timeout")]
    assert len(calls) == 2
