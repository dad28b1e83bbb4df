"""What `init` writes for the seller to replace or fill in: a placeholder left in place is an error (C202),
and a field left as written (an empty `caption`) is the same as no field."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from factories import base_case, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from ozon_urgent import i18n
from ozon_urgent.casefile.placeholders import VIDEO_LINK


def _findings(run_cli: RunCli, case: Path, lang: str = "en") -> list[dict[str, str]]:
    checked = run_cli(
        "check", "--no-content", "--lang", lang, "--today", "2026-12-07", "--format", "json", case
    )
    findings: list[dict[str, str]] = json.loads(checked.stdout)["cases"][0]["findings"]
    return findings


def test_init_s_video_link_left_in_place_is_an_error_in_the_first_run(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`init malicious_returns` writes `url: https://disk.yandex.ru/TODO`; left unchanged, check and build
    passed and the ticket said «Видео распаковки: https://disk.yandex.ru/TODO»."""
    case = tmp_path / "my-case" / "case.yaml"
    assert (
        run_cli("init", "malicious_returns", "--lang", "zh", "--today", "2026-12-07", "-o", case).exit_code
        == 0
    )
    assert [link["url"] for link in yaml.safe_load(case.read_text("utf-8"))["links"]] == [VIDEO_LINK]
    # named with the skeleton's other gaps (its seller fields are still empty), not a run later
    [found] = [f for f in _findings(run_cli, case, "zh") if f["code"] == "C202"]
    assert (found["path"], found["severity"]) == ("links[0].url", "error")
    assert found["message"] == "视频链接还是模板里的占位地址（https://disk.yandex.ru/TODO）"
    assert found["hint"] == "请先把视频上传到 Yandex 网盘并开启公开分享，再把链接填在这里。"


def test_a_finished_case_with_the_placeholder_link_builds_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    links = [{"url": VIDEO_LINK, "kind": "unboxing_video"}]
    case = write_case(tmp_path / "case", variant("malicious_returns", {"links": links}))
    built = run_cli("build", "--out", tmp_path / "out", case)
    assert built.exit_code == 1 and ": C202 error: " in built.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_init_offers_a_caption_in_every_evidence_entry(run_cli: RunCli) -> None:
    for lang in ("zh", "en"):
        text = run_cli("init", "carrier_failure", "--lang", lang).stdout
        evidence = yaml.safe_load(text)["evidence"]
        assert evidence and all(item["caption"] == "" for item in evidence), evidence
        note = i18n.text(lang, "cli.init", "caption")
        assert text.count(f'    caption: ""             # {note}\n') == len(evidence)
    assert "附件说明" in i18n.text("zh", "cli.init", "caption")  # the glossary's word for `caption`


def test_an_empty_caption_is_no_caption(run_cli: RunCli, tmp_path: Path) -> None:
    """The skeleton's `caption: ""` left empty: no finding about it, and the pack is the one a case without
    the field gets, word for word."""
    plain = base_case("carrier_failure")
    captioned = base_case("carrier_failure")
    for item in captioned["evidence"]:
        item["caption"] = ""
    case = write_case(tmp_path / "case", captioned)
    assert [f for f in _findings(run_cli, case) if "caption" in f["path"]] == []
    assert run_cli("build", "--out", tmp_path / "a", case).exit_code == 0
    write_case(tmp_path / "case", plain)
    assert run_cli("build", "--out", tmp_path / "b", case).exit_code == 0
    for name in ("ticket.txt", "ticket.en.md", "FILING.md"):
        a = pack_dir(tmp_path / "a", "test-carrier-failure") / name
        b = pack_dir(tmp_path / "b", "test-carrier-failure") / name
        same = a.read_text("utf-8").replace(str(tmp_path / "a"), str(tmp_path / "b"))  # FILING names its out
        assert same == b.read_text("utf-8"), name


def test_init_asks_a_russian_reader_to_check_the_translation(run_cli: RunCli) -> None:
    zh = run_cli("init", "carrier_failure", "--lang", "zh").stdout
    assert "  ru_reviewed: false        # 请懂俄语的人校对俄语译文后，再改为 true\n" in zh
    en = run_cli("init", "carrier_failure", "--lang", "en").stdout
    assert "# set to true once someone who reads Russian has checked the Russian text\n" in en
