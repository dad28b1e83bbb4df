"""Chunking long text within DeepL's 128 KiB request limit, checked alone and through the real library."""

from __future__ import annotations

import json

import pytest
from deepl_fake import REQUEST_LIMIT, FakeDeepL
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from translate_support import deepl_env

from ozon_urgent.translation.chunking import (
    MAX_TEXTS_PER_REQUEST,
    join_translations,
    pack_requests,
    split_text,
    text_budget,
    wire_size,
)
from ozon_urgent.translation.deepl_service import DeepLSettings, RussianTranslator
from ozon_urgent.translation.glossary import build_glossaries

SENTENCE = "我们的货物因承运商原因延误，承运商已书面确认并支付了赔偿。"  # 28 characters


def test_wire_size_counts_json_escapes() -> None:
    assert wire_size("abc") == 3
    assert wire_size("中") == len(json.dumps("中")) - 2 == 6
    assert wire_size('a"\n') == 5


def test_short_text_is_one_chunk() -> None:
    assert [c.text for c in split_text("Hello.", 1000)] == ["Hello."]


def test_paragraphs_are_kept_whole_and_joined_with_their_breaks() -> None:
    text = "First paragraph. It has two sentences.\n\nSecond paragraph.\n\nThird."
    chunks = split_text(text, 45)
    assert [c.text for c in chunks] == [
        "First paragraph. It has two sentences.",
        "Second paragraph.\n\nThird.",
    ]
    assert join_translations(chunks, ["Первый абзац.", "Второй абзац.\n\nТретий."]) == (
        "Первый абзац.\n\nВторой абзац.\n\nТретий."
    )


def test_chinese_sentences_are_cut_after_their_full_stop_and_joined_with_a_space() -> None:
    chunks = split_text(SENTENCE * 3, wire_size(SENTENCE) + 10)
    assert [c.text for c in chunks] == [SENTENCE] * 3
    assert join_translations(chunks, ["Раз.", "Два.", "Три."]) == "Раз. Два. Три."


def test_a_run_without_any_boundary_is_cut_between_characters() -> None:
    chunks = split_text("x" * 100, 30)
    assert [len(c.text) for c in chunks] == [30, 30, 30, 10]
    assert join_translations(chunks, [c.text for c in chunks]) == "x" * 100


@given(st.text(alphabet=list("ab 。.\n中文?\t"), max_size=400), st.integers(16, 120))
def test_chunks_fit_the_budget_and_give_the_text_back(text: str, budget: int) -> None:
    chunks = split_text(text, budget)
    assert all(wire_size(c.text) <= budget for c in chunks)
    assert "".join(c.text + c.separator for c in chunks) == text


def test_requests_are_packed_within_the_budget_and_fifty_texts() -> None:
    groups = pack_requests([10] * 120, 10_000)
    assert [len(g) for g in groups] == [MAX_TEXTS_PER_REQUEST, MAX_TEXTS_PER_REQUEST, 20]
    groups = pack_requests([400, 400, 400], 900)
    assert groups == [[0, 1], [2]]
    assert [i for g in groups for i in g] == [0, 1, 2]


def test_100000_chinese_characters_go_to_deepl_in_requests_under_128_kib(
    monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    """~600 KB on the wire: at least five requests, none over the limit, the answers joined in order."""
    paragraphs = [f"第{n}段。" + SENTENCE * 24 for n in range(1, 150)]
    text = "\n\n".join(paragraphs)[:100_000]
    assert len(text) == 100_000
    fake = FakeDeepL()
    deepl_env(monkeypatch, fake.install(httpserver))
    settings = DeepLSettings.from_env(
        {"DEEPL_AUTH_KEY": fake.key, "DEEPL_SERVER_URL": httpserver.url_for("/")}
    )
    assert settings is not None
    translator = RussianTranslator(settings, build_glossaries())

    [russian] = translator.translate([text], "zh", "context")

    requests = fake.translate_requests()
    assert len(requests) >= 5
    assert all(r.size <= REQUEST_LIMIT for r in requests)
    sent = [t for r in requests for t in r.body["text"]]
    assert "".join(sent).replace("\n", "") == text.replace("\n", "")
    assert fake.character_count == sum(len(t) for t in sent)
    # The fake answers "[ru] <text>" per chunk: every paragraph comes back, in order, with its break.
    assert russian.count("第") == text.count("第")
    assert russian.index("第2段") < russian.index("第100段")
    assert "\n\n" in russian
    assert translator.billed_characters == fake.character_count


def test_budget_leaves_room_for_the_context() -> None:
    assert text_budget(None) > text_budget("контекст" * 50) > 100_000
