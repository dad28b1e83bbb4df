"""Write the small evidence files that the example cases attach.

Every file is synthetic: invented stores, carriers and IDs, no personal data (buyers are "masked",
no names, phone numbers or document numbers). PDFs are written by hand (PDF 1.4, Helvetica text layer,
exact xref offsets, a fixed CreationDate, and no Producer or Creator: a seller's file names no generator);
JPEGs are drawn with Pillow (900 px wide, quality 85, no EXIF or comment).
The output is byte-for-byte deterministic, and the generated files are committed so `make demo` works
without running this script.

Regenerate (from the repository root, after editing the content below):

    .venv/bin/python examples/make_evidence.py

It writes `examples/cases/<case_id>/evidence/*` and `examples/invalid/evidence/*`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------------
# PDF: a minimal, valid PDF 1.4 with a real text layer (Helvetica, WinAnsiEncoding, ASCII text only)
# ---------------------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595, 842  # A4 in points
LINES_PER_PAGE = 48


def _pdf_text(value: str) -> str:
    if not value.isascii():
        raise ValueError(f"PDF text must be ASCII: {value!r}")
    return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _page_content(title: str, subtitle: str, lines: Sequence[str], page: int, pages: int, ref: str) -> bytes:
    ops = [
        "q 0.93 0.95 0.98 rg 0 770 595 72 re f Q",
        "q 0.10 0.36 0.85 rg 0 838 595 4 re f Q",
        f"BT /F2 16 Tf 50 806 Td {_pdf_text(title)} Tj ET",
        f"BT /F1 9 Tf 50 786 Td {_pdf_text(subtitle)} Tj ET",
        "q 0.6 G 0.5 w 50 760 m 545 760 l S Q",
        "BT /F1 10 Tf 13.5 TL 50 740 Td",
    ]
    for line in lines:
        if line.startswith("## "):
            ops.append(f"/F2 10 Tf {_pdf_text(line[3:])} Tj T* /F1 10 Tf")
        else:
            ops.append(f"{_pdf_text(line)} Tj T*")
    ops.append("ET")
    ops.append("q 0.6 G 0.5 w 50 48 m 545 48 l S Q")
    ops.append(f"BT /F1 8 Tf 50 36 Td {_pdf_text(f'{ref}   Page {page} of {pages}')} Tj ET")
    return ("\n".join(ops) + "\n").encode("ascii")


PAGE_BREAK = "\f"  # a line of its own: the next line starts a new page


def _pages(lines: Sequence[str]) -> list[list[str]]:
    """The lines cut into pages: at every PAGE_BREAK, and wherever a page is full."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE_BREAK:
            pages.append([])
            continue
        if len(pages[-1]) == LINES_PER_PAGE:
            pages.append([])
        pages[-1].append(line)
    return pages


def make_pdf(title: str, subtitle: str, lines: Sequence[str], *, date: str, ref: str) -> bytes:
    """A text PDF; `date` (YYYY-MM-DD) becomes a fixed CreationDate, so the bytes never change."""
    chunks = _pages(lines)
    stamp = "D:" + date.replace("-", "") + "120000Z"
    objects: list[bytes] = []
    page_ids = [6 + 2 * i for i in range(len(chunks))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{n} 0 R" for n in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(chunks)} >>".encode("ascii"))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    objects.append(
        # No Producer or Creator: a seller's file names no tool, and certainly not this script.
        f"<< /Title {_pdf_text(title)} /CreationDate ({stamp}) /ModDate ({stamp}) >>".encode("ascii")
    )
    for index, chunk in enumerate(chunks):
        content = _page_content(title, subtitle, chunk, index + 1, len(chunks), ref)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_ids[index] + 1} 0 R >>".encode(
                "ascii"
            )
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode("ascii") + content + b"endstream")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode("ascii")
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)


# ---------------------------------------------------------------------------------------------------------
# JPEG: screenshots, chats and photographed documents drawn with Pillow's bundled font (no system fonts)
# ---------------------------------------------------------------------------------------------------------

W, H = 900, 1200
INK = (33, 37, 41)
MUTED = (108, 117, 125)
BLUE = (0, 91, 255)  # an Ozon-like accent
LINE = (222, 226, 230)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: object, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:  # type: ignore[arg-type]
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _app_frame(draw: ImageDraw.ImageDraw, title: str, subtitle: str) -> int:
    """A Seller-Center-like window: top bar, breadcrumb and title. Returns the first free y."""
    draw.rectangle((0, 0, W, 56), fill=(16, 24, 40))
    draw.rounded_rectangle((24, 14, 112, 42), radius=8, fill=BLUE)
    draw.text((38, 18), "Seller", font=_font(18), fill="white")
    for i, item in enumerate(("Orders", "Products", "Ratings", "Support")):
        draw.text((150 + 110 * i, 18), item, font=_font(17), fill=(200, 208, 220))
    draw.text((24, 76), subtitle, font=_font(15), fill=MUTED)
    draw.text((24, 100), title, font=_font(26), fill=INK)
    draw.line((24, 144, W - 24, 144), fill=LINE, width=2)
    return 160


def screenshot_jpg(
    title: str,
    subtitle: str,
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[str]],
    notes: Sequence[str] = (),
    chart: tuple[str, Sequence[tuple[str, float]]] | None = None,
) -> bytes:
    """A table screen; a cell starting with '!' is drawn as a red badge, '+' as a green one."""
    image = Image.new("RGB", (W, H), (247, 248, 250))
    draw = ImageDraw.Draw(image)
    y = _app_frame(draw, title, subtitle)
    draw.rounded_rectangle((24, y, W - 24, H - 40), radius=10, fill="white", outline=LINE, width=2)
    x0, y = 40, y + 16
    head, body = _font(15), _font(15)
    x = x0
    for name, width in columns:
        draw.text((x, y), name, font=head, fill=MUTED)
        x += width
    y += 30
    draw.line((x0, y - 6, W - 40, y - 6), fill=LINE, width=2)
    for index, row in enumerate(rows):
        if index % 2:
            draw.rectangle((x0 - 8, y - 4, W - 40, y + 26), fill=(246, 248, 252))
        x = x0
        for cell, (_, width) in zip(row, columns, strict=True):
            if cell[:1] in "!+":
                colour = (220, 53, 69) if cell[0] == "!" else (25, 135, 84)
                text = cell[1:]
                length = draw.textlength(text, font=body)
                draw.rounded_rectangle((x - 4, y - 2, x + length + 6, y + 22), radius=6, fill=colour)
                draw.text((x + 1, y + 1), text, font=body, fill="white")
            else:
                draw.text((x, y + 1), cell, font=body, fill=INK)
            x += width
        y += 32
    y += 14
    for note in notes:
        for line in _wrap(draw, note, _font(16), W - 100):
            draw.text((x0, y), line, font=_font(16), fill=INK)
            y += 24
        y += 8
    if chart is not None:
        label, bars = chart
        top, base = max(y + 20, H - 420), H - 90
        draw.text((x0, top), label, font=_font(17), fill=INK)
        draw.line((x0, base, W - 60, base), fill=MUTED, width=2)
        step = (W - 120) // len(bars)
        highest = max(value for _, value in bars) or 1
        for i, (name, value) in enumerate(bars):
            height = int((base - top - 70) * value / highest)
            left = x0 + 10 + i * step
            draw.rectangle((left, base - height, left + step - 12, base), fill=BLUE)
            text = f"{value:g}"
            draw.text((left, base - height - 20), text, font=_font(13), fill=INK)
            draw.text((left, base + 8), name, font=_font(13), fill=MUTED)
    return _encode(image)


