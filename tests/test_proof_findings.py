"""C197–C200: the case's IDs, dates and kinds of evidence against what its files show (issue 26, item 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from factories import make_text_pdf, variant, write_case
from kit.cli import RunCli
from ozon_urgent.attachments.model import AttachmentHit, AttachmentReport
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.casefile.opening import open_case
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.proof import proof_findings
from ozon_urgent.findings import Code
from ozon_urgent.findings.words import words

PROOF = {"C197", "C198", "C199", "C200"}


def _case(tmp_path: Path, scenario: str, files: dict[str, list[str]], **changes: object) -> Path:
    """A base case whose named evidence files hold exactly the given lines of text."""
    folder = tmp_path / "case"
    for name, lines in files.items():
        (folder / "evidence").mkdir(parents=True, exist_ok=True)
        (folder / "evidence" / name).write_bytes(make_text_pdf([lines]))
    return write_case(folder, variant(scenario, dict(changes)))


def _both(lines: list[str]) -> dict[str, list[str]]:
    """Both of a delisting case's files (tracking, buyer chat) showing the same lines."""
    return {"logistics_tracking.pdf": lines, "buyer_communication.pdf": lines}


def _proof(run_cli: RunCli, case: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", "--today", "2026-11-26", *extra, case)
    found = json.loads(result.stdout)["cases"][0]["findings"]
    return result.exit_code, [f for f in found if f["code"] in PROOF]


def test_an_id_no_file_shows_is_named_at_its_line(run_cli: RunCli, tmp_path: Path) -> None:
    lines = ["Tracking 57195475-0050-3 delivered, SKU 498274975", "Date 2026-11-01"]
    case = _case(tmp_path, "misjudged_delisting", _both(lines))
    code, found = _proof(run_cli, case)
    [hit] = found
    assert hit["code"] == "C197" and hit["severity"] == "warning" and code == 0
    assert hit["path"] == "affected.postings[1]" and "57195475-0051-1" in str(hit["message"])
    assert "57195475-0051-1" in str(hit["hint"])
    strict, _ = _proof(run_cli, case, "--strict")
    assert strict == 1


def test_the_finding_in_chinese_names_the_id(run_cli: RunCli, tmp_path: Path) -> None:
    lines = ["Tracking 57195475-0050-3, SKU 498274975", "Date 2026-11-01"]
    case = _case(tmp_path, "misjudged_delisting", _both(lines))
    result = run_cli("check", "--lang", "zh", "--today", "2026-11-26", case)
    assert "57195475-0051-1" in result.stdout and "所有附件中都找不到这个 ID" in result.stdout


def test_a_file_that_shows_nothing_it_claims(run_cli: RunCli, tmp_path: Path) -> None:
    files = {
        "logistics_tracking.pdf": ["Tracking 57195475-0050-3 57195475-0051-1 SKU 498274975", "2026-11-01"],
        "buyer_communication.pdf": ["Chat with a buyer about order 99887766-0001-1", "2025-03-02"],
    }
    case = _case(
        tmp_path, "misjudged_delisting", files, **{"evidence[1].file": "evidence/buyer_communication.pdf"}
    )
    _, found = _proof(run_cli, case)
    nothing = [f for f in found if f["code"] == "C198"]
    assert [f["path"] for f in nothing] == ["evidence[1].file"]
    assert "buyer_communication.pdf" in str(nothing[0]["message"])


def test_dates_outside_covers_are_named(run_cli: RunCli, tmp_path: Path) -> None:
    lines = ["Tracking 57195475-0050-3 57195475-0051-1 SKU 498274975", "2026-11-01", "2026-12-28 delivered"]
    case = _case(tmp_path, "misjudged_delisting", {"logistics_tracking.pdf": lines})
    _, found = _proof(run_cli, case)
    [outside] = [f for f in found if f["code"] == "C199"]
    assert "2026-12-28" in str(outside["message"]) and "2026-11-01" not in str(outside["message"])
    assert outside["path"] == "evidence[0].file"


def test_a_decision_that_is_the_sellers_own_table(run_cli: RunCli, tmp_path: Path) -> None:
    table = [
        "Our table: dispute D-55810, postings 57195475-0050-3 57195475-0051-1",
        "SKU 498274975 2026-11-01",
    ]
    case = _case(tmp_path, "malicious_returns", {"platform_decision.pdf": table})
    _, found = _proof(run_cli, case)
    [lacks] = [f for f in found if f["code"] == "C200"]
    assert str(lacks["path"]).startswith("evidence[") and lacks["severity"] == "warning"
    assert "nine digits" in str(lacks["message"]) and "platform_decision" in str(lacks["message"])
    ozon = [
        "Ozon decision on request 123456789, 2026-11-01",
        "57195475-0050-3 57195475-0051-1 SKU 498274975",
    ]
    again = _case(tmp_path / "ozon", "malicious_returns", {"platform_decision.pdf": ozon})
    _, found = _proof(run_cli, again)
    assert not [f for f in found if f["code"] == "C200"]


def _opened(tmp_path: Path, **changes: object) -> tuple[object, object, str]:
    case = write_case(tmp_path / "unit", variant("misjudged_delisting", dict(changes)))
    opened = open_case(case, str(case))
    assert opened.case is not None and opened.loaded is not None
    return opened.case, opened.loaded, str(case)


def _report(text: str | None, *hits: AttachmentHit) -> AttachmentReport:
    indexer = Indexer()
    if text is not None:
        indexer.add(text)
    return AttachmentReport("f", 1, "0" * 64, "pdf", 1, None, None, hits, indexer.shown())


def _codes(tmp_path: Path, *reports: AttachmentReport) -> list[tuple[str, str]]:
    case, loaded, display = _opened(tmp_path)
    found = proof_findings(case, loaded, display, list(enumerate(reports)), load_catalog())  # type: ignore[arg-type]
    return [(f.code, f.variant) for f in found]


def test_an_unread_file_is_never_missing_proof(tmp_path: Path) -> None:
    read = _report("Tracking 57195475-0050-3 SKU 498274975 2026-11-01")
    unread = _report(None)
    found = _codes(tmp_path, read, unread)
    assert found == [("C197", "unread_one")]
    case, loaded, display = _opened(tmp_path / "again")
    [note] = proof_findings(case, loaded, display, [(0, read), (1, unread)], load_catalog())  # type: ignore[arg-type]
    assert note.severity.value == "info" and note.params["count"] == 1


def test_a_file_read_in_part_is_never_missing_proof(tmp_path: Path) -> None:
    partial = AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, "text_time", {})
    read = _report("Tracking 57195475-0050-3 SKU 498274975 2026-11-01")
    cut = _report("Chat 2026-11-01", partial)
    assert _codes(tmp_path, read, cut) == [("C197", "unread_one")]


