"""The shipped Ozon glossary, a seller's own glossary file, and its life on the DeepL account."""

from __future__ import annotations

import re
from pathlib import Path

import deepl
import pytest
from pytest_httpserver import HTTPServer
from translate_support import fake_deepl, run_translate, simple_case

from ozon_urgent.translation.glossary import (
    Glossary,
    GlossaryError,
    build_glossaries,
    read_user_glossary,
    shipped_entries,
)

REPO = Path(__file__).resolve().parents[2]


def test_shipped_glossary_has_forty_entries_each_way_all_russian() -> None:
    for lang, entries in shipped_entries().items():
        assert len(entries) >= 40, lang
        for source, russian in entries.items():
            assert source.strip() == source and russian.strip() == russian and source and russian
            # Russian, except the Latin that stays Latin in Ozon's Russian: SKU, product_id, ERP, API.
            assert re.fullmatch(r"[а-яё ,()\-]*(SKU|product_id|ERP|API)?[а-яё ,()\-]*", russian), russian


def test_shipped_glossary_uses_the_terms_of_russian_md_and_writes_yo() -> None:
    zh, en = shipped_entries()["zh"], shipped_entries()["en"]
    assert zh["订单号"] == en["order number"] == "номер заказа"
    assert zh["物流单号"] == zh["发货单号"] == en["tracking number"] == "трек-номер"
    assert zh["下架"] == en["delisting"] == "снятие с продажи"
    assert zh["评分"] == "рейтинг"
    assert zh["准时交付率"] == en["on-time delivery rate"] == "доля заказов, доставленных вовремя"
    assert zh["从指标中剔除"] == en["exclude from the calculation"] == "исключить из расчёта показателя"
    every = " ".join([*zh.values(), *en.values()])
    # Words that take «ё», written with «е»: расчет, учет, отменен(ный), подтвержден(ный), …
    assert not re.search(r"(рас|у|от)чет|\b(отменен|введен|подтвержден)(н\w*)?\b", every)


def test_glossary_name_follows_its_content() -> None:
    shipped = build_glossaries()["zh"]
    again = build_glossaries()["zh"]
    mine = build_glossaries({"zh": {"好运": "Хаоюнь"}})["zh"]
    assert shipped.name == again.name
    assert re.fullmatch(r"ozon-urgent-zh-ru-[0-9a-f]{12}", shipped.name)
    assert mine.name != shipped.name
    assert mine.entries["好运"] == "Хаоюнь" and mine.entries["订单号"] == "номер заказа"
    assert Glossary("en", {"a": "б"}).name.startswith("ozon-urgent-en-ru-")


def test_user_glossary_in_toml_csv_and_tsv(tmp_path: Path) -> None:
    toml = tmp_path / "mine.toml"
    toml.write_text(
        '[zh]\n"好运汽配" = "Хаоюнь Автозапчасти"  # our brand\n[en]\n"Haoyun" = "Хаоюнь"\n', "utf-8"
    )
    csv = tmp_path / "mine.csv"
    csv.write_text('好运汽配,Хаоюнь Автозапчасти,zh,ru\n"Haoyun, Ltd",Хаоюнь,EN,RU\n\n', "utf-8")
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("好运汽配\tХаоюнь Автозапчасти\tzh\tru\n", "utf-8")
    assert read_user_glossary(toml) == {"zh": {"好运汽配": "Хаоюнь Автозапчасти"}, "en": {"Haoyun": "Хаоюнь"}}
    assert read_user_glossary(csv) == {
        "zh": {"好运汽配": "Хаоюнь Автозапчасти"},
        "en": {"Haoyun, Ltd": "Хаоюнь"},
    }
    assert read_user_glossary(tsv) == {"zh": {"好运汽配": "Хаоюнь Автозапчасти"}}


