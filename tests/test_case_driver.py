"""One pass per case: `check` and `build` take their cases from one driver that checks each file once, with
the findings only the whole batch can make attached before the case is judged, built or reported."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import TODAY, base_case, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from ozon_urgent.attachments.pool import Task
from ozon_urgent.checking import engine
from ozon_urgent.checking.crosscase import CaseSummary
from ozon_urgent.checking.engine import CheckOptions
from ozon_urgent.pipeline import driver
from ozon_urgent.pipeline.driver import CaseBatch


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each case file is checked in the run."""
    seen: Counter[str] = Counter()
    real = engine.check_case

    def counted(file: Path, *args: object, **kwargs: object) -> engine.CheckedCase:
        seen[str(file)] += 1
        return real(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(driver, "check_case", counted)
    return seen


def _three(tmp_path: Path) -> list[Path]:
    """Two cases with the same case_id, and a third naming their postings in another scenario."""
    first = write_case(tmp_path / "a", base_case("carrier_failure"))
    second = write_case(tmp_path / "b", base_case("carrier_failure"))
    other = write_case(tmp_path / "c", variant("malicious_returns", {"case_id": "other"}))
    return [first, second, other]


def test_build_checks_each_case_once(run_cli: RunCli, tmp_path: Path, checks: Counter[str]) -> None:
    files = _three(tmp_path)
    result = run_cli("build", "--format", "json", "--out", tmp_path / "out", *files)
    cases = json.loads(result.stdout)["cases"]
    assert checks == Counter({str(file): 1 for file in files})
    # The batch's findings were known before the first pack: the second case_id is refused, every case
    # sharing postings across scenarios is warned, the first of them too, and its pack says so.
    assert [case["build"] for case in cases] == ["built", "refused", "built"]
    assert "B001" in {f["code"] for f in cases[1]["findings"]}
    assert all("B005" in {f["code"] for f in case["findings"]} for case in cases)
    built = pack_dir(tmp_path / "out", "test-carrier-failure")
    manifest = json.loads((built / "ticket.json").read_text("utf-8"))
    assert "B005" in {f["code"] for f in manifest["findings"]}


def test_check_checks_each_case_once(run_cli: RunCli, tmp_path: Path, checks: Counter[str]) -> None:
    files = _three(tmp_path)
    result = run_cli("check", "--format", "json", *files)
    assert result.exit_code == 1
    assert checks == Counter({str(file): 1 for file in files})


def test_the_summary_reads_only_what_the_model_would_accept(tmp_path: Path) -> None:
    """An ID the model refuses is no ID to share; a case_id it refuses leaves the case named after its
    folder, as `check` names it; a file that is no YAML has no identity at all."""
    case = variant("carrier_failure", {"case_id": "a..b", "affected.postings": ["57195475-0050-3", "all"]})
    path = write_case(tmp_path / "named-by-folder", case)
    summary = CaseSummary.read(path)
    assert summary.case_id == "named-by-folder"
    assert summary.ids["postings"] == ("57195475-0050-3",)
    assert summary.lines[("affected", "postings")] is not None
    broken = tmp_path / "broken" / "case.yaml"
    broken.parent.mkdir()
    broken.write_text("case_id: [unclosed\n", "utf-8")
    assert CaseSummary.read(broken).case_id is None


def test_the_driver_gives_cases_in_order_with_their_batch_findings(tmp_path: Path) -> None:
    files = _three(tmp_path)
    batch = CaseBatch.scan(files, None)
    assert batch.scenarios == {"carrier_failure", "malicious_returns"}
    given = [
        (checked.result.file, {f.code for f in checked.result.findings})
        for checked, _ in batch.checked(CheckOptions(today=TODAY))
    ]
    assert [file for file, _ in given] == [str(file) for file in files]
    assert "B001" in given[1][1] and "B001" not in given[0][1]


def test_a_file_shared_by_many_cases_is_judged_once_with_the_cache_off(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence is judged a window of cases at a time; a file every case shares is still judged once."""
    from ozon_urgent.attachments import inspection

    sent: list[str] = []
    real = inspection._run

    def counted(tasks: Iterator[Task], *args: Any, **kwargs: Any) -> Any:
        def each() -> Iterator[Task]:
            for task in tasks:
                sent.append(str(task.args[0]))
                yield task

        return real(each(), *args, **kwargs)

    monkeypatch.setattr(inspection, "_run", counted)
    files = []
    for number in range(40):  # 80 files: more than one window
        case = variant("carrier_failure", {"case_id": f"shared-{number:02d}"})
        files.append(write_case(tmp_path / f"c{number:02d}", case))
    result = run_cli("check", "--no-cache", "--format", "json", *files)
    cases = json.loads(result.stdout)["cases"]
    assert len(cases) == 40 and all(case["status"] == cases[0]["status"] for case in cases)
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 2, sent


def test_recent_verdicts_keep_the_newest_and_no_more() -> None:
    from ozon_urgent.attachments.inspection import RecentVerdicts
    from ozon_urgent.attachments.model import InspectLimits, Judgement

    recent, limits = RecentVerdicts(size=2), InspectLimits()
    for digest in ("a", "b", "c"):
        recent.put(limits, digest, "x.pdf", Judgement("pdf", ()))
    assert recent.get(limits, "a", "x.pdf") is None
    assert recent.get(limits, "c", "x.pdf") == Judgement("pdf", ())
    assert recent.get(InspectLimits(ocr=False), "c", "x.pdf") is None  # other limits, another verdict
