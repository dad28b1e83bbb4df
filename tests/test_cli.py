"""Every command through the real Typer app, with the exit codes of docs/exit-codes.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factories import base_case, variant, write_case
from kit.cli import RunCli
from ozon_urgent import __version__


def test_version_and_help(run_cli: RunCli) -> None:
    assert run_cli("--version").stdout.strip() == f"ozon-urgent {__version__}"
    result = run_cli("-h")
    assert result.exit_code == 0 and "check" in result.stdout and "schema" in result.stdout


def test_console_script_version_fast_path() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ozon_urgent", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"ozon-urgent {__version__}\n"


def test_check_clean_case_exits_0(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, base_case("carrier_failure"))
    result = run_cli("check", path)
    assert result.exit_code == 0, result.stdout
    assert "1 case(s) checked, 0 failing" in result.stdout


def test_check_errors_exit_1_with_compiler_style_lines(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"request": None}))
    result = run_cli("check", path)
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "C110" in line)
    assert line.startswith(f"{path}:") and ": C110 error: " in line


def test_warnings_pass_unless_strict(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"explanation.ru_reviewed": False}))
    relaxed = run_cli("check", path)
    assert relaxed.exit_code == 0 and ": C173 warning: " in relaxed.stdout
    assert relaxed.stdout.endswith("1 case(s) checked, 0 failing: 0 error(s), 1 warning(s)\n")
    strict = run_cli("check", "--strict", path)
    assert strict.exit_code == 1 and ": C173 warning: " in strict.stdout
    totals = "1 case(s) checked, 1 failing: 0 error(s), 1 warning(s) (--strict: warnings fail too)\n"
    assert strict.stdout.endswith(totals)


def test_unreadable_input_is_a_failing_case(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(b"\x00\x01binary")
    result = run_cli("check", path)
    assert result.exit_code == 1 and "Y002" in result.stdout


def test_json_envelope(run_cli: RunCli, tmp_path: Path) -> None:
    good = write_case(tmp_path / "a", base_case("carrier_failure"))
    bad = write_case(
        tmp_path / "b", variant("sync_delay", {"period": None, "affected": {"postings": ["11-0001-1"]}})
    )
    result = run_cli("check", "--format", "json", good, bad)
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["status"] == "fail"
    assert data["summary"] == {"cases": 2, "errors": 1, "warnings": 0}
    first, second = data["cases"]
    assert first["status"] == "ok" and first["case_id"] == "test-carrier-failure"
    finding = second["findings"][0]
    assert finding["code"] == "C140" and finding["path"] == "period" and finding["file"] == str(bad)
    assert set(finding) == {"code", "severity", "file", "line", "path", "message", "hint"}


def test_chinese_messages(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"request": None}))
    assert "没有明确诉求" in run_cli("check", "--lang", "zh", path).stdout
    assert "没有明确诉求" in run_cli("check", path, env={"LANG": "zh_CN.UTF-8"}).stdout


def test_folders_and_globs(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_case(tmp_path / "cases" / name, base_case("carrier_failure"))
    folder = run_cli("check", "--format", "json", tmp_path / "cases")
    assert json.loads(folder.stdout)["summary"]["cases"] == 2
    globbed = run_cli("check", "--format", "json", f"{tmp_path}/cases/*/case.yaml")
    assert json.loads(globbed.stdout)["summary"]["cases"] == 2


def test_glob_matching_nothing_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("check", f"{tmp_path}/*.yaml")
    assert result.exit_code == 2 and "no case files match" in result.stderr


def test_missing_arguments_is_a_usage_error(run_cli: RunCli) -> None:
    missing = run_cli("check")
    assert missing.exit_code == 2 and missing.stdout == ""
    assert "Missing argument 'PATH'" in missing.stderr
    unknown = run_cli("nonsense")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert "No such command 'nonsense'" in unknown.stderr


def test_policy_beside_the_case_and_explicit(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"notification.received": "2026-11-05"}))
    assert "C160" in run_cli("check", path).stdout
    (tmp_path / "ozon-urgent.toml").write_text("appeal_window_days = 30\n")
    assert "C160" not in run_cli("check", path).stdout
    strict = tmp_path / "strict.toml"
    strict.write_text("appeal_window_days = 3\n")
    assert "C160" in run_cli("check", "--policy", strict, path).stdout


def test_policy_windows_set_a_scenario_s_rolling_window(run_cli: RunCli, tmp_path: Path) -> None:
    """`[windows]` changes the window a scenario's evidence must cover (C150); `[metric_windows]` still
    wins where the case names its metric."""
    path = write_case(tmp_path, base_case("rating_drop_restriction"))  # its evidence covers the 30 days
    assert "C150" not in run_cli("check", "--no-content", path).stdout
    policy = tmp_path / "ozon-urgent.toml"
    policy.write_text("[windows]\nrating_drop_restriction = 45\n")
    [finding] = [
        line for line in run_cli("check", "--no-content", path).stdout.splitlines() if "C150" in line
    ]
    assert "45" in finding
    write_case(tmp_path, variant("rating_drop_restriction", {"notification.metric": "rating_on_time"}))
    by_metric = tmp_path / "by-metric.toml"
    by_metric.write_text("[metric_windows]\nrating_on_time = 30\n")
    assert "C150" not in run_cli("check", "--no-content", "--policy", by_metric, path).stdout


def test_policy_disable_switches_a_check_off(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"explanation.ru_reviewed": False}))
    (tmp_path / "ozon-urgent.toml").write_text('disable = ["C173"]\n')
    assert "C173" not in run_cli("check", path).stdout


def test_bad_policy_exits_3(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, base_case("carrier_failure"))
    (tmp_path / "ozon-urgent.toml").write_text("stale_after_days = 'soon'\n")
    result = run_cli("check", path)
    assert (
        result.exit_code == 3 and "ozon-urgent.toml" in result.stderr and "stale_after_days" in result.stderr
    )
    (tmp_path / "ozon-urgent.toml").write_text("stale_after_dayz = 3\n")
    typo = run_cli("check", path)
    assert typo.exit_code == 3 and typo.stdout == ""  # no case is judged under a policy it cannot read
    assert "ozon-urgent.toml: stale_after_dayz: Extra inputs are not permitted" in typo.stderr


def test_bad_today_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, base_case("carrier_failure"))
    result = run_cli("check", "--today", "2026-13-01", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert "must be a date like 2026-11-26, not 2026-13-01" in result.stderr


def test_check_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, base_case("carrier_failure"))
    before = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    result = run_cli("check", path)
    assert result.exit_code == 0, result.stdout  # judged all the way through, evidence included
    assert sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


def test_init_writes_a_skeleton_that_check_reports_as_incomplete(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "case.yaml"
    result = run_cli("init", "carrier_failure", "-o", out)
    assert result.exit_code == 0 and result.stdout == "" and f"wrote {out}" in result.stderr
    text = out.read_text("utf-8")
    assert "carrier_statement" in text and "compensation_voucher" in text and "# " in text
    assert yaml.safe_load(text)["scenario"] == "carrier_failure"
    checked = run_cli("check", "--format", "json", out)
    findings = json.loads(checked.stdout)["cases"][0]["findings"]
    # Every problem in one run: the empty seller fields do not hide the rest of the to-do list.
    assert checked.exit_code == 1
    assert [(f["code"], f["path"]) for f in findings] == [
        ("S003", "seller.store_name"),
        ("S003", "seller.client_id"),
        ("S003", "delivery.scheme"),  # the scheme and carrier to fill in, which C196 requires
        ("S003", "delivery.carrier"),
        ("C120", "affected.postings"),
        ("C170", "explanation.facts.ru"),
        ("C180", "evidence[0].file"),
        ("C180", "evidence[1].file"),
    ]
    again = run_cli("init", "carrier_failure", "-o", out)
    assert again.exit_code == 2 and f"{out} already exists" in again.stderr
    assert out.read_text("utf-8") == text  # never overwrites


def test_init_lays_out_the_three_parts_and_asks_for_what_the_scenario_needs(
    run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "case.yaml"
    assert run_cli("init", "rating_drop_restriction", "--lang", "zh", "-o", out).exit_code == 0
    text = out.read_text("utf-8")
    for line in (
        "工单正文分三部分：事实、改进措施、请求",
        "事实：发生了什么",
        "改进措施：收到通知后店铺做了哪些改进",
        "工具会据此在工单正文中写好请求句",
        # No check asks for the notification's text (the letter is whole without it: the date and the
        # metric name the notification), so the skeleton must not make it sound required.
        '  text: ""                 # 可选，但强烈建议填写：把卖家后台中的通知原文（俄语）原样粘贴到这里',
    ):
        assert line in text, line
    explanation = yaml.safe_load(text)["explanation"]
    assert set(explanation) >= {"facts", "changes"} and "text" not in explanation
    checked = run_cli("check", "--format", "json", out)
    found = [(f["code"], f["path"]) for f in json.loads(checked.stdout)["cases"][0]["findings"]]
    assert ("C195", "notification.metric") in found  # no metric of its own: the seller names it
    assert ("C194", "explanation") in found  # about the store's own performance
    assert ("C170", "explanation.facts.ru") in found


def test_init_s_dates_follow_received_or_check_says_they_did_not(run_cli: RunCli, tmp_path: Path) -> None:
    """`init` fills in `received` with today and counts `period` and `covers` from it. A seller who then
    corrects `received` to the day the notice came was told nothing, and the ranges silently ran past it:
    the comment beside `received` now names them, and `check` finds them left behind (C153)."""
    out = tmp_path / "case.yaml"
    assert run_cli("init", "carrier_failure", "--today", "2026-11-26", "-o", out).exit_code == 0
    text = out.read_text("utf-8")
    [received] = [line for line in text.splitlines() if line.strip().startswith("received:")]
    assert "2026-11-26" in received and "`period`" in received and "`covers`" in received, received
    out.write_text(text.replace("received: 2026-11-26", "received: 2026-11-20"), "utf-8")
    checked = run_cli("check", "--no-content", "--today", "2026-11-26", "--format", "json", out)
    stale = [f for f in json.loads(checked.stdout)["cases"][0]["findings"] if f["code"] == "C153"]
    assert [f["path"] for f in stale] == ["period", "evidence[0].covers", "evidence[1].covers"]
    assert "the 60 days before 2026-11-26" in stale[0]["message"]
    assert "2026-09-21 – 2026-11-19" in stale[0]["hint"]
    moved = run_cli("init", "carrier_failure", "--today", "2026-11-20")  # counted from the real day
    out.write_text(moved.stdout, "utf-8")
    again = run_cli("check", "--no-content", "--today", "2026-11-26", "--format", "json", out)
    assert "C153" not in {f["code"] for f in json.loads(again.stdout)["cases"][0]["findings"]}


def test_init_every_scenario_in_both_languages(run_cli: RunCli) -> None:
    for scenario in ("misjudged_delisting", "malicious_returns", "new_store_low_activity"):
        for lang in ("en", "zh"):
            result = run_cli("init", scenario, "--lang", lang)
            assert result.exit_code == 0 and yaml.safe_load(result.stdout)["scenario"] == scenario


def test_init_refuses_unknown_and_ineligible(run_cli: RunCli) -> None:
    unknown = run_cli("init", "parcel")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert "unknown scenario `parcel`; choose one of: misjudged_delisting," in unknown.stderr
    for written in ("carrier", "carrier-failure", "Carrier Failure", "第三方承运商故障导致准时交付率下降"):
        guessed = run_cli("init", written)
        assert guessed.exit_code == 2 and "did you mean `carrier_failure`?" in guessed.stderr, written
    result = run_cli("init", "ip_infringement")
    assert result.exit_code == 2 and "IP complaint" in result.stderr


def test_scenarios_lists_all_eight(run_cli: RunCli) -> None:
    result = run_cli("scenarios")
    assert result.exit_code == 0 and result.stdout.count("\n\n") == 7
    assert "60 days" in result.stdout and "at least one of" in result.stdout
    assert "误判" in run_cli("scenarios", "--lang", "zh").stdout


def test_rules_table_and_one_rule(run_cli: RunCli) -> None:
    table = run_cli("rules")
    assert table.exit_code == 0 and "C150" in table.stdout and "Y004" in table.stdout
    one = run_cli("rules", "c150")
    assert one.exit_code == 0 and "rolling window" in one.stdout and "How to fix" in one.stdout
    unknown = run_cli("rules", "C15")
    assert unknown.exit_code == 2 and "unknown rule `C15`" in unknown.stderr


def test_schema_stdout_and_file(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert (
        schema["additionalProperties"] is False
        and "carrier_failure" in schema["properties"]["scenario"]["enum"]
    )
    out = tmp_path / "case.schema.json"
    written = run_cli("schema", "-o", out)
    assert written.exit_code == 0 and written.stdout == "" and f"wrote {out}" in written.stderr
    assert json.loads(out.read_text("utf-8")) == schema


@pytest.mark.parametrize(("lang", "saved"), [("en_US.UTF-8", "help.txt"), ("zh_CN.UTF-8", "help.zh.txt")])
def test_cached_top_level_help_is_what_typer_prints(
    request: pytest.FixtureRequest, lang: str, saved: str
) -> None:
    from importlib import resources

    from typer.testing import CliRunner

    from ozon_urgent.cli.app import app

    locale: dict[str, str | None] = {
        "LANG": lang,
        "LC_ALL": None,
        "LC_MESSAGES": None,
        "OZON_URGENT_LANG": None,
    }
    live = CliRunner().invoke(app, ["--help"], prog_name="ozon-urgent", terminal_width=80, env=locale).stdout
    cached = resources.files("ozon_urgent").joinpath(f"data/{saved}")
    if request.config.getoption("--update-golden"):
        Path(str(cached)).write_text(live, encoding="utf-8")
    assert cached.read_text("utf-8") == live, "run `make golden`: the saved --help is stale"
    env = {key: value for key, value in os.environ.items() if key not in locale} | {"LANG": lang}
    env["PYTHONIOENCODING"] = "utf-8"
    fast = subprocess.run(
        [sys.executable, "-m", "ozon_urgent", "--help"], capture_output=True, text=True, check=True, env=env
    )
    assert fast.stdout == live
