"""The index of what each file shows: IDs, dates and amounts read from the same pass as personal data."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from factories import make_text_pdf, make_unicode_pdf
from ozon_urgent.attachments import InspectLimits, inspect_attachments, inspection, verdict_cache
from ozon_urgent.attachments.judge import judge
from ozon_urgent.attachments.model import AttachmentReport, Judgement
from ozon_urgent.attachments.pool import Done, Failure, Task
from ozon_urgent.attachments.shown import Amount, Indexer, Shown, shows
from ozon_urgent.attachments.shown_cache import decode_shown, encode_shown
from ozon_urgent.attachments.verdict_cache import VerdictCache, decode, encode
from screenshots import font_path

POSTING = "12345678-0123-1"


def index_of(*texts: str) -> Shown:
    indexer = Indexer()
    for text in texts:
        indexer.add(text)
    shown = indexer.shown()
    assert shown is not None
    return shown


def judged_pdf(*lines: str) -> Shown:
    """A real PDF judged as a worker judges it; its index."""
    judgement = judge("list.pdf", make_text_pdf([list(lines)]), InspectLimits(ocr=False))
    assert judgement.format == "pdf" and judgement.shown is not None
    return judgement.shown


def report_of(folder: Path, name: str, data: bytes) -> AttachmentReport:
    path = folder / name
    path.write_bytes(data)
    [report] = inspect_attachments([path], InspectLimits())
    return report


# --- a PDF's text layer -------------------------------------------------------------------------------


def test_a_posting_in_a_pdf_reaches_the_report_the_checks_get(tmp_path: Path) -> None:
    report = report_of(tmp_path, "act.pdf", make_text_pdf([[f"Act of handover: {POSTING} 14:05"]]))
    assert report.shown is not None
    assert report.shown.postings == {POSTING}
    assert shows(report.shown, POSTING)
    assert shows(report.shown, "12345678-0123")  # its order, whose number the posting carries
    assert not shows(report.shown, "12345678-0123-2")


@pytest.mark.parametrize(
    "written",
    [
        "12345678 0123 1",  # dashes read as spaces
        "1234567801231",  # both dashes lost
        "12345678-01231",  # one lost
        "12345678.0123.1",  # turned into another separator
        "12345678 - 0123 - 1",
    ],
)
def test_a_posting_whose_dash_was_lost_or_changed_is_still_shown(written: str) -> None:
    assert shows(judged_pdf(f"Posting {written} delivered"), POSTING)


def test_other_dashes_and_full_width_digits_are_the_same_posting() -> None:
    assert shows(index_of("Отправление 12345678–0123–1 (en dash)"), POSTING)
    assert shows(index_of("货件号：１２３４５６７８－０１２３－１"), POSTING)
    assert shows(index_of("货件号：1234567８-０123-1"), POSTING)
    assert shows(index_of("12345678-0123-1"), "12345678–0123–1")  # the case's own dash, as typed


@pytest.mark.parametrize(
    "lines",
    [
        ["Posting 12345678-", "0123-1 delivered"],  # the line broke after the dash
        ["Posting 12345678", "-0123-1 delivered"],  # before it
        ["Posting 12345678", "0123-1 delivered"],  # where it was
        ["Order 12345678-0123-", "1"],
        ["Posting  12345678-        0123-1   20.11.2026"],  # two cells of one row
    ],
)
def test_a_posting_split_across_a_line_break_is_shown(lines: list[str]) -> None:
    assert shows(judged_pdf(*lines), POSTING)


def test_ten_digit_first_blocks_are_postings_and_orders() -> None:
    shown = judged_pdf("Postings: 1234567890-0123-1, 1234567890-0124-2; order 1234567890-0125")
    assert shown.postings == {"1234567890-0123-1", "1234567890-0124-2"}
    assert shown.orders == {"1234567890-0123", "1234567890-0124", "1234567890-0125"}


@pytest.mark.parametrize(
    "written", ["l2345678-O123-1", "I2345678-0l23-1", "12345678-0123-l", "12345678-O123-I"]
)
def test_o_and_l_inside_digit_runs_read_as_digits(written: str) -> None:
    assert shows(judged_pdf(f"Posting {written} delivered"), POSTING)


@pytest.mark.parametrize(
    "written",
    [
        "12345678-0123-2",  # one digit off at the end
        "12345678-0124-1",  # in the middle
        "12345679-0123-1",
        "1234567-0123-1",  # a digit dropped
        "12345678-123-1",
        "123456789-0123-1",  # a digit added
        "12345678-0123-11",
        "1234567801232",  # dash lost and a digit off
        "123456780-123-1",  # the same digits, the separator moved
    ],
)
def test_a_near_miss_is_never_shown(written: str) -> None:
    assert not shows(judged_pdf(f"Posting {written} delivered"), POSTING)


@pytest.mark.parametrize(
    "written",
    ["912345678012315", "9-12345678012319", "91234567801231", "12345678012310", "912345678-0123-1"],
)
def test_a_digit_run_holding_the_id_does_not_show_it(written: str) -> None:
    assert not shows(judged_pdf(f"Number {written}"), POSTING)


def test_look_alike_letters_in_words_stay_letters() -> None:
    shown = index_of("Oil 1O kg, lOl, Ozon ID l0l, HB-2231-BLK")
    assert not shown.ids()
    assert shows(shown, "hb-2231-blk") and not shows(shown, "HB-2231-BL")


def test_skus_are_labelled_or_match_a_case_id() -> None:
    shown = judged_pdf("SKU 1041234519 Article 498274975", "Barcode 4601234567890")
    assert shown.skus == {"1041234519"}
    assert shows(shown, "1041234519") and shows(shown, "498274975") and shows(shown, "4601234567890")
    assert not shows(shown, "104123451") and not shows(shown, "98274975")
    assert shown.postings == set()  # a bare 13-digit barcode is no posting of its own


def test_a_table_row_keeps_its_cells_apart() -> None:
    shown = judged_pdf("1   12345678-0123-1   12.11.2026   2   1 500,00 RUB")
    assert shown.postings == {POSTING}
    assert shows(shown, POSTING) and not shows(shown, "12345678-0123-12")
    assert shown.dates == {date(2026, 11, 12)}
    assert shown.amounts == {Amount(Decimal("1500.00"), "RUB")}


# --- dates and amounts --------------------------------------------------------------------------------


def test_dates_in_every_form() -> None:
    shown = index_of(
        "Акт от 20.11.2026; report 2026-11-21; «22 ноября 2026 г.»; 23 November 2026; Nov 24, 2026",
        "2026年11月25日 发货，2026 年 11 月 26 日签收; 1 мая 2026, 3 марта 2026",
    )
    days = {date(2026, 11, day) for day in range(20, 27)} | {date(2026, 5, 1), date(2026, 3, 3)}
    assert shown.dates == days


def test_no_date_that_the_calendar_does_not_have() -> None:
    assert index_of("31.11.2026 2026-02-30 32 ноября 2026 2026年13月1日 12.11.26").dates == set()


def test_dates_in_a_pdf() -> None:
    assert judged_pdf("Delivered 20 November 2026, accepted 19.11.2026").dates == {
        date(2026, 11, 20),
        date(2026, 11, 19),
    }


def test_amounts_with_their_currency() -> None:
    shown = index_of(
        "Компенсация 1 500,00 ₽, 300 руб., RUB 2,500.50, ¥120, 80 元, CNY 45.5, $12.50, 9 USD; 700 штук"
    )
    assert shown.amounts == {
        Amount(Decimal("1500.00"), "RUB"),
        Amount(Decimal("300"), "RUB"),
        Amount(Decimal("2500.50"), "RUB"),
        Amount(Decimal("120"), "CNY"),
        Amount(Decimal("80"), "CNY"),
        Amount(Decimal("45.5"), "CNY"),
        Amount(Decimal("12.50"), "USD"),
        Amount(Decimal("9"), "USD"),
    }


def test_an_amount_in_a_pdf() -> None:
    assert judged_pdf("Voucher: compensation 1 250,00 RUB").amounts == {Amount(Decimal("1250.00"), "RUB")}


# --- other scripts ------------------------------------------------------------------------------------


def test_chinese_around_an_id_does_not_hide_it() -> None:
    data = make_unicode_pdf(
        [
            "货件号12345678-0123-1已送达，金额¥120，2026年11月20日签收",
            "订单号：12345678-0124，SKU：1041234519",
            "Отправление 12345678-0125-2 передано 20 ноября 2026 г., 1 500 ₽",
        ]
    )
    judgement = judge("签收单.pdf", data, InspectLimits(ocr=False))
    assert judgement.shown is not None
    shown = judgement.shown
    assert shown.postings == {POSTING, "12345678-0125-2"}
    assert shown.orders == {"12345678-0123", "12345678-0124", "12345678-0125"}
    assert shown.skus == {"1041234519"}
    assert shown.dates == {date(2026, 11, 20)}
    assert shown.amounts == {Amount(Decimal("120"), "CNY"), Amount(Decimal("1500"), "RUB")}


# --- pictures read by OCR -----------------------------------------------------------------------------


def _picture(lines: list[str], face: str = "DejaVuSans.ttf") -> bytes:
    image = Image.new("RGB", (1080, 1000), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path(face)), 40)
    for row, text in enumerate(lines):
        draw.text((60, 80 + 110 * row), text, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


@pytest.mark.parametrize(
    ("face", "written"),
    [
        # Tesseract 5 reads these as «12345678-O123-I» and «12345678-0123-|»: letters for digits.
        ("DejaVuSerif.ttf", "I2345678-OI23-I"),
        ("DejaVuSans.ttf", "12345678-O123-l"),
    ],
)
def test_a_scanned_list_with_o_for_0_and_l_for_1_is_read(tmp_path: Path, face: str, written: str) -> None:
    lines = ["Отправления за неделю", f"{written}   20.11.2026", "12345678 0124 2   1 500 ₽"]
    lines.append("12345678-0125-9")
    report = report_of(tmp_path, "scan.jpg", _picture(lines, face))
    assert report.shown is not None, report.hits
    assert shows(report.shown, POSTING), report.shown
    assert shows(report.shown, "12345678-0124-2")  # its dashes lost
    assert shows(report.shown, "12345678-0125-9")
    assert not shows(report.shown, "12345678-0125-8")  # a near miss
    assert date(2026, 11, 20) in report.shown.dates
    assert Amount(Decimal("1500"), "RUB") in report.shown.amounts


def test_a_scanned_pdf_page_is_indexed_from_its_ocr(tmp_path: Path) -> None:
    page = Image.open(io.BytesIO(_picture(["Акт передачи 20.11.2026", "12345678-0123-1", "12345678 0124 2"])))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150)
    report = report_of(tmp_path, "scan.pdf", out.getvalue())
    assert report.shown is not None, report.hits
    assert shows(report.shown, POSTING) and shows(report.shown, "12345678-0124-2")
    assert report.shown.dates == {date(2026, 11, 20)}


def test_a_picture_not_read_has_no_index() -> None:
    judgement = judge("scan.jpg", _picture([POSTING]), InspectLimits(ocr=False))
    assert judgement.format == "jpeg" and judgement.shown is None  # not "shows nothing": not read


def test_a_file_that_cannot_be_read_has_no_index(tmp_path: Path) -> None:
    report = report_of(tmp_path, "broken.pdf", b"%PDF-1.4\nnot a pdf at all")
    assert report.shown is None and report.hits


# --- the cache ----------------------------------------------------------------------------------------


@pytest.fixture
def child_tasks(monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    seen: list[Task] = []
    real = inspection._run

    def counting(
        tasks: Iterator[Task],
        count: int,
        limits: InspectLimits,
        jobs: int | None,
        on_done: Callable[[int], None] | None = None,
    ) -> dict[int, Done | Failure]:
        def spy() -> Iterator[Task]:
            for task in tasks:
                seen.append(task)
                yield task

        return real(spy(), count, limits, jobs, on_done)

    monkeypatch.setattr(inspection, "_run", counting)
    return seen


def test_a_cached_verdict_carries_the_index(tmp_path: Path, child_tasks: list[Task]) -> None:
    path = tmp_path / "act.pdf"
    path.write_bytes(
        make_text_pdf([[f"Act 20.11.2026: {POSTING}, 12345678 0124 2", "SKU 1041234519, total 1 500 RUB"]])
    )
    [first] = inspect_attachments([path], InspectLimits())
    assert len(child_tasks) == 1
    [second] = inspect_attachments([path], InspectLimits())
    assert len(child_tasks) == 1  # the second came from the cache
    assert first.shown is not None and second.shown == first.shown
    assert shows(second.shown, "12345678-0124-2") and second.shown.dates == {date(2026, 11, 20)}


def test_the_stored_index_is_read_back_strictly() -> None:
    shown = index_of(f"{POSTING} 20.11.2026 1 500 ₽ HB-2231-BLK SKU 1041234519 1234567801231")
    assert decode_shown(encode_shown(shown)) == shown
    judgement = Judgement("pdf", (), pages=1, shown=shown)
    assert decode(encode(judgement, "k"), "k") == judgement
    assert decode(encode(Judgement("pdf", (), pages=1), "k"), "k") == Judgement("pdf", (), pages=1)
    stored = encode_shown(shown)
    broken: object
    for broken in (
        {**stored, "dates": ["2026-13-01"]},
        {**stored, "amounts": ["1 EUR"]},
        {**stored, "postings": [1]},
        {key: value for key, value in stored.items() if key != "codes"},
        [],
    ):
        assert decode_shown(broken) is False


def test_long_indexes_stay_cached_within_the_total_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    long_list = index_of("\n".join(f"{47905269 + n}-0899-{1 + n % 9}" for n in range(1050)))
    judgement = Judgement("pdf", (), pages=40, shown=long_list)
    size = len(encode(judgement, "k" * 64))
    assert size > 16 * 1024  # far over the 4 KiB a verdict could hold before the index
    monkeypatch.setattr(verdict_cache, "MAX_TOTAL_BYTES", 3 * size)
    for number in range(5):
        store = VerdictCache.open(InspectLimits())
        assert store is not None
        store.put_many([(f"{number:064x}", "a.pdf", judgement)])
        store.close()
    store = VerdictCache.open(InspectLimits())
    assert store is not None
    kept = [store.get(f"{n:064x}", "a.pdf") for n in range(5)]
    assert [item is not None for item in kept] == [False, False, True, True, True]  # the newest three
    assert kept[-1] == judgement
    store.close()
