"""Hints a seller can act on: the date they meant, the full-width colon, libyaml's problems in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent.casefile.loader import LoadError, compose


def _findings(run_cli: RunCli, case: Path, lang: str = "en") -> list[dict[str, object]]:
    result = run_cli("check", "--format", "json", "--no-content", "--lang", lang, case)
    found: list[dict[str, object]] = json.loads(result.stdout)["cases"][0]["findings"]
    return found


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026/11/20", "2026-11-20"),
        ("2026.11.20", "2026-11-20"),
        ("2026-11-2", "2026-11-02"),
        ("2026年11月20日", "2026-11-20"),
        ("2026 年 11 月 2 日", "2026-11-02"),
        ("20.11.2026", "2026-11-20"),
        ("2/11/2026", "2026-11-02"),
    ],
)
def test_a_date_written_another_way_gets_the_date_it_means(
    run_cli: RunCli, tmp_path: Path, written: str, meant: str
) -> None:
    case = write_case(tmp_path, variant("misjudged_delisting", {"notification.received": written}))
    [found] = [f for f in _findings(run_cli, case) if f["path"] == "notification.received"]
    assert found["code"] == "S003" and found["hint"] == f"Write {meant}."
    [zh] = [f for f in _findings(run_cli, case, "zh") if f["path"] == "notification.received"]
    assert zh["hint"] == f"请写成 {meant}。"


@pytest.mark.parametrize(
    ("written", "en", "zh"),
    [
        ("2026-11-31", "month 11 of 2026 has 30 days", "2026 年 11 月只有 30 天"),
        ("2026/02/29", "month 2 of 2026 has 28 days", "2026 年 2 月只有 28 天"),
        ("2026-13-01", "no month 13", "月份 13 无效"),
    ],
)
def test_a_day_the_calendar_lacks_is_said_in_the_readers_words(
    run_cli: RunCli, tmp_path: Path, written: str, en: str, zh: str
) -> None:
    case = write_case(tmp_path, variant("misjudged_delisting", {"notification.received": written}))
    [found] = [f for f in _findings(run_cli, case) if f["path"] == "notification.received"]
    assert en in str(found["message"]) and "range" not in str(found["message"])
    [found_zh] = [f for f in _findings(run_cli, case, "zh") if f["path"] == "notification.received"]
    assert zh in str(found_zh["message"])


def test_a_leap_day_is_a_date() -> None:
    compose("received: 2028-02-29\n")  # the loader keeps it text; the model reads it
    from ozon_urgent.casefile.model import _date_written

    assert _date_written("2028-02-29") == "2028-02-29"


@pytest.mark.parametrize(
    ("text", "want", "line"),
    [
        ("case_id: a\nrequest：restore_listing\nscenario: x\n", "full_width_colon", 2),
        ("evidence:\n  - file：a.pdf\n    kind: other\n", "full_width_colon", 2),
        ("a: 1\nb\nc: 2\n", "syntax_colon", 3),
        ("a: 1\ntext: Внимание: товар\n", "syntax_colon_in_value", 2),
        ("a:\n  b: 1\n c: 2\n", "syntax_indent", 3),
        ("a: [1, 2\nb: 3\n", "syntax_flow_list", 2),
        ("a: {from: 1, to: 2\nb: 3\n", "syntax_flow_mapping", 2),
        ("a:\n\tb: 1\n", "syntax_tab", 2),
        ("a: @x\n", "syntax_reserved", 1),
        ('a: "abc\nb: 2\n', "syntax_unclosed_quote", 3),
        ("a:\n  - 1\n  b: 2\n", "syntax_list_item", 3),
        ('a: "C:\\q"\n', "syntax_escape", 1),
    ],
)
def test_libyaml_problems_become_catalog_messages(text: str, want: str, line: int) -> None:
    with pytest.raises(LoadError) as caught:
        compose(text)
    assert (caught.value.variant, caught.value.line) == (want, line)
    assert "detail" not in caught.value.params  # libyaml's English stays out of the message


def test_the_raw_yaml_problem_only_under_the_debug_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OZON_URGENT_DEBUG", "1")
    with pytest.raises(LoadError) as caught:
        compose("a: [1, 2\nb: 3\n")
    assert caught.value.variant == "syntax_raw" and "expected ',' or ']'" in str(
        caught.value.params["detail"]
    )


def test_a_full_width_colon_in_the_case_file_is_named_on_its_own_line(
    run_cli: RunCli, tmp_path: Path
) -> None:
    case = write_case(tmp_path, variant("misjudged_delisting", {}))
    text = case.read_text("utf-8")
    assert "\nrequest: " in text
    case.write_text(text.replace("\nrequest: ", "\nrequest：", 1), "utf-8")
    line = (
        case.read_text("utf-8")
        .splitlines()
        .index(next(row for row in case.read_text("utf-8").splitlines() if row.startswith("request：")))
    )
    result = run_cli("check", "--lang", "zh", case)
    assert result.exit_code == 1  # the case fails; the tool did not
    assert f"{case}:{line + 1}: Y003" in result.stdout
    assert "全角冒号" in result.stdout and "could not" not in result.stdout


@pytest.mark.parametrize(
    ("changes", "example"),
    [
        ({"affected.postings": ["全部"]}, '`postings: ["57195475-0050-3", "57195475-0051-1"]`'),
        ({"affected.postings": "all"}, '`postings: ["57195475-0050-3", "57195475-0051-1"]`'),
        ({"affected.offer_ids": ["*"]}, '`offer_ids: ["BH-LAMP-0042", "BH-LAMP-0043"]`'),
        ({"affected.skus": "все"}, "`skus: [498274975, 498274976]`"),
    ],
)
def test_the_placeholder_hint_shows_the_list_that_failed(
    run_cli: RunCli, tmp_path: Path, changes: dict[str, object], example: str
) -> None:
    case = write_case(tmp_path, variant("carrier_failure", changes))
    [found] = [f for f in _findings(run_cli, case) if f["code"] == "C122"]
    assert example in str(found["hint"])


def test_missing_postings_say_where_they_are_and_which_scenarios_take_skus(
    run_cli: RunCli, tmp_path: Path
) -> None:
    case = write_case(tmp_path, variant("carrier_failure", {"affected": {"skus": [498274975]}}))
    [found] = [f for f in _findings(run_cli, case, "zh") if f["code"] == "C120"]
    assert "57195475-0050-3" in str(found["hint"]) and "订单" in str(found["hint"])
    assert "misjudged_delisting, rating_drop_restriction" in str(found["hint"])


def test_sizes_are_said_in_ozons_mb_with_their_bytes() -> None:
    """A 7,000,000-byte photo: 6.7 MB against Ozon's 5 MB (5,242,880 bytes), in the one unit FILING.md
    and Ozon use (1 MB = 1024 × 1024 bytes), with the bytes beside it for a file manager that shows 7.0."""
    from ozon_urgent import i18n
    from ozon_urgent.attachments.reading import too_large_hit

    hit = too_large_hit(7_000_000, 5_242_880)
    for lang in ("en", "zh"):
        text = i18n.catalog(lang)[hit.code]["message"].format(**hit.params)
        assert "6.7 MB" in text and "5 MB" in text and "7000000" in text and "5242880" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_message_shows_a_size_in_mib(lang: str) -> None:
    """FILING.md and Ozon say «5 MB»: a message that said MiB beside it would give the seller two units."""
    from ozon_urgent import i18n

    catalog = i18n.catalog(lang).items()
    said = [f"[{table}] {name}" for table, entry in catalog for name, text in entry.items() if "MiB" in text]
    assert said == []


def test_what_an_evidence_path_is_instead_of_a_file_is_said_in_zh(run_cli: RunCli, tmp_path: Path) -> None:
    """`file: evidence/` (a folder): «是文件夹，不是文件», not the English word «directory»."""
    case = write_case(tmp_path, variant("misjudged_delisting", {"evidence[1].file": "evidence"}))
    [found] = [f for f in _findings(run_cli, case, "zh") if f["code"] == "C181"]
    assert str(found["message"]) == "evidence 是文件夹，不是文件"


def test_pypdf_words_stay_out_of_the_message(tmp_path: Path) -> None:
    """A PDF cut short, in the catalog's words; pypdf's «Stream has ended unexpectedly» only in params."""
    from ozon_urgent import i18n
    from ozon_urgent.attachments import InspectLimits, inspect_blobs

    [report] = inspect_blobs([("cut.pdf", b"%PDF-1.7\n")], InspectLimits(), jobs=1, cache=False)
    [hit] = report.hits
    assert (hit.code, hit.variant) == ("A203", "pdf_truncated")
    assert "unexpectedly" in str(hit.params["detail"])
    for lang in ("en", "zh"):
        message = i18n.catalog(lang)["A203"]["message_pdf_truncated"].format(**hit.params)
        assert "unexpectedly" not in message and "Stream" not in message


def test_quiet_prints_the_problems_and_nothing_else(run_cli: RunCli, tmp_path: Path) -> None:
    for index in range(2):
        folder = tmp_path / f"c{index}"
        changes = {"case_id": f"c{index}", "notification.received": "2026/11/20"}
        write_case(folder, variant("misjudged_delisting", changes))
    loud = run_cli("check", "--no-content", tmp_path)
    quiet = run_cli("check", "--no-content", "-q", tmp_path)
    assert "case(s) checked" in loud.stdout and "scenario" in loud.stdout  # the table's header
    assert quiet.exit_code == loud.exit_code == 1
    assert "case(s) checked" not in quiet.stdout and "scenario " not in quiet.stdout
    assert quiet.stdout.count(": S003 ") == 2
