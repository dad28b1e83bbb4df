"""Screenshots for the OCR benchmark and tests: chats, tracking pages and Seller Center tables, drawn here.

`generate(count, seed)` draws `count` JPEG screenshots with Pillow, deterministic by seed (shot i depends
only on seed and i, not on count). Even-numbered shots carry planted personal data, recorded exactly in
`Shot.planted` as (kind, value) with kind one of PD_KINDS; odd-numbered ones carry only what a ticket
legitimately shows: posting numbers, SKUs, tracking numbers, dates, times and amounts (`Shot.ids`).
`write_cases(shots, root)` writes one valid case folder per screenshot for `ozon-urgent check`.

Fonts: the DejaVu family of Debian's fonts-dejavu-core (Sans, Sans Bold, Serif, Serif Bold, Sans Mono),
which covers Cyrillic and ₽, at 24-44 px. Where a face is missing (macOS, a slim container) the bundled
src/ozon_urgent/data/fonts/DejaVuSans-subset.ttf stands in: a subset made for the ID list PDF, checked to
cover every character drawn here (tests/test_screenshots.py keeps it so), but one face only.
"""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from factories import variant, write_case

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/share/fonts/dejavu"),
)
BUNDLED_FONT = Path(__file__).resolve().parents[1] / "src/ozon_urgent/data/fonts/DejaVuSans-subset.ttf"
FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono.ttf",
)
PD_KINDS = ("phone", "email", "card", "passport")
# What `check` reports for each kind (src/ozon_urgent/data/codes.toml).
CODE_OF_KIND = {"phone": "P300", "passport": "P301", "card": "P302", "email": "P303"}
LAYOUTS = ("chat", "tracking", "table")
PHONE_SIZE = (1080, 1920)
SMALL_SIZE = (720, 1280)


@dataclass(frozen=True)
class Shot:
    name: str
    jpeg_bytes: bytes
    planted: list[tuple[str, str]]
    ids: list[tuple[str, str]] = field(default_factory=list)  # posting, sku, tracking, date, time, amount
    size: tuple[int, int] = PHONE_SIZE  # of the JPEG, after any downscale or rotation
    layout: str = "chat"
    text: str = ""  # every line drawn, for checking the detector without OCR


@dataclass(frozen=True)
class CaseFile:
    shot: Shot
    case: Path  # the case.yaml
    image: Path
    path: str  # where `check` locates findings on the screenshot, e.g. "evidence[1].file"


@functools.cache
def font_path(name: str) -> Path:
    """The system's DejaVu face `name`, else the bundled subset."""
    return next((folder / name for folder in FONT_DIRS if (folder / name).is_file()), BUNDLED_FONT)


# --- values -------------------------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _luhn_complete(body: str) -> str:
    """`body` plus the check digit that makes the whole number pass Luhn."""
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def ru_phone(rng: random.Random) -> str:
    code, a, b, c = f"9{_digits(rng, 2)}", _digits(rng, 3), _digits(rng, 2), _digits(rng, 2)
    return rng.choice(
        (
            f"+7 {code} {a}-{b}-{c}",
            f"8 ({code}) {a} {b} {c}",
            f"+7{code}{a}{b}{c}",
            f"+7 ({code}) {a}-{b}-{c}",
            f"8 {code} {a}-{b}-{c}",
        )
    )


def cn_phone(rng: random.Random) -> str:
    # mobile prefixes in service (libphonenumber rejects unallocated ones such as 141 or 194)
    prefix = rng.choice(
        (
            "13" + rng.choice("0123456789"),
            "15" + rng.choice("0123589"),
            "18" + rng.choice("0123456789"),
            "166",
            "177",
            "199",
        )
    )
    return f"+86 {prefix} {_digits(rng, 4)} {_digits(rng, 4)}"


