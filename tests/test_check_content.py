"""`check` and `build` judge evidence by content, locate it in the case; `--fix` makes compliant copies."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from PIL import Image

from factories import make_jpeg, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir


def _png() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(make_jpeg())).save(out, "PNG")
    return out.getvalue()


def _case_with(tmp_path: Path, name: str, data: bytes, **changes: object) -> Path:
    folder = tmp_path / "case"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / name).write_bytes(data)
    return write_case(
        folder, variant("misjudged_delisting", {"evidence[1].file": f"evidence/{name}", **changes})
    )


def findings(run_cli: RunCli, *args: str | Path) -> tuple[int, list[dict[str, object]]]:
    result = run_cli(*args[:1], "--format", "json", *args[1:])
    return result.exit_code, json.loads(result.stdout)["cases"][0]["findings"]


def test_renamed_png_is_located_at_its_evidence_entry(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case_with(tmp_path, "chat.jpg", _png())
    code, found = findings(run_cli, "check", case)
    [hit] = [f for f in found if f["code"] == "A202"]
    assert code == 1 and "PNG" in str(hit["message"]) and hit["path"] == "evidence[1].file"
    assert hit["file"] == str(case.parent / "evidence" / "chat.jpg")
    assert hit["line"] is None  # a line of the picture means nothing; `path` is its entry in the case


def test_no_content_skips_the_evidence_files(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case_with(tmp_path, "chat.jpg", _png())
    code, found = findings(run_cli, "check", "--no-content", case)
    assert code == 0 and not [f for f in found if str(f["code"]).startswith("A")]


def test_personal_data_ok_turns_findings_into_notes(run_cli: RunCli, tmp_path: Path) -> None:
    from factories import make_pdf

    pdf = make_pdf("Carrier hotline +7 912 345-67-89")
    case = _case_with(tmp_path, "statement.pdf", pdf)
    code, found = findings(run_cli, "check", case)
    [phone] = [f for f in found if f["code"] == "P300"]
    assert code == 1 and phone["severity"] == "error" and "345-67-89" not in str(phone["message"])
    ok = _case_with(tmp_path / "again", "statement.pdf", pdf, **{"evidence[1].personal_data_ok": True})
    code, found = findings(run_cli, "check", ok)
    assert code == 0 and [f["severity"] for f in found if f["code"] == "P300"] == ["info"]


def test_fix_preview_then_fixed_copy_input_untouched(run_cli: RunCli, tmp_path: Path) -> None:
    png = _png()
    case = _case_with(tmp_path, "chat.jpg", png)
    code, found = findings(run_cli, "check", "--fix", case)
    assert code == 1 and any(f["code"] == "B004" and "would" in str(f["message"]) for f in found)
    unfixed = run_cli("build", "--out", tmp_path / "out", case)  # not without --fix
    assert unfixed.exit_code == 1 and ": A202 error: this is a PNG image, not a JPEG" in unfixed.stdout
    assert not (tmp_path / "out").exists()
    code, found = findings(run_cli, "build", "--fix", "--out", tmp_path / "out", case)
    assert code == 0
    [change] = [f for f in found if f["code"] == "B004"]
    assert "converted to JPEG" in str(change["message"]) and hashlib.sha256(png).hexdigest()[:12] in str(
        change["message"]
    )
    pack = pack_dir(tmp_path / "out", "test-misjudged-delisting")
    fixed = pack / "attachments" / "02-perepiska-s-pokupatelem.jpg"
    assert fixed.read_bytes()[:3] == b"\xff\xd8\xff"
    data = json.loads((pack / "ticket.json").read_text("utf-8"))
    assert data["attachments"][1]["sha256"] == hashlib.sha256(fixed.read_bytes()).hexdigest()
    assert (case.parent / "evidence" / "chat.jpg").read_bytes() == png


def test_evidence_that_changes_after_checking_is_what_the_pack_holds(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case_with(tmp_path, "chat.jpg", make_jpeg())
    code, _ = findings(run_cli, "build", "--out", tmp_path / "out", case)
    assert code == 0
    built = pack_dir(tmp_path / "out", "test-misjudged-delisting")
    data = json.loads((built / "ticket.json").read_text("utf-8"))
    copied = built / "attachments" / "02-perepiska-s-pokupatelem.jpg"
    assert data["attachments"][1]["sha256"] == hashlib.sha256(copied.read_bytes()).hexdigest()
    assert copied.read_bytes() == (case.parent / "evidence" / "chat.jpg").read_bytes()


def test_a_bad_file_in_one_case_does_not_stop_the_others(run_cli: RunCli, tmp_path: Path) -> None:
    bad = _case_with(tmp_path / "a", "chat.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    good = write_case(tmp_path / "b", variant("carrier_failure", {}))
    result = run_cli("check", "--format", "json", bad, good)
    cases = json.loads(result.stdout)["cases"]
    assert result.exit_code == 1 and [c["status"] for c in cases] == ["fail", "ok"]
    errors = [[(f["code"], f["path"]) for f in c["findings"] if f["severity"] == "error"] for c in cases]
    assert errors == [[("A203", "evidence[1].file")], []]  # the damaged JPEG, and nothing in the other


def _gps_photo() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 45.0, 30.0), 3: "E", 4: (37.0, 36.0, 0.0)})
    out = io.BytesIO()
    Image.open(io.BytesIO(make_jpeg(text="Hidden"))).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_hidden_after_the_picture_is_an_error_until_fixed(run_cli: RunCli, tmp_path: Path) -> None:
    shown = make_jpeg()
    case = _case_with(tmp_path, "chat.jpg", shown + _gps_photo())
    code, found = findings(run_cli, "check", case)
    [hidden] = [f for f in found if f["code"] == "A214"]
    assert code == 1 and hidden["severity"] == "error" and hidden["path"] == "evidence[1].file"
    assert "another picture" in str(hidden["message"]) and "GPS" in str(hidden["message"])
    code, found = findings(run_cli, "build", "--fix", "--out", tmp_path / "out", case)
    assert code == 0 and not [f for f in found if f["code"] == "A214"]
    [change] = [f for f in found if f["code"] == "B004"]
    assert "data after the end of the picture removed" in str(change["message"])
    built = pack_dir(tmp_path / "out", "test-misjudged-delisting")
    copied = built / "attachments" / "02-perepiska-s-pokupatelem.jpg"
    assert copied.read_bytes() == shown  # no second picture, so no GPS position either
    assert not Image.open(copied).getexif().get_ifd(0x8825)


def test_a_zip_in_a_pdf_is_an_error_as_after_a_jpeg(run_cli: RunCli, tmp_path: Path) -> None:
    from factories import make_pdf

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("buyers.csv", "name,phone\n")
    severities = {}
    for name, data in (("statement.pdf", make_pdf()), ("chat.jpg", make_jpeg())):
        case = _case_with(tmp_path / name, name, data + archive.getvalue())
        code, found = findings(run_cli, "check", case)
        [hidden] = [f for f in found if f["code"] == "A214"]
        severities[name] = (code, hidden["severity"])
    assert severities == {"statement.pdf": (1, "error"), "chat.jpg": (1, "error")}


def test_phone_in_a_chat_screenshot_is_found_at_its_evidence_line(run_cli: RunCli, tmp_path: Path) -> None:
    """The screenshot's text is read by the real Tesseract; the finding points at the evidence entry."""
    from PIL import ImageDraw, ImageFont

    font = Path(__file__).parents[1] / "src" / "ozon_urgent" / "data" / "fonts" / "DejaVuSans-subset.ttf"
    image = Image.new("RGB", (1080, 1920), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(["Здравствуйте! Заказ 57195475-0050-3", "Мой телефон +7 916 123-45-67"]):
        draw.text((80, 200 + 130 * row), text, fill=(20, 20, 20), font=ImageFont.truetype(str(font), 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    case = _case_with(tmp_path, "chat.jpg", out.getvalue())
    code, found = findings(run_cli, "check", case)
    [phone] = [f for f in found if f["code"] == "P300"]
    assert code == 1 and phone["path"] == "evidence[1].file" and "+7 916 ***-**-67" in str(phone["message"])
    assert "123-45" not in json.dumps(found, ensure_ascii=False)
    assert str(phone["file"]).endswith("chat.jpg") and phone["line"] is None


def test_a_missing_ocr_engine_is_said_for_every_picture_and_its_install_hint_once(tmp_path: Path) -> None:
    """Three cases with a screenshot each and no engine: every picture is "not read" (never clean), and
    the install commands are printed once; later findings refer to them."""
    import os
    import subprocess
    import sys

    from ozon_urgent.attachments.tessdata import ENGINE_ENV

    for index in range(3):
        folder = tmp_path / f"case{index}"
        (folder / "evidence").mkdir(parents=True)
        (folder / "evidence" / "chat.jpg").write_bytes(make_jpeg(text=f"Chat {index}"))
        write_case(
            folder,
            variant("misjudged_delisting", {"case_id": f"c{index}", "evidence[1].file": "evidence/chat.jpg"}),
        )
    env = {**os.environ, ENGINE_ENV: str(tmp_path / "no-such-tesseract"), "OZON_URGENT_TODAY": "2026-11-26"}
    for lang, above in (("en", "(the same hint as for A217 above)"), ("zh", "（处理方法同上文 A217）")):
        done = subprocess.run(
            [sys.executable, "-m", "ozon_urgent", "check", "--lang", lang, str(tmp_path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.stdout.count(": A217 ") == 3, done.stdout
        assert done.stdout.count("apt-get install tesseract-ocr tesseract-ocr-rus") == 1
        assert done.stdout.count("winget install UB-Mannheim.TesseractOCR") == 1
        assert done.stdout.count(above) == 2
        assert "Traceback" not in done.stderr
