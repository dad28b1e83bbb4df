"""docs/exit-codes.md, row by row, through the real command line: one test per row of its table, and a
row without a test (or a test without a row) fails."""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from factories import make_jpeg, variant, write_case
from kit.cli import CliResult, RunCli
from kit.repo import REPO
from ozon_urgent.checks.base import CaseContext, Hit
from ozon_urgent.checks.ids_empty import IdsEmpty

DOC = REPO / "docs" / "exit-codes.md"


@dataclass
class World:
    tmp: Path
    run: RunCli
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def case(self, name: str = "case", /, **changes: object) -> Path:
        return write_case(self.tmp / name, variant("carrier_failure", {"case_id": name, **changes}))

    def entry(self, *args: str | Path) -> CliResult:
        """The console script's own entry point: its last guards (internal error, Ctrl-C) included."""
        from ozon_urgent.cli import entry

        with pytest.raises(SystemExit) as stopped:
            entry.main([str(a) for a in args])
        out = self.capsys.readouterr()
        return CliResult(int(stopped.value.code or 0), out.out, out.err)


Row = Callable[[World], CliResult]


def _clean(w: World) -> CliResult:
    return w.run("check", w.case())


def _warnings(w: World) -> CliResult:
    result = w.run("build", "--out", w.tmp / "out", w.case(**{"explanation.ru_reviewed": False}))
    assert "C173 warning" in result.stdout and (w.tmp / "out").exists()
    return result


def _kept(w: World) -> CliResult:
    path = w.case()
    assert w.run("build", "--out", w.tmp / "out", path).exit_code == 0
    result = w.run("build", "--out", w.tmp / "out", path)
    assert "B010" in result.stdout
    return result


def _all_left_out(w: World) -> CliResult:
    result = w.run("check", "--exclude", "drafts", w.case("drafts"))
    assert "every file named (1) is left out by --exclude" in result.stderr
    return result


def _help(w: World) -> CliResult:
    assert w.run("check", "-h").exit_code == 0
    return w.run("--version")


def _errors(w: World) -> CliResult:
    return w.run("check", w.case(period=None))


def _strict_warnings(w: World) -> CliResult:
    return w.run("check", "--strict", w.case(**{"explanation.ru_reviewed": False}))


def _case_yaml(w: World) -> CliResult:
    broken = w.tmp / "broken.yaml"
    broken.write_text("case_id: [unclosed\n", encoding="utf-8")
    result = w.run("check", "--format", "json", w.case(), broken)
    statuses = [case["status"] for case in json.loads(result.stdout)["cases"]]
    assert statuses == ["ok", "fail"] and "Y003" in result.stdout  # the good case is still judged
    return result


def _case_encoding(w: World) -> CliResult:
    path = w.tmp / "case.yaml"
    path.write_bytes("scenario: carrier_failure\nrequest: 恢复评分\n".encode("gb18030"))
    result = w.run("check", path)
    assert ": Y002 error: " in result.stdout
    return result


def _case_unreadable(w: World) -> CliResult:
    fifo = w.tmp / "case.yaml"
    os.mkfifo(fifo)
    result = w.run("check", fifo)
    assert ": Y001 error: " in result.stdout
    return result


def _pack_exists(w: World) -> CliResult:
    path = w.case()
    assert w.run("build", "--out", w.tmp / "out", path).exit_code == 0
    path.write_text(path.read_text("utf-8") + "# a changed case\n", encoding="utf-8")
    result = w.run("build", "--out", w.tmp / "out", path)
    assert "B002" in result.stdout
    return result


def _ledger_refuses(w: World) -> CliResult:
    return w.run("followup", w.case(), "--out", w.tmp / "out")  # nothing was ever filed


def _ledger_case_unreadable(w: World) -> CliResult:
    broken = w.tmp / "case.yaml"
    broken.write_text("case_id: [unclosed\n", encoding="utf-8")
    return w.run("record", broken, "--ref", "SR-1")


def _translate_case(w: World) -> CliResult:
    broken = w.tmp / "case.yaml"
    broken.write_text("case_id: [unclosed\n", encoding="utf-8")
    return w.run("translate", "--dry-run", broken, env={"DEEPL_AUTH_KEY": ""})