@pytest.mark.parametrize(
    ("name", "content", "variant", "line", "entry"),
    [
        (
            "dup.toml",
            '[zh]\n"订单" = "заказ"\n"运单" = "накладная"\n"订单" = "заказ"\n',
            "duplicate",
            4,
            "订单",
        ),
        ("spaces.toml", '[zh]\n"订单" = "заказ"\n" 订单 " = "заказ"\n', "duplicate", 3, "订单"),
        ("empty.toml", '[zh]\n"订单" = ""\n', "empty", 2, "订单"),
        ("emptykey.toml", '[en]\n"" = "заказ"\n', "empty", 2, "заказ"),
        ("number.toml", '[zh]\n"订单" = 5\n', "not_text", 2, "订单"),
        ("lang.toml", '[ja]\n"注文" = "заказ"\n', "language", 1, "ja"),
        ("dup.csv", "订单,заказ,zh,ru\n运单,накладная,zh,ru\n订单,заказ,zh,ru\n", "duplicate", 3, "订单"),
        ("empty.csv", "订单,,zh,ru\n", "empty", 1, "订单"),
        ("short.csv", "订单,заказ\n", "columns", 1, "订单,заказ"),
        ("target.tsv", "订单\tBestellung\tzh\tde\n", "language", 1, "zh → de"),
        ("tab.csv", '"订\t单",заказ,zh,ru\n', "control", 1, "订\t单"),
    ],
)
def test_bad_user_glossaries_name_the_file_line_and_entry(
    tmp_path: Path, name: str, content: str, variant: str, line: int, entry: str
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_user_glossary(path)
    assert (caught.value.variant, caught.value.line, caught.value.entry) == (variant, line, entry)
    assert caught.value.file == str(path)


def test_bad_glossary_stops_translate_before_anything_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = fake_deepl(monkeypatch, httpserver)
    case = tmp_path / "case.yaml"
    case.write_text(simple_case(), "utf-8")
    glossary = tmp_path / "terms.toml"
    glossary.write_text('[zh]\n"订单号" = "номер заказа"\n"订单号" = "номер отправления"\n', "utf-8")
    before = case.read_bytes()

    result = run_translate(case, "--glossary", glossary)

    assert result.exit_code == 3
    assert f"glossary {glossary}, line 3: “订单号” is given twice (also on line 2)" in result.stderr
    assert fake.seen == [] and case.read_bytes() == before


def test_unreadable_glossary_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANG", raising=False)
    case = tmp_path / "case.yaml"
    case.write_text(simple_case(), "utf-8")
    result = run_translate(case, "--glossary", tmp_path / "missing.toml", "--lang", "zh")
    assert result.exit_code == 3
    assert f"术语表 {tmp_path / 'missing.toml'}：无法读取" in result.stderr


def test_glossary_is_created_once_per_content_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = fake_deepl(monkeypatch, httpserver)
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(simple_case("订单号 57195475-0050 延误。"), "utf-8")
    second.write_text(simple_case("货件号 57195475-0050-3 延误。"), "utf-8")

    assert run_translate(first).exit_code == 0
    result = run_translate(second)

    assert result.exit_code == 0
    creations = [s for s in fake.seen if (s.method, s.path) == ("POST", "/v3/glossaries")]
    assert len(creations) == 1
    [glossary] = fake.glossaries.values()
    assert glossary.name == build_glossaries()["zh"].name and glossary.entries == shipped_entries()["zh"]
    assert f"DeepL glossary {glossary.name} reused" in result.stderr
    assert all(s.body["glossary_id"] == glossary.glossary_id for s in fake.translate_requests())
    # The fake puts the glossary's terms in: Ozon's words reach the Russian.
    assert "номер заказа" in first.read_text("utf-8")
    assert "номер отправления" in second.read_text("utf-8")


def test_a_sellers_glossary_makes_a_new_glossary_with_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = fake_deepl(monkeypatch, httpserver)
    case = tmp_path / "case.yaml"
    case.write_text(simple_case("好运汽配的订单号延误。"), "utf-8")
    terms = tmp_path / "terms.csv"
    terms.write_text("好运汽配,«Хаоюнь Автозапчасти»,zh,ru\n", "utf-8")

    assert run_translate(case, "--glossary", terms).exit_code == 0

    [glossary] = fake.glossaries.values()
    assert (
        glossary.entries["好运汽配"] == "«Хаоюнь Автозапчасти»"
        and glossary.entries["订单号"] == "номер заказа"
    )
    assert "«Хаоюнь Автозапчасти»" in case.read_text("utf-8")


def test_v2_glossaries_when_the_library_has_no_deepl_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    """Older `deepl` versions have only Translator and the v2 glossary endpoints."""
    monkeypatch.delattr(deepl, "DeepLClient")
    fake = fake_deepl(monkeypatch, httpserver)
    case = tmp_path / "case.yaml"
    case.write_text(simple_case("订单号延误。"), "utf-8")

    assert run_translate(case).exit_code == 0
    assert run_translate(case.with_name("case.yaml")).exit_code == 0

    paths = [(s.method, s.path) for s in fake.seen]
    assert ("POST", "/v2/glossaries") in paths and ("POST", "/v3/glossaries") not in paths
    assert paths.count(("POST", "/v2/glossaries")) == 1
    assert "номер заказа" in case.read_text("utf-8")


def test_no_glossary_when_deepl_has_none_for_the_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = fake_deepl(monkeypatch, httpserver)
    fake.glossary_pairs = (("en", "de"),)
    case = tmp_path / "case.yaml"
    case.write_text(simple_case("订单号延误。"), "utf-8")

    result = run_translate(case)

    assert result.exit_code == 0
    assert "DeepL offers no glossary for zh → ru" in result.stderr
    assert fake.glossaries == {} and "glossary_id" not in fake.translate_requests()[0].body
    assert str(REPO) not in result.stderr  # nothing but the case's own path is named
