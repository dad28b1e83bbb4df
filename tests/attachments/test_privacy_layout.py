"""Privacy you can trust: tables are read by cell, labels photographed askew are levelled, names and
addresses are found, and a masked copy covers the personal data only. The real OCR engine throughout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from report_helpers import inspect_file

from ozon_urgent.attachments import InspectLimits
from ozon_urgent.attachments.ocr_deskew import skew_angle, turn
from ozon_urgent.attachments.pd_layout import from_text
from ozon_urgent.attachments.personal_data import find_personal_data

FONT = Path(__file__).parents[2] / "src" / "ozon_urgent" / "data" / "fonts" / "DejaVuSans-subset.ttf"
LABEL = [
    "OZON   57195475-0050-3",
    "Получатель: Иванов Иван Иванович",
    "Тел.: +7 912 345-67-89",
    "Адрес: г. Москва, ул. Ленина,",
    "д. 5, кв. 12",
    "Отправитель: ООО «Ромашка»",
    "Дата: 05.11.2026 18:57",
]
PERSONAL = {"P300", "P304", "P305"}


def _page(lines: list[str], size: tuple[int, int] = (900, 700), font_size: int = 30) -> Image.Image:
    image = Image.new("L", size, 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), font_size)
    for row, text in enumerate(lines):
        draw.text((40, 40 + int(font_size * 1.5) * row), text, fill=20, font=font)
    return image


def _photo(page: Image.Image, angle: float) -> Image.Image:
    """The page photographed askew on a dark desk."""
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=60)
    desk = Image.new("L", (turned.width + 200, turned.height + 200), 60)
    desk.paste(turned, (100, 100))
    return desk


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize("angle", [0, 25, -20, 160])
def test_a_label_photographed_askew_is_read_level(tmp_path: Path, angle: float) -> None:
    """Tesseract levels a few degrees of skew, not thirty: the label is turned level (and over) first."""
    report = inspect_file(tmp_path, "label.jpg", _jpeg(_photo(_page(LABEL), angle)))
    found = {str(hit.code) for hit in report.hits if str(hit.code).startswith("P")}
    assert found == PERSONAL, [(hit.code, hit.params) for hit in report.hits]
    [address] = [hit for hit in report.hits if hit.code == "P305"]
    assert address.params["masked"] == "г. М***, ул. Л***, д. *, кв. **"  # both lines, one finding


def test_a_boxes_map_back_from_the_levelled_picture() -> None:
    page = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(page).rectangle((100, 50, 120, 60), fill=0)
    for angle in (30, -20, 84, 150):
        level, back = turn(page, angle)
        inked = level.point(lambda value: 255 if value < 100 else 0).getbbox()
        assert inked is not None
        left, top, right, bottom = back(inked)
        assert left <= 100 and top <= 50 and right >= 120 and bottom >= 60, angle


def test_skew_is_measured_from_the_lines_and_level_text_is_left_alone() -> None:
    page = _page(LABEL)
    assert skew_angle(page) == 0.0
    assert abs(skew_angle(_photo(page, 25)) + 25) <= 3
    assert skew_angle(Image.new("L", (800, 600), 200)) == 0.0  # nothing to measure


def test_a_table_of_ids_dates_and_amounts_is_clean(tmp_path: Path) -> None:
    """The issue's false phones: a document number beside the next column's date, a date and time, two
    amounts side by side, a posting number, a tracking number."""
    rows = ["Документ     Дата             Сумма          Отправление        Трек"]
    for n in range(12):
        rows.append(
            f"3028{n:04d}     0{n % 9 + 1}.11.2026 18:5{n % 10}   "
            f"98 60{n} ₽     8181135{n}-559{n}-2   LP00{n:02d}4325191637"
        )
    report = inspect_file(tmp_path, "table.jpg", _jpeg(_page(rows, (1400, 800), 22)))
    assert [hit for hit in report.hits if str(hit.code).startswith("P")] == []


def test_a_columns_heading_labels_its_bare_numbers() -> None:
    """Eleven bare digits are only possibly a phone, unless the column says «Телефон»."""
    heading = "Заказ              Получатель              Телефон"
    row = "57195475-0050      Иванов Иван             89123456789"
    found = find_personal_data(from_text(f"{heading}\n{row}"))
    assert [(str(f.code), f.variant) for f in found] == [("P304", ""), ("P300", "")]
    heading = "Заказ              Статус                  Документ"
    row = "57195475-0050      Доставлен               89123456789"
    found = find_personal_data(from_text(f"{heading}\n{row}"))
    assert [(str(f.code), f.variant) for f in found] == [("P306", "phone")]


def test_the_sellers_own_name_on_a_label_is_not_reported(tmp_path: Path) -> None:
    limits = InspectLimits(own_names=("Иванов Иван Иванович",))
    report = inspect_file(tmp_path, "label.jpg", _jpeg(_page(LABEL)), limits)
    assert "P304" not in {str(hit.code) for hit in report.hits}
