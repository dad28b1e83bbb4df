"""FILING.md in the words of Ozon's Russian screens: each sourced label named in «», no English labels
under zh, a real `--at` example that records what it says, and where a video goes."""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from kit.repo import REPO
from ozon_urgent.catalog import load_catalog
from ozon_urgent.policy import load_policy
from ozon_urgent.ticket.interface import interface_labels
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.template_gate import sample_content
from zh_prose import english_words

SCENARIOS = sorted(load_catalog().scenarios)
# What FILING used to name and no Russian screen shows: the article's English labels.
ENGLISH_LABELS = ("Performance & Ratings", "Priority", "Open", "In Progress", "Resolved", "My Tickets")


def _filing(scenario: str, lang: str, **changes: object) -> tuple[str, date]:
    content = dataclasses.replace(sample_content(scenario, load_catalog()), **changes)  # type: ignore[arg-type]
    text = Renderer().filing(content, load_catalog(), load_policy(), lang, "a/case.yaml")  # type: ignore[arg-type]
    return text, content.received


def test_every_label_is_shown_by_the_ozon_page_it_cites_and_the_doc_lists_it() -> None:
    doc = (REPO / "docs" / "ozon-interface.md").read_text("utf-8")
    labels = interface_labels()
    assert {"chats", "create_request"} <= set(labels)
    for key, label in labels.items():
        assert label.ru in label.says, key
        assert re.match(r"https://(docs|seller-edu)\.ozon\.ru/", label.source), key
        assert re.search(r"[а-яё]", label.ru, re.I) and not re.search(r"[a-z]", label.ru, re.I), key
        # the doc's table names the label and the page that shows it
        assert f"«{label.ru}»" in doc and label.source in doc, key


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_filing_zh_names_each_russian_label_and_no_english_one(scenario: str) -> None:
    text, received = _filing(scenario, "zh")
    assert english_words(text) == [], english_words(text)
    for label in interface_labels().values():
        assert f"“{label.zh}”（俄语界面：«{label.ru}»）" in text
    assert not [word for word in ENGLISH_LABELS if word in text]
    # the `--at` example: a real time on the notification's day, Moscow time, with Beijing's beside it
    assert f"`--at {received.isoformat()}T14:30`" in text
    assert "北京时间" in text and "19:30" in text and "莫斯科时间 = 北京时间减 5 小时" in text


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_filing_en_names_each_russian_label(scenario: str) -> None:
    text, received = _filing(scenario, "en")
    for label in interface_labels().values():
        assert f"{label.en} («{label.ru}»)" in text
    assert "Performance & Ratings" not in text and "Priority:" not in text and "My Tickets" not in text
    assert f"`--at {received.isoformat()}T14:30`" in text and "19:30 in Beijing" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_video_goes_to_a_public_link_reviewers_in_russia_can_open(lang: str) -> None:
    with_link, _ = _filing("malicious_returns", lang)
    words = {
        "en": ("Yandex Disk", "Baidu Netdisk", "without signing in"),
        "zh": ("Yandex 网盘", "百度网盘", "不登录"),
    }
    assert all(word in with_link for word in words[lang])
    assert "`links:`" not in with_link  # the link is there already: nothing to add to the case
    # a video scenario without its link yet is told where to put it; a scenario with no video hears nothing
    without_link, _ = _filing("malicious_returns", lang, links=())
    assert "`links:`" in without_link and words[lang][1] in without_link
    catalog = load_catalog()
    kinds = [k for group in catalog.scenarios["carrier_failure"].evidence for k in group]
    assert not any(catalog.kinds[k].video for k in kinds)
    plain, _ = _filing("carrier_failure", lang, links=())
    assert words[lang][1] not in plain and words[lang][0] not in plain


@pytest.mark.parametrize(
    ("built", "at", "beijing"),
    [
        ("2026-11-26T10:12:00+03:00", "2026-11-26T11:00", "16:00"),  # the build day, after the build
        ("2026-11-26T21:40:00+03:00", "2026-11-26T22:00", "03:00"),  # Beijing is a day ahead by then
    ],
)
def test_the_at_example_run_as_written_records_it_after_the_build(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: str, at: str, beijing: str
) -> None:
    """The zh FILING's `--at` example, added to its record command a day later, records the ticket at
    that Moscow time on the pack's build day, with no warning that it was filed before the pack was built."""
    write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "late-record"}))
    monkeypatch.chdir(tmp_path)
    made = run_cli("build", "--lang", "zh", "--out", "out", "a/case.yaml", env={"OZON_URGENT_NOW": built})
    assert made.exit_code == 0, made.stdout + made.stderr
    filing = (pack_dir(tmp_path / "out", "late-record") / "FILING.md").read_text("utf-8")
    [record] = re.findall(r"^   `(ozon-urgent record .*)`$", filing, re.M)
    [example] = re.findall(r"加上 `(--at \S+)`。", filing)
    assert example == f"--at {at}" and f" {beijing} 提交（即莫斯科时间" in filing
    words = shlex.split(record.replace("<工单编号>", "REF-777")) + shlex.split(example)
    later = {"OZON_URGENT_NOW": "2026-11-28T12:00:00+03:00", "OZON_URGENT_LANG": "zh"}
    recorded = run_cli(*words[1:], env=later)
    assert recorded.exit_code == 0, recorded.stdout + recorded.stderr
    assert "警告" not in recorded.stderr and "早于工单包生成时间" not in recorded.stderr, recorded.stderr
    [ticket] = json.loads(run_cli("status", "--format", "json", env=later).stdout)["tickets"]
    assert ticket["reference"] == "REF-777"
    moscow = datetime.fromisoformat(ticket["filed_at"]).astimezone(timezone(timedelta(hours=3)))
    assert moscow.strftime("%Y-%m-%dT%H:%M") == at and moscow > datetime.fromisoformat(built)
