"""Every finding as `check` and `build` print it in JSON and SARIF, pinned in golden files.

The cases are every rule's failing examples (tests/data/checks), evidence the content gate refuses
(personal data, a wrong format, an empty file) and a build that is refused, in English and in Chinese. A
change to how findings are made or said shows here as a diff; `make golden` rewrites the files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import make_text_pdf, variant, write_case
from kit.cli import RunCli
from kit.repo import GOLDEN
from kit.rule_examples import EXAMPLES, write_example


def _corpus(root: Path) -> list[str]:
    """The case files, relative to `root`, so the output names no temporary folder."""
    files = []
    for number, example in enumerate(e for e in EXAMPLES if e.expect_fail):
        folder = root / f"{example.code}-{number:03d}"
        folder.mkdir(parents=True)
        path = write_example(example, folder)
        files.append(str(path.relative_to(root)))
    content = root / "content" / "case"
    case = variant("carrier_failure", {})
    path = write_case(content, case)
    evidence = case["evidence"]
    (content / evidence[0]["file"]).write_bytes(
        make_text_pdf([["Recipient: Ivanov Ivan Ivanovich", "Phone: +7 912 345-67-89"]])
    )
    (content / evidence[1]["file"]).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    files.append(str(path.relative_to(root)))
    empty = root / "content" / "empty"
    write_case(empty, case)
    (empty / evidence[0]["file"]).write_bytes(b"")
    files.append(str((empty / "case.yaml").relative_to(root)))
    return files


def _golden(name: str, produced: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / "findings" / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden`"
    assert produced == golden.read_text("utf-8"), f"{name} differs from its golden file: run `make golden`"


def _sarif_results(text: str) -> str:
    """The results and the language of a SARIF log; its rules are the catalog's, tested on their own."""
    run = json.loads(text)["runs"][0]
    kept = {"language": run["language"], "results": run["results"]}
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_findings_in_json_and_sarif(
    lang: str,
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    files = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    produced = run_cli("check", "--format", "json", "--lang", lang, *files)
    assert produced.exit_code in (1, 3), produced.stderr
    _golden(f"check.{lang}.json", produced.stdout, request)
    sarif = run_cli("check", "--format", "sarif", "--lang", lang, *files)
    assert sarif.exit_code == produced.exit_code, sarif.stderr
    _golden(f"check.{lang}.sarif.json", _sarif_results(sarif.stdout), request)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_build_findings_in_json(
    lang: str,
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """A pack that exists already and is kept (B010), one whose case changed since (B002), and a letter
    too long to file (B009)."""
    sentence = "Служба доставки задержала отправления из-за сбоя в сортировочном центре. "
    good = variant("carrier_failure", {})
    kept = variant("carrier_failure", {"case_id": "test-kept", "affected.postings": ["57195475-0077-1"]})
    long = variant("carrier_failure", {"case_id": "test-long", "explanation.ru": sentence * 50})
    write_case(tmp_path / "good", good)
    write_case(tmp_path / "kept", kept)
    write_case(tmp_path / "long", long)
    monkeypatch.chdir(tmp_path)
    first = run_cli("build", "--out", "out", "--lang", lang, "good/case.yaml", "kept/case.yaml")
    assert first.exit_code == 0, first.stdout + first.stderr
    changed = tmp_path / "good" / "case.yaml"
    changed.write_text(changed.read_text("utf-8") + "# edited after the build\n", "utf-8")
    again = run_cli(
        "build",
        "--out",
        "out",
        "--format",
        "json",
        "--lang",
        lang,
        "good/case.yaml",
        "kept/case.yaml",
        "long/case.yaml",
    )
    assert again.exit_code == 1, again.stderr
    # B002 names the pack's absolute path; the golden file names it from the run's folder.
    _golden(f"build.{lang}.json", again.stdout.replace(str(tmp_path), "<run>"), request)
