"""The judgement that keeps a failed back-translation from being shown as what the Russian means."""

from __future__ import annotations

import pytest

from ozon_urgent.casefile.back_plausibility import MIN_RUSSIAN_CHARS, repeated_backs, suspicion

RUSSIAN = (
    "Наши отправления задержаны по вине службы доставки. "
    "Служба доставки письменно это подтвердила и выплатила компенсацию."
)
ZH = "由于配送服务的原因，我们的货件延误了。配送服务已书面确认并支付了赔偿。"  # 0.3 of the Russian
EN = "Our shipments were delayed through the fault of the delivery service, which confirmed it in writing."


def test_a_faithful_rendering_passes() -> None:
    assert suspicion(RUSSIAN, ZH, "zh") is None
    assert suspicion(RUSSIAN, EN, "en") is None
    assert suspicion("Акт приёма", "验收单", "zh") is None  # a short caption is not judged by length


@pytest.mark.parametrize(
    ("back", "lang", "why"),
    [
        ("无法回译", "zh", "too_short"),  # what a failing engine answered the reader for every paragraph
        (ZH * 6, "zh", "too_long"),
        (RUSSIAN, "zh", "same_as_russian"),
        (f"  {RUSSIAN.upper()}\n", "en", "same_as_russian"),
        ("[zh] " + RUSSIAN, "zh", "no_script"),  # the Russian echoed with a tag: no Han character at all
        (EN, "zh", "no_script"),
        (ZH, "en", "no_script"),
        ("Failed.", "en", "too_short"),
    ],
)
def test_answers_no_translation_could_be_are_suspect(back: str, lang: str, why: str) -> None:
    assert suspicion(RUSSIAN, back, lang) == why  # type: ignore[arg-type]


def test_the_length_bounds_hold_from_the_documented_size() -> None:
    short = RUSSIAN[: MIN_RUSSIAN_CHARS - 1]
    assert suspicion(short, "无", "zh") is None
    assert suspicion(RUSSIAN[:MIN_RUSSIAN_CHARS], "无", "zh") == "too_short"


def test_one_answer_for_different_russian_is_repeated() -> None:
    pairs = [(RUSSIAN, "无法回译"), ("Письмо службы доставки", "无法回译"), ("Реестр", "清单")]
    repeated = repeated_backs(pairs)
    assert repeated == frozenset({"无法回译"})
    assert suspicion("Письмо службы доставки", "无法回译", "zh", repeated) == "repeated"
    assert suspicion("Реестр", "清单", "zh", repeated) is None
    # the same Russian twice (two files with one caption) may well get the same back-translation
    assert repeated_backs([("Реестр", "清单"), ("Реестр", "清单")]) == frozenset()