def chat_jpg(
    title: str, subtitle: str, messages: Sequence[tuple[str, str, str]], *, height: int = H
) -> bytes:
    """A chat screen; messages are (side, time, text) with side 'buyer' (left) or 'seller' (right), or
    ('topic', '', text): a grey line across the chat naming the conversation that follows."""
    image = Image.new("RGB", (W, height), (247, 248, 250))
    draw = ImageDraw.Draw(image)
    y = _app_frame(draw, title, subtitle) + 10
    font, small = _font(18), _font(14)
    for side, time, text in messages:
        if side == "topic":
            length = draw.textlength(text, font=_font(16))
            draw.rounded_rectangle(
                ((W - length) / 2 - 16, y, (W + length) / 2 + 16, y + 32), radius=16, fill=(232, 236, 242)
            )
            draw.text(((W - length) / 2, y + 7), text, font=_font(16), fill=INK)
            y += 48
            continue
        lines = _wrap(draw, text, font, 500)
        bubble = 28 * len(lines) + 38
        left = side == "buyer"
        x1 = 40 if left else W - 40 - 540
        fill = "white" if left else (225, 236, 255)
        draw.rounded_rectangle((x1, y, x1 + 540, y + bubble), radius=14, fill=fill, outline=LINE, width=2)
        label = "Buyer (name masked)" if left else "Store support"
        draw.text((x1 + 18, y + 8), f"{label}   {time}", font=small, fill=MUTED)
        for i, line in enumerate(lines):
            draw.text((x1 + 18, y + 30 + 28 * i), line, font=font, fill=INK)
        y += bubble + 18
    if y > height - 80:
        raise ValueError(f"chat {title!r} does not fit: {y} px of {height}")
    draw.rectangle((0, height - 70, W, height), fill="white")
    draw.line((0, height - 70, W, height - 70), fill=LINE, width=2)
    draw.rounded_rectangle((24, height - 54, W - 120, height - 16), radius=18, outline=LINE, width=2)
    draw.text((44, height - 45), "Write a message...", font=_font(16), fill=MUTED)
    draw.ellipse((W - 100, height - 58, W - 54, height - 12), fill=BLUE)
    return _encode(image)


def document_jpg(
    title: str, subtitle: str, lines: Sequence[str], stamp: str, *, height: int = H, step: int = 30
) -> bytes:
    """A photographed paper document: a white sheet on a desk, text, a round stamp and a signature."""
    image = Image.new("RGB", (W, height), (120, 104, 88))
    draw = ImageDraw.Draw(image)
    for i in range(0, height, 24):  # wood grain
        draw.line((0, i, W, i + 9), fill=(128, 111, 94), width=3)
    draw.polygon([(58, 46), (850, 38), (862, height - 40), (46, height - 32)], fill=(252, 251, 247))
    draw.text((100, 96), title, font=_font(28), fill=INK)
    draw.text((100, 140), subtitle, font=_font(16), fill=MUTED)
    draw.line((100, 172, 800, 172), fill=INK, width=2)
    y = 196
    for line in lines:
        if line.startswith("## "):
            draw.text((100, y), line[3:], font=_font(19), fill=INK)
        else:
            for part in _wrap(draw, line, _font(17), 690) or [""]:
                draw.text((100, y), part, font=_font(17), fill=INK)
                y += 26
            y -= 26
        y += step
    cx, cy = 640, height - 190
    if y > cy - 100:
        raise ValueError(f"document {title!r} runs into its stamp: {y} px, stamp at {cy - 95}")
    draw.ellipse((cx - 95, cy - 95, cx + 95, cy + 95), outline=(40, 70, 170), width=5)
    draw.ellipse((cx - 75, cy - 75, cx + 75, cy + 75), outline=(40, 70, 170), width=2)
    for i, word in enumerate(stamp.split("|")):
        length = draw.textlength(word, font=_font(16))
        draw.text((cx - length / 2, cy - 30 + 24 * i), word, font=_font(16), fill=(40, 70, 170))
    # signature
    base = height - 160
    points = [(150 + 6 * i, base + int(22 * ((i * 37) % 11 - 5) / 5)) for i in range(40)]
    draw.line(points, fill=(20, 30, 90), width=3, joint="curve")
    draw.line((140, base + 40, 420, base + 40), fill=INK, width=1)
    draw.text((140, base + 48), "Authorised signatory", font=_font(14), fill=MUTED)
    return _encode(image)


# ---------------------------------------------------------------------------------------------------------
# The content, one function per evidence file
# ---------------------------------------------------------------------------------------------------------

BRIGHT_HOME_SKUS = [
    ("498274975", "BH-LAMP-0042", "LED desk lamp 12 W, white"),
    ("498274982", "BH-LAMP-0043", "LED desk lamp 12 W, black"),
    ("512093118", "BH-RUG-120X180-GR", "Cotton rug 120x180, grey"),
    ("512093124", "BH-RUG-160X230-GR", "Cotton rug 160x230, grey"),
    ("1139482011", "250-7898-1", "Ceramic vase 25 cm, sand"),
    ("1139482035", "250-7898-2", "Ceramic vase 32 cm, sand"),
]


# Which products went in which posting (indices into BRIGHT_HOME_SKUS): the agent sees each SKU's posting.
BRIGHT_HOME_CONTENTS = {"57195475-0050-3": (0, 1), "57195475-0051-1": (4, 5), "61024887-0117-2": (2, 3)}


