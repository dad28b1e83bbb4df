"""What `init` writes for the seller to replace: a placeholder left in place is an error (C202)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from factories import variant, write_case
from kit.cli import RunCli
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