def _unknown_option(w: World) -> CliResult:
    return w.run("check", "--strct", w.case())


def _bad_value(w: World) -> CliResult:
    assert w.run("check", "--format", "xml", w.case()).exit_code == 2
    return w.run("check", "--jobs", "0", w.case())


def _missing_path(w: World) -> CliResult:
    assert w.run("check", w.tmp / "no-such-folder").exit_code == 2
    return w.run("build", w.case(), w.tmp / "gone.yaml")


def _glob_no_match(w: World) -> CliResult:
    return w.run("check", f"{w.tmp}/*/nothing-*.yaml")


def _no_cases(w: World) -> CliResult:
    (w.tmp / "empty").mkdir()
    assert w.run("check", w.tmp / "empty").exit_code == 2
    w.case("drafts")
    return w.run("check", "--exclude", "drafts", w.tmp)  # a folder: no case left in it is a usage error


def _orphan_evidence(w: World) -> CliResult:
    (w.tmp / ".git").mkdir()
    photo = w.tmp / "evidence" / "photo.jpg"
    photo.parent.mkdir()
    photo.write_bytes(make_jpeg())
    return w.run("check", photo)


def _bad_today(w: World) -> CliResult:
    return w.run("check", "--today", "2026-02-30", w.case())


def _bad_reference(w: World) -> CliResult:
    return w.run("record", w.case(), "--ref", "OZ 41")


def _status_filter(w: World) -> CliResult:
    result = w.run("status", "--ledger", w.tmp / "ledger.db", "--scenario", "carrier")
    assert "carrier_failure" in result.stderr  # the allowed values are named
    return result


def _init_scenario(w: World) -> CliResult:
    return w.run("init", "counterfeit")


def _init_exists(w: World) -> CliResult:
    return w.run("init", "carrier_failure", "-o", w.case())


def _rules_unknown(w: World) -> CliResult:
    return w.run("rules", "X999")


def _pull_usage(w: World) -> CliResult:
    return w.run("pull", "--client-id", "1234567", "--since", "yesterday", env={"OZON_API_KEY": "k"})


def _policy(w: World) -> CliResult:
    path = w.case()
    (path.parent / "ozon-urgent.toml").write_text("stale_after_days = [\n", encoding="utf-8")
    return w.run("check", path)


def _template(w: World) -> CliResult:
    templates = w.tmp / "templates"
    (templates / "ticket").mkdir(parents=True)
    (templates / "ticket" / "carrier_failure.txt.j2").write_text("{% if %}\n", encoding="utf-8")
    return w.run("build", "--templates", templates, "--out", w.tmp / "out", w.case())


def _pack_unwritable(w: World) -> CliResult:
    (w.tmp / "out").write_text("not a folder", encoding="utf-8")
    result = w.run("build", "--format", "json", "--out", w.tmp / "out", w.case("a"), w.case("b", period=None))
    cases = {case["case_id"]: case for case in json.loads(result.stdout)["cases"]}
    assert "B003" in {f["code"] for f in cases["a"]["findings"]}
    assert "C140" in {f["code"] for f in cases["b"]["findings"]}  # the other case is judged and reported
    return result


def _output_unwritable(w: World) -> CliResult:
    return w.run("check", "--output", w.tmp / "no-such-folder" / "report.json", w.case())


def _ledger(w: World) -> CliResult:
    ledger = w.tmp / "no-such-folder" / "ledger.sqlite3"
    return w.run("build", "--ledger", ledger, "--out", w.tmp / "out", w.case())


def _deepl(w: World) -> CliResult:
    untranslated = w.case(**{"explanation.ru": None})
    return w.run("translate", untranslated, env={"DEEPL_AUTH_KEY": ""})


def _glossary(w: World) -> CliResult:
    glossary = w.tmp / "terms.toml"
    glossary.write_text("[zh]\n承运商 = 1\n", encoding="utf-8")
    return w.run("translate", "--glossary", glossary, w.case())


