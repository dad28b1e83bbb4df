"""`delivery:`: the sales scheme and whose carrier it was, validated, asked for, and said in the letter."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent.catalog import load_catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.ticket.content import TicketContent
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.seller_copy import sample_seller_copy
from ozon_urgent.ticket.template_gate import sample_content


def _check(run_cli: RunCli, tmp_path: Path, scenario: str, changes: dict[str, Any]) -> list[Any]:
    path = write_case(tmp_path / "case", variant(scenario, changes))
    result = run_cli("check", "--format", "json", "--lang", "en", path)
    return [f for case in json.loads(result.stdout)["cases"] for f in case["findings"]]


@pytest.mark.parametrize(
    "value, words",
    [
        ("SBS", "“SBS” is not an Ozon sales scheme"),
        ("realFBS", "Write it as rFBS."),
        ("rfbs", "Write it as rFBS."),
        ("fbo", "Write it as FBO."),
        (7, "is not an Ozon sales scheme"),
        ("", "is empty: the sales scheme of these postings is not given"),
    ],
)
def test_a_scheme_ozon_does_not_write_is_refused_with_its_spelling(
    run_cli: RunCli, tmp_path: Path, value: object, words: str
) -> None:
    found = _check(run_cli, tmp_path, "carrier_failure", {"delivery.scheme": value})
    s003 = [f for f in found if f["code"] == "S003"]
    assert [f["path"] for f in s003] == ["delivery.scheme"]
    assert words in s003[0]["message"] + " " + s003[0]["hint"]


def test_the_scheme_under_seller_is_pointed_to_delivery(run_cli: RunCli, tmp_path: Path) -> None:
    found = _check(run_cli, tmp_path, "carrier_failure", {"seller.scheme": "FBS"})
    unknown = [f for f in found if f["code"] == "S001"]
    assert unknown and "delivery" in unknown[0]["message"] + unknown[0]["hint"]


@pytest.mark.parametrize(
    "scenario, changes, variant_said",
    [
        ("carrier_failure", {"delivery": None}, "needs `delivery.scheme`"),
        ("carrier_failure", {"delivery": {"scheme": "rFBS"}}, "needs `delivery.carrier`"),
        ("sync_delay", {"delivery": None}, "needs `delivery.scheme`"),
    ],
)
def test_carrier_and_sync_cases_must_say_it(
    run_cli: RunCli, tmp_path: Path, scenario: str, changes: dict[str, Any], variant_said: str
) -> None:
    found = [f for f in _check(run_cli, tmp_path, scenario, changes) if f["code"] == "C196"]
    assert len(found) == 1 and found[0]["severity"] == "error" and variant_said in found[0]["message"]


@pytest.mark.parametrize(
    "scenario, changes",
    [
        ("carrier_failure", {}),  # the base case says rFBS and its carrier
        ("sync_delay", {"delivery": {"scheme": "FBS"}}),  # no carrier needed for a sync delay
        ("misjudged_delisting", {}),  # optional elsewhere
        ("misjudged_delisting", {"delivery": {"scheme": "FBO"}}),
    ],
)
def test_with_it_or_where_it_is_optional_nothing_is_said(
    run_cli: RunCli, tmp_path: Path, scenario: str, changes: dict[str, Any]
) -> None:
    assert not [f for f in _check(run_cli, tmp_path, scenario, changes) if f["code"] in ("C196", "S003")]


def _content(scheme: str | None, carrier: str | None = None) -> TicketContent:
    return replace(sample_content("carrier_failure", load_catalog()), scheme=scheme, carrier=carrier)


CARRIER = "SwiftRoute Logistics"
RU_RFBS = f"Магазин работает по схеме rFBS; отправления покупателям доставляет перевозчик «{CARRIER}»."
RU_FBS = (
    f"Магазин работает по схеме FBS; отправления до пункта приёма Ozon доставляет перевозчик «{CARRIER}»."
)


@pytest.mark.parametrize(
    "scheme, carrier, line",
    [
        ("rFBS", CARRIER, RU_RFBS),
        ("FBS", CARRIER, RU_FBS),
        ("FBS", None, "Магазин работает по схеме FBS."),
        ("FBO", None, "Магазин работает по схеме FBO."),
    ],
)
def test_the_letter_says_it_in_one_line_after_the_notification(
    scheme: str, carrier: str | None, line: str
) -> None:
    body = Renderer().ticket(_content(scheme, carrier)).body
    lines = body.splitlines()
    notification = next(i for i, text in enumerate(lines) if text.startswith("«Текст уведомления"))
    assert lines[notification + 1] == line
    assert body.count("схеме") == 1


def test_without_it_the_letter_says_nothing_of_a_scheme() -> None:
    body = Renderer().ticket(_content(None)).body
    assert "схем" not in body and "перевозчик" not in body


EN_RFBS = f"The store works under the rFBS scheme; the carrier “{CARRIER}” delivers our parcels to buyers."


@pytest.mark.parametrize(
    "lang, scheme, carrier, sentence",
    [
        ("zh", "rFBS", CARRIER, f"店铺采用 rFBS 模式，货件由承运商“{CARRIER}”配送给买家。"),
        ("zh", "FBS", CARRIER, f"店铺采用 FBS 模式，货件由承运商“{CARRIER}”送至 Ozon 收货点。"),
        ("zh", "FBS", None, "店铺采用 FBS 模式。"),
        ("en", "rFBS", CARRIER, EN_RFBS),
        ("en", "FBO", None, "The store works under the FBO scheme."),
    ],
)
def test_the_copy_says_the_same_after_the_notification(
    lang: Lang, scheme: str, carrier: str | None, sentence: str
) -> None:
    content = _content(scheme, carrier)
    copy = Renderer().seller_copy(sample_seller_copy(content, load_catalog(), lang, russian=False))
    paragraph = next(p for p in copy.split("\n\n") if sentence in p)
    assert "通知" in paragraph or "notification" in paragraph  # the notification's own paragraph
    if lang == "zh":
        assert "Logistics" not in copy.replace("“SwiftRoute Logistics”", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_asks_for_the_scheme_where_the_scenario_needs_it(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"carrier-{lang}.yaml"
    result = run_cli("init", "carrier_failure", "-o", out, "--lang", lang)
    assert result.exit_code == 0, result.stdout
    text = out.read_text("utf-8")
    scheme_line = next(line for line in text.splitlines() if line.startswith("  scheme:"))
    carrier_line = next(line for line in text.splitlines() if line.startswith("  carrier:"))
    assert "FBS" in scheme_line and "rFBS" in scheme_line and "#" in carrier_line
    text_line = next(line for line in text.splitlines() if line.startswith("  text:"))
    assert ("通知" in text_line) if lang == "zh" else ("notification" in text_line)
    sync = tmp_path / "sync.yaml"
    run_cli("init", "sync_delay", "-o", sync, "--lang", lang)
    assert "  scheme:" in sync.read_text("utf-8") and "  carrier:" not in sync.read_text("utf-8")
    other = tmp_path / "other.yaml"
    run_cli("init", "misjudged_delisting", "-o", other, "--lang", lang)
    assert "\n# delivery:" in other.read_text("utf-8")  # optional: offered as a comment
