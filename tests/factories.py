"""Builders for test inputs: valid cases per scenario and small real evidence files, made at test time."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ozon_urgent.catalog import load_catalog

TODAY = date(2026, 11, 26)
RECEIVED = date(2026, 11, 22)
CLIENT_ID = "1234567"  # every case's store unless a test says otherwise: its packs are in <out>/1234567/


def make_pdf(text: str = "Tracking 57195475-0050-3 delivered") -> bytes:
    """A one-page PDF 1.4 with a real text layer."""
    return make_text_pdf([[text]])


def make_text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF 1.4 with one page per item of `pages`, each its lines of text, offsets computed exactly.

    Objects: 1 catalog, 2 page tree, 3 font, then each page's content stream and page dictionary.
    """
    kids = [5 + 2 * number for number in range(len(pages))]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for number, lines in enumerate(pages):
        shown = "".join(f"({line}) Tj T* " for line in lines)
        stream = f"BT /F1 10 Tf 12 TL 40 800 Td {shown}ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (4 + 2 * number)
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_unicode_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF whose text layer holds any script (Chinese, Cyrillic, ₽, ¥): Helvetica with each
    character past ASCII given a code of its own through /Differences (/uniXXXX glyph names), which a
    reader maps back to Unicode as it would a real document's. Only the text layer matters: nothing is
    drawn for those glyphs."""
    others = sorted({char for line in lines for char in line if ord(char) > 126})
    if len(others) > 128:
        raise ValueError("at most 128 characters past ASCII")
    code = {char: 128 + number for number, char in enumerate(others)}

    def encoded(line: str) -> bytes:
        out = bytearray()
        for char in line:
            byte = code.get(char, ord(char))
            if char in "()\\":
                out += b"\\"
            out.append(byte)
        return bytes(out)

    body = b"".join(b"(" + encoded(line) + b") Tj T* " for line in lines)
    content = b"BT /F1 10 Tf 12 TL 40 800 Td " + body + b"ET"
    differences = b" ".join(b"/uni%04X" % ord(char) for char in others)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
        b" /BaseEncoding /WinAnsiEncoding /Differences [128 " + differences + b"] >> >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body_bytes in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_jpeg(width: int = 900, height: int = 1200, text: str = "Screenshot") -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for row in range(40, height - 40, 36):
        draw.text((40, row), f"{text} line {row}", fill="black")
        draw.line((40, row + 28, width - 40, row + 28), fill=(120, 120, 120), width=2)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _iso(day: date) -> str:
    return day.isoformat()


def base_case(scenario: str) -> dict[str, Any]:
    """A case that passes every check on TODAY, with one file per required evidence kind."""
    catalog = load_catalog()
    spec = catalog.scenarios[scenario]
    window = spec.window_days or 30
    start, end = RECEIVED - timedelta(days=window), RECEIVED - timedelta(days=1)
    affected: dict[str, list[Any]] = {"postings": ["57195475-0050-3", "57195475-0051-1"], "skus": [498274975]}
    evidence = []
    links = []
    for group in spec.evidence:
        kind = group[0]
        if catalog.kinds[kind].video:
            links.append({"url": "https://disk.yandex.ru/i/abc123", "kind": kind})
            continue
        suffix = "jpg" if "screenshot" in kind or "chat" in kind else "pdf"
        evidence.append(
            {
                "file": f"evidence/{kind}.{suffix}",
                "kind": kind,
                "covers": {"from": _iso(start), "to": _iso(end)},
            }
        )
    case: dict[str, Any] = {
        "case_id": f"test-{scenario.replace('_', '-')}",
        "scenario": scenario,
        "seller": {"store_name": "Bright Home", "client_id": CLIENT_ID},
        "notification": {"received": _iso(RECEIVED)},
        "affected": affected,
        "period": {"from": _iso(start), "to": _iso(end)},
        "request": spec.requests[0],
        "explanation": {
            "source_lang": "zh",
            "text": "我们的货物因承运商原因延误。",
            "ru": (
                "Отправления 57195475-0050-3 и 57195475-0051-1 задержаны по вине службы доставки. "
                "Служба доставки письменно признала свою вину и выплатила компенсацию."
            ),
            "ru_reviewed": True,
        },
        "evidence": evidence,
    }
    if links:
        case["links"] = links
    if spec.metric_required and not spec.metric:  # C195: the request names the metric
        case["notification"]["metric"] = BASE_METRICS[scenario]
    if "scheme" in spec.delivery_required:  # C196: last, so every other field keeps its line
        case["delivery"] = {"scheme": "rFBS", "carrier": "SwiftRoute Logistics"}
        if "carrier" not in spec.delivery_required:
            case["delivery"] = {"scheme": "FBS"}
    if spec.changes_required:  # C194: about the store's own performance
        case["explanation"]["changes"] = {
            "text": "我们从 11 月 25 日起每天按时发货。",
            "ru": "С 25.11.2026 мы передаём отправления в доставку в день заказа и проверяем сроки.",
        }
    return case


# The metric a base case names where its scenario has none of its own.
BASE_METRICS = {
    "sync_delay": "rating_shipment_delay",
    "order_attribution": "rating_order_cancellation",
    "rating_drop_restriction": "rating_seller",
}


def set_path(case: dict[str, Any], dotted: str, value: Any) -> None:
    """Set `a.b[0].c` in a nested case; the value None deletes the key."""
    parts: list[str | int] = []
    for chunk in dotted.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest.lstrip("[")
    node: Any = case
    for part in parts[:-1]:
        node = node[part]
    if value is None and isinstance(parts[-1], str):
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def write_case(folder: Path, case: dict[str, Any], name: str = "case.yaml", with_files: bool = True) -> Path:
    """Write the case as YAML, and a real small file for every evidence path inside the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if with_files:
        for item in case.get("evidence", []):
            target = folder / str(item.get("file", ""))
            if not isinstance(item.get("file"), str) or ".." in item["file"] or item["file"].startswith("/"):
                continue
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(evidence_file(case, item, target.suffix))
    path = folder / name
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def evidence_file(case: dict[str, Any], item: dict[str, Any], suffix: str, note: str = "") -> bytes:
    """A file that shows what its entry claims (C197–C200): the case's IDs, a day it covers, an amount and
    an Ozon request number; a picture (its text read by OCR) shows the first posting and the day."""
    covers = item.get("covers") or item.get("date")
    day = covers.get("from") if isinstance(covers, dict) else covers
    found = case.get("affected")
    affected: dict[str, Any] = found if isinstance(found, dict) else {}
    ids = [
        str(value.get("sku", "")) if isinstance(value, dict) else str(value)
        for values in affected.values()
        if isinstance(values, list)
        for value in values
    ]
    if suffix == ".jpg":
        return make_jpeg(text=f"{ids[0] if ids else 'Screenshot'} {day or ''} {note}".strip())
    lines = [
        "Tracking " + " ".join(ids[:40]) + " delivered",
        f"Date {day or ''}",
        "Paid 1500 RUB",
        "Request 123456789",
        *([note] if note else []),  # a seller's own words make two sellers' files differ
    ]
    return make_unicode_pdf(lines) if any(ord(c) > 126 for c in "".join(lines)) else make_text_pdf([lines])


