"""Every problem in one run: a field the schema refuses no longer hides the checks that can still run."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

from PIL import Image

from kit.cli import RunCli
from kit.repo import REPO
from ozon_urgent.casefile.loader import compose
from ozon_urgent.casefile.partial import partial_case

EXAMPLE = REPO / "examples" / "cases" / "haoyun-auto-carrier-failure-2026-11"


def _five_problems(tmp_path: Path) -> Path:
    """The carrier-failure example with a bad date, 全部 for its postings, no period, Chinese in the
    Russian text and a PNG among the evidence."""
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE, folder)
    case = folder / "case.yaml"
    text = case.read_text("utf-8")
    text = text.replace("  received: 2026-11-20", "  received: 2026/11/20")
    text, postings = re.subn(r"  postings:\n(?:    - .*\n)+", "  postings: 全部\n", text)
    text = text.replace("period: {from: 2026-10-27, to: 2026-11-09}\n", "")
    text = text.replace("нам 17.11.2026 (файл 02).", "нам 17.11.2026 (файл 02). 请尽快处理。")
    text = text.replace("evidence/handover-acts.jpg", "evidence/handover-acts.png")
    assert postings == 1 and "period:" not in text and "2026/11/20" in text and "请" in text
    case.write_text(text, "utf-8")
    (folder / "evidence" / "handover-acts.jpg").unlink()
    png = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(png, "PNG")
    (folder / "evidence" / "handover-acts.png").write_bytes(png.getvalue())
    return case


def _codes(run_cli: RunCli, *args: str | Path) -> tuple[int, list[tuple[str, str]]]:
    result = run_cli("check", "--format", "json", *args)
    found = json.loads(result.stdout)["cases"][0]["findings"]
    return result.exit_code, [(f["code"], f["path"]) for f in found]


def test_five_problems_are_reported_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    code, found = _codes(run_cli, _five_problems(tmp_path))
    assert code == 1
    assert set(found) >= {
        ("S003", "notification.received"),  # the bad date
        ("C122", "affected.postings"),  # 全部
        ("C140", "period"),  # no period
        ("C171", "explanation.facts.ru"),  # Chinese in the Russian text
        ("A202", "evidence[2].file"),  # a PNG
    }


def test_a_check_that_reads_a_refused_field_is_not_reported(run_cli: RunCli, tmp_path: Path) -> None:
    """The appeal-window check reads `notification.received`; with that date refused it would judge
    the stand-in, so it is not reported, even on a day when the real date would be long past."""
    case = _five_problems(tmp_path)
    _, found = _codes(run_cli, "--today", "2027-06-01", case)
    assert ("C160", "notification.received") not in found and ("S003", "notification.received") in found
    # C120 (postings required) reads `affected`, where 全部 was refused: C122 says it already.
    assert not [path for code, path in found if code == "C120"]


def test_a_partial_case_is_never_built(run_cli: RunCli, tmp_path: Path) -> None:
    case = _five_problems(tmp_path)
    result = run_cli("build", "--out", tmp_path / "out", "--ledger", tmp_path / "l.sqlite3", case)
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_what_cannot_be_set_aside_leaves_the_schema_findings_alone() -> None:
    """An evidence entry whose own `file` is refused cannot be judged or located: no partial case."""
    assert partial_case(
        compose("scenario: carrier_failure\nseller: 7\nnotification: {received: 2026-11-20}\n")
    )
    assert partial_case(compose("- a\n- b\n")) is None  # not a mapping at all
    broken_entry = (
        "scenario: carrier_failure\nseller: {store_name: A, client_id: '1'}\n"
        'notification: {received: 2026-11-20}\nevidence:\n  - {file: "evidence/a\\tb.pdf", kind: other}\n'
    )
    assert partial_case(compose(broken_entry)) is None


def test_the_partial_case_taints_only_what_was_refused() -> None:
    text = (
        "scenario: carrier_failure\nseller: {store_name: A, client_id: '1'}\n"
        "notification: {received: 2026/11/20}\naffected: {postings: ['57195475-0050-3', 'x', all]}\n"
    )
    partial = partial_case(compose(text))
    assert partial is not None
    assert partial.tainted == {"notification", "affected"}
    assert partial.case.affected.postings == ["57195475-0050-3"]  # the refused items dropped


def test_a_misspelt_key_holds_back_the_checks_of_the_key_it_meant(run_cli: RunCli) -> None:
    """`evidense:` is S001; the missing `evidence` it stands for is not reported as well (C130)."""
    invalid = REPO / "examples" / "invalid" / "unknown-key-typo.yaml"
    _, found = _codes(run_cli, invalid)
    assert [code for code, _ in found if code != "C162"] == ["S001"]  # C162: the example's `as_of` note
