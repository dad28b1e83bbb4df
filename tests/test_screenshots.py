"""The screenshot corpus of the OCR benchmark (tests/screenshots.py): what it plants is what it says."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

import screenshots
from screenshots import CODE_OF_KIND, PD_KINDS, Shot, generate, luhn_ok, write_cases

POSTING = re.compile(r"\d{8}-\d{4}-\d")


@pytest.fixture(scope="module")
def shots() -> list[Shot]:
    return generate(40, seed=7)


def test_same_seed_same_bytes_other_seed_other_bytes(shots: list[Shot]) -> None:
    again = generate(40, seed=7)
    assert [(s.name, s.jpeg_bytes, s.planted, s.ids) for s in again] == [
        (s.name, s.jpeg_bytes, s.planted, s.ids) for s in shots
    ]
    assert generate(6, seed=7) == shots[:6]  # shot i depends on the seed and i, not on the count
    assert [s.jpeg_bytes for s in generate(4, seed=8)] != [s.jpeg_bytes for s in shots[:4]]


def test_half_carry_personal_data_half_only_ids(shots: list[Shot]) -> None:
    with_pd = [s for s in shots if s.planted]
    assert len(with_pd) == len(shots) // 2 == len([s for s in shots if not s.planted])
    assert all(s.ids for s in shots if not s.planted)
    kinds = {kind for s in shots for kind, _ in s.planted}
    assert kinds == set(PD_KINDS) == set(CODE_OF_KIND)


def test_planted_values_are_drawn_as_recorded(shots: list[Shot]) -> None:
    """`text` holds the body lines drawn; personal data is drawn only there, every planted value in full."""
    for shot in shots:
        for kind, value in shot.planted:
            assert value in shot.text, (shot.name, kind, value)


def test_planted_cards_pass_luhn_and_look_like_cards(shots: list[Shot]) -> None:
    cards = [value for s in shots for kind, value in s.planted if kind == "card"]
    assert cards
    for value in cards:
        assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", value)
        assert luhn_ok(value.replace(" ", ""))
    assert luhn_ok("4276380012345679") and not luhn_ok("4276380012345678")


def test_id_shapes(shots: list[Shot]) -> None:
    ids = [(kind, value) for s in shots for kind, value in s.ids]
    shapes = {
        "posting": r"\d{8}-\d{4}-\d",
        "sku": r"\d{9,10}",
        "tracking": r"[A-Z]{2}\d{9}[A-Z]{2}|LP00\d{12}",
        "amount": r"\d{1,3}( \d{3})*,\d{2} ₽",
        "time": r"\d{2}:\d{2}",
        "date": r"\d{2}\.\d{2}\.2026( \d{2}:\d{2})?",
    }
    assert {kind for kind, _ in ids} == set(shapes)
    for kind, value in ids:
        assert re.fullmatch(shapes[kind], value), (kind, value)
    assert any(POSTING.fullmatch(value) for _, value in ids)


def test_phones_in_every_format() -> None:
    phones = [value for s in generate(200, seed=0) for kind, value in s.planted if kind == "phone"]
    assert any(v.startswith("+86 ") for v in phones)
    assert any(re.fullmatch(r"\+7\d{10}", v) for v in phones)
    assert any(re.fullmatch(r"8 \(9\d\d\) \d{3} \d\d \d\d", v) for v in phones)
    assert any(re.fullmatch(r"\+7 9\d\d \d{3}-\d\d-\d\d", v) for v in phones)


def test_images_are_jpegs_of_the_stated_size(shots: list[Shot]) -> None:
    sizes = set()
    for shot in shots:
        assert shot.jpeg_bytes[:3] == b"\xff\xd8\xff"
        image = Image.open(io.BytesIO(shot.jpeg_bytes))
        assert image.format == "JPEG" and image.size == shot.size
        image.load()
        sizes.add(shot.size)
    assert sizes == {(1080, 1920), (720, 1280), (1920, 1080)}  # phone, downscaled, rotated


def test_bundled_subset_covers_every_character_drawn() -> None:
    """The subset font stands in where the system has no DejaVu; it must draw all of the text."""
    from fontTools.ttLib import TTFont

    covered = TTFont(screenshots.BUNDLED_FONT).getBestCmap()
    drawn = {char for shot in generate(60, seed=3) for char in shot.text if char != "\n"}
    assert drawn and not sorted(char for char in drawn if ord(char) not in covered)


def test_write_cases_makes_one_valid_case_per_screenshot(shots: list[Shot], tmp_path: Path) -> None:
    written = write_cases(shots[:2], tmp_path)
    assert len(written) == 2
    for item in written:
        case = yaml.safe_load(item.case.read_text("utf-8"))
        assert (
            case["evidence"][1]["file"] == f"evidence/{item.image.name}" and item.path == "evidence[1].file"
        )
        assert item.image.read_bytes() == item.shot.jpeg_bytes