def variant(scenario: str, changes: dict[str, Any]) -> dict[str, Any]:
    case = copy.deepcopy(base_case(scenario))
    for dotted, value in changes.items():
        set_path(case, dotted, value)
    return case


# An agency's case folders: the same names in many stores, as agencies name them by campaign.
AGENCY_FOLDERS = ("appeal-2026-11", "carrier-2026-11", "late-parcels")


def agency_client_id(store: int) -> str:
    return str(3_000_000 + store)


def write_agency(root: Path, stores: int, *, photos: bool = False) -> list[list[Path]]:
    """`root/cases/store-NNN/<folder>/case.yaml`: `stores` stores of 1–3 cases each (the first always
    `appeal-2026-11`, named after its folder), each case with its own two small PDFs (`photos`: the
    carrier's statement a photo instead, as sellers send it, read by OCR) and its own posting and SKU, so
    no two stores share a file (B006) or a ticket's IDs (B007). Each store's case files."""
    cases: list[list[Path]] = []
    for store in range(stores):
        mine = []
        for number, folder in enumerate(AGENCY_FOLDERS[: 1 + store % 3]):
            case = variant(
                "carrier_failure",
                {
                    "case_id": None,
                    "seller.store_name": f"Store {store:03d}",
                    "seller.client_id": agency_client_id(store),
                    "affected.postings": [f"{70_000_000 + store}-{number:04d}-1"],
                    "affected.skus": [100_000 + store * 10 + number],
                },
            )
            path = root / "cases" / f"store-{store:03d}" / folder
            for item in case["evidence"]:
                text = f"Store {store} case {folder} {item['kind']}"
                if photos and item["kind"] == "carrier_statement":
                    item["file"] = item["file"].removesuffix(".pdf") + ".jpg"
                    data = make_jpeg(text=text)
                else:
                    data = make_pdf(text)
                (path / item["file"]).parent.mkdir(parents=True, exist_ok=True)
                (path / item["file"]).write_bytes(data)
            mine.append(write_case(path, case))
        cases.append(mine)
    return cases
