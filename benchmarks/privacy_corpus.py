"""Evidence files with ground truth for the personal-data gate: chats, tables, labels, scans, text PDFs.

`generate(split, count=None)` draws the corpus of one split, deterministically: item i depends only on
the split and i (`count` takes the first `count` of an order that interleaves kinds and conditions, so a
small run still sees every kind). The two splits share no seed, face, screen size, layout variant or name
pool, so a detector tuned on "tune" is measured on pictures it has not seen:

- tune: DejaVu faces, 1080×1920 phone screenshots, layout variants A, the first half of the name, street
  and city pools;
- heldout: Liberation, Roboto, Open Sans and FreeFont faces, 1170×2532 and 720×1600 phones and 1440×900
  desktop pages, layout variants B (other column orders, header words, label templates, bubble styles),
  the other half of the pools.

Every item records what was drawn on it: `planted` (buyers' personal data: phone, card, passport, snils,
inn, email, name, address) and `shown` (what a ticket legitimately shows: posting, order, sku, tracking,
date, time, amount, doc_number, warehouse, company_inn, ogrn, store_name, seller_address,
agent_first_name), each with its 1-based page and its box [x, y, w, h] in the pixels of the stored
picture (for a PDF scan, of the page's image); for a warped or rotated picture the axis-aligned box of the
value's transformed corners; None in a text PDF. An address drawn over several lines is one entry per line
(same `value`, `part` "1/2", "2/2"), each line to be found and covered on its own.

Kinds and conditions: chat (clean, small, dark, lowq, photo, cjk), table (flat), label (flat, photo),
scan (image-only PDF, 1–3 pages), textpdf (fpdf2 text layer, 1–3 pages), blank (no text at all).
About half of every kind is clean (no personal data at all); a clean label has its recipient blacked out
by hand, as sellers do.

`dump(items, folder)` writes the files and truth.json; `python benchmarks/privacy_corpus.py --split tune
--dump DIR [--count N] [--boxes]` does so from the command line (`--boxes` also writes PNG copies with
the boxes drawn: red personal data, green the rest).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
from stdnum import luhn
from stdnum.ru import inn as ru_inn

Box = tuple[int, int, int, int]
Point = tuple[float, float]

PD_KINDS = ("phone", "card", "passport", "snils", "inn", "email", "name", "address")
SHOWN_KINDS = (
    "posting",
    "order",
    "sku",
    "tracking",
    "date",
    "time",
    "amount",
    "doc_number",
    "warehouse",
    "company_inn",
    "ogrn",
    "store_name",
    "seller_address",
    "agent_first_name",
)
SPLITS = ("tune", "heldout")
CHAT_CONDITIONS = ("clean", "small", "dark", "lowq", "photo", "cjk")

# --- fonts --------------------------------------------------------------------------------------------

_DV = "/usr/share/fonts/truetype/dejavu/"
_LIB = "/usr/share/fonts/truetype/liberation2/"
_ROB = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/"
_OS = "/usr/share/fonts/truetype/open-sans/"
_FREE = "/usr/share/fonts/truetype/freefont/"
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@dataclass(frozen=True)
class Face:
    regular: str
    bold: str
    rouble: bool  # has ₽; else amounts are written "руб."


FACES: dict[str, tuple[Face, ...]] = {
    "tune": (
        Face(_DV + "DejaVuSans.ttf", _DV + "DejaVuSans-Bold.ttf", True),
        Face(_DV + "DejaVuSerif.ttf", _DV + "DejaVuSerif-Bold.ttf", True),
        Face(_DV + "DejaVuSansCondensed.ttf", _DV + "DejaVuSansCondensed-Bold.ttf", True),
        Face(_DV + "DejaVuSansMono.ttf", _DV + "DejaVuSansMono-Bold.ttf", True),
    ),
    "heldout": (
        Face(_LIB + "LiberationSans-Regular.ttf", _LIB + "LiberationSans-Bold.ttf", False),
        Face(_LIB + "LiberationSerif-Regular.ttf", _LIB + "LiberationSerif-Bold.ttf", False),
        Face(_ROB + "Roboto-Regular.ttf", _ROB + "Roboto-Bold.ttf", True),
        Face(_OS + "OpenSans-Regular.ttf", _OS + "OpenSans-Bold.ttf", False),
        Face(_FREE + "FreeSans.ttf", _FREE + "FreeSansBold.ttf", False),
        Face(_FREE + "FreeSerif.ttf", _FREE + "FreeSerifBold.ttf", False),
    ),
}
MONO = {"tune": _DV + "DejaVuSansMono.ttf", "heldout": _LIB + "LiberationMono-Regular.ttf"}


@functools.cache
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


# --- ground truth -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    kind: str
    value: str
    page: int = 1
    box: Box | None = None
    part: str = ""  # "1/2" for a value drawn over several lines

    @property
    def personal(self) -> bool:
        return self.kind in PD_KINDS

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value, "page": self.page}
        out["box"] = list(self.box) if self.box else None
        if self.part:
            out["part"] = self.part
        return out


@dataclass(frozen=True)
class Item:
    name: str
    kind: str  # chat | table | label | scan | textpdf | blank
    condition: str
    split: str
    suffix: str  # jpg | pdf
    data: bytes
    planted: tuple[Mark, ...]
    shown: tuple[Mark, ...]
    size: tuple[int, int]  # of the picture (of a PDF's first page image; the page in pt for a text PDF)
    pages: int = 1

    @property
    def clean(self) -> bool:
        return not self.planted

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.suffix}"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "kind": self.kind,
            "condition": self.condition,
            "split": self.split,
            "size": list(self.size),
            "pages": self.pages,
            "planted": [m.as_json() for m in self.planted],
            "shown": [m.as_json() for m in self.shown],
        }


@dataclass
class _Pending:
    """A value drawn on a canvas, by its four corners (transformed with the picture)."""

    kind: str
    value: str
    corners: list[Point]
    part: str = ""


class Sheet:
    """A picture being drawn, and the values drawn on it with where they are."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.marks: list[_Pending] = []

    def text(
        self,
        xy: Point,
        text: str,
        face: ImageFont.FreeTypeFont,
        fill: Any,
        tags: Sequence[tuple[str, str] | tuple[str, str, str]] = (),
    ) -> float:
        """Draw `text`; each tag (kind, value[, substring drawn, default value]) is located in it and
        recorded. Returns the x where the text ends."""
        x, y = xy
        self.draw.text((x, y), text, font=face, fill=fill)
        start = 0
        for tag in tags:
            kind, value = tag[0], tag[1]
            drawn = tag[2] if len(tag) > 2 else value
            at = text.find(drawn, start)
            if at < 0:
                raise AssertionError(f"{drawn!r} is not in {text!r}")
            start = at + len(drawn)
            left = x + face.getlength(text[:at])
            x0, y0, x1, y1 = self.draw.textbbox((left, y), drawn, font=face)
            self.mark(kind, value, (x0, y0, x1 - x0, y1 - y0))
        return x + face.getlength(text)

    def mark(self, kind: str, value: str, box: tuple[float, float, float, float], part: str = "") -> None:
        x, y, w, h = box
        self.marks.append(_Pending(kind, value, [(x, y), (x + w, y), (x + w, y + h), (x, y + h)], part))

    def parts(self, kinds: Sequence[str] = ("address",)) -> None:
        """Number the lines of values drawn over several lines ("1/3", "2/3", "3/3")."""
        groups: dict[tuple[str, str], list[_Pending]] = {}
        for pending in self.marks:
            if pending.kind in kinds:
                groups.setdefault((pending.kind, pending.value), []).append(pending)
        for members in groups.values():
            if len(members) > 1:
                for number, pending in enumerate(members, 1):
                    pending.part = f"{number}/{len(members)}"


def _final_marks(marks: Sequence[_Pending], size: tuple[int, int], page: int) -> list[Mark]:
    out = []
    width, height = size
    for pending in marks:
        xs = [p[0] for p in pending.corners]
        ys = [p[1] for p in pending.corners]
        x0, y0 = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
        x1, y1 = min(width, math.ceil(max(xs))), min(height, math.ceil(max(ys)))
        if x1 - x0 < 2 or y1 - y0 < 2:
            raise AssertionError(f"{pending.value!r} left the picture")
        out.append(Mark(pending.kind, pending.value, page, (x0, y0, x1 - x0, y1 - y0), pending.part))
    return out


# --- values -------------------------------------------------------------------------------------------


