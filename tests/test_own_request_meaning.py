"""C188 tells a seller who cannot read Russian which sentence to delete: its place in the field, and what
it says in their own language when the case ties the Russian sentence to one of theirs."""

from __future__ import annotations

import json
from pathlib import Path

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent.casefile.provenance import source_sha256

RU = (
    "Отправления 57195475-0050-3 и 57195475-0051-1 задержаны по вине службы доставки. "
    "Просим снять ограничение."
)
TEXT = "承运商延误了货件 57195475-0050-3 和 57195475-0051-1。请解除限制。"
BACK = "货件 57195475-0050-3 和 57195475-0051-1 因承运商的过错而延误。请取消限制。"


def _c188(run_cli: RunCli, folder: Path, lang: str, **explanation: object) -> str:
    changes = {f"explanation.{key}": value for key, value in explanation.items()}
    case = write_case(
        folder, variant("carrier_failure", {"explanation.ru": RU, "explanation.text": TEXT, **changes})
    )
    ran = run_cli("check", "--no-content", "--lang", lang, "--format", "json", case)
    [found] = [f for f in json.loads(ran.stdout)["cases"][0]["findings"] if f["code"] == "C188"]
    return str(found["message"])


def test_the_back_translation_of_the_sentence_is_shown(run_cli: RunCli, tmp_path: Path) -> None:
    back = {"ru_back": BACK, "ru_back_sha256": source_sha256(RU)}
    zh = _c188(run_cli, tmp_path / "zh", "zh", **back)
    assert (
        "`explanation.ru` 的第 2 句另外提出了请求：“Просим снять ограничение.”（回译：请取消限制。）；" in zh
    )
    en = _c188(run_cli, tmp_path / "en", "en", **back)
    assert (
        "sentence 2 of `explanation.ru` makes its own request: “Просим снять ограничение.”"
        " (back-translation: 请取消限制。);" in en
    )


def test_without_a_current_back_translation_the_sellers_own_sentence_is_shown(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A back-translation of another Russian says nothing of this one; the text the Russian was made from
    (its hash kept by `translate`) does, sentence for sentence."""
    stale = {
        "ru_back": BACK,
        "ru_back_sha256": source_sha256("другой текст"),
        "ru_source_sha256": source_sha256(TEXT),
    }
    zh = _c188(run_cli, tmp_path / "zh", "zh", **stale)
    assert "（您的原文：“请解除限制。”）；" in zh and "回译" not in zh


def test_sentences_that_do_not_pair_up_give_only_the_place(run_cli: RunCli, tmp_path: Path) -> None:
    one = "承运商延误了货件，请解除限制。"  # one sentence for the Russian's two: no sentence is tied to it
    zh = _c188(run_cli, tmp_path / "zh", "zh", text=one, ru_source_sha256=source_sha256(one))
    assert "`explanation.ru` 的第 2 句另外提出了请求：“Просим снять ограничение.”；" in zh
