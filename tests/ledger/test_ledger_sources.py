"""What `record` hashes from a case's evidence: only what build and follow-up would read, nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ledger_testkit import make_pdf, write_case

from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.findings.codes import Code
from ozon_urgent.pipeline.case_facts import DEFAULT_MAX_BYTES, read_case_facts

KINDS = {
    "carrier_statement": "kept",
    "compensation_voucher": "link",
    "logistics_tracking": "big",
    "other": "gone",
}


def _case_with_every_kind_of_file(tmp_path: Path, big: bytes) -> tuple[Path, list[str]]:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"], evidence=KINDS)
    files = [f"evidence/carrier-a-{n}-{kind}.pdf" for n, kind in enumerate(KINDS, 1)]
    kept, link, too_big, gone = (tmp_path / name for name in files)
    link.unlink()
    link.symlink_to(kept)  # inside the case folder: build follows it to `kept`, as check does
    too_big.write_bytes(big)
    gone.unlink()
    return case, files


def test_files_over_the_limit_missing_files_and_links_out_are_not_sources(tmp_path: Path) -> None:
    case, files = _case_with_every_kind_of_file(tmp_path, make_pdf("x" * 2000))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.pdf"
    outside.write_bytes(make_pdf("outside"))
    (tmp_path / "evidence" / "escape.pdf").symlink_to(outside)
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace(files[3], "evidence/escape.pdf"), encoding="utf-8")

    sources = read_case_facts(case).sources(max_bytes=1000)

    kept = hashlib.sha256(make_pdf("kept")).hexdigest()
    assert sources == [(files[0], kept), (files[1], kept)]
    too_big = read_evidence(tmp_path / files[2], 1000).hit
    assert too_big is not None and too_big.code is Code.ATTACHMENT_TOO_LARGE


def test_without_a_limit_given_a_file_is_refused_one_byte_over_five_mebibytes(tmp_path: Path) -> None:
    case, files = _case_with_every_kind_of_file(tmp_path, make_pdf("").ljust(DEFAULT_MAX_BYTES + 1, b"%"))
    at_the_limit = make_pdf("").ljust(DEFAULT_MAX_BYTES, b"%")
    (tmp_path / files[0]).write_bytes(at_the_limit)

    sources = read_case_facts(case).sources()

    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    digest = hashlib.sha256(at_the_limit).hexdigest()
    assert sources == [(files[0], digest), (files[1], digest)]  # files[1] links to files[0]
