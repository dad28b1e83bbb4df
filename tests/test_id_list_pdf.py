"""The generated id_list.pdf: every ID read back exactly once, Russian headings, clean before the judge."""

from __future__ import annotations

import io
import math
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pypdf
import pytest

from ozon_urgent.attachments import InspectLimits, inspect_blobs
from ozon_urgent.catalog import ID_KINDS
from ozon_urgent.ticket.id_list import (
    COLUMN_HEADERS,
    TITLE,
    GlyphsMissingError,
    IdColumn,
    IdListPdf,
    render_id_list_pdf,
)

STORE, CLIENT_ID, CASE_ID = "Лампы и свет", "1234567", "carrier-failure-2026-11"
SUBTITLE = f"Магазин «{STORE}», Client ID {CLIENT_ID}"


def postings(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{rng.randrange(10**7, 10**8)}-{rng.randrange(10**4):04d}-{number % 3 + 1}"
        for number in range(count)
    ]


def skus(count: int, seed: int = 2) -> list[str]:
    # Nine digits, as in the examples. Ten-digit SKUs from 10… would meet a judge's false alarm that is not
    # this module's: its phone scan reads a bare 1041234519 as a Beijing landline (P300).
    return [str(n) for n in random.Random(seed).sample(range(10**8, 10**9), count)]


def offer_ids(count: int) -> list[str]:
    stems = ("ЛАМПА", "LAMP-XL", "Торшер белый", "E27-Свеча", "ЛАМПА-LED")
    return [f"{stems[number % len(stems)]}-{number:05d}" for number in range(count)]


COLUMNS_1080: list[IdColumn] = [
    ("postings", COLUMN_HEADERS["postings"], postings(1050)),
    ("offer_ids", COLUMN_HEADERS["offer_ids"], offer_ids(30)),
]


def render(columns: Sequence[IdColumn]) -> IdListPdf:
    return render_id_list_pdf(STORE, CLIENT_ID, TITLE, columns)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def assert_every_id_once(texts: Sequence[str], ids: Sequence[str]) -> None:
    lines = Counter(line for text in texts for line in text.split("\n"))
    assert [text for text in ids if lines[text] != 1] == []


def assert_judged_clean(data: bytes, pages: int) -> None:
    [report] = inspect_blobs([("01-id_list.pdf", data)], InspectLimits())
    assert (report.format, report.pages, report.hits) == ("pdf", pages, ())


def assert_pages_framed(texts: Sequence[str], header_line: str) -> None:
    """The table header on every page, its number «Стр. N из M» at the foot, the title on the first."""
    assert TITLE in texts[0] and SUBTITLE in texts[0]
    for number, text in enumerate(texts, start=1):
        assert header_line in text.split("\n"), number
        assert f"Стр. {number} из {len(texts)}" in text
        assert f"{TITLE}. {SUBTITLE}" in text  # whose list on every page
        assert CASE_ID not in text and "обращени" not in text.lower()  # no internal name


def test_the_title_is_what_the_caller_says_the_list_holds() -> None:
    title = "Перечень отправлений"
    data = render_id_list_pdf(STORE, CLIENT_ID, title, [("postings", "Номер отправления", postings(3))]).data
    [text] = page_texts(data)
    assert text.split("\n")[0] == title and "товар" not in text
    metadata = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None and metadata.title == title


def test_one_posting() -> None:
    ids = postings(1)
    result = render([("postings", COLUMN_HEADERS["postings"], ids)])
    texts = page_texts(result.data)
    assert result.pages == len(texts) == 1
    assert_pages_framed(texts, "№ Номер отправления")
    assert_every_id_once(texts, ids)
    assert "Всего идентификаторов: 1" in texts[0].split("\n")
    assert_judged_clean(result.data, 1)


def test_21_orders_fit_one_page_numbered_1_to_21() -> None:
    ids = [f"{57195475 + n}-{n:04d}" for n in range(21)]
    result = render([("orders", COLUMN_HEADERS["orders"], ids)])
    texts = page_texts(result.data)
    assert result.pages == len(texts) == 1
    assert_pages_framed(texts, "№ Номер заказа")
    assert_every_id_once(texts, ids)
    lines = texts[0].split("\n")
    assert all(str(number) in lines for number in range(1, 22))
    assert "22" not in lines
    assert_judged_clean(result.data, 1)


def test_1050_postings_from_a_pulled_carrier_failure_case() -> None:
    ids = postings(1050)
    result = render([("postings", COLUMN_HEADERS["postings"], ids)])
    texts = page_texts(result.data)
    assert result.pages == len(texts)
    assert math.ceil(1050 / 60) <= result.pages <= math.ceil(1050 / 40)  # 40-60 rows a page of A4
    assert_pages_framed(texts, "№ Номер отправления")
    assert_every_id_once(texts, ids)
    assert "1050" in texts[-1].split("\n")  # the № column counts every ID, across the pages
    assert_judged_clean(result.data, result.pages)


