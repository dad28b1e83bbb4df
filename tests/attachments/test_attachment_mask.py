"""`--fix` covers personal data read in a JPEG's picture (P300-P303 hits with a `region`) with black boxes.

No OCR here: the reports are made by hand, as the OCR side will fill them in.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hostile_files import exif_jpeg
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat, JpegImagePlugin

from ozon_urgent.attachments import (
    AttachmentHit,
    AttachmentReport,
    FixedAttachment,
    InspectLimits,
    fix_attachment,
    fix_batch,
    inspect_blobs,
)
from ozon_urgent.attachments.fix_batch import apply_fixes, needs_fix
from ozon_urgent.attachments.masking import hit_region
from ozon_urgent.findings import Code
from ozon_urgent.i18n import text

LIMITS = InspectLimits()
WIDTH, HEIGHT = 900, 1200
PHONE = (60, 200, 420, 40)  # x, y, w, h of the drawn phone number
POSTING = (60, 600, 420, 40)  # where a posting number is drawn: must survive untouched


def _picture(subsampling: int = 2) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=32)
    draw.text(PHONE[:2], "+7 912 345-67-89", fill=(20, 20, 20), font=font)
    draw.text(POSTING[:2], "57195475-0050-3", fill=(20, 20, 20), font=font)
    draw.rectangle((600, 900, 800, 1100), fill=(200, 40, 40))  # colour, so chroma matters too
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, subsampling=subsampling)
    return out.getvalue()


def _phone(region: tuple[int, int, int, int] | str, code: Code = Code.PERSONAL_PHONE) -> AttachmentHit:
    where = region if isinstance(region, str) else ",".join(str(n) for n in region)
    return AttachmentHit(code, "", {"masked": "+7 912 ***-**-89", "region": where})


def _report(data: bytes, *hits: AttachmentHit) -> AttachmentReport:
    return AttachmentReport("chat.jpg", len(data), None, "jpeg", None, WIDTH, HEIGHT, hits)


def _decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data), formats=["JPEG"])
    image.load()
    return image


def _crop(image: Image.Image, region: tuple[int, int, int, int]) -> Image.Image:
    x, y, w, h = region
    return image.crop((x, y, x + w, y + h))


def _darkest_max(image: Image.Image, region: tuple[int, int, int, int]) -> int:
    """The brightest channel value anywhere in the region: small means every pixel there is black."""
    return max(high for _, high in _crop(image.convert("RGB"), region).getextrema())  # type: ignore[misc]


def _mean_difference(a: Image.Image, b: Image.Image, region: tuple[int, int, int, int]) -> float:
    diff = ImageChops.difference(_crop(a.convert("RGB"), region), _crop(b.convert("RGB"), region))
    return max(ImageStat.Stat(diff).mean)


def _masked(data: bytes, report: AttachmentReport, limits: InspectLimits = LIMITS) -> FixedAttachment:
    result = fix_attachment(data, report, limits)
    assert isinstance(result, FixedAttachment), result
    return result


def test_the_phone_is_covered_and_the_posting_number_kept() -> None:
    data = _picture()
    result = _masked(data, _report(data, _phone(PHONE)))
    [change] = result.changes
    assert change.what == "masked" and change.detail == {"regions": 1}
    before, after = _decode(data), _decode(result.data)
    assert after.size == before.size
    assert _darkest_max(after, PHONE) <= 30
    assert _mean_difference(before, after, POSTING) <= 6
    assert _mean_difference(before, after, (600, 900, 200, 200)) <= 6
    assert JpegImagePlugin.get_sampling(after) == JpegImagePlugin.get_sampling(before) == 2


def test_the_original_subsampling_is_kept() -> None:
    data = _picture(subsampling=0)  # 4:4:4, as screenshots with coloured text often are
    after = _decode(_masked(data, _report(data, _phone(PHONE))).data)
    assert JpegImagePlugin.get_sampling(after) == 0 and _darkest_max(after, PHONE) <= 30


def test_each_personal_data_code_with_a_region_is_covered() -> None:
    data = _picture()
    codes = (Code.PERSONAL_PHONE, Code.PERSONAL_ID_NUMBER, Code.PERSONAL_BANK_CARD, Code.PERSONAL_EMAIL)
    regions = [(60 + 200 * n, 1000, 150, 30) for n in range(4)]
    hits = [_phone(region, code) for region, code in zip(regions, codes, strict=True)]
    result = _masked(data, _report(data, *hits))
    assert result.changes[0].detail == {"regions": 4}
    after = _decode(result.data)
    assert all(_darkest_max(after, region) <= 30 for region in regions)


def test_a_region_partly_outside_the_picture_is_clipped() -> None:
    data = _picture()
    result = _masked(
        data, _report(data, _phone((-40, HEIGHT - 30, 200, 80)), _phone((WIDTH - 50, 5, 300, 20)))
    )
    after = _decode(result.data)
    assert after.size == (WIDTH, HEIGHT) and result.changes[0].detail == {"regions": 2}
    assert _darkest_max(after, (0, HEIGHT - 30, 160, 30)) <= 30
    assert _darkest_max(after, (WIDTH - 50, 5, 50, 20)) <= 30


def test_a_region_wholly_outside_the_picture_changes_nothing() -> None:
    data = _picture()
    assert fix_attachment(data, _report(data, _phone((WIDTH + 10, 10, 100, 30))), LIMITS) is None


def test_regions_over_most_of_the_picture() -> None:
    data = _picture()
    regions = [(x, y, 80, 30) for y in range(0, int(HEIGHT * 0.9), 30) for x in range(0, WIDTH, 80)]
    result = _masked(data, _report(data, *(_phone(region) for region in regions)))
    assert result.changes[0].detail == {"regions": len(regions)}
    after = _decode(result.data)
    assert _darkest_max(after, (0, 0, WIDTH, int(HEIGHT * 0.9))) <= 30


def test_hits_without_a_usable_region_are_not_masked_and_not_fixable() -> None:
    data = _picture()
    text_hit = AttachmentHit(Code.PERSONAL_PHONE, "", {"masked": "+7 912 ***-**-89"})  # as a PDF's text gives
    broken = [_phone(raw) for raw in ("1,2,3", "a,b,c,d", "10,10,0,5", "10,10,-5,5")]
    other = AttachmentHit(Code.ATTACHMENT_DAMAGED, "", {"region": "1,1,10,10"})
    for hit in (text_hit, *broken, other):
        assert hit_region(hit) is None
        assert not needs_fix(_report(data, hit))
        assert fix_attachment(data, _report(data, hit), LIMITS) is None


def test_the_region_is_in_stored_pixels_and_rotation_and_privacy_survive() -> None:
    data = exif_jpeg(orientation=6)  # stored 900x1200, shown rotated; GPS and a serial in the EXIF
    region = (100, 100, 300, 40)
    result = _masked(data, _report(data, _phone(region)))
    assert [change.what for change in result.changes] == ["metadata_stripped", "masked"]
    after = _decode(result.data)
    assert after.size == (900, 1200) and _darkest_max(after, region) <= 30
    exif = after.getexif()
    assert exif.get(0x0112) == 6 and not exif.get_ifd(0x8825) and 0xA431 not in exif.get_ifd(0x8769)


def test_masking_comes_before_shrinking() -> None:
    data = _picture()
    limits = InspectLimits(max_bytes=len(_masked(data, _report(data, _phone(PHONE))).data) * 2 // 3)
    result = _masked(data, _report(data, _phone(PHONE)), limits)
    whats = [change.what for change in result.changes]
    assert whats[0] == "masked" and whats[-1] in ("reencoded", "downscaled")
    assert len(result.data) <= limits.max_bytes
    after = _decode(result.data)
    scale = after.width / WIDTH
    x, y, w, h = PHONE
    assert _darkest_max(after, (int(x * scale), int(y * scale), int(w * scale), int(h * scale))) <= 30


def test_trailing_data_goes_before_masking() -> None:
    data = _picture()
    result = _masked(data + b"PK\x03\x04hidden", _report(data, _phone(PHONE)))
    assert [change.what for change in result.changes] == ["trailing_removed", "masked"]


def test_apply_fixes_masks_and_judges_the_copy_again() -> None:
    data = _picture()
    report = _report(data, _phone(PHONE))
    assert needs_fix(report) and not needs_fix(report, personal_data_ok=True)
    [outcome] = apply_fixes([("chat.jpg", data)], [report], LIMITS, cache=False)
    assert [change.what for change in outcome.changes] == ["masked"] and outcome.refused is None
    assert outcome.report.path == "chat.jpg" and outcome.report.format == "jpeg"
    assert not [hit for hit in outcome.report.hits if hit.code.startswith("P")]  # judged again, not copied
    assert _darkest_max(_decode(outcome.data), PHONE) <= 30


def test_apply_fixes_leaves_vouched_personal_data_alone() -> None:
    data = _picture()
    report = _report(data, _phone(PHONE))
    [outcome] = apply_fixes([("chat.jpg", data)], [report], LIMITS, cache=False, personal_data_ok=[True])
    assert outcome.data == data and outcome.changes == () and outcome.refused is None
    assert outcome.report == report  # its hits stay, for the case to turn into notes


def test_a_pdf_with_personal_data_in_its_text_is_not_refused_a_fix() -> None:
    pdf = b"%PDF-1.7\n"
    report = AttachmentReport("a.pdf", len(pdf), None, "pdf", 1, None, None, (_phone("1,2,3"),))
    [outcome] = apply_fixes([("a.pdf", pdf)], [report], LIMITS, cache=False)
    assert outcome.data == pdf and outcome.changes == () and outcome.refused is None


def test_the_masked_step_has_a_message_in_both_languages() -> None:
    assert "black" in text("en", "cli.fix", "masked")
    assert "遮盖" in text("zh", "cli.fix", "masked")


def test_a_converted_copy_that_shows_personal_data_is_masked_in_a_second_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PNG is named as a PNG and not read; its JPEG copy is, and what that reading finds is covered."""
    image = _decode(_picture())
    out = io.BytesIO()
    image.save(out, "PNG")
    png = out.getvalue()
    wrong = AttachmentHit(Code.ATTACHMENT_WRONG_FORMAT, "png", {})
    report = AttachmentReport("chat.png", len(png), None, "png", None, WIDTH, HEIGHT, (wrong,))

    def reads_a_phone(
        named: Sequence[tuple[str, bytes]], *args: object, **kwargs: object
    ) -> list[AttachmentReport]:
        return [replace(r, hits=(*r.hits, _phone(PHONE))) for r in inspect_blobs(named, *args, **kwargs)]  # type: ignore[arg-type]

    monkeypatch.setattr(fix_batch, "inspect_blobs", reads_a_phone)
    [outcome] = apply_fixes([("chat.png", png)], [report], LIMITS, cache=False)
    assert [change.what for change in outcome.changes] == ["converted", "masked"] and outcome.refused is None
    assert _darkest_max(_decode(outcome.data), PHONE) <= 30
    assert outcome.changes[0].after_sha256 == outcome.changes[1].before_sha256
    [vouched] = apply_fixes([("chat.png", png)], [report], LIMITS, cache=False, personal_data_ok=[True])
    assert [change.what for change in vouched.changes] == ["converted"]


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_greyscale_and_cmyk_pictures_are_covered_in_black(mode: str) -> None:
    out = io.BytesIO()
    _decode(_picture()).convert(mode).save(out, "JPEG", quality=85)
    data = out.getvalue()
    after = _decode(_masked(data, _report(data, _phone(PHONE))).data)
    assert after.mode == mode and _darkest_max(after, PHONE) <= 30
    assert _mean_difference(_decode(data), after, POSTING) <= 6


def test_a_copy_read_again_is_covered_again_only_where_it_shows_something_new(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name half-read beside a phone reads whole once the phone is covered: that new place is covered
    in one more pass; a place already covered is never covered again, so the passes end."""
    data = _picture()
    reads = []

    def reads_the_posting_once(
        named: Sequence[tuple[str, bytes]], *args: object, **kwargs: object
    ) -> list[AttachmentReport]:
        reads.append(len(named))
        extra = (_phone(POSTING),) if len(reads) == 1 else (_phone(PHONE),)
        return [replace(r, hits=(*r.hits, *extra)) for r in inspect_blobs(named, *args, **kwargs)]  # type: ignore[arg-type]

    monkeypatch.setattr(fix_batch, "inspect_blobs", reads_the_posting_once)
    [outcome] = apply_fixes([("chat.jpg", data)], [_report(data, _phone(PHONE))], LIMITS, cache=False)
    assert [change.what for change in outcome.changes] == ["masked", "masked"] and outcome.refused is None
    assert _darkest_max(_decode(outcome.data), POSTING) <= 30 and len(reads) == 2
