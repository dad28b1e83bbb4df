"""`check`'s progress moves while evidence is judged, not all at once when a window of cases is done."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import TODAY, make_pdf, variant, write_case
from ozon_urgent.attachments import inspect_attachments
from ozon_urgent.checking.engine import CheckOptions
from ozon_urgent.findings import Outcome
from ozon_urgent.pipeline import batch as batch_module
from ozon_urgent.pipeline.batch import BatchOptions, check_files


def _cases(tmp_path: Path, count: int) -> list[Path]:
    """`count` cases, each with PDFs of its own bytes: no verdict serves another case."""
    files = []
    for number in range(count):
        case = variant("carrier_failure", {"case_id": f"case-{number}"})
        folder = tmp_path / f"c{number}"
        for entry in case["evidence"]:
            target = folder / entry["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(make_pdf(f"Tracking 57195475-0050-3 case {number} {entry['kind']}"))
        files.append(write_case(folder, case))
    return files


def test_progress_is_told_as_each_case_s_evidence_is_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _cases(tmp_path, 10)
    events: list[str] = []
    real = inspect_attachments

    def judging(*args: object, **kwargs: object) -> object:
        events.append("judging")
        reports = real(*args, **kwargs)  # type: ignore[arg-type]
        events.append("judged")
        return reports

    monkeypatch.setattr(batch_module, "inspect_attachments", judging)
    told: list[str] = []

    def progress(case: str) -> None:
        told.append(case)
        events.append("case")

    options = BatchOptions(cache=False, jobs=1, progress=progress)
    result = check_files(files, None, CheckOptions(today=TODAY), options)

    assert [case.outcome() for case in result.cases] == [Outcome.OK] * 10
    assert sorted(told) == sorted(str(f) for f in files)  # each case once
    # The ten cases fit one window: one call judges all their files, and the cases are told during it.
    assert events.count("judging") == 1
    during = events[events.index("judging") : events.index("judged")]
    assert during.count("case") == 10, events


def test_a_case_without_files_to_judge_is_told_at_once(tmp_path: Path) -> None:
    with_files = _cases(tmp_path, 2)
    missing = variant("carrier_failure", {"case_id": "no-files"})
    bare = write_case(tmp_path / "bare", missing, with_files=False)
    told: list[str] = []
    options = BatchOptions(cache=False, jobs=1, progress=told.append)

    result = check_files([*with_files, bare], None, CheckOptions(today=TODAY), options)

    # Last in the window, yet told first: it waits for no verdict.
    assert told[0] == str(bare) and sorted(told) == sorted(str(f) for f in [bare, *with_files])
    assert result.cases[-1].outcome() == Outcome.FINDINGS  # its files are missing: that is its finding


def test_every_file_is_heard_of_once_judged_cached_repeated_or_unreadable(tmp_path: Path) -> None:
    from ozon_urgent.attachments import InspectLimits, inspect_attachments
    from ozon_urgent.policy import default_policy

    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    one.write_bytes(make_pdf("first"))
    two.write_bytes(make_pdf("second"))
    paths = [one, two, one, tmp_path / "gone.pdf"]
    limits = InspectLimits.for_policy(default_policy(), "Store")
    heard: list[int] = []

    inspect_attachments(paths, limits, jobs=1, cache=True, on_judged=heard.append)
    assert sorted(heard) == [0, 1, 2, 3]
    again: list[int] = []
    inspect_attachments(paths, limits, jobs=1, cache=True, on_judged=again.append)  # all cached now
    assert sorted(again) == [0, 1, 2, 3]
