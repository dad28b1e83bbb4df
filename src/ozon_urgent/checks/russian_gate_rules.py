"""The Russian gate's checks (C175–C179, C183–C187), in catalog order, for the registry to include."""

from __future__ import annotations

from ozon_urgent.checks.base import Check
from ozon_urgent.checks.russian_emoji import RussianEmoji
from ozon_urgent.checks.russian_english import RussianEnglishWords
from ozon_urgent.checks.russian_invisible import RussianInvisibleCharacters
from ozon_urgent.checks.russian_long_sentence import RussianLongSentence
from ozon_urgent.checks.russian_mixed_script import RussianMixedScript
from ozon_urgent.checks.russian_pinyin import RussianPinyin
from ozon_urgent.checks.russian_shouting import RussianShouting
from ozon_urgent.checks.russian_too_short import RussianExplanationTooShort
from ozon_urgent.checks.russian_unknown_words import RussianUnknownWords
from ozon_urgent.checks.russian_yo import RussianYoMixed

RUSSIAN_GATE_CHECKS: tuple[type[Check], ...] = (
    RussianInvisibleCharacters,
    RussianMixedScript,
    RussianUnknownWords,
    RussianEnglishWords,
    RussianPinyin,
    RussianShouting,
    RussianLongSentence,
    RussianExplanationTooShort,
    RussianEmoji,
    RussianYoMixed,
)
