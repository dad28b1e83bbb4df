"""`followup` passes new evidence through the gate `build` uses: paths, format, content, `--fix`."""

from __future__ import annotations

import hashlib
import io
import json
import random
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from ledger_testkit import FrozenClock, clear_user_variables, make_pdf, run, write_case
from PIL import Image

from kit.packs import pack_dir
from ozon_urgent.ledger.workdays import MOSCOW

FILED = datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW)
DUE = datetime(2026, 11, 26, 9, 0, tzinfo=MOSCOW)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FILED)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


def png_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), (200, 180, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def noise_png() -> bytes:
    buffer = io.BytesIO()
    Image.frombytes("RGB", (700, 900), random.Random(7).randbytes(700 * 900 * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def add_evidence(case: Path, file: str, kind: str = "logistics_tracking") -> None:
    data = yaml.safe_load(case.read_text("utf-8"))
    entry = {"file": file, "kind": kind, "date": "2026-11-18", "caption_ru": "Новый документ"}
    data["evidence"].append(entry)
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def cover_the_window(case: Path) -> None:
    """The first file covers the metric's 60-day window, so the case builds (C150)."""
    data = yaml.safe_load(case.read_text("utf-8"))
    data["evidence"][0]["covers"] = {"from": "2026-09-17", "to": "2026-11-15"}
    del data["evidence"][0]["date"]
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def recorded_case(tmp_path: Path, ledger: Path, clock: FrozenClock) -> Path:
    case = write_case(tmp_path / "store", "carrier-a", ["57195475-0050-3"])
    assert run("record", case, "--ref", "SR-77", "--ledger", ledger, clock=clock).exit_code == 0
    clock.now = DUE
    return case


def followups(ledger: Path) -> int:
    with sqlite3.connect(ledger) as db:
        return int(db.execute("SELECT COUNT(*) FROM followups").fetchone()[0])


def test_a_path_that_climbs_out_of_the_case_folder_is_refused(
    tmp_path: Path, ledger: Path, clock: FrozenClock
) -> None:
    case = recorded_case(tmp_path, ledger, clock)
    (tmp_path / "outside.pdf").write_bytes(make_pdf("Someone else's file"))
    add_evidence(case, "../outside.pdf")

    result = run("followup", case, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)

    assert result.exit_code == 1
    assert "C182" in result.stdout and "carrier-a.yaml" in result.stdout
    assert "no follow-up written and nothing recorded for carrier-a" in result.stderr
    assert not (tmp_path / "out").exists()
    assert followups(ledger) == 0


def test_a_symlink_inside_the_folder_gets_the_same_verdict_as_in_check_and_build(
    tmp_path: Path, ledger: Path, clock: FrozenClock
) -> None:
    case = recorded_case(tmp_path, ledger, clock)
    real = case.parent / "evidence" / "scan.pdf"
    real.write_bytes(make_pdf("Tracking 57195475-0050-3"))
    (case.parent / "evidence" / "link.pdf").symlink_to(real)
    add_evidence(case, "evidence/link.pdf")

    checked = run("check", case, clock=clock)
    result = run("followup", case, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)

    assert "evidence[2]" not in checked.stdout and "link.pdf" not in checked.stdout, checked.stdout
    assert result.exit_code == 0, result.stdout + result.stderr
    [sent] = (pack_dir(tmp_path / "out", "carrier-a-followup-1") / "attachments").iterdir()
    assert sent.read_bytes() == real.read_bytes() and not sent.is_symlink()


def test_a_png_is_refused_without_fix_and_sent_as_jpeg_with_it(
    tmp_path: Path, ledger: Path, clock: FrozenClock
) -> None:
    case = recorded_case(tmp_path, ledger, clock)
    photo = png_photo()
    (case.parent / "evidence" / "photo.png").write_bytes(photo)
    add_evidence(case, "evidence/photo.png")
    before = case.read_bytes()

    refused = run("followup", case, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)
    assert refused.exit_code == 1
    assert "A202" in refused.stdout and "--fix" in refused.stdout
    assert not (tmp_path / "out").exists() and followups(ledger) == 0

    fixed = run("followup", case, "--fix", "--ledger", ledger, "--out", tmp_path / "out", clock=clock)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert "B004" in fixed.stdout  # what --fix changed is said, as in build
    pack = pack_dir(tmp_path / "out", "carrier-a-followup-1")
    [sent] = (pack / "attachments").iterdir()
    assert sent.name == "03-novyi-dokument.jpg" and sent.read_bytes().startswith(b"\xff\xd8\xff")
    assert case.read_bytes() == before and (case.parent / "evidence" / "photo.png").read_bytes() == photo

    # Both the seller's PNG and the JPEG sent are known now: neither is offered again, with or without --fix.
    with sqlite3.connect(ledger) as db:
        rows = set(db.execute("SELECT role, sha256 FROM evidence WHERE followup = 1"))
    assert rows == {
        ("attachment", hashlib.sha256(sent.read_bytes()).hexdigest()),
        ("source", hashlib.sha256(photo).hexdigest()),
    }
    clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=MOSCOW)
    for extra in ([], ["--fix"]):
        again = run("followup", case, *extra, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)
        assert again.exit_code == 1 and "nothing new" in again.stderr


def test_after_build_fix_the_original_photo_over_the_limit_counts_as_sent(
    tmp_path: Path, ledger: Path, clock: FrozenClock
) -> None:
    """The seller's PNG is over the size limit (here 1 MB by policy): build --fix sent a JPEG copy. The
    follow-up recognises the original by its hash instead of refusing it as too large (A201)."""
    case = write_case(tmp_path / "store", "carrier-a", ["57195475-0050-3"])
    (case.parent / "ozon-urgent.toml").write_text("max_attachment_bytes = 1_000_000\n")
    photo = noise_png()
    assert len(photo) > 1_000_000
    (case.parent / "evidence" / "photo.png").write_bytes(photo)
    add_evidence(case, "evidence/photo.png")
    cover_the_window(case)
    options = ("--fix", "--today", "2026-11-20", "--ledger", ledger, "--out", tmp_path / "packs")
    built = run("build", case, *options, clock=clock)
    assert built.exit_code == 0, built.stdout
    assert run("record", case, "--ref", "SR-77", "--ledger", ledger, clock=clock).exit_code == 0
    clock.now = DUE
    (case.parent / "evidence" / "new.pdf").write_bytes(make_pdf("New tracking 57195475-0050-3"))
    add_evidence(case, "evidence/new.pdf", "carrier_statement")

    result = run("followup", case, "--ledger", ledger, "--out", tmp_path / "out", clock=clock)

    assert result.exit_code == 0, result.stdout + result.stderr
    pack = pack_dir(tmp_path / "out", "carrier-a-followup-1")
    meta = json.loads((pack / "followup.json").read_text("utf-8"))
    assert [a["name"] for a in meta["attachments"]] == ["04-novyi-dokument.pdf"]


def test_check_and_build_judge_a_link_under_the_name_the_case_wrote(tmp_path: Path) -> None:
    """A link `evidence/photo.jpg` to a PDF: the extension mismatch is the written name's, in both."""
    case = write_case(tmp_path / "store", "carrier-a", ["57195475-0050-3"])
    real = case.parent / "evidence" / "scan.pdf"
    real.write_bytes(make_pdf("Tracking 57195475-0050-3"))
    (case.parent / "evidence" / "photo.jpg").symlink_to(real)
    add_evidence(case, "evidence/photo.jpg")
    cover_the_window(case)

    checked = json.loads(run("check", "--format", "json", "--no-cache", "--today", "2026-11-20", case).stdout)
    built = json.loads(
        run(
            "build", "--format", "json", "--no-cache", "--today", "2026-11-20", "--out", tmp_path / "o", case
        ).stdout
    )

    def mismatch(report: Any) -> list[str]:
        [found] = report["cases"]
        return [f["path"] for f in found["findings"] if f["code"] == "A209"]

    assert built["cases"][0]["build"] == "built", built
    assert mismatch(checked) == mismatch(built) == ["evidence[2].file"]
