"""Drafts from the fake account: valid cases that `check` holds incomplete until the seller finishes them."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from pull_fake import FakeOzon, error_entry
from pull_support import CANCELLED, DELAYED, local_server, run_pull, standard_account
from pytest_httpserver import HTTPServer

from factories import make_jpeg, make_pdf
from ozon_urgent import i18n
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.engine import CheckOptions, check_case
from ozon_urgent.findings import Severity
from ozon_urgent.pipeline.build import BuildOptions, run_build
from ozon_urgent.policy import load_policy
from ozon_urgent.seller_api.errors import ErrorKind
from ozon_urgent.seller_api.plan import safe_stem
from ozon_urgent.seller_api.scenarios import load_rating_scenarios

OPTIONS = CheckOptions(today=date(2026, 11, 26))
RUSSIAN = (
    "С 01.11.2026 по 12.11.2026 служба доставки задерживала приём отправлений на сортировочном центре. "
    "Все отправления были собраны и переданы в доставку вовремя, что подтверждают акты передачи. "
    "Служба доставки признала свою ответственность и выплатила компенсацию. "
    "Просим исключить этот период из расчёта показателя."
)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with local_server() as running:
        yield running


@pytest.fixture
def fake(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakeOzon:
    server.clear()
    return standard_account(FakeOzon(server)).install()


def errors_of(draft: Path) -> dict[str, list[str]]:
    """Error findings of `check` on a case file, by code, each with its field path."""
    found: dict[str, list[str]] = {}
    for finding in check_case(draft, str(draft), load_policy(), OPTIONS).result.findings:
        if finding.severity is Severity.ERROR:
            found.setdefault(finding.code, []).append(finding.path_text)
    return found


def finish(draft: Path) -> None:
    """What the seller does: the evidence files the TODOs name, the store's name, the explanation."""
    for item in yaml.safe_load(draft.read_text("utf-8"))["evidence"]:
        target = draft.parent / item["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make_jpeg() if target.suffix == ".jpg" else make_pdf(f"{item['kind']} 2026-11"))
    text = draft.read_text("utf-8")
    text = text.replace('store_name: "TODO"', 'store_name: "Bright Home"')
    text = text.replace('text: ""', 'text: "承运商分拣中心故障，货件按时交付物流，但送达延误。"')
    text = text.replace('ru: ""', f'ru: "{RUSSIAN}"').replace("ru_reviewed: false", "ru_reviewed: true")
    text = re.sub(r'(?m)^  # carrier: "".*$', '  carrier: "SwiftRoute Logistics"', text)
    draft.write_text(text, "utf-8")


def test_a_draft_checks_as_incomplete_then_passes_and_builds_with_the_apis_postings(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "drafts"
    assert run_pull(monkeypatch, fake, "--out", out).exit_code == 0
    draft = out / "rating_on_time-2026-11-20.yaml"
    case = yaml.safe_load(draft.read_text("utf-8"))
    assert case["scenario"] == "carrier_failure"
    assert case["notification"] == {"received": date(2026, 11, 20), "metric": "rating_on_time"}
    assert case["affected"]["postings"] == DELAYED  # the late ones, in the API's order; no cancellation
    assert case["request"] == "exclude_period"
    assert case["delivery"] == {"scheme": "FBS"}  # tpl_integration_type "ozon"; the carrier is the seller's
    assert [item["file"] for item in case["evidence"]] == [
        "evidence/TODO-carrier_statement.pdf",
        "evidence/TODO-compensation_voucher.pdf",
    ]

    before = errors_of(draft)
    assert before.pop("C180") == ["evidence[0].file", "evidence[1].file"]  # the TODO files are missing
    assert before.pop("C170") == ["explanation.ru"]
    assert before.pop("C196") == ["delivery"]  # the carrier, which the API does not know on FBS
    assert before.pop("C204") == ["seller.store_name"]  # the draft's TODO name, which would reach the letter
    assert not before, before  # nothing else: the draft itself is a valid case

    finish(draft)
    assert errors_of(draft) == {}
    # build records each pack in a ledger: this test's own, never the user's
    monkeypatch.setenv("OZON_URGENT_LEDGER", str(tmp_path / "ledger.sqlite3"))
    run = run_build([draft], None, OPTIONS, BuildOptions(out=tmp_path / "packs"))
    assert [pack.name for pack in run.packs] == ["rating_on_time-2026-11-20"]
    ticket = json.loads((run.packs[0] / "ticket.json").read_text("utf-8"))
    assert ticket["ids"]["postings"] == DELAYED
    assert CANCELLED not in json.dumps(ticket)


RFBS_POSTING = {
    "tpl_integration_type": "non_integrated",
    "delivery_method": {
        "id": 1,
        "name": "Курьер",
        "tpl_provider": " SwiftRoute  Logistics ",
        "tpl_provider_id": 9,
    },
}


def test_an_rfbs_posting_gives_the_draft_its_scheme_and_carrier(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake.posting_fields["*"] = RFBS_POSTING
    assert run_pull(monkeypatch, fake, "--out", tmp_path).exit_code == 0
    draft = tmp_path / "rating_on_time-2026-11-20.yaml"
    assert yaml.safe_load(draft.read_text("utf-8"))["delivery"] == {
        "scheme": "rFBS",
        "carrier": "SwiftRoute Logistics",
    }
    assert "C196" not in errors_of(draft)


@pytest.mark.parametrize(
    "fields, note",
    [
        ({DELAYED[0]: {"tpl_integration_type": "aggregator"}}, "on more than one scheme (FBS, rFBS)"),
        (
            {"*": {"tpl_integration_type": "drone"}},
            "did not return the sales scheme",
        ),  # a type Ozon adds later
    ],
)
def test_a_scheme_the_api_does_not_settle_is_left_to_the_seller(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fields: dict[str, Any], note: str
) -> None:
    fake.posting_fields.update(fields)
    assert run_pull(monkeypatch, fake, "--out", tmp_path, "--lang", "en").exit_code == 0
    draft = tmp_path / "rating_on_time-2026-11-20.yaml"
    text = draft.read_text("utf-8")
    assert "delivery" not in yaml.safe_load(text)
    assert note in next(line for line in text.splitlines() if line.startswith("# delivery:"))
    assert errors_of(draft)["C196"] == ["delivery"]  # a valid draft that check holds incomplete


def test_the_unknown_rating_gets_a_valid_default_draft(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run_pull(monkeypatch, fake, "--out", tmp_path).exit_code == 0
    draft = tmp_path / "rating_courier_feedback_fbs-2026-11-26.yaml"
    text = draft.read_text("utf-8")
    assert "«Отзывы курьеров о передаче отправлений»" in text
    case = yaml.safe_load(text)
    assert case["scenario"] == load_rating_scenarios().default.scenarios[0]
    # A key the letter has no Russian for: the draft names the metric as Ozon itself does.
    assert case["notification"]["metric"] == "Отзывы курьеров о передаче отправлений"
    found = errors_of(draft)
    assert not [code for code in found if code[0] in "YS"], found  # incomplete, never malformed
    assert "C195" not in found


def test_a_posting_number_ozon_would_not_accept_is_left_out_as_a_comment(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake.errors = [error_entry("57195475-0050-3"), error_entry("FBS 12\n3"), error_entry("57195475-0050-3")]
    assert run_pull(monkeypatch, fake, "--out", tmp_path).exit_code == 0
    text = (tmp_path / "rating_on_time-2026-11-20.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["affected"]["postings"] == ["57195475-0050-3"]  # once, though listed twice
    assert "# left out, not an Ozon posting number: FBS 12 3" in text


def test_10000_postings_make_one_loadable_draft(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake.error_count, fake.page_size = 10_000, 1000
    run = run_pull(monkeypatch, fake, "--out", tmp_path)
    assert run.exit_code == 0, run.stderr
    draft = tmp_path / "rating_on_time-2026-11-20.yaml"
    postings = yaml.safe_load(draft.read_text("utf-8"))["affected"]["postings"]
    assert len(postings) == len(set(postings)) == 10_000
    assert len(fake.calls("/v3/posting/fbs/get")) == 50  # dates for the first 50 only
    assert "Y001" not in errors_of(draft)  # under the 256 KiB a case file may have
    assert "over the 262144 bytes" not in run.stdout


def test_every_scenario_in_the_rating_table_exists() -> None:
    catalog = load_catalog()
    table = load_rating_scenarios()
    for key, fit in [*table.ratings.items(), ("default", table.default)]:
        assert fit.scenarios, key
        assert set(fit.scenarios) <= set(catalog.scenarios), key
        assert fit.posting_errors <= {"SELLER_DELAY", "SELLER_CANCELLATION"}, key


def test_file_names_from_open_rating_keys_are_safe() -> None:
    assert safe_stem("rating_on_time") == "rating_on_time"
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem("рейтинг") == "rating"
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", safe_stem("-x y"))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_chinese_and_english_messages_match() -> None:
    tables = ("cli.pull", "cli.pull.draft")
    en = {t: i18n.catalog("en")[t] for t in tables}
    zh = {t: i18n.catalog("zh")[t] for t in tables}
    for table in en:
        assert en[table].keys() == zh[table].keys(), table
        for key, text in en[table].items():
            assert _placeholders(text) == _placeholders(zh[table][key]), (table, key)
    assert set(get_args(ErrorKind)) <= en["cli.pull"].keys()