def bright_home_tracking() -> bytes:
    lines: list[str] = []
    events = {
        "57195475-0050-3": [
            ("2026-11-02 10:12", "Posting assembled, FBS warehouse Moscow-South"),
            ("2026-11-02 19:40", "Accepted at the Ozon drop-off point (acceptance scan)"),
            ("2026-11-04 08:55", "Arrived at the Ozon pickup point"),
            ("2026-11-05 16:21", "Delivered: the buyer confirmed receipt with the code"),
        ],
        "57195475-0051-1": [
            ("2026-11-09 11:03", "Posting assembled, FBS warehouse Moscow-South"),
            ("2026-11-09 18:47", "Accepted at the Ozon drop-off point (acceptance scan)"),
            ("2026-11-11 09:30", "Arrived at the Ozon pickup point"),
            ("2026-11-12 12:14", "Delivered: the buyer confirmed receipt with the code"),
        ],
        "61024887-0117-2": [
            ("2026-11-15 09:41", "Posting assembled, FBS warehouse Moscow-South"),
            ("2026-11-15 17:58", "Accepted at the Ozon drop-off point (acceptance scan)"),
            ("2026-11-17 10:02", "Handed to the Ozon courier"),
            ("2026-11-18 14:36", "Delivered: the buyer confirmed receipt with the code"),
        ],
    }
    for posting, steps in events.items():
        lines.append(f"## Posting {posting}   status: Delivered, code confirmed")
        for index in BRIGHT_HOME_CONTENTS[posting]:
            sku, offer, name = BRIGHT_HOME_SKUS[index]
            lines.append(f"SKU {sku}   offer {offer}   {name}   1 pc")
        lines += [f"{when}   {what}" for when, what in steps]
        lines.append("Complaints from the delivery service or the buyer: none")
        lines.append("")
    lines += [
        "Scheme: FBS, delivery by Ozon logistics. Export of the posting history from Seller Center",
        "(Orders > FBS > posting card > History), unmodified. Buyer data are not shown by Ozon.",
    ]
    return make_pdf(
        "Posting tracking: 3 postings",
        "Store: Bright Home   Client-Id 1846213   Period 2026-11-02 to 2026-11-18",
        lines,
        date="2026-11-18",
        ref="Bright Home / postings 57195475-0050-3, 57195475-0051-1, 61024887-0117-2",
    )


def bright_home_waybill() -> bytes:
    lines = [
        "Waybill No. WB-2611-0388",
        "Shipper: Bright Home, FBS warehouse Moscow-South",
        "Carrier: SwiftRoute Logistics LLC",
        "Posting: 61024887-0117-2",
        "",
        "## Contents",
        "1 x Cotton rug 120x180, grey (SKU 512093118, offer BH-RUG-120X180-GR)",
        "1 x Cotton rug 160x230, grey (SKU 512093124, offer BH-RUG-160X230-GR)",
        "Gross weight 6.4 kg, 1 parcel",
        "",
        "Accepted by the carrier 2026-11-15 17:58, handover act HA-4519",
    ]
    return make_pdf(
        "Waybill", "Store: Bright Home   Client-Id 1846213", lines, date="2026-11-15", ref="WB-2611-0388"
    )


def bright_home_chat() -> bytes:
    return chat_jpg(
        "Buyer chats: 3 postings",
        "Seller Center > Chats, export of 19.11.2026, translated from Russian",
        [
            ("topic", "", "Chat 1 - posting 57195475-0050-3"),
            (
                "buyer",
                "05.11.2026 16:40",
                "Picked up both lamps today, gave the code at the pickup point. They work fine.",
            ),
            ("seller", "05.11.2026 17:02", "Thank you for confirming the delivery of 57195475-0050-3."),
            ("topic", "", "Chat 2 - posting 57195475-0051-1"),
            (
                "buyer",
                "12.11.2026 12:30",
                "Order received today with the code, both vases are intact. Thanks.",
            ),
            ("seller", "12.11.2026 12:51", "Thank you for confirming the delivery of 57195475-0051-1."),
            ("topic", "", "Chat 3 - posting 61024887-0117-2"),
            (
                "buyer",
                "18.11.2026 14:52",
                "Hello, the courier brought the parcel today. Both rugs are fine, thank you.",
            ),
            ("seller", "18.11.2026 15:10", "Thank you for confirming the delivery. Enjoy your purchase."),
            (
                "buyer",
                "19.11.2026 09:05",
                "I did not file any complaint about delivery. The order 61024887-0117-2 arrived on time.",
            ),
            ("seller", "19.11.2026 09:21", "Thank you, we will pass this to Ozon support."),
        ],
    )


