"""`build --fix` covers personal data read in a picture, unless the entry vouches for it (`personal_data_ok`).

Reading the picture is not this test's business: the gate's first judgement is wrapped to add the hit the
OCR side would find; the fixed copy is judged again for real.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from factories import make_jpeg, variant, write_case
from kit.cli import RunCli
from kit.packs import CLIENT_ID
from ozon_urgent.attachments import AttachmentHit, AttachmentReport, inspect_blobs
from ozon_urgent.findings import Code
from ozon_urgent.pipeline import gate

REGION = (40, 76, 300, 24)  # the second line of make_jpeg's text
COPY = Path(CLIENT_ID) / "test-misjudged-delisting" / "attachments" / "02-perepiska-s-pokupatelem.jpg"


@pytest.fixture
def phone_in_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    def judged(named: Sequence[tuple[str, bytes]], *args: object) -> list[AttachmentReport]:
        reports = inspect_blobs(named, *args)  # type: ignore[arg-type]
        hit = AttachmentHit(
            Code.PERSONAL_PHONE, "", {"masked": "+7 912 ***-**-89", "region": ",".join(map(str, REGION))}
        )
        return [replace(r, hits=(*r.hits, hit)) if r.format == "jpeg" else r for r in reports]

    monkeypatch.setattr(gate, "inspect_blobs", judged)


def _case(tmp_path: Path, data: bytes, **changes: object) -> Path:
    folder = tmp_path / "case"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "chat.jpg").write_bytes(data)
    return write_case(
        folder, variant("misjudged_delisting", {"evidence[1].file": "evidence/chat.jpg", **changes})
    )


def _build(run_cli: RunCli, case: Path, out: Path) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("build", "--fix", "--format", "json", "--no-cache", "--out", out, case)
    return result.exit_code, json.loads(result.stdout)["cases"][0]["findings"]


def _brightest(data: bytes) -> int:
    x, y, w, h = REGION
    crop = Image.open(io.BytesIO(data)).convert("RGB").crop((x, y, x + w, y + h))
    return max(high for _, high in crop.getextrema())  # type: ignore[misc]


@pytest.mark.usefixtures("phone_in_pictures")
def test_build_fix_masks_the_phone_and_keeps_the_original(run_cli: RunCli, tmp_path: Path) -> None:
    original = make_jpeg()
    case = _case(tmp_path, original)
    code, found = _build(run_cli, case, tmp_path / "out")
    assert code == 0 and not [f for f in found if f["code"] == "P300"]
    [change] = [f for f in found if f["code"] == "B004"]
    assert "black boxes" in str(change["message"])
    copied = (tmp_path / "out" / COPY).read_bytes()
    assert _brightest(copied) <= 30 and _brightest(original) > 200
    assert (case.parent / "evidence" / "chat.jpg").read_bytes() == original
    ticket = json.loads((tmp_path / "out" / COPY.parent.parent / "ticket.json").read_text("utf-8"))
    assert ticket["attachments"][1]["sha256"] == hashlib.sha256(copied).hexdigest()


@pytest.mark.usefixtures("phone_in_pictures")
def test_build_fix_leaves_vouched_contacts_visible(run_cli: RunCli, tmp_path: Path) -> None:
    original = make_jpeg()
    case = _case(tmp_path, original, **{"evidence[1].personal_data_ok": True})
    code, found = _build(run_cli, case, tmp_path / "out")
    assert code == 0 and not [f for f in found if f["code"] == "B004"]
    assert [f["severity"] for f in found if f["code"] == "P300"] == ["info"]
    assert (tmp_path / "out" / COPY).read_bytes() == original


def test_build_fix_with_the_real_engine_covers_the_phone_and_keeps_the_posting_number(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """End to end, nothing stubbed: Tesseract reads the phone, `--fix` covers it in the copy, the copy is
    judged again clean, and the posting number's pixels stay as they were (legible to OCR too)."""
    from PIL import ImageChops, ImageDraw, ImageFont

    from ozon_urgent.attachments import InspectLimits
    from ozon_urgent.attachments.ocr import read_lines

    font = ImageFont.truetype(
        str(Path(__file__).parents[1] / "src/ozon_urgent/data/fonts/DejaVuSans-subset.ttf"), 40
    )
    image = Image.new("RGB", (1080, 1920), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.text((80, 200), "Отправление 57195475-0050-3", fill=(20, 20, 20), font=font)
    draw.text((80, 420), "Мой телефон +7 916 123-45-67", fill=(20, 20, 20), font=font)
    start = 80 + draw.textlength("Мой телефон ", font=font)
    phone_box = draw.textbbox((start, 420), "+7 916 123-45-67", font=font)  # the number's ink
    posting_box = draw.textbbox((80, 200), "Отправление 57195475-0050-3", font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    original = out.getvalue()
    case = _case(tmp_path, original)

    code, found = _build(run_cli, case, tmp_path / "out")
    assert code == 0, found
    assert not [f for f in found if str(f["code"]).startswith("P")]  # the copy, judged again, is clean
    assert [f for f in found if f["code"] == "B004" and "black boxes" in str(f["message"])]
    assert (case.parent / "evidence" / "chat.jpg").read_bytes() == original

    copied = Image.open(io.BytesIO((tmp_path / "out" / COPY).read_bytes())).convert("L")
    before = Image.open(io.BytesIO(original)).convert("L")
    _, lightest = copied.crop(phone_box).getextrema()
    assert isinstance(lightest, int) and lightest <= 40  # opaque: no light pixel left under the box
    _, most = ImageChops.difference(copied.crop(posting_box), before.crop(posting_box)).getextrema()
    assert isinstance(most, int) and most <= 40  # JPEG noise of one re-encode, nothing covered
    text = " ".join(line.text for line in read_lines(copied, InspectLimits().timeout_s))
    assert "57195475-0050-3" in text and "916" not in text
