"""Batch runs and CI: every output format, cross-case findings, exit codes, interruptions, big folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from factories import base_case, make_pdf, variant, write_case
from kit.cli import RunCli
from kit.packs import CLIENT_ID, pack_dir
from ozon_urgent.checks import RULES
from ozon_urgent.cli import entry
from ozon_urgent.reporters import REPORTERS
from ozon_urgent.reporters.formats import OutputFormat
from ozon_urgent.ticket import pack

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif" / "sarif-2.1.0-required.schema.json").read_text()
)
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^,:]+(,line=\d+)?,title=[A-Z]\d{3}::.+$")


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """A clean case, a case with an error, and an unreadable one."""
    good = write_case(tmp_path / "good", base_case("carrier_failure"))
    bad = write_case(tmp_path / "bad", variant("sync_delay", {"period": None, "case_id": "bad-case"}))
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"a: [1\n")
    return [good, bad, broken]


def test_every_format_has_a_reporter() -> None:
    assert set(REPORTERS) == set(OutputFormat)


def test_sarif_is_valid_and_carries_the_catalog(run_cli: RunCli, mixed: list[Path]) -> None:
    result = run_cli("check", "--format", "sarif", *mixed)
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES) and all(r["help"]["text"] for r in rules)
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"C140", "Y003"}
    for entry_ in results:
        assert rules[entry_["ruleIndex"]]["id"] == entry_["ruleId"]
    c140 = next(r for r in results if r["ruleId"] == "C140")
    assert c140["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(mixed[1])
    assert result.exit_code == 1 and result.stderr == ""  # a case file that cannot be parsed fails, like C140


def test_junit_parses_one_testcase_per_case(run_cli: RunCli, mixed: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    result = run_cli("check", "--format", "junit", "--output", report, *mixed)
    assert result.stdout == ""  # --output: nothing on stdout
    xml = JUnitXml.fromfile(str(report))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == 3
    outcome = {case.name: [type(r).__name__ for r in case.result] for case in cases}
    assert outcome["test-carrier-failure"] == [] and outcome["bad-case"] == ["Failure"]
    assert outcome["broken"] == ["Failure"]  # a case file that cannot be parsed fails; the tool did not err


def test_github_annotations(run_cli: RunCli, mixed: list[Path]) -> None:
    result = run_cli("check", *mixed, env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), lines
    assert any(line.startswith(f"::error file={mixed[1]},line=") and "C140" in line for line in lines)


def test_github_escapes_newlines_and_separators() -> None:
    from ozon_urgent.findings import CaseResult, Finding, RunResult, Severity, words
    from ozon_urgent.reporters.github import render_github

    params = {"error": "line one\nline two 100%"}
    finding = Finding("B008", Severity.ERROR, "a,b:c.yaml", 3, ("request",), params=params)
    out = render_github(RunResult([CaseResult("x", findings=[finding])]), "en")
    said = words(finding, "en")
    assert "line one\nline two 100%" in said.message
    message = f"{said.message} — {said.hint}".replace("%", "%25").replace("\n", "%0A")
    assert out == f"::error file=a%2Cb%3Ac.yaml,line=3,title=B008::{message}\n"
    assert "line one%0Aline two 100%25" in out


def test_text_groups_by_case_with_a_summary_table(run_cli: RunCli, mixed: list[Path]) -> None:
    text = run_cli("check", *mixed).stdout
    assert "\x1b[" not in text  # no colour when not on a terminal
    assert re.search(r"^case\s+scenario\s+errors\s+warnings\s+status$", text, re.M)
    assert re.search(r"^bad-case\s+sync_delay\s+1\s+\d+\s+fail$", text, re.M)


def test_batch_exit_code_is_the_worst(run_cli: RunCli, mixed: list[Path]) -> None:
    clean = run_cli("check", mixed[0])
    assert clean.exit_code == 0
    assert clean.stdout == "1 case(s) checked, 0 failing: 0 error(s), 0 warning(s)\n"
    failing = run_cli("check", mixed[0], mixed[1])
    assert failing.exit_code == 1 and ": C140 error: " in failing.stdout
    assert re.search(r"^2 case\(s\) checked, 1 failing: 1 error\(s\)", failing.stdout, re.M)
    worst = run_cli("check", *mixed)
    # A case file that cannot be parsed is a case that fails (1), not the tool failing (3).
    assert worst.exit_code == 1 and f"{mixed[2]}:2: Y003 error: " in worst.stdout
    assert re.search(r"^bad-case\s+sync_delay\s+1\s+\d+\s+fail$", worst.stdout, re.M)
    assert re.search(r"^broken\s+—\s+1\s+0\s+fail$", worst.stdout, re.M)


def test_yaml_bomb_and_pdf_bomb_do_not_stop_the_rest(run_cli: RunCli, tmp_path: Path) -> None:
    import zlib

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n")
    inflating = zlib.compressobj(9).compress(bytes(64 << 20)) + zlib.compressobj(9).flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(inflating) + inflating + b"\nendstream"
    pdf_bomb = make_pdf().replace(b"%%EOF", b"") + b"6 0 obj\n" + stream + b"\nendobj\n%%EOF\n"
    case_b = tmp_path / "b"
    (case_b / "evidence").mkdir(parents=True)
    (case_b / "evidence" / "carrier_statement.pdf").write_bytes(pdf_bomb)
    with_bomb = write_case(case_b, base_case("carrier_failure"))
    good = write_case(tmp_path / "c", variant("carrier_failure", {"case_id": "good"}))
    result = run_cli("check", "--format", "json", bomb, with_bomb, good)
    cases = json.loads(result.stdout)["cases"]
    assert [c["file"] for c in cases] == [str(bomb), str(with_bomb), str(good)]
    assert cases[0]["findings"][0]["code"] == "Y004" and cases[2]["status"] == "ok"
    assert result.exit_code == 1


def test_cross_case_findings(run_cli: RunCli, tmp_path: Path) -> None:
    shared = make_pdf("Shared waybill")
    first = tmp_path / "a"
    (first / "evidence").mkdir(parents=True)
    (first / "evidence" / "carrier_statement.pdf").write_bytes(shared)
    a = write_case(first, base_case("carrier_failure"))
    second = tmp_path / "b"
    (second / "evidence").mkdir(parents=True)
    (second / "evidence" / "chat_records.pdf").write_bytes(shared)
    # The chat written as the PDF it is (the factory's own chat is a picture, so the shared file is used).
    changes = {"seller.client_id": "7654321", "evidence[0].file": "evidence/chat_records.pdf"}
    b = write_case(second, variant("malicious_returns", changes))
    third = write_case(tmp_path / "c", variant("carrier_failure", {"seller.store_name": "Copy"}))
    result = run_cli("check", "--format", "json", a, b, third)
    cases = json.loads(result.stdout)["cases"]
    codes = [{f["code"] for f in case["findings"]} for case in cases]
    assert "B005" in codes[0] and "B005" in codes[1]  # the same posting in two scenarios
    assert "B006" in codes[1]  # the first seller's waybill in another seller's case
    assert "B001" in codes[2] and result.exit_code == 1  # the same case_id twice


def test_one_store_named_two_ways(run_cli: RunCli, tmp_path: Path) -> None:
    """B012: the store's name most cases give is taken as meant; the odd case and the first case with the
    usual name each hear of it once, and a pull draft's TODO or another store's name is no slip."""
    names = ["Haoyun Auto", "Haoyun  Auto", "Haoyun Parts", "TODO", "Haoyun Auto"]
    files = [
        write_case(
            tmp_path / str(n), variant("carrier_failure", {"case_id": f"c{n}", "seller.store_name": name})
        )
        for n, name in enumerate(names)
    ]
    other_store = {"case_id": "c9", "seller.client_id": "7654321", "seller.store_name": "Other"}
    files.append(write_case(tmp_path / "9", variant("carrier_failure", other_store)))
    result = run_cli("check", "--no-content", "--format", "json", *files)
    cases = json.loads(result.stdout)["cases"]
    said = [[f["message"] for f in case["findings"] if f["code"] == "B012"] for case in cases]
    differs = f"Client ID {CLIENT_ID} has a different store name in two cases"
    assert said == [
        [f"{differs} (“Haoyun Auto” here, “Haoyun Parts” in {files[2]})"],
        [],
        [f"{differs} (“Haoyun Parts” here, “Haoyun Auto” in {files[0]})"],
        [],
        [],
        [],
    ]
    zh = run_cli("check", "--no-content", "--lang", "zh", files[0], files[2]).stdout
    differs = f"同一 Client ID {CLIENT_ID} 在两个案件里的店铺名称不一致"
    assert f"{differs}（本案件为“Haoyun Parts”，{files[0]} 为“Haoyun Auto”）" in zh
    assert "请统一 `store_name`：按卖家后台" in zh


def test_jobs_one_and_output_file(run_cli: RunCli, mixed: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = run_cli("check", "--jobs", "1", "--format", "json", "--output", out, mixed[0])
    assert result.exit_code == 0 and result.stdout == "" and json.loads(out.read_text())["status"] == "ok"
    zero = run_cli("check", "--jobs", "0", mixed[0])
    assert zero.exit_code == 2 and zero.stdout == ""
    assert "Invalid value for '--jobs'" in zero.stderr


def test_symlink_loop_and_missing_files(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    write_case(folder / "one", base_case("carrier_failure"))
    (folder / "loop").symlink_to(folder)
    result = run_cli("check", "--format", "json", folder)
    cases = json.loads(result.stdout)["cases"]
    assert [case["file"] for case in cases] == [str(folder / "one" / "case.yaml")]
    assert cases[0]["status"] == "ok" and result.exit_code == 0
    # A file named that does not exist is a mistake on the command line: exit 2, nothing judged.
    missing = run_cli("check", "--format", "json", folder, tmp_path / "deleted.yaml")
    assert missing.exit_code == 2 and missing.stdout == ""
    said = (
        f"ozon-urgent: no such file or folder: {tmp_path / 'deleted.yaml'} (looked in the folder {tmp_path});"
    )
    assert missing.stderr.startswith(said)


def test_ten_thousand_case_files_in_one_folder(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"c{number:05d}.yaml").write_text("scenario: carrier_failure\n")
    result = run_cli("check", "--no-content", "--format", "json", folder)
    data = json.loads(result.stdout)
    assert data["summary"]["cases"] == 10_000 and result.exit_code == 1


def test_ctrl_c_midway_leaves_whole_packs_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "first"}))
    second = write_case(tmp_path / "b", variant("carrier_failure", {"case_id": "second"}))
    out = tmp_path / "out"
    real_write = pack._write_file
    calls = {"n": 0}

    def interrupted(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 8:  # the first pack has 5 files; stop inside the second
            raise KeyboardInterrupt
        real_write(path, data)

    monkeypatch.setattr(pack, "_write_file", interrupted)
    monkeypatch.setenv("OZON_URGENT_TODAY", "2026-11-26")
    with pytest.raises(SystemExit) as stopped:
        entry.main(["build", "--out", str(out), str(first), str(second)])
    assert stopped.value.code == 130
    assert [p.name for p in (out / CLIENT_ID).iterdir()] == ["first"]
    assert sorted(p.name for p in pack_dir(out, "first").iterdir()) == [
        "FILING.md",
        "attachments",
        "ticket.en.md",
        "ticket.json",
        "ticket.txt",
    ]


def test_pre_commit_hook_is_declared_and_runs(run_cli: RunCli, tmp_path: Path) -> None:
    import yaml

    hooks = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    [hook] = [h for h in hooks if h["id"] == "ozon-urgent-check"]
    assert hook["language"] == "python" and re.search(hook["files"], "cases/a/case.yaml")
    # Only case files and evidence: the pre-commit files and a store's notes are never passed.
    assert not re.search(hook["files"], ".pre-commit-config.yaml")
    assert not re.search(hook["files"], "cases/a/store.yml")
    command = hook["entry"].split()
    assert command[0] == "ozon-urgent"
    case = write_case(tmp_path, base_case("carrier_failure"))
    result = run_cli(*command[1:], case)  # pre-commit appends the staged files
    assert (
        result.exit_code == 0 and result.stdout == "1 case(s) checked, 0 failing: 0 error(s), 0 warning(s)\n"
    )


def test_an_evidence_file_given_to_check_stands_for_the_cases_above_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """What the pre-commit hook passes when only a photo changed: the cases that use it are checked."""
    import yaml

    hooks = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    [hook] = [h for h in hooks if h["id"] == "ozon-urgent-check"]
    assert re.search(hook["files"], "stores/a/evidence/IMG_0001.JPG")
    assert not re.search(hook["files"], "docs/logo.png")
    (tmp_path / ".git").mkdir()  # the hook runs in a repository: the walk up stops at its top
    store = tmp_path / "stores" / "a"
    store.mkdir(parents=True)
    case = write_case(store, base_case("carrier_failure"))
    [evidence] = [p for p in (store / "evidence").iterdir() if p.suffix == ".pdf"][:1]
    evidence.write_bytes(b"%PDF-1.4 broken")

    result = run_cli("check", "--format", "json", evidence)

    assert result.exit_code == 1
    [checked] = json.loads(result.stdout)["cases"]
    assert Path(checked["file"]).resolve() == case.resolve()
    assert any(f["code"] == "A203" for f in checked["findings"]), checked["findings"]

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "logo.png").write_bytes(b"\x89PNG")
    orphan = run_cli("check", tmp_path / "docs" / "logo.png")
    assert orphan.exit_code == 2 and "no case file found in the folder of" in orphan.stderr