def test_a_page_of_one_row_keeps_its_number_and_id_apart() -> None:
    """A number and its ID share a baseline; read as one line they would make one long run of digits."""
    many = postings(200)
    first_page = page_texts(render([("postings", "Номер отправления", many)]).data)[0].split("\n")
    ids = many[: len(set(many) & set(first_page)) + 1]
    result = render([("postings", COLUMN_HEADERS["postings"], ids)])
    texts = page_texts(result.data)
    assert result.pages == len(texts) == 2
    assert_pages_framed(texts, "№ Номер отправления")
    assert_every_id_once(texts, ids)
    assert str(len(ids)) in texts[1].split("\n")
    assert_judged_clean(result.data, 2)


def test_20000_mixed_ids_stay_whole_and_small() -> None:
    columns: list[IdColumn] = [
        ("postings", COLUMN_HEADERS["postings"], postings(10_000)),
        ("skus", COLUMN_HEADERS["skus"], skus(6_000)),
        ("offer_ids", COLUMN_HEADERS["offer_ids"], offer_ids(4_000)),
    ]
    result = render(columns)
    assert len(result.data) < 5 * 1024 * 1024
    texts = page_texts(result.data)
    assert result.pages == len(texts)
    assert math.ceil(20_000 / 60) <= result.pages <= math.ceil(20_000 / 40)
    assert_pages_framed(texts, "№ Номер отправления SKU Артикул")
    assert_every_id_once(texts, [text for _, _, ids in columns for text in ids])
    summary = "Всего идентификаторов: 20000 (Номер отправления — 10000, SKU — 6000, Артикул — 4000)"
    assert summary in texts[0].split("\n")
    assert_judged_clean(result.data, result.pages)


def test_five_kinds_with_long_offer_ids_shrink_the_type_and_cut_no_id() -> None:
    """Fifty wide letters in an offer ID do not fit beside four columns at 9 pt: the type gets smaller."""
    long_offers = [f"{'Ш' * 44}-{n:05d}" for n in range(3)]
    columns: list[IdColumn] = [
        ("postings", COLUMN_HEADERS["postings"], postings(3)),
        ("orders", COLUMN_HEADERS["orders"], ["57195475-0050", "57195476-0051"]),
        ("skus", COLUMN_HEADERS["skus"], skus(2)),
        ("products", COLUMN_HEADERS["products"], ["498274975"]),
        ("offer_ids", COLUMN_HEADERS["offer_ids"], long_offers),
    ]
    result = render(columns)
    texts = page_texts(result.data)
    assert_pages_framed(texts, "№ Номер отправления Номер заказа SKU Product ID Артикул")
    assert_every_id_once(texts, [text for _, _, ids in columns for text in ids])
    assert_judged_clean(result.data, 1)


def test_the_same_case_gives_the_same_bytes_in_another_process() -> None:
    """Golden packs compare bytes: no clock, no random subset tag, no hash order may reach the file."""
    code = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_id_list_pdf import COLUMNS_1080, render\n"
        "sys.stdout.buffer.write(render(COLUMNS_1080).data)\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        check=True,
    )
    here = render(COLUMNS_1080).data
    assert here == render(COLUMNS_1080).data
    assert here == other.stdout


def test_columns_without_ids_are_left_out_and_no_ids_at_all_is_refused() -> None:
    result = render([("postings", COLUMN_HEADERS["postings"], ["57195475-0050-3"]), ("skus", "SKU", [])])
    assert "№ Номер отправления" in page_texts(result.data)[0].split("\n")
    with pytest.raises(ValueError, match="at least one ID"):
        render([("skus", "SKU", [])])


@pytest.mark.parametrize(
    ("store", "offer", "missing"),
    [
        (STORE, "灯具-01", "具灯"),  # CJK: no font that ships with the package draws it
        ("照明旗舰店", "ЛАМПА-01", "店旗明照舰"),
    ],
)
def test_characters_the_font_lacks_refuse_the_pdf(store: str, offer: str, missing: str) -> None:
    with pytest.raises(GlyphsMissingError) as refused:
        render_id_list_pdf(store, CLIENT_ID, TITLE, [("offer_ids", "Артикул", [offer])])
    assert refused.value.characters == "".join(sorted(missing))


def test_control_and_bidi_characters_are_drawn_as_their_escapes() -> None:
    """A right-to-left override would show the ID reversed, ESC and CSI nothing: each is drawn visibly."""
    offer = "ЛАМПА\u202e10-\x1b\x9b\u200f"
    store = "Bright\u2066Home"
    text = page_texts(render_id_list_pdf(store, CLIENT_ID, TITLE, [("offer_ids", "Артикул", [offer])]).data)
    assert "ЛАМПА\\u202e10-\\x1b\\x9b\\u200f" in text[0]
    assert "Bright\\u2066Home" in text[0]
    assert not {"\u202e", "\x1b", "\x9b", "\u200f", "\u2066"} & set(text[0])


def test_every_kind_of_id_has_a_column_header() -> None:
    assert tuple(COLUMN_HEADERS) == ID_KINDS


def test_the_pdf_library_loads_only_when_a_pdf_is_made() -> None:
    """`ozon-urgent check --help` and a plain import of the module leave fpdf2 unloaded."""
    code = (
        "import sys\n"
        "import ozon_urgent.ticket.id_list\n"
        "from ozon_urgent.cli.entry import main\n"
        "sys.argv = ['ozon-urgent', 'check', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'fpdf')))\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stderr == "[]"