def lumora_shipping(part: str) -> bytes:
    if part == "october":
        days = [f"2026-10-{d:02d}" for d in range(22, 32)] + [f"2026-11-{d:02d}" for d in range(1, 6)]
        hours = [51, 47, 44, 40, 38, 36, 33, 29, 26, 22, 20, 19, 18, 17, 16]
        title, sub = "Shipping time, 22.10-05.11.2026", "Ratings > Shipping time > Daily (warehouse move)"
        note = "Warehouse in Shenzhen moved from 24.10 to 02.11.2026."
    else:
        days = [f"2026-11-{d:02d}" for d in range(6, 21)]
        hours = [15, 14, 14, 13, 12, 12, 11, 11, 10, 10, 9, 9, 9, 8, 8]
        title, sub = "Shipping time, 06.11-20.11.2026", "Ratings > Shipping time > Daily"
        note = "Since 06.11.2026 every posting is handed over within 24 h."
    rows = []
    for day, hour in zip(days, hours, strict=True):
        badge = f"!{hour} h" if hour > 24 else f"+{hour} h"
        rows.append([day, str(40 + (hour * 3) % 17), badge, "0" if hour <= 24 else str(hour // 12)])
    return screenshot_jpg(
        title,
        "Lumora Tech / " + sub,
        [("Day", 200), ("Postings", 170), ("Avg. to handover", 230), ("Late", 120)],
        rows,
        ["Average time from order to handover to delivery, FBS. " + note],
        ("Average hours to handover, by day", [(d[8:], h) for d, h in zip(days, hours, strict=True)]),
    )


def lumora_returns() -> bytes:
    lines = [
        "## Returns received and processed, 22.10.2026 - 20.11.2026",
        "Return   Posting             Received     Processed    Hours   Result",
    ]
    data = [
        ("R-1021", "40318826-0213-1", "2026-10-23", "2026-10-24", "22", "refund issued"),
        ("R-1029", "88120457-0032-2", "2026-10-27", "2026-10-28", "31", "refund issued"),
        ("R-1034", "19477305-0408-1", "2026-10-31", "2026-11-01", "26", "replacement sent"),
        ("R-1042", "40318826-0214-1", "2026-11-04", "2026-11-05", "19", "refund issued"),
        ("R-1047", "73025118-0120-1", "2026-11-08", "2026-11-08", "6", "refund issued"),
        ("R-1052", "52287640-0311-2", "2026-11-12", "2026-11-13", "14", "replacement sent"),
        ("R-1058", "36940512-0047-1", "2026-11-16", "2026-11-16", "5", "refund issued"),
        ("R-1063", "81177203-0095-1", "2026-11-19", "2026-11-20", "17", "refund issued"),
    ]
    lines += [f"{r}   {p}   {a}   {b}   {h:>5}   {res}" for r, p, a, b, h, res in data]
    lines += [
        "",
        "Average processing time: 17.5 hours. All returns processed within 48 hours.",
        "Vouchers attached in the seller account under Returns > Processed.",
    ]
    return make_pdf(
        "Return handling vouchers",
        "Store: Lumora Tech   Client-Id 2093571",
        lines,
        date="2026-11-20",
        ref="LT-RET-2611",
    )


def pinecone_first_shipment() -> bytes:
    return screenshot_jpg(
        "Postings and orders, 03.11-23.11.2026",
        "Pinecone Living / Orders > FBS > Postings, first 6 of 17",
        [("Posting", 200), ("SKU", 150), ("Handed over", 160), ("Status", 160), ("Items", 80)],
        [
            ["70215583-0001-1", "1427708391", "2026-11-05", "+Delivered", "2"],
            ["36601942-0003-1", "1427708406", "2026-11-05", "+Delivered", "1"],
            ["44817025-0012-1", "1427708422", "2026-11-08", "+Delivered", "3"],
            ["58930416-0004-1", "1427708391", "2026-11-12", "+Delivered", "1"],
            ["27709538-0021-2", "1427708406", "2026-11-16", "+Delivered", "2"],
            ["63412870-0009-1", "1427708422", "2026-11-19", "In transit", "1"],
        ],
        [
            "First two postings handed over to delivery on 05.11.2026 from the contracted "
            "fulfilment warehouse. Orders per week: 3, 5, 9 (17 in all)."
        ],
        ("Orders per week", [("03-09.11", 3), ("10-16.11", 5), ("17-23.11", 9)]),
    )


def pinecone_contract() -> bytes:
    lines = [
        "## Fulfilment services agreement No. FF-2026-1187",
        "Date of signature: 12.10.2026",
        "Provider: NorthStar Fulfilment LLC (fulfilment operator, Moscow region)",
        "Client: store Pinecone Living, Ozon Client-Id 3318840",
        "",
        "## 1. Subject",
        "1.1 The provider stores the client's goods, assembles FBS postings and hands them over",
        "    to delivery services working with Ozon.",
        "1.2 Storage: up to 40 pallet places; assembly within 24 hours of the order.",
        "",
        "## 2. Term",
        "2.1 From 12.10.2026 to 11.10.2027, renewed automatically.",
        "",
        "## 3. Service level",
        "3.1 Handover to delivery on the day of assembly for orders placed before 14:00.",
        "",
        "Signed by authorised representatives of both parties. Personal data omitted.",
        PAGE_BREAK,
        "## Statement of goods received under agreement No. FF-2026-1187",
        "Issued by NorthStar Fulfilment LLC on 03.11.2026",
        "",
        "Act of acceptance FF-A-0931 of 14.10.2026: 3 pallets, 612 units",
        "Act of acceptance FF-A-1044 of 02.11.2026: 2 pallets, 388 units",
        "Total in storage on 03.11.2026: 1 000 units on 5 pallet places",
        "",
        "NorthStar Fulfilment LLC, warehouse manager (signature, seal)",
    ]
    return make_pdf(
        "Fulfilment services agreement",
        "NorthStar Fulfilment LLC - Pinecone Living",
        lines,
        date="2026-10-12",
        ref="FF-2026-1187",
    )


HAOYUN_POSTINGS = [
    "47905269-0899-3",
    "58663206-0639-1",
    "23890323-0920-1",
    "31905627-0493-1",
    "42603694-0991-3",
    "92962123-0496-2",
    "13604298-0501-1",
    "1578488620-0799-1",
    "53175801-0819-1",
    "53513326-0069-1",
    "1751258853-0053-1",
    "71796851-0714-1",
    "1550334110-0236-1",
    "51410233-0611-1",
    "1646053940-0618-1",
    "82835224-0978-2",
    "1872609449-0398-1",
    "51135652-0094-1",
    "22192513-0778-2",
    "59002358-0383-1",
    "74315222-0402-1",
]


# rFBS: the store contracts SwiftRoute itself (contract SR-2026-114), so the carrier's own acceptance at
# handover is the time that counts, and the carrier pays the store for its delay. Seven acts, three
# postings each, every one accepted before the 18:00 cut-off; delivered 3 to 6 days late.
HAOYUN_ACTS = [
    ("27.10.2026", "HA-4471", ["16:52", "17:05", "17:20"], ["02.11.2026", "01.11.2026", "02.11.2026"]),
    ("29.10.2026", "HA-4502", ["16:31", "16:44", "16:55"], ["03.11.2026", "04.11.2026", "03.11.2026"]),
    ("31.10.2026", "HA-4538", ["16:48", "16:57", "17:05"], ["05.11.2026", "06.11.2026", "05.11.2026"]),
    ("03.11.2026", "HA-4590", ["16:12", "16:26", "16:40"], ["08.11.2026", "09.11.2026", "07.11.2026"]),
    ("05.11.2026", "HA-4617", ["17:02", "17:18", "17:30"], ["10.11.2026", "11.11.2026", "10.11.2026"]),
    ("07.11.2026", "HA-4655", ["15:50", "16:03", "16:15"], ["12.11.2026", "13.11.2026", "11.11.2026"]),
    ("09.11.2026", "HA-4689", ["16:41", "16:58", "17:10"], ["14.11.2026", "15.11.2026", "13.11.2026"]),
]


def haoyun_rows() -> list[tuple[str, str, str, str, str]]:
    """(posting, act, handover day, handover time, delivered day) for the 21 postings, in act order."""
    rows = []
    postings = iter(HAOYUN_POSTINGS)
    for day, act, times, delivered in HAOYUN_ACTS:
        rows += [(next(postings), act, day, time, done) for time, done in zip(times, delivered, strict=True)]
    return rows


def haoyun_carrier_statement() -> bytes:
    lines = [
        "To: Haoyun Auto Parts (Ozon Client-Id 2750416)",
        "From: SwiftRoute Logistics LLC, claims department",
        "Contract: SR-2026-114, delivery of the store's Ozon orders under rFBS",
        "Subject: delivery performance 21.09.2026 - 19.11.2026 and the sorting-centre outage",
        "",
        "## Statement",
        "From 27.10.2026 to 09.11.2026 the warehouse management system of our Moscow sorting",
        "centre failed. Parcels accepted from the store on time were held at the centre for",
        "3 to 6 days. The delay was caused by SwiftRoute Logistics alone: the store handed",
        "every posting over to us before the 18:00 cut-off of the contract.",
        "",
        "## Postings of the store delivered by us, by period",
        "21.09.2026 - 26.10.2026   214 postings   208 on time (97.2%)",
        "27.10.2026 - 09.11.2026    21 postings     0 on time (outage)",
        "10.11.2026 - 19.11.2026    71 postings    70 on time (98.6%)",
        "",
        "## The 21 postings delayed by the outage",
        "Posting              Act       Accepted by us      Delivered",
    ]
    lines += [f"{p:<20} {act}   {day} {time}    {done}" for p, act, day, time, done in haoyun_rows()]
    lines += [
        "",
        "SwiftRoute Logistics accepts liability for these 21 postings and has paid compensation",
        "for them (voucher CV-2026-0458 of 17.11.2026).",
        "",
        "19.11.2026   Head of claims department, SwiftRoute Logistics LLC (signature, seal)",
    ]
    return make_pdf(
        "Carrier statement on delivery delays",
        "SwiftRoute Logistics LLC   ref. SR-CL-2026-0731   19.11.2026",
        lines,
        date="2026-11-19",
        ref="SwiftRoute Logistics LLC   SR-CL-2026-0731",
    )


def haoyun_voucher() -> bytes:
    lines = [
        "Voucher No. CV-2026-0458 of 17.11.2026",
        "Payer: SwiftRoute Logistics LLC (contract SR-2026-114, rFBS delivery)",
        "Recipient: Haoyun Auto Parts, Ozon Client-Id 2750416",
        "Claim: SR-CL-2026-0731, late delivery caused by the sorting-centre outage",
        "",
        "## Compensation",
        "Amount: 31 500.00 RUB for 21 postings (1 500.00 RUB per posting)",
        "Payment order PO-88217, paid 17.11.2026",
        "",
        "## Postings covered (21)",
    ]
    rows = [p for p, *_ in haoyun_rows()]
    lines += [f"{i:>2}. {p:<20} 1 500.00 RUB" for i, p in enumerate(rows, start=1)]
    lines += ["", "Total: 31 500.00 RUB", "", "Accountant, SwiftRoute Logistics LLC (signature, seal)"]
    return make_pdf(
        "Compensation voucher",
        "SwiftRoute Logistics LLC   17.11.2026",
        lines,
        date="2026-11-17",
        ref="SwiftRoute Logistics LLC   CV-2026-0458",
    )


def haoyun_handover() -> bytes:
    lines = []
    rows = haoyun_rows()
    for day, act, _, _ in HAOYUN_ACTS:
        mine = [r for r in rows if r[1] == act]
        lines.append(f"## Act {act} of {day}: {len(mine)} postings, signed by the carrier")
        lines += [f"{p}   accepted {day} {time}" for p, _, _, time, _ in mine]
    lines += ["", "21 postings in 7 acts, each accepted before the 18:00 cut-off."]
    return document_jpg(
        "Register of signed handover acts, rFBS",
        "Haoyun Auto Parts -> SwiftRoute Logistics (contract SR-2026-114), 27.10-09.11.2026",
        lines,
        "SwiftRoute|Logistics|RECEIVED",
        height=1420,
        step=30,
    )


def yuelai_days() -> list[tuple[str, int, int, int]]:
    """(day, chats, average first reply in minutes, chats answered after 24 h) for 24.10-22.11.2026."""
    days = []
    for offset in range(30):
        month, day = (10, 24 + offset) if offset < 8 else (11, offset - 7)
        chats = 18 + (offset * 7) % 13
        if (month, day) < (11, 1):
            minutes, late = 60 * (19 + (offset * 5) % 9) + (offset * 13) % 60, 2 + offset % 4
        else:
            minutes, late = 60 * (1 + (offset % 3) // 2) + (offset * 17) % 60, 0
        days.append((f"2026-{month:02d}-{day:02d}", chats, minutes, late))
    return days


YUELAI_WEEKS = [("24-31.10", "2026-10-24", "2026-10-31"), ("01-07.11", "2026-11-01", "2026-11-07")]
YUELAI_WEEKS += [("08-14.11", "2026-11-08", "2026-11-14"), ("15-22.11", "2026-11-15", "2026-11-22")]


def yuelai_week_minutes(first: str, last: str) -> int:
    """The week's average first reply over all its chats (each day weighted by its chats), in minutes."""
    days = [d for d in yuelai_days() if first <= d[0] <= last]
    return round(sum(chats * minutes for _, chats, minutes, _ in days) / sum(d[1] for d in days))


def _h_min(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min"


def yuelai_support_setup() -> bytes:
    weeks = [(label, yuelai_week_minutes(a, b)) for label, a, b in YUELAI_WEEKS]
    return screenshot_jpg(
        "Chat support settings",
        "Yuelai Kitchen / Support > Chats > Settings",
        [("Setting", 330), ("Value", 300), ("Since", 160)],
        [
            ["Chat languages", "Russian, Chinese", "2026-11-01"],
            ["Russian-speaking agents", "2 (shifts 08-20 MSK)", "2026-11-01"],
            ["Auto-reply (Russian)", "+On", "2026-11-01"],
            ["Reply templates (Russian)", "34 templates", "2026-11-03"],
            ["Working days", "Mon-Sun", "2026-11-01"],
            ["Target first reply", "under 2 h", "2026-11-01"],
            ["Escalation to manager", "after 4 h", "2026-11-05"],
            ["Avg. first reply, 15-22.11", "+" + _h_min(weeks[-1][1]), "2026-11-22"],
        ],
        ["Screenshot taken 22.11.2026. Agent names and accounts are hidden."],
        ("Average first reply by week, hours", [(label, round(m / 60, 1)) for label, m in weeks]),
    )


# The three orders the notification's period holds, each answered after more than 24 hours (October).
YUELAI_ORDERS = [
    ("25590817-0142", "2026-10-25 11:40", "2026-10-26 14:05", "26 h 25 min"),
    ("63108452-0007", "2026-10-28 09:12", "2026-10-29 10:47", "25 h 35 min"),
    ("81773046-0029", "2026-10-30 20:31", "2026-10-31 22:02", "25 h 31 min"),
]


def yuelai_response_records() -> bytes:
    lines = [
        "## Daily chat statistics, 24.10.2026 - 22.11.2026",
        "Date         Chats   Answered   Avg. first reply   Over 24 h",
    ]
    for day, chats, minutes, late in yuelai_days():
        lines.append(f"{day}   {chats:>5}   {chats:>8}   {_h_min(minutes):>16}   {late:>9}")
    lines += ["", "## Chats about the orders in the notification (answered after more than 24 h)"]
    lines.append("Order            Buyer wrote         First reply         Waited")
    lines += [
        f"{order}    {asked}    {replied}    {waited}" for order, asked, replied, waited in YUELAI_ORDERS
    ]
    lines += ["", "Russian-speaking agents on duty from 01.11.2026. Buyer data masked in the export."]
    return make_pdf(
        "Chat response records",
        "Store: Yuelai Kitchen   Client-Id 1502987",
        lines,
        date="2026-11-22",
        ref="YK-CHAT-2611",
    )


PIXEL_POSTINGS = [
    "86603572-0609-2",
    "49083228-0279-1",
    "40099480-0422-1",
    "33026152-0201-1",
    "24924868-0425-1",
]


def pixel_chat_records() -> bytes:
    lines = [
        "## Chat history with buyers, 24.08.2026 - 21.11.2026 (translated from Russian)",
        "Buyer names are masked. Only the messages about the five returns are included.",
        "",
    ]
    talks = [
        (
            "86603572-0609-2",
            [
                ("2026-08-29", "Buyer", "I want to return the headphones, they do not work."),
                ("2026-08-29", "Store", "Please send a photo of the serial number label."),
                ("2026-09-12", "Store", "The returned unit has another serial number."),
                ("2026-09-12", "Buyer", "Maybe I mixed them up with my old pair."),
            ],
        ),
        (
            "49083228-0279-1",
            [
                ("2026-09-18", "Buyer", "Returning the item, changed my mind."),
                ("2026-10-02", "Store", "The box we received is empty except for a cable."),
            ],
        ),
        (
            "40099480-0422-1",
            [
                ("2026-10-07", "Buyer", "The case is cracked, I return it."),
                ("2026-10-21", "Store", "The unboxing video shows the case was intact."),
                ("2026-10-21", "Buyer", "OK, I admit it fell after delivery."),
            ],
        ),
        (
            "33026152-0201-1",
            [
                ("2026-10-30", "Buyer", "Return: not as described."),
                ("2026-11-13", "Store", "A used pair of another brand came back."),
            ],
        ),
        (
            "24924868-0425-1",
            [
                ("2026-11-06", "Buyer", "Return, defect."),
                ("2026-11-20", "Store", "The returned headphones are heavily worn and not ours."),
                ("2026-11-21", "Buyer", "No further comment."),
            ],
        ),
    ]
    for posting, messages in talks:
        lines.append(f"## Posting {posting}")
        lines += [f"{day}  {who}: {text}" for day, who, text in messages]
        lines.append("")
    return make_pdf(
        "Chat records",
        "Store: Pixel Garden   Client-Id 2284105",
        lines,
        date="2026-11-21",
        ref="PG-CHAT-2611",
    )


# Ozon's answers in the store's support requests, printed from Seller Center: Ozon's header, request numbers
# as Ozon gives them, Ozon's wording. Three decided for the seller, two still open on 21.11.2026.
PIXEL_DISPUTES = [
    ("86603572-0609-2", "312406158", "13.09.2026", "17.09.2026", "the serial number of the returned item"),
    ("49083228-0279-1", "318550274", "03.10.2026", "08.10.2026", "the returned box held only a cable"),
    ("40099480-0422-1", "324197731", "22.10.2026", "27.10.2026", "damage after delivery"),
    ("33026152-0201-1", "331860492", "14.11.2026", "", ""),
    ("24924868-0425-1", "335027619", "21.11.2026", "", ""),
]


def pixel_decision() -> bytes:
    lines = ["seller.ozon.ru > Support > My requests > Return disputes   printed 21.11.2026", ""]
    for posting, number, opened, decided, basis in PIXEL_DISPUTES:
        lines.append(f"## Request No. {number}   Topic: return dispute   Posting {posting}")
        lines.append(f"Opened by the seller: {opened}   SKU 955410286")
        if decided:
            lines += [
                f"Status: closed {decided}   Decision: in favour of the seller",
                f"Ozon Support: we checked the seller's materials ({basis}) and agree that the",
                "returned item does not match the item shipped. The claim is upheld; compensation for",
                "the item is credited to the seller's balance.",
            ]
        else:
            lines += ["Status: under review   Ozon Support: the request is being checked by a specialist."]
        lines.append("")
    lines += ["Ozon Seller, support service. This page was printed from the seller's account."]
    return make_pdf(
        "OZON Seller - Support requests",
        "Seller: Pixel Garden   Client-Id 2284105   Return disputes",
        lines,
        date="2026-11-21",
        ref="seller.ozon.ru/app/supports   21.11.2026",
    )


def pixel_returned_items() -> bytes:
    return document_jpg(
        "Returned items, inspection",
        "Pixel Garden warehouse, returns desk",
        [
            "## Inspection of five returns",
            *[
                f"{p}: {r}"
                for p, r in zip(
                    PIXEL_POSTINGS,
                    [
                        "serial number differs from the shipped unit",
                        "box contained a cable only",
                        "case cracked, impact mark",
                        "used headphones of another brand",
                        "worn headphones, not our model",
                    ],
                    strict=True,
                )
            ],
            "",
            "Each return was opened on camera; the video links are in the case.",
        ],
        "Pixel Garden|RETURNS|CHECKED",
    )


AMBER_PRODUCTS = [
    ("180550365", "AW-LAV-200", "Scented candle Lavender, soy wax, 200 g", 600),
    ("180550372", "AW-AMC-200", "Scented candle Amber & Cedar, soy wax, 200 g", 400),
]


def amber_tracking() -> bytes:
    lines = [
        "## Posting 41827730-0058-1   status: Delivered, code confirmed",
        *[f"Product {pid}   {name}   1 pc" for pid, _, name, _ in AMBER_PRODUCTS],
        "",
        "18.11.2026 08:20   Arrived at the Ozon pickup point",
        "18.11.2026 14:25   Delivered: the buyer confirmed receipt with the code",
        "Complaints from the delivery service or the buyer: none",
        "",
        "Export of the posting history from Seller Center, unmodified. Buyer data are not shown by Ozon.",
    ]
    return make_pdf(
        "Posting tracking: 41827730-0058-1",
        "Store: Amber Lane   Client-Id 2468013   18.11.2026",
        lines,
        date="2026-11-18",
        ref="Amber Lane / posting 41827730-0058-1",
    )


def amber_chat() -> bytes:
    return chat_jpg(
        "Buyer chat: posting 41827730-0058-1",
        "Seller Center > Chats, 19.11.2026, translated from Russian",
        [
            ("topic", "", "Order 41827730-0058: products 180550365, 180550372"),
            (
                "seller",
                "19.11.2026 10:05",
                "Hello! Your candles were delivered yesterday. Is everything in order?",
            ),
            (
                "buyer",
                "19.11.2026 10:31",
                "Yes, both arrived intact. Each box has the Amber Works seal with lot 2026-11.",
            ),
            (
                "seller",
                "19.11.2026 10:36",
                "Thank you. Do the candles match the description on the product card?",
            ),
            (
                "buyer",
                "19.11.2026 10:52",
                "They do: the same scent, wax and glass as the ones I bought before in the brand's own shop.",
            ),
            ("seller", "19.11.2026 10:58", "Thank you for your feedback. Enjoy your purchase!"),
        ],
    )


def amber_invoice() -> bytes:
    lines = [
        "Invoice No. AW-2026-1187 of 06.11.2026   Lot 2026-11",
        "Seller (manufacturer): Amber Works Candle Co., Ltd., Ningbo, China",
        "Buyer: Amber Lane, Ozon store, Client-Id 2468013",
        "Terms: direct supply from the manufacturer, delivered to the buyer's warehouse",
        "",
        "## Goods (invoice and packing list)",
        "Article       Buyer's ref. (Ozon)   Description                                    Qty",
    ]
    lines += [f"{art:<13} {pid:<21} {name:<46} {qty}" for pid, art, name, qty in AMBER_PRODUCTS]
    lines += [
        "",
        "Total: 1 000 pcs in 50 cartons, lot 2026-11, every unit sealed with the Amber Works label.",
        "Amount: 3 650.00 USD, paid by bank transfer.",
        "",
        "Amber Works Candle Co., Ltd., sales department (signature, company seal)",
        PAGE_BREAK,
        "## Letter of confirmation No. AW-L-0412",
        "",
        "We, Amber Works Candle Co., Ltd., make the scented candles listed here. We confirm:",
        "",
        *[
            line
            for pid, art, name, _ in AMBER_PRODUCTS
            # two lines each: on one, the product ID ran off the right edge of the page
            for line in (
                f"- {name}, article {art}:",
                f"  the store Amber Lane sells it on Ozon as product {pid};",
            )
        ],
        "- the store Amber Lane buys these candles directly from us; lot 2026-11 was shipped to it under",
        "  invoice AW-2026-1187 of 06.11.2026;",
        "- every candle of our make carries our seal with its lot number.",
        "",
        "General manager, Amber Works Candle Co., Ltd. (signature, company seal)",
    ]
    return make_pdf(
        "Amber Works Candle Co., Ltd.",
        "Invoice AW-2026-1187 and letter of confirmation AW-L-0412",
        lines,
        date="2026-11-20",
        ref="Amber Works Candle Co., Ltd.",
    )


# rFBS: the store's own carrier, which pays the store for the day its hub lost.
def polar_fox_statement() -> bytes:
    lines = [
        "To: Polar Fox Home (Ozon Client-Id 3104587)",
        "From: NordLine Express LLC, customer service",
        "Contract: NL-2026-0388, delivery of the store's Ozon orders under rFBS",
        "",
        "## Statement",
        "On 19.11.2026 our Moscow hub lost power for the whole day; no parcel left the hub.",
        "Posting 84120395-0217-1 was accepted from the store on 18.11.2026 at 16:40, before the",
        "18:00 cut-off, and was due on 19.11.2026. It was delivered on 20.11.2026, one day late.",
        "The delay was caused by NordLine Express alone; we have paid the store compensation.",
        "",
        "## Postings of the store delivered by us, 22.09.2026 - 20.11.2026",
        "152 postings, 151 on time; the only late one is 84120395-0217-1 (the 19.11.2026 outage).",
        "",
        "20.11.2026   Head of customer service, NordLine Express LLC (signature, seal)",
    ]
    return make_pdf(
        "Carrier statement on a delivery delay",
        "NordLine Express LLC   ref. NL-CS-2026-1142   20.11.2026",
        lines,
        date="2026-11-20",
        ref="NordLine Express LLC   NL-CS-2026-1142",
    )


def polar_fox_voucher() -> bytes:
    lines = [
        "Voucher No. NL-CV-2026-0217 of 20.11.2026",
        "Payer: NordLine Express LLC (contract NL-2026-0388, rFBS delivery)",
        "Recipient: Polar Fox Home, Ozon Client-Id 3104587",
        "Claim: NL-CS-2026-1142, one-day delay caused by the power outage at the hub",
        "",
        "## Compensation",
        "Posting 84120395-0217-1   1 200.00 RUB",
        "Amount: 1 200.00 RUB, payment order PO-30571, paid 20.11.2026",
        "",
        "Accountant, NordLine Express LLC (signature, seal)",
    ]
    return make_pdf(
        "Compensation voucher",
        "NordLine Express LLC   20.11.2026",
        lines,
        date="2026-11-20",
        ref="NordLine Express LLC   NL-CV-2026-0217",
    )


def sunmeadow_erp_export() -> bytes:
    lines = [
        "## ERP order-status log (times in Moscow time)",
        "Posting            Event                         ERP time           Sent to Ozon",
        "47820931-0366-1    assembled                     2026-11-10 11:02   2026-11-10 11:03",
        "47820931-0366-1    handed over to delivery       2026-11-11 16:40   2026-11-13 17:05",
        "47820931-0366-1    delivered                     2026-11-14 12:18   2026-11-16 09:51",
        "90265714-0021-1    assembled                     2026-11-12 10:15   2026-11-12 10:15",
        "90265714-0021-1    handed over to delivery       2026-11-12 17:55   2026-11-14 18:22",
        "90265714-0021-1    delivered                     2026-11-15 15:07   2026-11-16 09:52",
        "",
        "## Sync queue",
        "2026-11-10 to 2026-11-16: API requests timed out, status updates queued (peak 1 430).",
        "2026-11-17 08:30: queue cleared after the connector fix, no updates lost.",
    ]
    return make_pdf(
        "ERP order-status export",
        "Sunmeadow Textiles   Client-Id 2960418   10.11.2026 - 16.11.2026",
        lines,
        date="2026-11-17",
        ref="SM-ERP-2611",
    )


def sunmeadow_discrepancy() -> bytes:
    return screenshot_jpg(
        "Discrepancy table",
        "Sunmeadow Textiles / ERP vs Seller Center, 10-16.11.2026",
        [("Posting", 210), ("Field", 170), ("ERP", 160), ("Ozon", 160), ("Diff", 100)],
        [
            ["47820931-0366-1", "Handover", "11.11 16:40", "13.11 17:05", "!+2 d"],
            ["47820931-0366-1", "Delivered", "14.11 12:18", "16.11 09:51", "!+2 d"],
            ["90265714-0021-1", "Handover", "12.11 17:55", "14.11 18:22", "!+2 d"],
            ["90265714-0021-1", "Delivered", "15.11 15:07", "16.11 09:52", "!+1 d"],
        ],
        [
            "Both postings were handed over to delivery on time according to the ERP log; "
            "Seller Center received the status two days late because of the sync delay."
        ],
        (
            "Status updates queued per day",
            [
                ("10.11", 180),
                ("11.11", 610),
                ("12.11", 1430),
                ("13.11", 1210),
                ("14.11", 940),
                ("15.11", 520),
                ("16.11", 260),
                ("17.11", 0),
            ],
        ),
    )


def northwind_api_log() -> bytes:
    lines = [
        "## Ozon Seller API calls and ERP mapping, 12.11.2026 - 18.11.2026",
        "2026-11-12 09:00:14  ERP update 4.7.0 deployed (order reference generator changed)",
        "2026-11-13 08:47:12  GET /v3/posting/fbs/list -> 12093355-0518-1 (awaiting_packaging)",
        "2026-11-13 08:47:13  map ozon 12093355-0518 -> internal NW-260113-0042",
        "2026-11-13 10:02:31  POST /v4/posting/fbs/ship 12093355-0518-1 (assembled, 1 package) -> ok",
        "2026-11-13 10:02:32  posting 12093355-0518-1 status awaiting_deliver",
        "2026-11-13 10:24:02  webshop order WEB-88412 -> internal NW-260113-0042 (reused)",
        "2026-11-13 10:24:03  conflict: internal reference already mapped, webshop wins",
        "2026-11-13 10:24:05  POST /v2/posting/fbs/cancel 12093355-0518-1 (sent by rule)",
        "2026-11-13 10:24:06  response: cancellation rejected, posting already assembled",
        "2026-11-14 15:12:40  posting 12093355-0518-1 status delivering (handed over at the drop-off point)",
        "2026-11-17 11:03:55  posting 12093355-0518-1 status delivered",
        "2026-11-18 16:45:10  ERP 4.7.1: unique references per channel restored",
    ]
    return make_pdf(
        "API integration log",
        "Northwind Gadgets   Client-Id 1987340",
        lines,
        date="2026-11-18",
        ref="NW-API-2611",
    )


def northwind_mapping() -> bytes:
    return screenshot_jpg(
        "Order ID mapping",
        "Northwind Gadgets / ERP > Channels > Mapping, 20.11.2026",
        [("Channel", 140), ("Channel order", 230), ("Internal ref", 230), ("Check", 160)],
        [
            ["Ozon", "12093355-0518", "NW-OZ-260113-0042", "+fixed"],
            ["Webshop", "WEB-88412", "NW-WS-260113-0042", "+fixed"],
            ["Ozon", "12093362-0102", "NW-OZ-260113-0043", "+unique"],
            ["Webshop", "WEB-88413", "NW-WS-260113-0044", "+unique"],
            ["Ozon", "12093371-0230", "NW-OZ-260114-0001", "+unique"],
        ],
        [
            "Before ERP 4.7.1 both channels shared one reference sequence; reference "
            "NW-260113-0042 was given to two orders. Now every channel has its own prefix."
        ],
        ("Orders by channel, 13-20.11.2026", [("Ozon", 41), ("Webshop", 18)]),
    )


FILES = {
    "cases/bright-home-delisting-2026-11": {
        "tracking.pdf": bright_home_tracking,
        "buyer-chat.jpg": bright_home_chat,
    },
    "cases/lumora-tech-rating-restriction-2026-11": {
        "shipping-times-october.jpg": lambda: lumora_shipping("october"),
        "shipping-times-november.jpg": lambda: lumora_shipping("november"),
        "return-vouchers.pdf": lumora_returns,
    },
    "cases/pinecone-living-low-activity-2026-11": {
        "first-shipment.jpg": pinecone_first_shipment,
        "warehouse-contract.pdf": pinecone_contract,
    },
    "cases/haoyun-auto-carrier-failure-2026-11": {
        "carrier-statement.pdf": haoyun_carrier_statement,
        "compensation-voucher.pdf": haoyun_voucher,
        "handover-acts.jpg": haoyun_handover,
    },
    "cases/yuelai-kitchen-response-time-2026-11": {
        "support-setup.jpg": yuelai_support_setup,
        "response-records.pdf": yuelai_response_records,
    },
    "cases/pixel-garden-malicious-returns-2026-11": {
        "chat-records.pdf": pixel_chat_records,
        "platform-decision.pdf": pixel_decision,
        "returned-items.jpg": pixel_returned_items,
    },
    "cases/amber-lane-delisting-products-2026-11": {
        "tracking.pdf": amber_tracking,
        "buyer-chat.jpg": amber_chat,
        "supplier-invoice.pdf": amber_invoice,
    },
    "cases/polar-fox-carrier-one-posting-2026-11": {
        "carrier-statement.pdf": polar_fox_statement,
        "compensation-voucher.pdf": polar_fox_voucher,
    },
    "cases/sunmeadow-sync-delay-2026-11": {
        "erp-export.pdf": sunmeadow_erp_export,
        "discrepancy-table.jpg": sunmeadow_discrepancy,
    },
    "cases/northwind-order-attribution-2026-11": {
        "api-log.pdf": northwind_api_log,
        "order-mapping.jpg": northwind_mapping,
    },
    # the invalid examples share one folder of evidence
    "invalid": {
        "tracking.pdf": bright_home_tracking,
        "buyer-chat.jpg": bright_home_chat,
        "waybill.pdf": bright_home_waybill,
        "carrier-statement.pdf": haoyun_carrier_statement,
        "compensation-voucher.pdf": haoyun_voucher,
        "support-setup.jpg": yuelai_support_setup,
        "response-records.pdf": yuelai_response_records,
    },
}


def main() -> int:
    written = 0
    for folder, files in FILES.items():
        target = HERE / folder / "evidence"
        target.mkdir(parents=True, exist_ok=True)
        for name, build in files.items():
            data = build()
            path = target / name
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                written += 1
            print(f"{path.relative_to(HERE)}  {len(data):>7} bytes")
    print(f"{written} file(s) changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