def _seller_api(w: World) -> CliResult:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{free.getsockname()[1]}"
    env = {"OZON_API_URL": closed, "OZON_API_KEY": "secret-key"}
    return w.run("pull", "--client-id", "1234567", "--out", w.tmp / "drafts", env=env)


def _internal_case(w: World) -> CliResult:
    real = IdsEmpty.run

    def run(self: IdsEmpty, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.case_id == "doomed":
            raise ZeroDivisionError("a bug")
        yield from real(self, ctx)

    w.monkeypatch.setattr(IdsEmpty, "run", run)
    w.monkeypatch.delenv("OZON_URGENT_DEBUG", raising=False)
    result = w.run("check", "--format", "json", w.case("doomed"), w.case("fine"), w.case("bad", period=None))
    cases = {case["case_id"]: case for case in json.loads(result.stdout)["cases"]}
    assert "B008" in {f["code"] for f in cases["doomed"]["findings"]}
    assert cases["fine"]["status"] == "ok" and cases["bad"]["status"] == "fail"  # every case judged
    return result


def _internal_run(w: World) -> CliResult:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    w.monkeypatch.setattr("ozon_urgent.pipeline.batch.check_files", broken)
    w.monkeypatch.delenv("OZON_URGENT_DEBUG", raising=False)
    result = w.entry("check", w.case())
    assert result.stderr.startswith("ozon-urgent: internal error (RuntimeError: a bug).")
    return result


def _interrupted(w: World) -> CliResult:
    def stop(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    w.monkeypatch.setattr("ozon_urgent.pipeline.batch.check_files", stop)
    return w.entry("check", w.case())


ROWS: dict[str, Row] = {
    "clean": _clean,
    "warnings": _warnings,
    "kept": _kept,
    "all-left-out": _all_left_out,
    "help": _help,
    "errors": _errors,
    "strict-warnings": _strict_warnings,
    "case-yaml": _case_yaml,
    "case-encoding": _case_encoding,
    "case-unreadable": _case_unreadable,
    "pack-exists": _pack_exists,
    "ledger-refuses": _ledger_refuses,
    "ledger-case-unreadable": _ledger_case_unreadable,
    "translate-case": _translate_case,
    "unknown-option": _unknown_option,
    "bad-value": _bad_value,
    "missing-path": _missing_path,
    "glob-no-match": _glob_no_match,
    "no-cases": _no_cases,
    "orphan-evidence": _orphan_evidence,
    "bad-today": _bad_today,
    "bad-reference": _bad_reference,
    "status-filter": _status_filter,
    "init-scenario": _init_scenario,
    "init-exists": _init_exists,
    "rules-unknown": _rules_unknown,
    "pull-usage": _pull_usage,
    "policy": _policy,
    "template": _template,
    "pack-unwritable": _pack_unwritable,
    "output-unwritable": _output_unwritable,
    "ledger": _ledger,
    "deepl": _deepl,
    "glossary": _glossary,
    "seller-api": _seller_api,
    "internal-case": _internal_case,
    "internal-run": _internal_run,
    "interrupted": _interrupted,
}


def documented() -> dict[str, int]:
    """The `row` and `code` columns of the doc's table of every row."""
    rows = re.findall(r"^\| `([a-z-]+)` \| (\d+) \|", DOC.read_text("utf-8"), re.M)
    return {row: int(code) for row, code in rows}


def test_every_documented_row_has_a_test_and_every_test_a_row() -> None:
    assert list(documented()) == list(ROWS)


@pytest.mark.parametrize("row", list(ROWS))
def test_each_row_exits_as_documented(
    row: str,
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    result = ROWS[row](World(tmp_path, run_cli, monkeypatch, capsys))
    assert result.exit_code == documented()[row], result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert result.stdout == "" and result.stderr, "a usage error is said on stderr, nothing judged"
    if row in {"pack-unwritable", "internal-case"}:
        assert json.loads(result.stdout)["status"] == "fail"  # the report is complete; only the code says 3
    elif result.exit_code == 3:
        assert result.stderr.startswith("ozon-urgent: "), result.stderr
