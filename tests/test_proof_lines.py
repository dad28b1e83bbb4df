"""The letter says where the proof is (issue 26, item 3): each listed ID with the files that show it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ozon_urgent.attachments.model import Shown
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.catalog import load_catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.ticket.content import PackAttachment, TicketContent, id_groups_of
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.seller_copy import sample_seller_copy
from ozon_urgent.ticket.template_gate import sample_content

A, B, C = "47905269-0899-3", "58663206-0639-1", "23890323-0920-1"


def _shown(*texts: str) -> Shown:
    index = Indexer()
    for text in texts:
        index.add(text)
    shown = index.shown()
    assert shown is not None
    return shown


def _content(shown: list[Shown | None], ids: dict[str, tuple[str, ...]] | None = None) -> TicketContent:
    """A carrier-failure letter listing `ids` (three postings by default), its files showing `shown`."""
    base = sample_content("carrier_failure", load_catalog())
    files = tuple(
        replace(base.attachments[0], number=n, name=f"{n:02d}-file.pdf", shown=s)
        for n, s in enumerate(shown, 1)
    )
    return replace(base, id_groups=id_groups_of(ids or {"postings": (A, B, C)}), attachments=files)


def _ids_part(content: TicketContent) -> str:
    body = Renderer().ticket(content).body
    return body.split("Обращение касается", 1)[1].split("Обстоятельства:", 1)[0]


def test_a_row_ends_with_its_file_and_an_id_no_file_shows_keeps_its_bare_row() -> None:
    content = _content([_shown("Итого за день"), None, _shown(f"Акт № 7: {A}, {B}")])
    part = _ids_part(content)
    assert f"\n{A} — файл 03\n{B} — файл 03\n{C}\n" in part
    assert "указаны в файл" not in part  # not every ID is shown: no line under the list


def test_two_files_are_named_on_the_row() -> None:
    content = _content([_shown(f"Письмо перевозчика: {A}"), _shown("—"), _shown(f"Акт: {A}; {B}")])
    part = _ids_part(content)
    assert f"\n{A} — файлы 01, 03\n{B} — файл 03\n{C}\n" in part


def test_a_posting_whose_dash_was_lost_in_ocr_still_counts_and_a_near_miss_does_not() -> None:
    near = B[:-1] + "2"  # one digit off: never B
    content = _content([_shown(f"47905269 0899 3 и {near}")])
    part = _ids_part(content)
    assert f"\n{A} — файл 01\n{B}\n{C}\n" in part


def test_every_id_in_one_file_is_said_once_under_the_list() -> None:
    content = _content([_shown("Компенсация"), _shown("Сводка"), _shown(f"{A}\n{B}\n{C}")])
    part = _ids_part(content)
    assert f":\n{A}\n{B}\n{C}\n\nВсе три отправления указаны в файле 03.\n" in part
    both = _content([_shown(A, B)], {"postings": (A, B)})
    assert f"\n{A}\n{B}\n\nОба отправления указаны в файле 01.\n" in _ids_part(both)


def test_the_same_files_for_every_kind_are_named_once() -> None:
    text = f"{A} {B} {C}"  # a posting's number shows its order's: 47905269-0899
    content = _content([_shown(text), _shown(text)], {"postings": (A, B, C), "orders": (A[:-2],)})
    assert "\nОтправления и заказ указаны в файлах 01 и 02.\n" in _ids_part(content)


def test_an_unread_file_and_the_generated_list_show_nothing() -> None:
    listed = f"{A}\n{B}\n{C}"
    content = _content([None, _shown("Письмо")])
    made = PackAttachment(3, "03-perechen.pdf", "id_list", "перечень", None, 1, "0" * 64)
    assert "файл" not in _ids_part(replace(content, attachments=(*content.attachments, made)))
    assert content.proof == {}
    assert f":\n{listed}\n\n" in _ids_part(content)


def test_no_files_are_named_over_a_list_attached_whole_or_with_the_lines_turned_off() -> None:
    content = _content([_shown(A, B, C)])
    assert content.proof_files == ("01",)
    assert replace(content, ids_attachment="02-perechen.pdf").proof == {}
    assert "файл" not in _ids_part(replace(content, proof_lines=False))


def test_an_sku_with_its_offer_id_keeps_its_row() -> None:
    base = _content([_shown("SKU 498274975, BH-LAMP-0042; SKU 498274982")])
    content = replace(
        base,
        request="restore_listing",
        scenario="misjudged_delisting",
        id_groups=id_groups_of({"skus": ("498274975", "498274982", "498274990")}),
        sku_offers={"498274975": "BH-LAMP-0042"},
    )
    part = _ids_part(content)
    assert "\n498274975 — BH-LAMP-0042\n498274982 — файл 01\n498274990\n" in part


@pytest.mark.parametrize(
    ("lang", "row", "single"),
    [
        ("zh", f"- {A}（见附件 01、03）\n- {B}（见附件 03）\n- {C}\n", "以上货件均见附件 02。"),
        (
            "en",
            f"- {A} — files 01, 03\n- {B} — file 03\n- {C}\n",
            "All the postings listed above are shown in file 02.",
        ),
    ],
)
def test_the_sellers_copy_says_the_same(lang: Lang, row: str, single: str) -> None:
    catalog, renderer = load_catalog(), Renderer()
    content = _content([_shown(A), _shown("—"), _shown(A, B)])
    copy = renderer.seller_copy(sample_seller_copy(content, catalog, lang, russian=True))
    assert row in copy
    alike = _content([_shown("—"), _shown(A, B, C)])
    copy = renderer.seller_copy(sample_seller_copy(alike, catalog, lang, russian=True))
    assert f"\n\n{single}\n\n" in copy and "03）" not in copy and "— file" not in copy