def email(rng: random.Random) -> str:
    first = rng.choice(("ivan", "olga", "sergey", "anna", "dmitry", "elena", "wang", "li.na", "zhang"))
    last = rng.choice(("petrov", "smirnova", "kuznetsov", "ivanova", "wei", "buyer", "shop"))
    domain = rng.choice(("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "qq.com", "163.com", "inbox.ru"))
    sep = rng.choice((".", "_", ""))
    return f"{first}{sep}{last}{rng.randint(1, 99) if rng.random() < 0.4 else ''}@{domain}"


def card(rng: random.Random) -> str:
    prefix = rng.choice(("4276", "5469", "2202", "6222", "4111"))  # Sber Visa, Mastercard, Mir, UnionPay
    number = _luhn_complete(prefix + _digits(rng, 11))
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def passport(rng: random.Random) -> str:
    return f"{rng.randint(1, 99):02d}{rng.randint(0, 26):02d} {_digits(rng, 6)}"


def posting(rng: random.Random) -> str:
    return f"{rng.randint(10_000_000, 99_999_999)}-{rng.randint(0, 9999):04d}-{rng.randint(1, 9)}"


def sku(rng: random.Random) -> str:
    return str(rng.randint(100_000_000, 2_999_999_999))  # Ozon SKUs: 9–10 digits


def tracking(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(('RU', 'RA', 'LP', 'RB'))}{_digits(rng, 9)}{rng.choice(('CN', 'RU', 'HK'))}"
    return f"LP00{_digits(rng, 12)}"


def day(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(9, 11):02d}.2026"


def clock(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def amount(rng: random.Random) -> str:
    rubles = rng.randint(90, 99_999)
    grouped = f"{rubles:,}".replace(",", " ")
    return f"{grouped},{rng.randint(0, 99):02d} ₽"


# --- lines of text ------------------------------------------------------------------------------------


def _pd_line(rng: random.Random, kind: str, value: str) -> str:
    templates = {
        "phone": (
            "Мой номер {v}, звоните после 18:00",
            "Телефон получателя: {v}",
            "Call me: {v}",
            "Перезвоните мне {v}",
        ),
        "email": ("Пишите на почту {v}", "E-mail: {v}", "Чек пришлите на {v}", "Contact: {v}"),
        "card": ("Карта для возврата {v}", "Верните деньги на карту {v}", "Card: {v}"),
        "passport": ("паспорт {v}", "Паспорт РФ {v}, выдан ОВД", "Данные: паспорт {v}"),
    }
    return rng.choice(templates[kind]).format(v=value)


def _id_line(rng: random.Random) -> tuple[str, tuple[str, str]]:
    kind = rng.choice(("posting", "sku", "tracking", "date", "amount"))
    if kind == "posting":
        value = posting(rng)
        line = rng.choice(
            ("Отправление {v}", "Заказ {v} не доставлен", "Posting {v}", "Номер отправления {v}")
        )
    elif kind == "sku":
        value = sku(rng)
        line = rng.choice(("SKU {v}", "Артикул Ozon: {v}", "Товар SKU {v} снят с продажи"))
    elif kind == "tracking":
        value = tracking(rng)
        line = rng.choice(("Трек-номер {v}", "Tracking: {v}", "Посылка {v} в пути"))
    elif kind == "date":
        value = day(rng)
        line = rng.choice(("Дата доставки {v}", "Срок: до {v}", "Accepted {v}"))
    else:
        value = amount(rng)
        line = rng.choice(("Сумма компенсации {v}", "Возврат {v}", "Стоимость {v}"))
    return line.format(v=value), (kind, value)


_CHAT_FILLER = (
    "Здравствуйте! Где мой заказ?",
    "Добрый день, посылка задерживается",
    "Курьер не приехал вчера",
    "Hello, the parcel is delayed",
    "Спасибо, жду ответа",
    "Товар пришёл повреждённым",
    "Можно вернуть деньги?",
    "OK, thank you",
)


# --- drawing ------------------------------------------------------------------------------------------


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name)), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def _status_bar(
    draw: ImageDraw.ImageDraw, rng: random.Random, width: int, ids: list[tuple[str, str]]
) -> None:
    time = clock(rng)
    ids.append(("time", time))
    draw.rectangle((0, 0, width, 70), fill=(245, 245, 245))
    draw.text((40, 18), time, font=_font("DejaVuSans-Bold.ttf", 30), fill="black")
    draw.text((width - 160, 18), "4G 87%", font=_font("DejaVuSans.ttf", 28), fill="black")


def _draw_chat(
    rng: random.Random, body: list[str], font: ImageFont.FreeTypeFont, ids: list[tuple[str, str]]
) -> tuple[Image.Image, int]:
    """The screen and how many items of `body` fit on it (in order); what else it drew goes to `ids`."""
    width, height = PHONE_SIZE
    image = Image.new("RGB", PHONE_SIZE, rng.choice(((255, 255, 255), (236, 229, 221), (240, 242, 245))))
    draw = ImageDraw.Draw(image)
    _status_bar(draw, rng, width, ids)
    header = rng.choice(("Покупатель", "Служба поддержки Ozon", "Курьер СДЭК", "Buyer chat"))
    draw.rectangle((0, 70, width, 190), fill=(0, 91, 255))
    draw.text((60, 105), header, font=_font("DejaVuSans-Bold.ttf", 40), fill="white")
    y = 230
    line_height = int(font.size * 1.35)
    drawn = 0
    for text in body:
        mine = rng.random() < 0.5
        wrapped = _wrap(text, font, 700)
        box_w = int(max(font.getlength(line) for line in wrapped)) + 60
        box_h = line_height * len(wrapped) + 70
        if y + box_h > height - 40:
            break
        x = width - 40 - box_w if mine else 40
        colour = (220, 248, 198) if mine else (255, 255, 255)
        draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=28, fill=colour, outline=(210, 210, 210))
        for number, line in enumerate(wrapped):
            draw.text((x + 30, y + 20 + number * line_height), line, font=font, fill=(20, 20, 20))
        stamp = clock(rng)
        ids.append(("time", stamp))
        small = _font("DejaVuSans.ttf", max(18, int(font.size) // 2))
        draw.text((x + box_w - 100, y + box_h - 40), stamp, font=small, fill=(120, 120, 120))
        y += box_h + 30
        drawn += 1
    return image, drawn


def _draw_tracking(
    rng: random.Random, body: list[str], font: ImageFont.FreeTypeFont, ids: list[tuple[str, str]]
) -> tuple[Image.Image, int]:
    """The screen and how many items of `body` fit on it (in order); what else it drew goes to `ids`."""
    width, height = PHONE_SIZE
    image = Image.new("RGB", PHONE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    _status_bar(draw, rng, width, ids)
    number = tracking(rng)
    ids.append(("tracking", number))
    draw.text((50, 110), "Отслеживание отправления", font=_font("DejaVuSans-Bold.ttf", 44), fill="black")
    draw.text((50, 180), number, font=_font("DejaVuSansMono-Bold.ttf", 40), fill=(0, 91, 255))
    statuses = ("Принято в отделении", "Покинуло сортировочный центр", "Прибыло в место вручения", "Export")
    y = 270
    line_height = int(font.size * 1.4)
    drawn = 0
    for text in body:
        wrapped = _wrap(text, font, width - 160)
        if y + line_height * (2 + len(wrapped)) > height - 20:
            break
        status = rng.choice(statuses)
        stamp = f"{day(rng)} {clock(rng)}"
        ids.append(("date", stamp))
        draw.ellipse((50, y + 10, 74, y + 34), fill=(0, 91, 255))
        draw.text((100, y), stamp, font=font, fill=(110, 110, 110))
        y += line_height
        for line in [status, *wrapped]:
            draw.text((100, y), line, font=font, fill="black")
            y += line_height
        y += 30
        drawn += 1
    return image, drawn


def _draw_table(
    rng: random.Random, body: list[str], font: ImageFont.FreeTypeFont, ids: list[tuple[str, str]]
) -> tuple[Image.Image, int]:
    """The screen and how many items of `body` fit on it (in order); what else it drew goes to `ids`."""
    width, height = PHONE_SIZE
    image = Image.new("RGB", PHONE_SIZE, (250, 250, 252))
    draw = ImageDraw.Draw(image)
    _status_bar(draw, rng, width, ids)
    draw.text((40, 100), "Seller Center · Заказы FBS", font=_font("DejaVuSans-Bold.ttf", 40), fill="black")
    header = _font("DejaVuSans.ttf", max(22, int(font.size) - 6))
    draw.rectangle((30, 180, width - 30, 240), fill=(230, 234, 242))
    draw.text((50, 192), "Отправление / Статус / Сумма", font=header, fill=(60, 60, 60))
    y = 260
    line_height = int(font.size * 1.35)
    drawn = 0
    for text in body:
        ship = posting(rng)
        money = amount(rng)
        rows = [f"{ship}  {money}", *_wrap(text, font, width - 120)]
        if y + line_height * len(rows) + 30 > height - 20:
            break
        ids += [("posting", ship), ("amount", money)]
        for line in rows:
            draw.text((50, y), line, font=font, fill="black")
            y += line_height
        draw.line((30, y + 10, width - 30, y + 10), fill=(200, 200, 200), width=2)
        y += 30
        drawn += 1
    return image, drawn


_DRAW = {"chat": _draw_chat, "tracking": _draw_tracking, "table": _draw_table}


def _shot(seed: int, index: int) -> Shot:
    rng = random.Random(f"ozon-urgent-screenshots:{seed}:{index}")
    layout = LAYOUTS[index % len(LAYOUTS)]
    # body: (line, what it shows); personal data first, so a full screen only ever drops ID lines
    pd_items: list[tuple[str, list[tuple[str, str]]]] = []
    if index % 2 == 0:
        # every kind equally often across the corpus: the first kind cycles, up to two more at random
        kinds = [PD_KINDS[(index // 2) % len(PD_KINDS)]]
        kinds += rng.sample([k for k in PD_KINDS if k != kinds[0]], rng.randint(0, 2))
        for kind in kinds:
            if kind == "phone":
                value = cn_phone(rng) if rng.random() < 0.25 else ru_phone(rng)
            else:
                value = {"email": email, "card": card, "passport": passport}[kind](rng)
            pd_items.append((_pd_line(rng, kind, value), [(kind, value)]))
    id_items: list[tuple[str, list[tuple[str, str]]]] = []
    for _ in range(rng.randint(2, 4)):
        line, shown = _id_line(rng)
        id_items.append((line, [shown]))
    if layout == "chat":
        id_items += [(line, []) for line in rng.sample(_CHAT_FILLER, 2)]
    rng.shuffle(pd_items)
    rng.shuffle(id_items)
    body = [*pd_items, *id_items]
    font = _font(rng.choice(FONT_FILES), rng.randint(24, 44))
    ids: list[tuple[str, str]] = []
    image, count = _DRAW[layout](rng, [line for line, _ in body], font, ids)
    if count < len(pd_items):
        raise AssertionError(f"shot {index}: the planted personal data does not fit on the screen")
    planted = [value for _, shown in pd_items for value in shown]
    ids += [value for _, shown in id_items[: count - len(pd_items)] for value in shown]
    text = "\n".join(line for line, _ in body[:count])
    roll = rng.random()
    if roll < 0.2:
        image = image.resize(SMALL_SIZE, Image.Resampling.LANCZOS)
    elif roll < 0.3:
        image = image.rotate(90, expand=True)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rng.randint(60, 95))
    name = f"shot-{index:04d}-{layout}"
    return Shot(name, out.getvalue(), planted, ids, image.size, layout, text)


def generate(count: int, seed: int = 0) -> list[Shot]:
    """`count` screenshots; the even-numbered half carry personal data, the odd-numbered half only IDs."""
    return [_shot(seed, index) for index in range(count)]


def write_cases(shots: Sequence[Shot], root: Path) -> list[CaseFile]:
    """One case folder per screenshot under `root`: root/<name>/case.yaml and evidence/<name>.jpg."""
    written = []
    for shot in shots:
        folder = root / shot.name
        (folder / "evidence").mkdir(parents=True, exist_ok=True)
        image = folder / "evidence" / f"{shot.name}.jpg"
        image.write_bytes(shot.jpeg_bytes)
        # misjudged_delisting asks for a tracking PDF (written by write_case) and buyer communication
        case = variant(
            "misjudged_delisting",
            {"case_id": f"ocr-{shot.name}", "evidence[1].file": f"evidence/{shot.name}.jpg"},
        )
        written.append(CaseFile(shot, write_case(folder, case), image, "evidence[1].file"))
    return written
