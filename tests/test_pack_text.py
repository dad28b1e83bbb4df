"""No raw control, bidi or hidden character in any file of a pack, whatever field or case it came from (D5),
while Russian, Chinese, emoji and typographic quotes pass untouched."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from factories import base_case, make_pdf, write_case
from kit.cli import invoke
from kit.packs import find_pack
from ozon_urgent.cli.environment import Environment
from ozon_urgent.ledger.workdays import MOSCOW
from ozon_urgent.ticket.pack import stage_pack
from ozon_urgent.ticket.pack_text import HiddenCharactersError
from ozon_urgent.unsafe_text import hidden_in, in_file, shown

# Written out here, not imported: the test's own idea of what must never be raw in a pack.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# Every bidi override, isolate and mark, the hidden characters C191 lets pass, C0, DEL and C1.
CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CHARACTERS += "\u200b\u2060\ufeff\U000e0041\u2028\x7f\r\x00\x0b\x85\x9f"
HOSTILE = "\x1b]0;pwned\x07\x9b31m" + CHARACTERS  # opened by a terminal title, a bell and a CSI
SCENARIO = "x\x1b]0;pwned\x07\x9b31m\u202eevil"  # the campaign's second case
TODAY = "2026-11-26"

KEPT = [
    "Отправления 57195475-0050-3 и 57195475-0051-1 задержаны; ё, Й, «ёлка», „цитата“ — № 5, 1500 ₽",
    "我们的货物因承运商原因延误。“引号”、‘单引号’、《书名》，¥100",
    "😀 👍🏽 👨\u200d👩\u200d👧 ❤\ufe0f 🇷🇺",
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland's flag: tag letters
    "tab\tand\nline feed, no-break\u00a0space, en–dash, ellipsis…",
]


@pytest.mark.parametrize("text", KEPT)
def test_the_rule_leaves_text_alone(text: str) -> None:
    assert in_file(text) == text and hidden_in(text) == []


@pytest.mark.parametrize("char", sorted(set(CHARACTERS + "\x1b\x07\x9b")))
def test_the_rule_escapes_each_character_visibly(char: str) -> None:
    point = ord(char)
    wide = f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"
    expected = f"\\x{point:02x}" if point < 0x100 else wide
    assert in_file(f"a{char}b") == f"a{expected}b" == shown(f"a{char}b")
    assert hidden_in(f"a{char}b") == [char]


def _raw_in_pack(pack: Path) -> Iterator[tuple[str, str]]:
    """(file, character) for every raw character in a name, a text or a JSON string of the pack."""
    for path in sorted(p for p in pack.rglob("*") if p.is_file()):
        name = path.relative_to(pack).as_posix()
        yield from ((name, char) for char in RAW.findall(name))
        if path.parent.name == "attachments":
            continue  # the seller's evidence, and the ID list (test_id_list_pdf)
        text = path.read_text("utf-8")
        yield from ((name, char) for char in RAW.findall(text))
        if path.suffix == ".json":
            decoded = json.dumps(json.loads(text), ensure_ascii=False)
            yield from ((name, char) for char in RAW.findall(decoded))


def _hostile_cases(root: Path) -> tuple[Path, Path]:
    """A case the policy lets build (C191 disabled) with the hostile string in every field that reaches
    the pack, in a folder whose name holds it too; and a second, refused case sharing its IDs (B005)."""
    good = base_case("carrier_failure")
    good["seller"]["store_name"] = f"Bright{HOSTILE}Home"
    good["notification"]["text"] = f"Рейтинг снижен{HOSTILE}."
    good["explanation"]["text"] = f"我们的货物{HOSTILE}因承运商原因延误。"
    good["explanation"]["ru"] = good["explanation"]["ru"].replace("задержаны", f"задержаны{HOSTILE}")
    good["affected"]["offer_ids"] = [f"LAMP{HOSTILE}01"]
    for item in good["evidence"]:
        item["caption_ru"] = f"Письмо{HOSTILE} службы доставки"
    (root / "ozon-urgent.toml").write_text('disable = ["C191"]\n', "utf-8")
    second = base_case("carrier_failure")
    second["case_id"] = "second-case"
    second["scenario"] = SCENARIO
    second["seller"]["store_name"] = f"Other{HOSTILE}"
    return write_case(root / f"store{HOSTILE[:12]}", good), write_case(root / "second", second)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_raw_character_reaches_any_file_of_a_pack(tmp_path: Path, lang: str) -> None:
    good, second = _hostile_cases(tmp_path)
    out = tmp_path / "out"
    result = invoke("build", good, second, "--policy", tmp_path / "ozon-urgent.toml", "--out", out,
                    "--today", TODAY, "--lang", lang, "--ledger", tmp_path / "l.db")  # fmt: skip
    assert result.exit_code == 1, result.stdout + result.stderr  # the second case fails, the first builds
    pack = find_pack(out, "test-carrier-failure")
    assert list(_raw_in_pack(pack)) == []
    meta = json.loads((pack / "ticket.json").read_text("utf-8"))
    b005 = [f["message"] for f in meta["findings"] if f["code"] == "B005"]
    assert b005 and all("x\\x1b]0;pwned\\x07\\x9b31m\\u202eevil" in message for message in b005)
    ticket = (pack / "ticket.txt").read_text("utf-8")
    assert f"«Bright{in_file(HOSTILE)}Home»" in ticket and meta["body"] in ticket  # one rule, both files
    assert "Отправления 57195475-0050-3 и 57195475-0051-1 задержаны\\x1b" in ticket  # Russian untouched
    copy = (pack / f"ticket.{lang}.md").read_text("utf-8")
    assert "我们的货物\\x1b]0;pwned" in copy or lang == "en"


def test_no_raw_character_reaches_a_follow_up_pack(tmp_path: Path) -> None:
    good, _ = _hostile_cases(tmp_path)
    environment = Environment(now=lambda: datetime(2026, 12, 7, 12, 0, tzinfo=MOSCOW))
    ledger, policy = tmp_path / "l.db", tmp_path / "ozon-urgent.toml"
    recorded = invoke("record", good, "--ref", "OZ-4100027", "--at", "2026-11-24T10:00", "--ledger", ledger,
                      "--policy", policy, environment=environment)  # fmt: skip
    assert recorded.exit_code == 0, recorded.stdout + recorded.stderr
    (good.parent / "evidence" / "later.pdf").write_bytes(make_pdf("Carrier letter 57195475-0052-8"))
    data: dict[str, Any] = json.loads(json.dumps(_load(good)))
    data["affected"]["postings"].append("57195475-0052-8")
    data["affected"]["offer_ids"].append(f"LAMP{HOSTILE}02")
    data["evidence"].append(
        {
            "file": "evidence/later.pdf",
            "kind": "carrier_statement",
            "date": "2026-11-27",
            "caption_ru": f"Ещё одно{HOSTILE} письмо",
        }
    )
    write_case(good.parent, data, with_files=False)
    out = tmp_path / "out"
    result = invoke("followup", good, "--today", "2026-12-02", "--ledger", ledger, "--out", out,
                    "--policy", policy, environment=environment)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    pack = find_pack(out, "test-carrier-failure-followup-1")
    assert list(_raw_in_pack(pack)) == []
    comment = (pack / "comment.txt").read_text("utf-8")
    assert f"Артикул: LAMP{in_file(HOSTILE)}02" in comment and "ещё одно\\x1b]0;pwned\\x07\\x9b31m" in comment


def _load(path: Path) -> Any:
    import yaml

    return yaml.safe_load(path.read_text("utf-8"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ticket.txt", "Магазин «Bright\u202eHome»\n".encode()),
        ("ticket.json", b'{"body": "\\u001b[31m"}\n'),  # JSON's own escape decodes to ESC
        ("FILING\u200f.md", b"ok\n"),
    ],
)
def test_a_pack_text_that_got_round_the_rule_is_never_written(tmp_path: Path, name: str, data: bytes) -> None:
    target = tmp_path / "out" / "pack"
    with pytest.raises(HiddenCharactersError):
        stage_pack(target, {"attachments/01-a.pdf": b"\x1b\x9b binary", name: data}, force=False)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
