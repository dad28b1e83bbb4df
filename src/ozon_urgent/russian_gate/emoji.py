"""Emoji in a formal request: pictographs, flags, keycaps and their joined sequences (👨‍💻, 🇷🇺, 1️⃣)."""

from __future__ import annotations

import re

# Symbols shown as emoji by default (Unicode's Emoji_Presentation in the Basic Multilingual Plane);
# text symbols such as ✓ ★ № © are left alone unless followed by the emoji selector U+FE0F.
_BMP_EMOJI = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1"
    "\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705"
    "\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
)
# One emoji: a flag (two regional indicators), a pictograph of the supplementary planes, a default-emoji
# symbol, or a symbol or digit made emoji by U+FE0F (❤️, 1️⃣); then skin tones, selectors, keycaps and
# the parts a zero-width joiner adds.
_FLAG = "[\U0001f1e6-\U0001f1ff]{2}"
_ONE = rf"(?:{_FLAG}|[\U0001f000-\U0001faff{_BMP_EMOJI}]|[#*0-9\u00a9\u00ae\u2000-\u2bff]\ufe0f)"
_EMOJI = re.compile(
    rf"{_ONE}[\U0001f3fb-\U0001f3ff\ufe0f\u20e3]*(?:\u200d{_ONE}[\U0001f3fb-\U0001f3ff\ufe0f]*)*"
)


def find_emoji(text: str) -> list[str]:
    """Every emoji in order, a joined sequence as one."""
    return _EMOJI.findall(text)