def test_the_note_on_one_id_not_yet_confirmed_names_it_alone(tmp_path: Path) -> None:
    """One ID is not "1 ID, the first being …": the note names it; two or more are counted."""
    read = _report("Tracking 57195475-0050-3 SKU 498274975 2026-11-01")
    case, loaded, display = _opened(tmp_path)
    [one] = proof_findings(case, loaded, display, [(0, read)], load_catalog(), complete=False)  # type: ignore[arg-type]
    said = words(one, "zh")
    assert said.message == (
        "ID 57195475-0051-1 在已检查的附件里没有出现；部分附件尚未检查，暂时无法确认这个 ID 是否有证据"
    )
    assert said.hint == "把证据文件放齐后，再运行一次 `ozon-urgent check`。"
    assert words(one, "en").message.startswith("57195475-0051-1 appears in none of the attachments checked;")
    none = _report("Chat 2026-11-01")
    [many] = proof_findings(case, loaded, display, [(0, none)], load_catalog(), complete=False)  # type: ignore[arg-type]
    assert words(many, "zh").message.startswith("列出的 3 个 ID（第一个是 57195475-0050-3）")
    assert words(many, "zh").hint == said.hint


def test_an_ocr_posting_with_its_dash_lost_counts_as_shown(tmp_path: Path) -> None:
    ocr = _report("Tracking 57195475-0050-3 and 5719547500511 SKU 498274975 on 2026-11-01")
    assert _codes(tmp_path, ocr, ocr) == []


def test_a_near_miss_is_not_shown(tmp_path: Path) -> None:
    near = _report("Tracking 57195475-0050-3 and 57195475-0051-7 SKU 498274975 on 2026-11-01")
    assert _codes(tmp_path, near, near) == [("C197", "")]


def test_a_single_day_document_names_other_days_without_a_finding(tmp_path: Path) -> None:
    case, loaded, display = _opened(
        tmp_path, **{"evidence[0].covers": None, "evidence[0].date": "2026-11-01"}
    )
    text = "Contract 57195475-0050-3 57195475-0051-1 SKU 498274975 signed 2026-11-01, valid to 2027-11-01"
    other = _report("Contract 57195475-0050-3 57195475-0051-1 SKU 498274975 signed 2026-10-01")
    catalog = load_catalog()
    ok = proof_findings(case, loaded, display, [(0, _report(text)), (1, _report(text))], catalog)  # type: ignore[arg-type]
    assert not [f for f in ok if f.path == ("evidence", 0, "file")]
    bad = proof_findings(case, loaded, display, [(0, other), (1, _report(text))], catalog)  # type: ignore[arg-type]
    [hit] = [f for f in bad if f.path == ("evidence", 0, "file")]
    assert (hit.code, hit.variant) == ("C199", "date") and hit.params["dates"] == date(
        2026, 10, 1
    ).isoformat()


def test_must_show_is_catalog_data() -> None:
    kinds = load_catalog().kinds
    assert kinds["carrier_statement"].must_show == ("date", "postings")
    assert kinds["compensation_voucher"].must_show == ("amount",)
    assert kinds["platform_decision"].must_show == ("ozon_number",)