def _d(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def ru_phone(rng: random.Random) -> str:
    c, a, b, e = f"9{_d(rng, 2)}", _d(rng, 3), _d(rng, 2), _d(rng, 2)
    return rng.choice(
        (
            f"+7 {c} {a}-{b}-{e}",
            f"8 ({c}) {a} {b} {e}",
            f"+7{c}{a}{b}{e}",
            f"+7 ({c}) {a}-{b}-{e}",
            f"8 {c} {a}-{b}-{e}",
            f"8-{c}-{a}-{b}-{e}",
            f"8{c}{a}{b}{e}",
            f"+7({c}){a}{b}{e}",
            f"+7 {c} {a} {b}{e}",
            f"8 {c} {a}{b}{e}",
        )
    )


def cn_phone(rng: random.Random) -> str:
    prefix = rng.choice(("13" + rng.choice("0123456789"), "15" + rng.choice("0123589"), "18" + _d(rng, 1)))
    a, b = _d(rng, 4), _d(rng, 4)
    return rng.choice((f"+86 {prefix} {a} {b}", f"+86-{prefix}-{a}-{b}", f"+86{prefix}{a}{b}"))


def phone(rng: random.Random) -> str:
    return cn_phone(rng) if rng.random() < 0.2 else ru_phone(rng)


def card(rng: random.Random) -> str:
    body = rng.choice(("4276", "5469", "2202", "5336", "4279", "6222")) + _d(rng, 11)
    number = body + luhn.calc_check_digit(body)
    style = rng.random()
    if style < 0.6:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    if style < 0.8:
        return "-".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def passport(rng: random.Random) -> tuple[str, str]:
    """(value, how it is written around it): the value is the part a mask must cover."""
    region, year, number = f"{rng.randint(1, 99):02d}", f"{rng.randint(0, 25):02d}", _d(rng, 6)
    style = rng.randrange(4)
    if style == 0:
        value = f"{region}{year} № {number}"
        return value, f"серия {value}"
    if style == 1:
        value = f"{region}{year} {number}"
        return value, f"паспорт {value}"
    if style == 2:
        value = f"{region} {year} {number}"
        return value, f"паспорт РФ {value}"
    value = f"{region}{year} {number}"
    return value, f"Паспорт: {value}"


def snils(rng: random.Random) -> str:
    while True:
        body = _d(rng, 9)
        if int(body) > 1_001_998:
            break
    total = sum(int(d) * (9 - i) for i, d in enumerate(body))
    check = total % 101 % 100
    return f"{body[:3]}-{body[3:6]}-{body[6:]} {check:02d}"


def personal_inn(rng: random.Random) -> str:
    body = f"{rng.randint(1, 92):02d}" + _d(rng, 8)
    number = body + ru_inn.calc_personal_check_digits(body)
    assert ru_inn.is_valid(number)
    return number


def company_inn(rng: random.Random) -> str:
    body = f"{rng.choice(('77', '50', '78', '54'))}" + _d(rng, 7)
    number = body + ru_inn.calc_company_check_digit(body)
    assert ru_inn.is_valid(number)
    return number


def ogrn(rng: random.Random) -> str:
    body = "1" + _d(rng, 2) + rng.choice(("77", "50", "78")) + _d(rng, 7)
    return body + str(int(body) % 11 % 10)


def email(rng: random.Random, split: str) -> str:
    firsts = ("ivan", "olga", "sergey", "anna", "dmitry") if split == "tune" else ("elena", "pavel", "irina")
    lasts = (
        ("petrov", "smirnova", "kuznetsov", "buyer") if split == "tune" else ("volkov", "zaytseva", "shop")
    )
    domain = rng.choice(("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "qq.com"))
    sep = rng.choice((".", "_", ""))
    tail = str(rng.randint(1, 1999)) if rng.random() < 0.4 else ""
    return f"{rng.choice(firsts)}{sep}{rng.choice(lasts)}{tail}@{domain}"


def posting(rng: random.Random) -> str:
    return f"{rng.randint(10_000_000, 99_999_999)}-{rng.randint(1, 9999):04d}-{rng.randint(1, 9)}"


def order(rng: random.Random) -> str:
    return f"{rng.randint(10_000_000, 99_999_999)}-{rng.randint(1, 9999):04d}"


def sku(rng: random.Random) -> str:
    return str(rng.randint(100_000_000, 2_999_999_999))


def tracking(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return f"{rng.choice(('RA', 'RB', 'LP', 'RU'))}{_d(rng, 9)}{rng.choice(('RU', 'CN', 'HK'))}"
    if roll < 0.6:
        return f"{rng.randint(100000, 999999)}{_d(rng, 8)}"  # Почта России, 14 digits
    if roll < 0.8:
        return f"1{_d(rng, 9)}"  # СДЭК, 10 digits
    return f"LP00{_d(rng, 12)}"


def date(rng: random.Random) -> str:
    day, month = rng.randint(1, 28), rng.randint(9, 11)
    return f"{day:02d}.{month:02d}.2026" if rng.random() < 0.7 else f"2026-{month:02d}-{day:02d}"


def clock(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def amount(rng: random.Random, rouble: bool) -> str:
    rubles = rng.randint(90, 199_999)
    grouped = f"{rubles:,}".replace(",", " ")
    sign = "₽" if rouble else rng.choice(("руб.", "р."))
    return f"{grouped},{rng.randint(0, 99):02d} {sign}" if rng.random() < 0.5 else f"{grouped} {sign}"


def doc_number(rng: random.Random) -> str:
    return str(rng.randint(10_000_000, 99_999_999))


def warehouse_id(rng: random.Random) -> str:
    return f"1020000{_d(rng, 7)}"


# --- names and places: half the pool per split -------------------------------------------------------

_SURNAMES = (
    ("Иванов", "Иванова"),
    ("Петров", "Петрова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Соколов", "Соколова"),
    ("Лебедев", "Лебедева"),
    ("Козлов", "Козлова"),
    ("Новиков", "Новикова"),
    ("Морозов", "Морозова"),
    ("Егоров", "Егорова"),
    ("Волков", "Волкова"),
    ("Соловьёв", "Соловьёва"),
    ("Васильев", "Васильева"),
    ("Зайцев", "Зайцева"),
    ("Павлов", "Павлова"),
    ("Семёнов", "Семёнова"),
    ("Голубев", "Голубева"),
    ("Виноградов", "Виноградова"),
    ("Богданов", "Богданова"),
    ("Фёдоров", "Фёдорова"),
)
_MALE = (
    ("Иван", "Иванович", "Ивановна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Павел", "Павлович", "Павловна"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Константин", "Константинович", "Константиновна"),
)
_FEMALE = ("Анна", "Ольга", "Елена", "Мария", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Ксения")
_AGENTS = ("Анна", "Мария", "Екатерина", "Дарья", "Алина", "Максим", "Кирилл", "Ольга", "Евгений", "Полина")
_CITIES = (
    ("г. Москва", "101000"),
    ("г. Казань", "420000"),
    ("г. Екатеринбург", "620000"),
    ("г. Новосибирск", "630000"),
    ("г. Самара", "443000"),
    ("г. Санкт-Петербург", "190000"),
    ("г. Нижний Новгород", "603000"),
    ("г. Краснодар", "350000"),
    ("г. Воронеж", "394000"),
    ("г. Пермь", "614000"),
)
_REGIONS = (
    ("Московская обл.", "г. Химки"),
    ("Московская обл.", "г. Мытищи"),
    ("Свердловская обл.", "г. Берёзовский"),
    ("Ленинградская обл.", "г. Всеволожск"),
    ("Самарская обл.", "г. Тольятти"),
    ("Краснодарский край", "г. Сочи"),
)
_STREETS = (
    "ул. Ленина",
    "ул. Молодёжная",
    "ул. Садовая",
    "ул. Гагарина",
    "ул. Школьная",
    "ул. Пушкина",
    "ул. Советская",
    "ул. Лесная",
    "ул. Центральная",
    "ул. Набережная",
    "ул. Мира",
    "ул. Строителей",
)
_AVENUES = ("пр-т Мира", "пр-т Победы", "Ленинский пр-т", "пр-т Ленина", "Невский пр.", "пр-т Гагарина")
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(" "),  # noqa: SIM905
        strict=True,
    )
)
STORES = (
    "Bright Home",
    "Лампы и свет",
    "ТехноДом",
    "Уютный Дом 24",
    "Мир Сумок",
    "SmartGadget",
    "Детский Рай",
)
COMPANIES = ("ООО «Брайт Хоум»", "ООО «Техно Дом»", 'ООО "Мир Сумок"', "ИП Чжан Вэй", "ООО «Смарт Гаджет»")
WAREHOUSES = (
    "Хоругвино",
    "Пушкино 1",
    "Пушкино 2",
    "Ногинск",
    "Санкт-Петербург Шушары",
    "Казань",
    "Екатеринбург Кольцовский",
    "Новосибирск",
    "Гривно",
    "Петровское",
)
SELLER_ADDRESSES = (
    "Московская обл., г. Подольск, ул. Поливановская, стр. 9, склад 4",
    "г. Москва, Варшавское ш., д. 125, стр. 1, офис 402",
    "г. Санкт-Петербург, Промышленная ул., д. 19, лит. Р",
    "Московская обл., г.о. Пушкинский, пос. Софрино, Промзона, вл. 1",
    "г. Казань, ул. Техническая, д. 120, корп. 2, офис 7",
)


def _half(pool: Sequence[Any], split: str) -> Sequence[Any]:
    middle = len(pool) // 2
    return pool[:middle] if split == "tune" else pool[middle:]


def translit(text: str) -> str:
    out = []
    for char in text:
        low = char.lower()
        if low in _TRANSLIT:
            sub = _TRANSLIT[low].replace("-", "")
            out.append(sub.capitalize() if char != low else sub)
        else:
            out.append(char)
    return "".join(out)


def buyer_name(rng: random.Random, split: str) -> str:
    male_s, female_s = rng.choice(_half(_SURNAMES, split))
    first_m, pat_m, pat_f = rng.choice(_half(_MALE, split))
    female = rng.random() < 0.5
    surname = female_s if female else male_s
    first = rng.choice(_half(_FEMALE, split)) if female else first_m
    father = rng.choice(_half(_MALE, split))
    patronymic = father[2] if female else pat_m
    del pat_f
    style = rng.randrange(6)
    if style == 0:
        return f"{surname} {first} {patronymic}"
    if style == 1:
        return f"{first} {surname}"
    if style == 2:
        return f"{surname} {first[0]}. {patronymic[0]}."
    if style == 3:
        return f"{first} {surname}".lower()
    if style == 4:
        return f"{surname} {first}".upper()
    return translit(f"{surname} {first}")


def address_lines(rng: random.Random, split: str) -> list[str]:
    """A buyer's delivery address, as the 1–3 lines it is drawn on."""
    street = rng.choice(_half(_STREETS, split))
    house, flat = rng.randint(1, 120), rng.randint(1, 240)
    style = rng.randrange(4)
    if style == 0:
        city, _ = rng.choice(_half(_CITIES, split))
        parts = [f"{city},", f"{street}, д. {house}, кв. {flat}"]
    elif style == 1:
        region, town = rng.choice(_half(_REGIONS, split))
        index = f"{rng.randint(100, 699)}{_d(rng, 3)}"
        parts = [f"{index}, {region},", f"{town}, {street},", f"д. {house}, кв. {flat}"]
    elif style == 2:
        avenue = rng.choice(_half(_AVENUES, split))
        city, _ = rng.choice(_half(_CITIES, split))
        parts = [f"{city}, {avenue} {house}-{flat}"]
    else:
        city, index = rng.choice(_half(_CITIES, split))
        parts = [f"{index}, {city}, {street},", f"дом {house}, квартира {flat}"]
    return parts


def _one_line(lines: Sequence[str]) -> str:
    return " ".join(lines)


# --- what a buyer writes ------------------------------------------------------------------------------


@dataclass
class Segment:
    """A message's text, with the values it shows: (kind, value, drawn substring)."""

    text: str
    tags: list[tuple[str, str, str]] = field(default_factory=list)


def pd_message(rng: random.Random, kind: str, split: str) -> list[Segment]:
    """A buyer's message with one personal value of `kind` (address: one segment per line)."""
    if kind == "phone":
        v = phone(rng)
        t = rng.choice(
            (
                "Мой номер {v}, позвоните курьеру",
                "Телефон для связи: {v}",
                "Перезвоните мне пожалуйста {v}",
                "звоните {v} после шести",
                "Номер получателя {v}",
                "WhatsApp {v}",
            )
        )
        return [Segment(t.format(v=v), [("phone", v, v)])]
    if kind == "email":
        v = email(rng, split)
        t = rng.choice(("Пишите на почту {v}", "Чек пришлите на {v}", "мой e-mail {v}", "Почта: {v}"))
        return [Segment(t.format(v=v), [("email", v, v)])]
    if kind == "card":
        v = card(rng)
        t = rng.choice(("Верните деньги на карту {v}", "Карта для возврата {v}", "номер карты {v} Сбер"))
        return [Segment(t.format(v=v), [("card", v, v)])]
    if kind == "passport":
        v, written = passport(rng)
        t = rng.choice(("Мои данные: {w}", "Для таможни {w}", "{w}, выдан ОВД района", "Вот {w}"))
        return [Segment(t.format(w=written), [("passport", v, v)])]
    if kind == "snils":
        v = snils(rng)
        t = rng.choice(("СНИЛС {v}", "мой СНИЛС: {v}", "Для оформления СНИЛС {v}"))
        return [Segment(t.format(v=v), [("snils", v, v)])]
    if kind == "inn":
        v = personal_inn(rng)
        t = rng.choice(("ИНН {v}", "мой ИНН {v} для чека", "ИНН физлица: {v}"))
        return [Segment(t.format(v=v), [("inn", v, v)])]
    if kind == "name":
        v = buyer_name(rng, split)
        t = rng.choice(
            (
                "Получатель {v}",
                "Это {v}, заказ оформлен на меня",
                "Посылку заберёт {v}",
                "ФИО: {v}",
                "С уважением, {v}",
            )
        )
        return [Segment(t.format(v=v), [("name", v, v)])]
    lines = address_lines(rng, split)
    value = _one_line(lines)
    intro = rng.choice(("Доставьте по адресу:", "Мой адрес:", "Адрес доставки", "Привезите на"))
    if len(lines) == 1 or rng.random() < 0.2:
        text = f"{intro} {value}"
        return [Segment(text, [("address", value, value)])]
    return [Segment(intro)] + [Segment(line, [("address", value, line)]) for line in lines]


def shown_message(rng: random.Random, rouble: bool, store: str) -> Segment:
    roll = rng.randrange(9)
    if roll == 0:
        v = posting(rng)
        return Segment(
            rng.choice(("Отправление {v} не доставлено", "Номер отправления {v}")).format(v=v),
            [("posting", v, v)],
        )
    if roll == 1:
        v = order(rng)
        return Segment(
            rng.choice(("Заказ {v} задерживается", "по заказу № {v}")).format(v=v), [("order", v, v)]
        )
    if roll == 2:
        v = sku(rng)
        return Segment(
            rng.choice(("Товар SKU {v} пришёл с браком", "Артикул {v}")).format(v=v), [("sku", v, v)]
        )
    if roll == 3:
        v = tracking(rng)
        return Segment(rng.choice(("Трек-номер {v}", "Посылка {v} в пути")).format(v=v), [("tracking", v, v)])
    if roll == 4:
        v = date(rng)
        return Segment(
            rng.choice(("Срок доставки до {v}", "Заказ был оформлен {v}")).format(v=v), [("date", v, v)]
        )
    if roll == 5:
        v = amount(rng, rouble)
        return Segment(
            rng.choice(("Компенсация {v}", "Вернём {v} в течение 3 дней")).format(v=v), [("amount", v, v)]
        )
    if roll == 6:
        w = rng.choice(WAREHOUSES)
        return Segment(f"Заказ в пункте выдачи Ozon {w}", [("warehouse", w, w)])
    if roll == 7:
        v = clock(rng)
        return Segment(f"Курьер приедет после {v}", [("time", v, v)])
    return Segment(f"Спасибо, что выбрали магазин {store}!", [("store_name", store, store)])


FILLER = (
    "Здравствуйте! Где мой заказ?",
    "Добрый день, посылка задерживается",
    "Курьер не приехал вчера",
    "Спасибо, жду ответа",
    "Товар пришёл повреждённым, коробка мятая",
    "Можно вернуть деньги?",
    "Хорошо, спасибо",
    "Мы проверим и ответим в течение суток",
    "Приносим извинения за задержку",
)


def agent_greeting(rng: random.Random) -> Segment:
    name = rng.choice(_AGENTS)
    text = rng.choice(
        (
            "Здравствуйте! Меня зовут {n}, служба поддержки Ozon",
            "Добрый день, на связи {n} из поддержки",
            "{n}, служба заботы о клиентах Ozon",
        )
    ).format(n=name)
    return Segment(text, [("agent_first_name", name, name)])


# --- drawing helpers ----------------------------------------------------------------------------------


def wrap(segment: Segment, face: ImageFont.FreeTypeFont, width: float) -> list[Segment]:
    """Lines of at most `width` px; a tagged value is never broken (it moves to the next line whole)."""
    units: list[tuple[str, tuple[str, str, str] | None]] = []
    rest = segment.text
    for found in sorted(segment.tags, key=lambda t: rest.find(t[2])):
        at = rest.find(found[2])
        units += [(word, None) for word in rest[:at].split()]
        units.append((found[2], found))
        rest = rest[at + len(found[2]) :]
    units += [(word, None) for word in rest.split()]
    lines: list[Segment] = []
    current = Segment("")
    for word, tag in units:
        glue = " " if current.text else ""
        if tag is None and word in ",.;:!?":
            glue = ""
        candidate = current.text + glue + word
        if current.text and face.getlength(candidate) > width:
            lines.append(current)
            current = Segment(word, [tag] if tag else [])
        else:
            current = Segment(candidate, current.tags + ([tag] if tag else []))
    if current.text:
        lines.append(current)
    return lines


def texture(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A desk, a table cloth or a floor: blotches and grain in one colour family."""
    width, height = size
    coarse = Image.effect_noise((max(2, width // 60), max(2, height // 60)), 60).resize(
        size, Image.Resampling.BICUBIC
    )
    grain = Image.effect_noise((max(2, width // 3), max(2, height // 40)), 40).resize(
        size, Image.Resampling.BILINEAR
    )
    mixed = ImageChops.blend(coarse, grain, 0.4)
    dark, light = rng.choice(
        (
            ((90, 60, 35), (190, 150, 105)),  # wood
            ((70, 70, 75), (170, 170, 175)),  # grey
            ((120, 110, 95), (225, 215, 195)),  # beige
            ((30, 35, 45), (95, 100, 115)),  # dark desk
        )
    )
    return ImageOps.colorize(ImageOps.autocontrast(mixed), dark, light)


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    n = len(rhs)
    rows = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def homography(src: Sequence[Point], dst: Sequence[Point]) -> list[float]:
    """The 8 coefficients mapping src points onto dst points (x' = (ax+by+c)/(gx+hy+1), ...)."""
    matrix, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    return _solve(matrix, rhs)


def apply(h: Sequence[float], point: Point) -> Point:
    x, y = point
    w = h[6] * x + h[7] * y + 1
    return ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w)


def warp(
    sheet: Sheet,
    rng: random.Random,
    out_size: tuple[int, int],
    angle: float,
    skew: float,
    fill: float,
    background: Image.Image | None,
) -> Sheet:
    """The sheet photographed: turned by `angle` degrees, corners moved by up to `skew` of the side,
    scaled to fill `fill` of `out_size`, on `background` (or black); marks follow."""
    width, height = sheet.image.size
    src = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    turn = math.radians(angle)
    cx, cy = width / 2, height / 2
    moved = []
    for x, y in src:
        dx, dy = x - cx, y - cy
        rx = dx * math.cos(turn) - dy * math.sin(turn)
        ry = dx * math.sin(turn) + dy * math.cos(turn)
        rx += rng.uniform(-skew, skew) * width
        ry += rng.uniform(-skew, skew) * height
        moved.append((rx, ry))
    xs, ys = [p[0] for p in moved], [p[1] for p in moved]
    span_w, span_h = max(xs) - min(xs), max(ys) - min(ys)
    scale = fill * min(out_size[0] / span_w, out_size[1] / span_h)
    off_x = (out_size[0] - span_w * scale) / 2 + rng.uniform(-0.02, 0.02) * out_size[0]
    off_y = (out_size[1] - span_h * scale) / 2 + rng.uniform(-0.02, 0.02) * out_size[1]
    dst = [((x - min(xs)) * scale + off_x, (y - min(ys)) * scale + off_y) for x, y in moved]
    forward = homography(src, dst)
    backward = homography(dst, src)
    picture = sheet.image.convert("RGB").transform(
        out_size, Image.Transform.PERSPECTIVE, backward, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", sheet.image.size, 255).transform(
        out_size, Image.Transform.PERSPECTIVE, backward, Image.Resampling.BILINEAR
    )
    base = background if background is not None else Image.new("RGB", out_size, (12, 12, 14))
    base = base.copy()
    base.paste(picture, (0, 0), mask)
    out = Sheet(base)
    out.marks = [
        _Pending(m.kind, m.value, [apply(forward, p) for p in m.corners], m.part) for m in sheet.marks
    ]
    return out


def camera(image: Image.Image, rng: random.Random, blur: float, noise: float, shade: float) -> Image.Image:
    """Blur, sensor noise and uneven light of a phone camera."""
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if shade:
        ramp = Image.linear_gradient("L").resize(image.size)
        if rng.random() < 0.5:
            ramp = ramp.transpose(Image.Transpose.ROTATE_90).resize(image.size)
        if rng.random() < 0.5:
            ramp = ImageOps.invert(ramp)
        low = int(255 * (1 - shade))
        ramp = ramp.point(lambda v: low + v * (255 - low) // 255)
        image = ImageChops.multiply(image, Image.merge("RGB", (ramp, ramp, ramp)))
    if noise:
        grain = Image.effect_noise(image.size, noise)
        image = ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)
    return image


def jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


# --- chats --------------------------------------------------------------------------------------------

_CN: dict[str, Any] = {
    "headers": ("买家聊天", "客户消息", "在线客服"),
    "today": ("今天", "昨天", "11月5日"),
    "send": "发送",
    "input": "输入消息…",
    "read": "已读",
    "order": "订单",
    "buttons": ("查看订单", "退款", "投诉"),
}


@dataclass(frozen=True)
class Theme:
    background: tuple[int, int, int]
    bar: tuple[int, int, int]
    bar_text: tuple[int, int, int]
    theirs: tuple[int, int, int]
    mine: tuple[int, int, int]
    text: tuple[int, int, int]
    muted: tuple[int, int, int]


LIGHT = (
    Theme(
        (255, 255, 255),
        (0, 91, 255),
        (255, 255, 255),
        (241, 243, 246),
        (214, 232, 255),
        (20, 20, 20),
        (125, 125, 130),
    ),
    Theme(
        (236, 229, 221),
        (7, 94, 84),
        (255, 255, 255),
        (255, 255, 255),
        (220, 248, 198),
        (17, 17, 17),
        (120, 120, 120),
    ),
    Theme(
        (245, 246, 250),
        (255, 255, 255),
        (20, 20, 20),
        (255, 255, 255),
        (232, 240, 254),
        (30, 30, 30),
        (140, 140, 145),
    ),
)
DARK = (
    Theme(
        (17, 27, 33),
        (31, 44, 52),
        (233, 237, 239),
        (32, 44, 51),
        (0, 92, 75),
        (233, 237, 239),
        (134, 150, 160),
    ),
    Theme(
        (18, 18, 18),
        (28, 28, 30),
        (235, 235, 245),
        (44, 44, 46),
        (10, 60, 140),
        (235, 235, 240),
        (142, 142, 147),
    ),
)


def _chat_size(split: str, rng: random.Random) -> tuple[int, int]:
    if split == "tune":
        return (1080, 1920)
    return rng.choice(((1170, 2532), (720, 1600), (1440, 900)))


def draw_chat(
    rng: random.Random, split: str, condition: str, personal: bool
) -> tuple[Image.Image, list[_Pending]]:
    face_set = rng.choice(FACES[split])
    size = _chat_size(split, rng)
    width, height = size
    scale = width / 1080 if width < 1400 else 1.0
    theme = rng.choice(DARK if condition == "dark" else LIGHT)
    sheet = Sheet(Image.new("RGB", size, theme.background))
    store = rng.choice(STORES)
    cjk = condition == "cjk"
    bold = font(CJK_FONT, int(40 * scale)) if cjk else font(face_set.bold, int(38 * scale))
    if condition == "small":
        size_px = rng.randint(11, 14)
    else:
        size_px = int(rng.randint(26, 40) * scale) if width < 1400 else rng.randint(18, 24)
    body = font(face_set.regular, size_px)
    small = font(face_set.regular, max(11, int(size_px * 0.7)))

    # the status bar and header
    bar_h = int(64 * scale)
    now = clock(rng)
    sheet.draw.rectangle((0, 0, width, bar_h), fill=theme.bar)
    sheet.text(
        (int(36 * scale), int(14 * scale)),
        now,
        font(face_set.bold, int(28 * scale)),
        theme.bar_text,
        [("time", now)],
    )
    buyer = buyer_name(rng, split) if personal and rng.random() < 0.35 else None
    header_h = int(120 * scale)
    sheet.draw.rectangle((0, bar_h, width, bar_h + header_h), fill=theme.bar)
    hy = bar_h + int(34 * scale)
    variant_b = split == "heldout"
    if buyer:
        sheet.text(
            (int(110 * scale), hy),
            buyer,
            font(face_set.bold, int(36 * scale)),
            theme.bar_text,
            [("name", buyer)],
        )
    elif cjk:
        sheet.text((int(110 * scale), hy), rng.choice(_CN["headers"]), bold, theme.bar_text)
    else:
        words = (
            ("Чат с покупателем", "Сообщения", "Вопрос по заказу")
            if variant_b
            else ("Покупатель", "Служба поддержки Ozon", "Чат по заказу")
        )
        sheet.text((int(110 * scale), hy), rng.choice(words), bold, theme.bar_text)
    sheet.draw.polygon(
        [
            (int(40 * scale), hy + int(20 * scale)),
            (int(70 * scale), hy),
            (int(70 * scale), hy + int(40 * scale)),
        ],
        fill=theme.bar_text,
    )
    y = bar_h + header_h + int(24 * scale)
    if rng.random() < 0.6:  # the order the chat is about
        ref = order(rng)
        label = f"{_CN['order']} {ref}" if cjk else f"{'Заказ №' if variant_b else 'Заказ'} {ref}"
        use = font(CJK_FONT, int(26 * scale)) if cjk else font(face_set.regular, int(26 * scale))
        sheet.draw.rectangle((0, y - 8, width, y + int(44 * scale)), fill=theme.theirs)
        sheet.text((int(40 * scale), y), label, use, theme.muted, [("order", ref)])
        y += int(70 * scale)

    # the messages: the buyer's personal data first so that it always fits
    messages: list[tuple[bool, list[Segment]]] = []
    if personal:
        kinds = _pd_kinds_for(rng)
        for kind in kinds:
            messages.append((False, pd_message(rng, kind, split)))
    extra: list[tuple[bool, list[Segment]]] = [(True, [agent_greeting(rng)])]
    for _ in range(rng.randint(2, 5)):
        extra.append((rng.random() < 0.5, [shown_message(rng, face_set.rouble, store)]))
    extra.append((rng.random() < 0.5, [Segment(rng.choice(FILLER))]))
    order_in_chat = messages + extra
    rng.shuffle(order_in_chat)
    order_in_chat.sort(key=lambda message: 0 if message in messages else 1)  # personal data first
    pad = max(8, int(size_px * 0.6))
    line_h = int(size_px * 1.3)
    max_w = int(width * (0.72 if width < 1400 else 0.5))
    footer = int(110 * scale)
    for mine, segments in order_in_chat:
        lines = [line for segment in segments for line in wrap(segment, body, max_w - 2 * pad)]
        if any(body.getlength(line.text) > max_w - 2 * pad for line in lines):
            raise _RetryError  # a value too long for the bubble: drawn otherwise, not cut off
        text_w = max(body.getlength(line.text) for line in lines)
        stamp = clock(rng)
        stamp_label = f"{rng.choice(_CN['today'])} {stamp}" if cjk else stamp
        stamp_font = font(CJK_FONT, max(12, int(size_px * 0.7))) if cjk else small
        box_w = int(max(text_w, stamp_font.getlength(stamp_label) + 10)) + 2 * pad
        name_row = int(size_px * 1.2) if variant_b else 0
        box_h = line_h * len(lines) + 2 * pad + int(size_px * 0.9) + name_row
        if y + box_h > height - footer:
            if segments in [m[1] for m in messages]:
                raise _RetryError
            break
        x = width - int(30 * scale) - box_w if mine else int(30 * scale)
        colour = theme.mine if mine else theme.theirs
        if variant_b:  # square blocks with the sender's label and an avatar
            if not mine:
                sheet.draw.ellipse((x, y, x + int(50 * scale), y + int(50 * scale)), fill=theme.muted)
                x += int(60 * scale)
            sheet.draw.rectangle((x, y, x + box_w, y + box_h), fill=colour)
            who = "Вы" if mine else ("买家" if cjk else "Покупатель")
            who_font = font(CJK_FONT, max(12, int(size_px * 0.8))) if cjk and not mine else small
            sheet.text((x + pad, y + pad // 2), who, who_font, theme.muted)
        else:
            sheet.draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=int(24 * scale), fill=colour)
        ty = y + pad + name_row
        for line in lines:
            sheet.text((x + pad, ty), line.text, body, theme.text, line.tags)
            ty += line_h
        sheet.text(
            (x + box_w - pad - stamp_font.getlength(stamp_label), ty + 2),
            stamp_label,
            stamp_font,
            theme.muted,
            [("time", stamp)],
        )
        y += box_h + int(18 * scale)
    # the input row
    sheet.draw.rectangle((0, height - footer, width, height), fill=theme.theirs)
    hint = _CN["input"] if cjk else ("Напишите сообщение" if variant_b else "Сообщение")
    hint_font = font(CJK_FONT, int(28 * scale)) if cjk else font(face_set.regular, int(28 * scale))
    sheet.text((int(40 * scale), height - footer + int(36 * scale)), hint, hint_font, theme.muted)
    if cjk:
        sheet.text(
            (width - int(140 * scale), height - footer + int(36 * scale)), _CN["send"], hint_font, theme.bar
        )
    sheet.parts()
    return sheet.image, sheet.marks


class _RetryError(Exception):
    """The drawing did not fit; the item is drawn again from the next random state."""


_PD_CYCLE = ("phone", "card", "passport", "email", "name", "address", "snils", "inn")


def _pd_kinds_for(rng: random.Random) -> list[str]:
    first = rng.choice(_PD_CYCLE)
    more = rng.sample([k for k in _PD_CYCLE if k != first], rng.randint(0, 2))
    return [first, *more]


# --- tables -------------------------------------------------------------------------------------------

_COLUMNS_A = {
    "posting": "Номер отправления",
    "order": "Номер заказа",
    "sku": "SKU",
    "date": "Дата",
    "datetime": "Принят в обработку",
    "amount": "Сумма",
    "qty": "Кол-во",
    "doc": "Документ",
    "tracking": "Трек-номер",
    "warehouse": "Склад",
    "status": "Статус",
    "buyer": "Покупатель",
    "phone": "Телефон",
    "address": "Адрес доставки",
}
_COLUMNS_B = {
    "posting": "Отправление",
    "order": "Заказ №",
    "sku": "Артикул Ozon",
    "date": "Создан",
    "datetime": "Отгрузка",
    "amount": "Стоимость",
    "qty": "Шт.",
    "doc": "№ накладной",
    "tracking": "Трек",
    "warehouse": "ID склада",
    "status": "Состояние",
    "buyer": "ФИО покупателя",
    "phone": "Тел. покупателя",
    "address": "Адрес",
}
_STATUSES = ("Доставлен", "В пути", "Отменён", "Ожидает отгрузки", "Возврат", "Передан в доставку")


def _cell(
    rng: random.Random, column: str, split: str, rouble: bool
) -> tuple[str, list[tuple[str, str, str]]]:
    if column == "posting":
        v = posting(rng)
        return v, [("posting", v, v)]
    if column == "order":
        v = order(rng)
        return v, [("order", v, v)]
    if column == "sku":
        v = sku(rng)
        return v, [("sku", v, v)]
    if column == "date":
        v = date(rng)
        return v, [("date", v, v)]
    if column == "datetime":
        d, t = date(rng), clock(rng)
        return f"{d} {t}", [("date", d, d), ("time", t, t)]
    if column == "amount":
        v = amount(rng, rouble)
        return v, [("amount", v, v)]
    if column == "qty":
        return str(rng.randint(1, 40)), []
    if column == "doc":
        v = doc_number(rng)
        return v, [("doc_number", v, v)]
    if column == "tracking":
        v = tracking(rng)
        return v, [("tracking", v, v)]
    if column == "warehouse":
        v = warehouse_id(rng) if rng.random() < 0.5 else rng.choice(WAREHOUSES)
        return v, [("warehouse", v, v)]
    if column == "status":
        return rng.choice(_STATUSES), []
    if column == "buyer":
        v = buyer_name(rng, split)
        return v, [("name", v, v)]
    if column == "phone":
        v = phone(rng)
        return v, [("phone", v, v)]
    lines = address_lines(rng, split)
    v = _one_line(lines)
    return v, [("address", v, v)]


def table_columns(rng: random.Random, split: str, personal: bool) -> list[str]:
    base = [
        "posting",
        "order",
        "sku",
        "date",
        "datetime",
        "amount",
        "qty",
        "doc",
        "tracking",
        "warehouse",
        "status",
    ]
    want = rng.randint(4, 8)
    extra = []
    if personal:
        extra = rng.sample(["buyer", "phone", "address"], rng.randint(1, 3))
    chosen = rng.sample(base, max(2, want - len(extra)))
    if split == "tune":  # A: the canonical order, personal columns after the IDs
        columns = [c for c in base if c in chosen] + [c for c in ("buyer", "phone", "address") if c in extra]
    else:  # B: any order
        columns = chosen + extra
        rng.shuffle(columns)
    return columns


def draw_table(
    rng: random.Random,
    split: str,
    personal: bool,
    size: tuple[int, int],
    face_set: Face,
    size_px: int,
    background: tuple[int, int, int] = (255, 255, 255),
    caption: bool = True,
) -> Sheet:
    width, height = size
    sheet = Sheet(Image.new("RGB", size, background))
    columns = table_columns(rng, split, personal)
    names = _COLUMNS_A if split == "tune" else _COLUMNS_B
    body = font(face_set.regular, size_px)
    head = font(face_set.bold, size_px)
    y = int(size_px * 1.5)
    if caption:
        seller = rng.choice(COMPANIES)
        tax, reg = company_inn(rng), ogrn(rng)
        title = "Seller Center · Заказы FBS" if split == "tune" else "Выгрузка заказов за период"
        sheet.text((30, y), title, font(face_set.bold, int(size_px * 1.4)), (20, 20, 20))
        y += int(size_px * 2.2)
        line = f"{seller}, ИНН {tax}, ОГРН {reg}"
        sheet.text((30, y), line, body, (70, 70, 70), [("company_inn", tax), ("ogrn", reg)])
        y += int(size_px * 1.8)
    rows = rng.randint(5, 45)
    row_h = size_px + rng.randint(3, 7)  # close rows: the previous detector joined them
    room = (height - y - 20) // row_h - 1
    rows = max(3, min(rows, room))
    data = [[_cell(rng, column, split, face_set.rouble) for column in columns] for _ in range(rows)]
    widths = [
        max(head.getlength(names[c]), *(body.getlength(row[i][0]) for row in data)) + size_px
        for i, c in enumerate(columns)
    ]
    while sum(widths) > width - 60 and len(columns) > 3:  # drop the widest non-personal column
        victims = [i for i, c in enumerate(columns) if c not in ("buyer", "phone", "address")]
        if len(victims) <= 2:
            break
        drop = max(victims, key=lambda i: widths[i])
        columns.pop(drop)
        widths.pop(drop)
        for row in data:
            row.pop(drop)
    if sum(widths) > width - 60:
        raise _RetryError
    x0 = 30
    sheet.draw.rectangle((x0, y - 3, x0 + sum(widths), y + row_h - 2), fill=(232, 236, 243))
    x = float(x0)
    for i, column in enumerate(columns):
        sheet.text((x + size_px // 2, y), names[column], head, (50, 50, 60))
        x += widths[i]
    y += row_h
    for number, row in enumerate(data):
        if number % 2 == 1 and split == "heldout":
            sheet.draw.rectangle((x0, y - 2, x0 + sum(widths), y + row_h - 3), fill=(246, 247, 250))
        x = float(x0)
        for i, (text, tags) in enumerate(row):
            sheet.text((x + size_px // 2, y), text, body, (25, 25, 25), tags)
            x += widths[i]
        if split == "tune":
            sheet.draw.line((x0, y + row_h - 3, x0 + sum(widths), y + row_h - 3), fill=(215, 215, 220))
        y += row_h
    return sheet


# --- labels -------------------------------------------------------------------------------------------


def _barcode(sheet: Sheet, rng: random.Random, box: tuple[int, int, int, int]) -> None:
    x, y, w, h = box
    cursor = x
    while cursor < x + w:
        bar = rng.choice((2, 2, 3, 4, 6))
        if rng.random() < 0.55:
            sheet.draw.rectangle((cursor, y, min(x + w, cursor + bar - 1), y + h), fill=(0, 0, 0))
        cursor += bar


def draw_label(rng: random.Random, split: str, personal: bool) -> Sheet:
    face_set = rng.choice(FACES[split])
    size = (800, 1200) if split == "tune" else (1000, 1400)
    width, height = size
    sheet = Sheet(Image.new("RGB", size, (252, 252, 250)))
    scale = width / 800
    body = font(face_set.regular, int(rng.randint(26, 32) * scale))
    bold = font(face_set.bold, int(30 * scale))
    big = font(face_set.bold, int(54 * scale))
    sheet.draw.rectangle((10, 10, width - 10, height - 10), outline=(0, 0, 0), width=4)
    carrier = rng.choice(("OZON", "СДЭК", "ПОЧТА РОССИИ"))
    y = int(30 * scale)
    sheet.text((int(30 * scale), y), carrier, big, (0, 0, 0))
    y += int(80 * scale)
    number = posting(rng) if carrier == "OZON" else tracking(rng)
    kind = "posting" if carrier == "OZON" else "tracking"
    _barcode(sheet, rng, (int(30 * scale), y, width - int(60 * scale), int(120 * scale)))
    y += int(130 * scale)
    sheet.text((int(60 * scale), y), number, font(MONO[split], int(34 * scale)), (0, 0, 0), [(kind, number)])
    y += int(70 * scale)
    sheet.draw.line((10, y, width - 10, y), fill=(0, 0, 0), width=3)
    y += int(20 * scale)
    name = buyer_name(rng, split)
    tel = ru_phone(rng)
    lines = address_lines(rng, split)
    full = _one_line(lines)
    labels = ("Получатель:", "Тел.:", "Адрес:") if split == "tune" else ("Кому:", "Телефон:", "Куда:")
    left = int(30 * scale)
    if personal:
        sheet.text((left, y), f"{labels[0]} {name}", body, (0, 0, 0), [("name", name)])
        y += int(body.size * 1.35)
        sheet.text((left, y), f"{labels[1]} {tel}", body, (0, 0, 0), [("phone", tel)])
        y += int(body.size * 1.35)
        sheet.text((left, y), labels[2], bold, (0, 0, 0))
        y += int(body.size * 1.35)
        for line in lines:
            if body.getlength(line) > width - 2 * left:
                raise _RetryError
            sheet.text((left, y), line, body, (0, 0, 0), [("address", full, line)])
            y += int(body.size * 1.3)
    else:  # the seller blacked the recipient out before taking the picture
        for label in labels:
            end = sheet.text((left, y), label, body if label != labels[2] else bold, (0, 0, 0))
            sheet.draw.rectangle(
                (end + 12, y - 2, end + 12 + rng.randint(260, 420) * scale, y + body.size + 4), fill=(0, 0, 0)
            )
            y += int(body.size * 1.35)
        y += int(body.size * 1.3)
    y += int(10 * scale)
    sheet.draw.line((10, y, width - 10, y), fill=(0, 0, 0), width=3)
    y += int(20 * scale)
    company = rng.choice(COMPANIES)
    sender = rng.choice(SELLER_ADDRESSES)
    tax = company_inn(rng)
    small = font(face_set.regular, int(24 * scale))
    sheet.text((left, y), "Отправитель:" if split == "tune" else "От кого:", bold, (0, 0, 0))
    y += int(40 * scale)
    sheet.text((left, y), company, small, (0, 0, 0))
    y += int(34 * scale)
    sheet.text((left, y), f"ИНН {tax}", small, (0, 0, 0), [("company_inn", tax)])
    y += int(34 * scale)
    halves = _split_line(sender, small, width - 2 * left)
    for part in halves:
        sheet.text((left, y), part, small, (0, 0, 0), [("seller_address", sender, part)])
        y += int(32 * scale)
    y += int(10 * scale)
    when = date(rng)
    weight = f"{rng.randint(1, 25)},{rng.randint(0, 99):02d} кг"
    sheet.text((left, y), f"Дата: {when}   Вес: {weight}", small, (0, 0, 0), [("date", when)])
    y += int(40 * scale)
    if carrier == "OZON":
        wh = rng.choice(WAREHOUSES)
        sheet.text((left, y), f"Склад отгрузки: {wh}", small, (0, 0, 0), [("warehouse", wh)])
        y += int(40 * scale)
    if y > height - 20:
        raise _RetryError
    sheet.parts(("address", "seller_address"))
    return sheet


def _split_line(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    words, lines, current = text.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


# --- letters (for scans) ------------------------------------------------------------------------------


def draw_letter(
    rng: random.Random, split: str, personal: bool, size: tuple[int, int], face_set: Face
) -> Sheet:
    width, _ = size
    sheet = Sheet(Image.new("RGB", size, (255, 255, 255)))
    px = max(22, width // 56)
    body = font(face_set.regular, px)
    bold = font(face_set.bold, int(px * 1.2))
    left, y = width // 10, width // 10
    company = rng.choice(COMPANIES)
    tax, reg = company_inn(rng), ogrn(rng)
    addr = rng.choice(SELLER_ADDRESSES)
    sheet.text((left, y), f"Кому: {company}", body, (0, 0, 0))
    y += int(px * 1.5)
    sheet.text((left, y), f"ИНН {tax}  ОГРН {reg}", body, (0, 0, 0), [("company_inn", tax), ("ogrn", reg)])
    y += int(px * 1.5)
    for part in _split_line(addr, body, width - 2 * left):
        sheet.text((left, y), part, body, (0, 0, 0), [("seller_address", addr, part)])
        y += int(px * 1.4)
    y += px
    if personal:
        name = buyer_name(rng, split)
        sheet.text((left, y), f"От: {name}", body, (0, 0, 0), [("name", name)])
        y += int(px * 1.5)
        lines = address_lines(rng, split)
        full = _one_line(lines)
        for number, line in enumerate(lines):
            text = f"проживающего по адресу: {line}" if number == 0 else line
            if body.getlength(text) > width - 2 * left:
                text = line
            sheet.text((left, y), text, body, (0, 0, 0), [("address", full, line)])
            y += int(px * 1.4)
        tel = phone(rng)
        sheet.text((left, y), f"тел. {tel}", body, (0, 0, 0), [("phone", tel)])
        y += int(px * 1.5)
        title = "ПРЕТЕНЗИЯ"
    else:
        title = "АКТ О РАСХОЖДЕНИИ"
    y += px
    sheet.text((width // 2 - bold.getlength(title) / 2, y), title, bold, (0, 0, 0))
    y += int(px * 2.2)
    ref, when, money = posting(rng), date(rng), amount(rng, face_set.rouble)
    paragraphs = [
        Segment(
            f"По отправлению {ref} от {when} товар не доставлен в срок.",
            [("posting", ref, ref), ("date", when, when)],
        ),
        Segment(f"Сумма к возмещению составляет {money}.", [("amount", money, money)]),
    ]
    if personal:
        kind = rng.choice(("passport", "card", "email", "snils", "inn"))
        paragraphs += pd_message(rng, kind, split)
    else:
        agent = agent_greeting(rng)
        paragraphs.append(agent)
    paragraphs.append(Segment("Прошу рассмотреть обращение и сообщить о принятом решении."))
    for paragraph in paragraphs:
        for wrapped in wrap(paragraph, body, width - 2 * left):
            sheet.text((left, y), wrapped.text, body, (0, 0, 0), wrapped.tags)
            y += int(px * 1.45)
        y += px // 2
    y += px
    sheet.text((left, y), f"Дата: {date(rng)}", body, (0, 0, 0))
    sheet.parts(("address", "seller_address"))
    return sheet


# --- the kinds ----------------------------------------------------------------------------------------


def make_chat(
    rng: random.Random, split: str, condition: str, personal: bool
) -> tuple[bytes, list[Mark], tuple[int, int]]:
    image, pending = draw_chat(rng, split, condition, personal)
    sheet = Sheet(image)
    sheet.marks = pending
    if condition == "photo":
        out_size = image.size
        angle = rng.uniform(1, 5) * rng.choice((-1, 1))
        sheet = warp(sheet, rng, out_size, angle, 0.02, rng.uniform(0.86, 0.94), texture(rng, out_size))
        picture = camera(sheet.image, rng, rng.uniform(0.8, 1.6), rng.uniform(8, 16), rng.uniform(0.15, 0.35))
    else:
        picture = sheet.image
    quality = rng.randint(40, 60) if condition == "lowq" else rng.randint(80, 95)
    return jpeg(picture, quality), _final_marks(sheet.marks, picture.size, 1), picture.size


def make_table(rng: random.Random, split: str, personal: bool) -> tuple[bytes, list[Mark], tuple[int, int]]:
    face_set = rng.choice(FACES[split])
    if split == "tune":
        size, px = (1080, 1920), rng.randint(15, 19)
    else:
        size = rng.choice(((1440, 900), (1170, 2532), (1440, 900)))
        px = rng.randint(14, 18) if size[0] == 1440 else rng.randint(17, 22)
    sheet = draw_table(rng, split, personal, size, face_set, px)
    sheet.parts()
    quality = rng.randint(70, 92)
    return jpeg(sheet.image, quality), _final_marks(sheet.marks, size, 1), size


def make_label(
    rng: random.Random, split: str, condition: str, personal: bool
) -> tuple[bytes, list[Mark], tuple[int, int]]:
    sheet = draw_label(rng, split, personal)
    if condition == "photo":
        out_size = (1200, 1600) if split == "tune" else rng.choice(((1600, 1200), (1512, 2016)))
        angle = rng.uniform(5, 30) * rng.choice((-1, 1))
        if rng.random() < 0.25:
            angle += 180
        sheet = warp(sheet, rng, out_size, angle, 0.04, rng.uniform(0.7, 0.88), texture(rng, out_size))
        picture = camera(sheet.image, rng, rng.uniform(0.6, 1.4), rng.uniform(6, 14), rng.uniform(0.1, 0.3))
    else:
        picture = sheet.image
    return jpeg(picture, rng.randint(75, 92)), _final_marks(sheet.marks, picture.size, 1), picture.size


def _scan_page(
    rng: random.Random, split: str, personal: bool, dpi: int
) -> tuple[Image.Image, list[_Pending]]:
    size = (int(8.27 * dpi), int(11.69 * dpi))
    face_set = rng.choice(FACES[split])
    what = rng.choice(("table", "letter", "label"))
    if what == "table":
        sheet = draw_table(rng, split, personal, size, face_set, max(16, dpi // 8))
        sheet.parts()
    elif what == "letter":
        sheet = draw_letter(rng, split, personal, size, face_set)
    else:
        label = draw_label(rng, split, personal)
        sheet = Sheet(Image.new("RGB", size, (255, 255, 255)))
        scale = min(size[0] * 0.8 / label.image.width, size[1] * 0.8 / label.image.height)
        shrunk = label.image.resize(
            (int(label.image.width * scale), int(label.image.height * scale)), Image.Resampling.LANCZOS
        )
        at = (int(size[0] * 0.1), int(size[1] * 0.05))
        sheet.image.paste(shrunk, at)
        sheet.marks = [
            _Pending(m.kind, m.value, [(at[0] + x * scale, at[1] + y * scale) for x, y in m.corners], m.part)
            for m in label.marks
        ]
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    paper = Image.new("RGB", size, (250, 250, 248))
    warped = warp(sheet, rng, size, angle, 0.003, 0.97, paper)
    picture = camera(warped.image, rng, rng.uniform(0.3, 0.8), rng.uniform(6, 14), 0.0).convert("L")
    return picture, warped.marks


def make_scan(
    rng: random.Random, split: str, personal: bool
) -> tuple[bytes, list[Mark], tuple[int, int], int]:
    pages = rng.randint(1, 3)
    dpi = rng.choice((150, 200)) if split == "tune" else rng.choice((160, 180, 200))
    personal_page = rng.randrange(pages) if personal else -1
    pictures, marks = [], []
    for page in range(pages):
        picture, pending = _scan_page(rng, split, page == personal_page, dpi)
        pictures.append(picture)
        marks += _final_marks(pending, picture.size, page + 1)
    out = io.BytesIO()
    pictures[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pictures[1:],
        resolution=float(dpi),
        quality=rng.randint(60, 85),
    )
    return out.getvalue(), marks, pictures[0].size, pages


def make_textpdf(rng: random.Random, split: str, personal: bool) -> tuple[bytes, list[Mark], int]:
    from fpdf import FPDF

    face_set = rng.choice(FACES[split])
    pdf = FPDF(orientation=rng.choice(("P", "L")), unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("body", "", face_set.regular)
    pdf.add_font("body", "B", face_set.bold)
    pages = rng.randint(1, 3)
    personal_pages = set(rng.sample(range(1, pages + 1), rng.randint(1, pages))) if personal else set()
    names = _COLUMNS_A if split == "tune" else _COLUMNS_B
    marks: list[Mark] = []
    seller = rng.choice(COMPANIES)
    tax, reg = company_inn(rng), ogrn(rng)
    for page in range(1, pages + 1):
        pdf.add_page()
        size = rng.choice((7, 8, 9))
        pdf.set_font("body", "B", size + 3)
        pdf.set_xy(30, 30)
        pdf.cell(0, size + 6, "Реестр отправлений FBS" if split == "tune" else "Отчёт о доставке")
        pdf.set_font("body", "", size)
        pdf.set_xy(30, 50)
        pdf.cell(0, size + 4, f"{seller}, ИНН {tax}, ОГРН {reg}")
        marks += [Mark("company_inn", tax, page), Mark("ogrn", reg, page)]
        columns = table_columns(rng, split, page in personal_pages)
        rows = rng.randint(5, 45)
        data = [[_cell(rng, column, split, face_set.rouble) for column in columns] for _ in range(rows)]
        widths = [
            max(pdf.get_string_width(names[c]), *(pdf.get_string_width(r[i][0]) for r in data)) + 8
            for i, c in enumerate(columns)
        ]
        while sum(widths) > pdf.epw + 40 and len(columns) > 3:
            victims = [i for i, c in enumerate(columns) if c not in ("buyer", "phone", "address")]
            if len(victims) <= 2:
                break
            drop = max(victims, key=lambda i: widths[i])
            for seq in (columns, widths, *data):
                seq.pop(drop)  # type: ignore[attr-defined]
        row_h = size + 3
        y = 72.0
        pdf.set_font("body", "B", size)
        pdf.set_xy(30, y)
        for i, column in enumerate(columns):
            pdf.cell(widths[i], row_h, names[column], border=1)
        pdf.set_font("body", "", size)
        y += row_h
        for row in data:
            if y + row_h > pdf.h - 30:
                break
            pdf.set_xy(30, y)
            for i, (text, tags) in enumerate(row):
                pdf.cell(widths[i], row_h, text, border=1)
                marks += [Mark(kind, value, page) for kind, value, _ in tags]
            y += row_h
    if personal and not any(m.personal for m in marks):
        raise _RetryError
    return bytes(pdf.output()), marks, pages


def make_blank(rng: random.Random, split: str) -> tuple[bytes, tuple[int, int]]:
    size = (1080, 1920) if split == "tune" else rng.choice(((1170, 2532), (1440, 900)))
    if rng.random() < 0.5:
        image = Image.new("RGB", size, rng.choice(((255, 255, 255), (245, 245, 240), (18, 18, 18))))
        image = camera(image, rng, 0, rng.choice((0, 4)), 0)
    else:
        image = camera(texture(rng, size), rng, 1.0, 10, 0.3)
    return jpeg(image, rng.randint(75, 92)), size


# --- the corpus ---------------------------------------------------------------------------------------

# (kind, condition, how many, how many of them carry personal data)
PLAN: tuple[tuple[str, str, int, int], ...] = (
    *(("chat", condition, 28, 14) for condition in CHAT_CONDITIONS),
    ("table", "flat", 48, 24),
    ("label", "flat", 24, 18),
    ("label", "photo", 24, 18),
    ("scan", "flat", 30, 15),
    ("textpdf", "flat", 30, 15),
    ("blank", "plain", 8, 0),
)
SEEDS = {"tune": 20261126, "heldout": 77031}


def plan() -> list[tuple[str, str, bool, int]]:
    """Every item of a split as (kind, condition, personal, number within its group), interleaved so
    that the first N cover every group in proportion."""
    groups = []
    for kind, condition, total, personal in PLAN:
        marked = [(kind, condition, n < personal, n) for n in range(total)]
        with_pd, clean = marked[:personal], marked[personal:]
        keyed_group = [((i + 0.5) / len(with_pd), 0, item) for i, item in enumerate(with_pd)]
        keyed_group += [((i + 0.5) / len(clean), 1, item) for i, item in enumerate(clean)]
        groups.append([item for _, _, item in sorted(keyed_group)])  # personal and clean alternate
    total = sum(len(group) for group in groups)
    keyed = [
        (position / len(group), index, item)
        for index, group in enumerate(groups)
        for position, item in enumerate(group)
    ]
    keyed.sort(key=lambda k: (k[0], k[1]))
    out = [item for _, _, item in keyed]
    assert len(out) == total
    return out


def make_item(split: str, index: int, kind: str, condition: str, personal: bool) -> Item:
    for attempt in range(20):
        rng = random.Random(f"privacy-corpus:{SEEDS[split]}:{index}:{attempt}")
        try:
            return _make(rng, split, index, kind, condition, personal)
        except _RetryError:
            continue
    raise AssertionError(f"{split} item {index} ({kind}/{condition}) never fitted")


def _make(rng: random.Random, split: str, index: int, kind: str, condition: str, personal: bool) -> Item:
    name = f"{split}-{index:03d}-{kind}-{condition}-{'pd' if personal else 'clean'}"
    pages = 1
    if kind == "chat":
        data, marks, size = make_chat(rng, split, condition, personal)
        suffix = "jpg"
    elif kind == "table":
        data, marks, size = make_table(rng, split, personal)
        suffix = "jpg"
    elif kind == "label":
        data, marks, size = make_label(rng, split, condition, personal)
        suffix = "jpg"
    elif kind == "scan":
        data, marks, size, pages = make_scan(rng, split, personal)
        suffix = "pdf"
    elif kind == "textpdf":
        data, marks, pages = make_textpdf(rng, split, personal)
        size, suffix = (595, 842), "pdf"
    else:
        data, size = make_blank(rng, split)
        marks, suffix = [], "jpg"
    planted = tuple(m for m in marks if m.personal)
    if personal and not planted:
        raise _RetryError
    if not personal and planted:
        raise AssertionError(f"{name}: personal data drawn on a clean item")
    shown = tuple(m for m in marks if not m.personal)
    return Item(name, kind, condition, split, suffix, data, planted, shown, size, pages)


def generate(split: str, count: int | None = None) -> list[Item]:
    """The corpus of `split` ("tune" or "heldout"), or its first `count` items."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    items = plan()
    if count is not None:
        items = items[:count]
    return [
        make_item(split, number, kind, condition, personal)
        for number, (kind, condition, personal, _) in enumerate(items)
    ]


def dump(items: Sequence[Item], folder: Path, boxes: bool = False) -> None:
    """The files and truth.json in `folder`; `boxes`: PNG copies with the boxes drawn, for a person."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        (folder / item.filename).write_bytes(item.data)
        if boxes and item.suffix == "jpg":
            image = Image.open(io.BytesIO(item.data)).convert("RGB")
            draw = ImageDraw.Draw(image)
            for mark in (*item.planted, *item.shown):
                if mark.box:
                    x, y, w, h = mark.box
                    draw.rectangle(
                        (x, y, x + w, y + h), outline=(230, 0, 0) if mark.personal else (0, 170, 0), width=2
                    )
            image.save(folder / f"{item.name}.boxes.png")
    truth = {item.filename: item.as_json() for item in items}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")


def summary(items: Sequence[Item]) -> str:
    from collections import Counter

    kinds = Counter(f"{item.kind}/{item.condition}" for item in items)
    planted = Counter(mark.kind for item in items for mark in item.planted)
    clean = sum(1 for item in items if item.clean)
    return (
        f"{len(items)} files ({clean} clean): "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        + "; planted: "
        + ", ".join(f"{n} {k}" for k, n in planted.most_common())
    )


def main(argv: Sequence[str] | None = None, announce: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument("--count", type=int)
    parser.add_argument("--dump", type=Path, required=True)
    parser.add_argument("--boxes", action="store_true", help="PNG copies with the ground-truth boxes drawn")
    args = parser.parse_args(argv)
    items = generate(args.split, args.count)
    dump(items, args.dump, args.boxes)
    announce(f"{args.split}: {summary(items)} -> {args.dump}")


if __name__ == "__main__":
    main()
