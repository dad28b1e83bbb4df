"""The gate's text analyses as pure functions: normalising, scripts, dictionaries, pinyin, emoji, form."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ozon_urgent.russian_gate import allowed, analyse
from ozon_urgent.russian_gate.emoji import find_emoji
from ozon_urgent.russian_gate.lexicon import fold, russian_known
from ozon_urgent.russian_gate.normalise import normalise
from ozon_urgent.russian_gate.pinyin import looks_like_pinyin
from ozon_urgent.russian_gate.scripts import mixed_word
from ozon_urgent.russian_gate.sentences import sentence_spans
from ozon_urgent.russian_gate.words import latin_kind

CLEAN = [
    "Отправление 57195475-0050-3 доставлено 18.11.2026, что подтверждает трек-номер.",
    "Договор с фулфилмент-оператором заключён 12.10.2026; выгрузка из ERP-системы и журнал API-интеграции"
    " приложены.",
    "ООО «Ромашка», ИНН и СНИЛС сотрудников не указаны, т. е. персональных данных в обращении нет.",
    "Расчет и расчёт, её и ее: ё и е читаются одинаково.",
    "Магазин «Haoyun Auto Parts» работает на Ozon по схемам FBS, FBO и rFBS; Client ID 2750416,"
    " SKU 498274975.",
    "Склад в Шэньчжэне переехал, и часть отправлений ушла с опозданием.",
    "Видео распаковки: https://disk.yandex.ru/i/abc, файл 01-carrier_statement.pdf"
    " и адрес seller@example.com.",
    "URGENT: Performance Review Request",
    "Здравствуйте! Прошу Вас рассмотреть обращение. С уважением, магазин «Bright Home».",
    "Товары сняты с продажи на маркетплейсе по ошибке, хотя самовывоз из ПВЗ СДЭК прошёл в срок.",
    "Сло́во с ударением и IV квартал 2026 года, размер 5 x 10 см, класс A.",
    "Акт № 15 от 17.11.2026 ✓ подписан обеими сторонами.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_correct_russian_has_no_findings(text: str) -> None:
    report = analyse(text)
    assert report.problems == 0, report


def test_invisible_characters_are_named_located_and_taken_out() -> None:
    text = (
        "Отправ\u200bление до\u00adставлено\u200e. Прошу\u00a0исключить в\u00a0Москве \ufeffпериод 👨\u200d💻"
    )
    normal = normalise(text)
    assert normal.text == "Отправление доставлено. Прошу исключить в Москве период 👨💻"
    names = dict(normal.invisible.counts)
    assert names == {
        "U+200B ZERO WIDTH SPACE": 1,
        "U+00AD SOFT HYPHEN": 1,
        "U+200E LEFT-TO-RIGHT MARK": 1,
        "U+00A0 NO-BREAK SPACE": 1,  # "в Москве" keeps its typographic NBSP unreported
        "U+FEFF ZERO WIDTH NO-BREAK SPACE": 1,
    }
    assert normal.invisible.where == ("Отправление", "доставлено", "Прошу исключить", "период")
    assert analyse(text).unknown == ()  # no false unknown words from the pieces


def test_decomposed_letters_are_composed() -> None:
    assert normalise("наи\u0306ден").text == "найден"
    assert analyse("Заказ наи\u0306ден и доставлен покупателю.").problems == 0


@pytest.mark.parametrize(
    ("word", "letters", "positions", "fixed"),
    [
        ("Oзон", ("O",), (1,), "Озон"),
        ("тpек", ("p",), (2,), "трек"),
        ("тpек-номеp", ("p", "p"), (2, 10), "трек-номер"),
        ("SКU", ("К",), (2,), "SKU"),
        ("тzек", ("z",), (2,), ""),  # no Cyrillic look-alike: a typo, retyped by hand
    ],
)
def test_mixed_word(word: str, letters: tuple[str, ...], positions: tuple[int, ...], fixed: str) -> None:
    found = mixed_word(word)
    assert found is not None
    assert (found.letters, found.positions, found.fixed) == (letters, positions, fixed)


@pytest.mark.parametrize("word", ["ERP-системы", "API-интеграции", "SKU-номер", "Озон", "Ozon"])
def test_clean_halves_are_not_mixed(word: str) -> None:
    assert mixed_word(word) is None


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("фулфилмент-оператора", True),
        ("маркетплейсами", True),
        ("пересорта", True),
        ("СНИЛС", True),
        ("расчета", True),
        ("доставленны", False),
        ("шангпин", False),
    ],
)
def test_russian_dictionary(word: str, known: bool) -> None:
    assert russian_known(word) is known


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("kuaidi", "pinyin"),
        ("shangpin", "pinyin"),
        ("xiajia", "pinyin"),
        ("kuàidì", "pinyin"),
        ("lüse", "pinyin"),
        ("change", "english"),
        ("women", "english"),
        ("restore", "english"),
        ("listings", "english"),
        ("xyzzq", "unknown"),
    ],
)
def test_latin_words_are_english_pinyin_or_neither(word: str, kind: str) -> None:
    assert latin_kind(word) == kind


@pytest.mark.parametrize("word", ["ma", "ok", "sku", "zhx"])
def test_short_or_impossible_syllables_are_no_pinyin(word: str) -> None:
    assert not looks_like_pinyin(word)


def test_emoji_sequences_are_one_each() -> None:
    found = find_emoji("Спасибо 🙏🏽 👨\u200d👩\u200d👧 🇷🇺 1\ufe0f\u20e3 ❤\ufe0f ✅, но не № © ™ ✓ ★")
    assert found == ["🙏🏽", "👨\u200d👩\u200d👧", "🇷🇺", "1\ufe0f\u20e3", "❤\ufe0f", "✅"]


def test_sentences_respect_abbreviations_and_split_lists() -> None:
    text = "Заказ от 27.10.2026 г. доставлен, т. е. вовремя. Второе предложение.\n— 57195475-0050-3\n— пункт"
    spans = [text[start:end] for start, end in sentence_spans(text)]
    assert spans == [
        "Заказ от 27.10.2026 г. доставлен, т. е. вовремя.",
        "Второе предложение.",
        "— 57195475-0050-3",
        "— пункт",
    ]


def test_shouting_spares_abbreviations_allowed_words_and_quoted_names() -> None:
    text = "ПРОСИМ СРОЧНО!!! ООО «РОМАШКА», ИНН, НДС, ОГРНИП, SKU, FBS, ОТК, PLEASE?!"
    report = analyse(text, allowed(["ОТК"]))
    assert report.shouted == ("ПРОСИМ", "СРОЧНО", "PLEASE")
    assert report.punctuation == ("!!!", "?!")


def test_a_capitalised_unknown_word_is_a_name_mid_sentence_but_not_at_a_start() -> None:
    assert analyse("Отправления приняты на складе Лонгвэй вовремя.").unknown == ()
    assert [w.word for w in analyse("Лонгвэй принял отправления вовремя.").unknown] == ["Лонгвэй"]


def test_unknown_words_carry_their_context() -> None:
    (found,) = analyse("Все отправления были доставленны покупателям в срок и без повреждений.").unknown
    assert (
        found.word == "доставленны" and found.context == "Все отправления были доставленны покупателям в срок"
    )


def test_latin_names_in_quotes_are_brands() -> None:
    assert analyse("Наушники «Xiaomi Buds» и кабель „Green Line“ доставлены.").problems == 0
    assert analyse("Наушники Xiaomi и кабель Green Line доставлены.").pinyin == ("Xiaomi",)


def test_word_count_includes_numbers_and_ids() -> None:
    assert analyse("Отправление 57195475-0050-3 доставлено 18.11.2026.").words == 4


# Characters a token can be made of (and a few more): a text without any of them has no words.
_WORDLIKE = re.compile("[0-9_A-Za-z\u00c0-\u024f\u0300-\u036f\u0400-\u04ff]")


def assert_report_fits_the_text(text: str) -> None:
    """What holds for any text: every reported word, run and emoji stands in the text, each once."""
    report = analyse(text)
    normal = normalise(text).text
    words = [found.word for found in report.mixed] + [found.word for found in report.unknown]
    words += [*report.english, *report.pinyin, *report.shouted]
    assert all(word and word in normal for word in words), report
    assert all(run in normal for run in report.punctuation), report
    assert all(found.word in found.context for found in report.unknown), report
    assert all(emoji in text for emoji in report.emoji), report
    for items in (
        [found.word for found in report.unknown],
        report.english,
        report.pinyin,
        report.shouted,
        report.punctuation,
        report.emoji,
    ):
        assert len({fold(item) for item in items}) == len(items), report
    assert len({found.word for found in report.mixed}) == len(report.mixed), report
    assert all(count > 0 for _, count in report.invisible.counts), report
    if not _WORDLIKE.search(normal):
        assert report.words == 0 and words == [], report


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_analysed_into_a_report_that_fits_it(text: str) -> None:
    assert_report_fits_the_text(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["Отправ", "ление", "\u200b", "\u00a0", " ", "ok", "Ozon", "!", "😀", "\u202e"]))
)
def test_pieces_of_words_and_marks_never_break_the_gate(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert_report_fits_the_text(text)
    report = analyse(text)
    # Zero-width and direction marks are always counted, exactly; a no-break space only between words.
    counts = dict(report.invisible.counts)
    assert counts.get("U+200B ZERO WIDTH SPACE", 0) == pieces.count("\u200b")
    assert counts.get("U+202E RIGHT-TO-LEFT OVERRIDE", 0) == pieces.count("\u202e")
    assert set(counts) <= {
        "U+200B ZERO WIDTH SPACE",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+00A0 NO-BREAK SPACE",
    }
    assert report.emoji == (("😀",) if "😀" in pieces else ())
