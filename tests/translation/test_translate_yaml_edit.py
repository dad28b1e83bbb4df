"""Editing the seller's YAML: only the translated fields' lines change, whatever the file's style."""

from __future__ import annotations

import difflib

import pytest

from ozon_urgent.casefile.loader import compose
from ozon_urgent.translation.yaml_edit import EditError, FieldUpdate, apply_updates

SHA = "ab" * 32
LONG = (
    "Наши отправления были задержаны по вине службы доставки, которая не забрала их со склада вовремя; "
    "служба доставки признала это письменно и выплатила компенсацию за каждое отправление."
)


def explanation(key: str, value: str | bool, *after: str) -> FieldUpdate:
    return FieldUpdate(("explanation",), key, value, after)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_odd_spacing_and_mixed_indentation_survive() -> None:
    """What a whole-document dump rewrites: 4- and 2-space blocks, `key:   value`, aligned comments."""
    text = (
        "seller:\n"
        "    store_name:   Bright Home     # four spaces here\n"
        "    client_id: '1234567'\n"
        "explanation:\n"
        "  source_lang:   zh\n"
        "  text: 货物\n"
        "    延误。\n"
        "evidence:\n"
        "- file: a.pdf\n"
        "  kind:    carrier_statement\n"
        "  covers:\n"
        "      from: 2026-09-23\n"
        "      to:   2026-11-21\n"
    )
    result = apply_updates(
        text, [explanation("ru", "Груз задержан.", "text"), explanation("ru_reviewed", False, "ru")]
    )
    assert changed_lines(text, result) == ([], ["  ru: Груз задержан.", "  ru_reviewed: false"])
    assert result.index("延误。\n  ru:") > 0


def test_flow_style_mappings_stay_flow() -> None:
    text = (
        'explanation: {source_lang: zh, text: "货物延误。", ru: "……", ru_reviewed: true}   # short form\n'
        "evidence:\n"
        "  - {file: a.pdf, kind: carrier_statement, caption: 说明}\n"
    )
    updates = [
        explanation("ru", "Груз: задержан, «срочно»", "text"),
        explanation("ru_reviewed", False, "ru"),
        explanation("ru_source_sha256", SHA, "ru_reviewed"),
        FieldUpdate(("evidence", 0), "caption_ru", "Пояснение", ("caption",)),
    ]
    result = apply_updates(text, updates)
    assert result.splitlines() == [
        'explanation: {source_lang: zh, text: "货物延误。", ru: "Груз: задержан, «срочно»", '
        "ru_reviewed: false, "
        f'ru_source_sha256: "{SHA}"}}   # short form',
        "evidence:",
        '  - {file: a.pdf, kind: carrier_statement, caption: 说明, caption_ru: "Пояснение"}',
    ]


def test_long_russian_becomes_a_folded_block_within_the_line_width() -> None:
    text = "explanation:\n  source_lang: zh\n  text: 货物延误。\n  ru: ''   # the Russian\n"
    text += "  ru_reviewed: false\n"
    result = apply_updates(text, [explanation("ru", LONG, "text")])
    lines = result.splitlines()
    assert lines[3] == "  ru: >-  # the Russian"
    assert all(line.startswith("    ") and len(line) <= 100 for line in lines[4:-1])
    assert lines[-1] == "  ru_reviewed: false"
    assert compose(result).data["explanation"]["ru"] == LONG  # type: ignore[call-overload,index]


def test_paragraphs_become_a_literal_block() -> None:
    text = "explanation:\n  source_lang: zh\n  text: |\n    第一段。\n\n    第二段。\n"
    russian = "Первый абзац.\n\nВторой абзац: подробности."
    result = apply_updates(text, [explanation("ru", russian, "text")])
    assert result.endswith("    第二段。\n  ru: |-\n    Первый абзац.\n\n    Второй абзац: подробности.\n")


def test_an_existing_block_scalar_is_replaced_with_its_header_comment() -> None:
    text = (
        "explanation:\n  source_lang: zh\n  text: 货物延误。\n"
        "  ru: >-   # machine, then polished\n    Старый перевод,\n    в две строки.\n\n"
        "  ru_reviewed: true\n"
    )
    result = apply_updates(
        text, [explanation("ru", "Новый перевод.", "text"), explanation("ru_reviewed", False)]
    )
    assert result == (
        "explanation:\n  source_lang: zh\n  text: 货物延误。\n"
        "  ru: Новый перевод.  # machine, then polished\n\n"
        "  ru_reviewed: false\n"
    )


def test_an_empty_value_is_filled_after_its_colon() -> None:
    text = "explanation:\n  source_lang: zh\n  text: 货物延误。\n  ru:             # here\n"
    text += "  ru_reviewed: false\n"
    result = apply_updates(text, [explanation("ru", "Груз задержан.", "text")])
    assert "  ru: Груз задержан.  # here\n  ru_reviewed: false\n" in result


def test_new_keys_follow_a_source_in_a_kept_block_scalar() -> None:
    """`|+` keeps its trailing blank lines as text, so the new key goes after them."""
    text = "explanation:\n  source_lang: zh\n  text: |+\n    货物延误。\n\n# next\nevidence: []\n"
    result = apply_updates(text, [explanation("ru", "Груз задержан.", "text")])
    assert result == text.replace("\n\n# next", "\n\n  ru: Груз задержан.\n# next")


def test_crlf_line_ends_are_kept() -> None:
    text = "explanation:\r\n  source_lang: zh\r\n  text: 货物延误。\r\n"
    result = apply_updates(
        text, [explanation("ru", LONG, "text"), explanation("ru_source_sha256", SHA, "ru")]
    )
    assert "\n" not in result.replace("\r\n", "")
    assert result.startswith(text)


def test_quoting_style_of_the_old_value_is_kept() -> None:
    text = "explanation:\n  source_lang: zh\n  text: 货物延误。\n  ru: 'старое'\n"
    result = apply_updates(text, [explanation("ru", "новое", "text")])
    assert result.endswith("  ru: 'новое'\n")


def test_a_value_that_is_not_text_is_refused() -> None:
    text = "explanation:\n  source_lang: zh\n  text: 货物延误。\n  ru: [a, b]\n"
    with pytest.raises(EditError):
        apply_updates(text, [explanation("ru", "новое", "text")])
    with pytest.raises(EditError):
        apply_updates(text, [FieldUpdate(("evidence", 3), "caption_ru", "x")])
