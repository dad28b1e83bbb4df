"""Benchmark: CPU time and recall of reading one picture, per kind of evidence a seller attaches.

Draws a varied set of pictures (deterministic by seed): dense Seller Center/ERP tables (30-45 rows,
6 columns, 20-28 px text) at 1080×1920 and 1440×900, chats (light, dark mode, 11-14 px desktop text at
JPEG quality 40-60, a Chinese UI), a photographed shipping label (tilted, and upside down), blank
pictures (plain, and a photographed empty surface with noise) and a 200 dpi scanned page. Each is read
the way `check` reads it (`ocr_hits` on the decoded grey picture; a scan page as a PDF page) in this one
process, and for each kind it prints the CPU time (`time.process_time()` plus any `tesseract` children,
so the shared machine's load does not count) as median / p90 / max, and the recall: how many of the
drawn tokens that hold a digit (phones, IDs, dates, amounts) were read exactly, as a word of their own.

Run: `.venv/bin/python benchmarks/ocr_speed.py [--per-kind N] [--seed S] [--repeat R] [--only KIND,...]`.
Set OZON_URGENT_TESSERACT=tesseract to time the program route. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from ozon_urgent.attachments import ocr  # noqa: E402
from ozon_urgent.attachments.model import AttachmentHit  # noqa: E402
from ozon_urgent.attachments.pd_layout import Box  # noqa: E402
from ozon_urgent.attachments.personal_data import NOBODY, Own  # noqa: E402
from screenshots import amount, clock, day, font_path, posting, ru_phone, sku, tracking  # noqa: E402

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
STATUSES = ("Доставлен", "В пути", "Отменён", "Ожидает", "Возврат", "Shipped", "Принят")


@dataclass
class Picture:
    kind: str
    image: Image.Image  # as decoded from its JPEG, grey
    tokens: list[str]  # drawn tokens that hold a digit
    page: int | None = None
    original_size: tuple[int, int] | None = None


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name)), size)


def _jpeg_gray(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def _digit_tokens(text: str) -> list[str]:
    return [token for token in text.split() if any(char.isdigit() for char in token)]


# --- pictures -----------------------------------------------------------------------------------------


def table(rng: random.Random, size: tuple[int, int]) -> tuple[Image.Image, list[str]]:
    width, height = size
    rows = rng.randint(30, 45)
    image = Image.new("RGB", size, (250, 250, 252))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 44), fill=(0, 91, 255))
    draw.text((20, 8), "Seller Center · Заказы FBS", font=_font("DejaVuSans-Bold.ttf", 24), fill="white")
    row_h = (height - 80) // (rows + 1)
    text_px = max(13, min(28, int(row_h * 0.62)))  # 20-28 px where the rows have room, else smaller
    face = rng.choice(("DejaVuSans.ttf", "DejaVuSansMono.ttf"))
    font = _font(face, text_px)
    columns = ["№", "Отправление", "SKU", "Дата", "Сумма, ₽", "Статус"]
    cells = [
        [str(i + 1), posting(rng), sku(rng), day(rng), amount(rng).removesuffix(" ₽"), rng.choice(STATUSES)]
        for i in range(rows)
    ]
    widths = [max(font.getlength(row[c]) for row in [columns, *cells]) + 24 for c in range(6)]
    squeeze = min(1.0, (width - 40) / sum(widths))
    if squeeze < 1.0:  # too wide at this size: a smaller font
        font = _font(face, max(13, int(text_px * squeeze)))
        widths = [max(font.getlength(row[c]) for row in [columns, *cells]) + 20 for c in range(6)]
    for index in range(0, rows + 1, 2):  # zebra stripes
        top = 60 + index * row_h - (row_h - font.size) // 2
        draw.rectangle((10, top, width - 10, top + row_h - 1), fill=(236, 240, 247))
    y = 60
    tokens: list[str] = []
    for index, row in enumerate([columns, *cells]):
        x = 20.0
        for cell, cell_w in zip(row, widths, strict=True):
            draw.text((x, y), cell, font=font, fill=(40, 40, 40))
            x += cell_w
        tokens += _digit_tokens(" ".join(row)) if index else []
        y += row_h
    return image, tokens


def chat(
    rng: random.Random,
    size: tuple[int, int],
    text_px: int,
    dark: bool = False,
    chinese: bool = False,
) -> tuple[Image.Image, list[str]]:
    width, height = size
    background = (24, 25, 28) if dark else rng.choice(((255, 255, 255), (236, 229, 221)))
    ink = (230, 230, 232) if dark else (20, 20, 20)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    header_px = max(16, int(text_px * 1.3))
    draw.rectangle((0, 0, width, header_px * 3), fill=(40, 44, 52) if dark else (0, 91, 255))
    title = "买家聊天 Покупатель" if chinese else "Покупатель"
    draw.text((30, header_px), title, font=_chat_font(header_px, chinese), fill="white")
    font = _chat_font(text_px, chinese)
    small = _chat_font(max(10, int(text_px * 0.7)), chinese)
    y = header_px * 4
    tokens: list[str] = []
    fillers = (
        ["您好，包裹什么时候到？", "已发货，请耐心等待", "谢谢", "退款已处理"]
        if chinese
        else ["Здравствуйте! Где мой заказ?", "Курьер не приехал вчера", "Спасибо, жду ответа", "OK"]
    )
    while True:
        pick = rng.random()
        if pick < 0.3:
            text = rng.choice(fillers)
        elif pick < 0.45:
            text = f"Мой номер {ru_phone(rng)}"
        elif pick < 0.65:
            text = f"Отправление {posting(rng)} от {day(rng)}"
        elif pick < 0.8:
            text = f"SKU {sku(rng)}, трек {tracking(rng)}"
        else:
            text = f"Сумма возврата {amount(rng)}"
        box_w = int(font.getlength(text)) + 2 * text_px
        box_h = int(text_px * 2.6)
        if y + box_h > height - 10:
            break
        mine = rng.random() < 0.5
        x = width - 20 - box_w if mine else 20
        if dark:
            bubble = (43, 82, 120) if mine else (44, 44, 48)
        else:
            bubble = (220, 248, 198) if mine else (250, 250, 250)
        draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=text_px, fill=bubble)
        draw.text((x + text_px, y + text_px * 0.4), text, font=font, fill=ink)
        stamp = clock(rng)
        corner = (x + box_w - int(text_px * 3.2), y + int(text_px * 1.6))
        draw.text(corner, stamp, font=small, fill=(140, 140, 140))
        tokens += [*_digit_tokens(text), stamp]
        y += box_h + text_px
    return image, tokens


def _chat_font(size: int, chinese: bool) -> ImageFont.FreeTypeFont:
    if chinese and CJK_FONT.is_file():
        return ImageFont.truetype(str(CJK_FONT), size)
    return _font("DejaVuSans.ttf", size)


def label(rng: random.Random, angle: float) -> tuple[Image.Image, list[str]]:
    """A shipping label photographed on a desk: tilted by `angle`, noisy, a little soft."""
    card = Image.new("RGB", (900, 1200), (246, 244, 238))
    draw = ImageDraw.Draw(card)
    bold, plain = _font("DejaVuSans-Bold.ttf", 52), _font("DejaVuSans.ttf", 36)
    lines = [
        (bold, "OZON"),
        (plain, f"Отправление {posting(rng)}"),
        (plain, f"Трек {tracking(rng)}"),
        (plain, f"Получатель: тел. {ru_phone(rng)}"),
        (plain, f"Вес 1,{rng.randint(10, 99)} кг  {day(rng)}"),
        (plain, f"ПВЗ {rng.randint(1000, 9999)}, ячейка {rng.randint(10, 99)}"),
        (bold, tracking(rng)),
    ]
    y = 60
    tokens: list[str] = []
    for font, text in lines:
        draw.text((60, y), text, font=font, fill=(15, 15, 15))
        tokens += _digit_tokens(text)
        y += int(font.size * 1.9)
    for bar in range(60):  # a barcode
        x = 60 + bar * 12
        draw.rectangle((x, y + 20, x + rng.choice((3, 5, 7)), y + 200), fill="black")
    desk = Image.effect_noise((1600, 1600), 25).convert("RGB").point(lambda v: int(v * 0.5 + 60))
    turned = card.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0, 0))
    mask = Image.new("L", card.size, 255).rotate(angle, expand=True)
    desk.paste(turned, ((1600 - turned.width) // 2, (1600 - turned.height) // 2), mask)
    noisy = Image.blend(desk, Image.effect_noise(desk.size, 30).convert("RGB"), 0.12)
    return noisy.filter(ImageFilter.GaussianBlur(0.8)), tokens


def scan(rng: random.Random) -> tuple[Image.Image, list[str]]:
    """An A4 act at 200 dpi (1654×2339), 11 pt text, slightly skewed, with scanner noise."""
    page = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(page)
    font = _font("DejaVuSerif.ttf", 30)
    draw.text((200, 160), "АКТ приёма-передачи отправлений", font=_font("DejaVuSerif-Bold.ttf", 40), fill=20)
    y = 280
    tokens: list[str] = []
    while y < 2100:
        text = rng.choice(
            (
                f"Отправление {posting(rng)} принято {day(rng)} в {clock(rng)}",
                f"Товар SKU {sku(rng)} на сумму {amount(rng)}",
                "Претензий к внешнему виду и комплектности не имеется.",
                f"Трек-номер {tracking(rng)}, вес 0,{rng.randint(100, 999)} кг",
            )
        )
        draw.text((160, y), text, font=font, fill=25)
        tokens += _digit_tokens(text)
        y += 52
    page = page.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=245)
    noisy = Image.blend(page, Image.effect_noise(page.size, 40), 0.08)
    return noisy, tokens


def blank_photo(rng: random.Random) -> Image.Image:
    """An empty table top photographed: a gradient of light with sensor noise."""
    width, height = 1600, 1200
    gradient = Image.linear_gradient("L").resize((width, height)).point(lambda v: 120 + v // 4)
    noise = Image.effect_noise((width, height), 18 + rng.random() * 10)
    return Image.blend(gradient, noise, 0.25).filter(ImageFilter.GaussianBlur(1.2))


def pictures(per_kind: int, seed: int) -> list[Picture]:
    made: list[Picture] = []
    kinds: dict[str, Callable[[random.Random], tuple[Image.Image, list[str], int]]] = {
        "table 1080x1920": lambda r: (*table(r, (1080, 1920)), r.randint(60, 90)),
        "table 1440x900": lambda r: (*table(r, (1440, 900)), r.randint(60, 90)),
        "chat": lambda r: (*chat(r, (1080, 1920), r.randint(30, 42)), r.randint(60, 90)),
        "chat dark": lambda r: (*chat(r, (1080, 1920), r.randint(30, 42), dark=True), r.randint(60, 90)),
        "chat small text": lambda r: (*chat(r, (1366, 768), r.randint(11, 14)), r.randint(40, 60)),
        "chat chinese": lambda r: (*chat(r, (1080, 1920), r.randint(30, 40), chinese=True), 80),
        "label photo": lambda r: (*label(r, r.uniform(-30, 30)), r.randint(70, 85)),
        "label upside down": lambda r: (*label(r, 180 + r.uniform(-5, 5)), r.randint(70, 85)),
        "blank": lambda r: (Image.new("RGB", (1080, 1920), "white"), [], 85),
        "blank photo": lambda r: (blank_photo(r), [], 80),
    }
    for kind, draw in kinds.items():
        for index in range(per_kind):
            rng = random.Random(f"ocr-speed:{seed}:{kind}:{index}")
            image, tokens, quality = draw(rng)
            made.append(Picture(kind, _jpeg_gray(image, quality), tokens))
    for index in range(per_kind):
        rng = random.Random(f"ocr-speed:{seed}:scan:{index}")
        image, tokens = scan(rng)
        made.append(Picture("scan 200 dpi", _jpeg_gray(image, 75), tokens, page=1))
    return made


# --- reading ------------------------------------------------------------------------------------------


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def read(picture: Picture) -> tuple[float, list[str]]:
    """CPU seconds and the words read, the way `check` reads the picture."""
    seen: list[list[ocr.Line]] = []
    real = ocr.hits_in_lines

    def keep(
        lines: list[ocr.Line],
        scale: tuple[float, float] = (1.0, 1.0),
        page: int | None = None,
        own: Own = NOBODY,
        back: Callable[[Box], Box] | None = None,
    ) -> list[AttachmentHit]:
        seen.append(lines)
        return real(lines, scale, page, own, back)

    ocr.hits_in_lines = keep
    try:
        started = cpu_seconds()
        ocr.ocr_hits(picture.image, time.monotonic() + 120, 2000, page=picture.page)
        spent = cpu_seconds() - started
    finally:
        ocr.hits_in_lines = real
    words = [word.text for lines in seen[:1] for line in lines for word in line.words]
    return spent, words


def long_tokens(tokens: list[str]) -> list[str]:
    """The tokens with 5 digits or more: what phones, IDs and dates look like (row numbers do not)."""
    return [token for token in tokens if sum(char.isdigit() for char in token) >= 5]


def recall(tokens: list[str], words: list[str]) -> tuple[int, int]:
    read_words = Counter(words)
    found = 0
    for token in tokens:
        if read_words[token] > 0:
            read_words[token] -= 1
            found += 1
    return found, len(tokens)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.9 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="readings per picture; the least CPU is kept")
    parser.add_argument("--only", default="", help="comma-separated kinds (prefixes) to run")
    args = parser.parse_args()
    made = pictures(args.per_kind, args.seed)
    if args.only:
        made = [p for p in made if any(p.kind.startswith(k.strip()) for k in args.only.split(","))]
    ocr.read_lines(Image.new("L", (64, 64), 255), 30)  # the engine loaded, as in a warm worker
    by_kind: dict[str, list[tuple[float, int, int, int, int]]] = {}
    for picture in made:
        samples = [read(picture) for _ in range(args.repeat)]
        spent = min(s for s, _ in samples)
        found, total = recall(picture.tokens, samples[0][1])
        long_found, long_total = recall(long_tokens(picture.tokens), samples[0][1])
        by_kind.setdefault(picture.kind, []).append((spent, found, total, long_found, long_total))
    print(f"{'kind':20} {'n':>3} {'median s':>9} {'p90 s':>7} {'max s':>7}  recall: digit tokens; 5+ digits")
    every: list[float] = []
    counts = [0, 0, 0, 0]
    for kind, rows in by_kind.items():
        times = [row[0] for row in rows]
        every += times
        sums = [sum(int(row[i]) for row in rows) for i in range(1, 5)]
        counts = [a + b for a, b in zip(counts, sums, strict=True)]
        figures = f"{statistics.median(times):9.3f} {p90(times):7.3f} {max(times):7.3f}"
        print(f"{kind:20} {len(rows):3} {figures}  {_share(*sums[:2])}; {_share(*sums[2:])}")
    figures = f"{statistics.median(every):9.3f} {p90(every):7.3f} {max(every):7.3f}"
    print(f"{'all':20} {len(every):3} {figures}  {_share(*counts[:2])}; {_share(*counts[2:])}")


def _share(found: int, total: int) -> str:
    return f"{found}/{total} = {100 * found / total:.1f} %" if total else "-"


if __name__ == "__main__":
    main()
