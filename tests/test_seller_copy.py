"""The seller's copy of the letter (ticket.zh.md / ticket.en.md): the ticket's facts, the seller's words."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import find_pack, pack_dir
from kit.repo import EXAMPLE_CASES
from ozon_urgent.catalog import load_catalog
from ozon_urgent.ticket.seller_copy import en_period, zh_period

FIRST_LINE = {
    "zh": "本文件仅供您核对，请勿提交给 Ozon。需要提交给 Ozon 的是本文件夹中的俄语工单 `ticket.txt`",
    "en": (
        "This copy is for you to check; do not file it with Ozon. "
        "It shows in English what the Russian ticket says."
    ),
}
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Latin a Chinese reader meets anyway: the labels Seller Center shows in English, Ozon's own name, and the
# Latin inside the catalog's Chinese names (ERP, API), which the copy must use as they are.
CATALOG = load_catalog()
ZH_NAMES = [k.names.zh for k in CATALOG.kinds.values()] + [s.names.zh for s in CATALOG.scenarios.values()]
ZH_LATIN_ALLOWED = {
    "Client",
    "ID",
    "Reference",
    "SKU",
    "product_id",
    "offer_id",
    "Ozon",
    "FBS",
    "rFBS",
    "FBO",
} | {word for name in ZH_NAMES for word in re.findall(r"[A-Za-z_]+", name)}


# The command that makes the back-translations the copy lacks, naming the case as built.
COMMAND = re.compile(r"`ozon-urgent translate [^`]+`")


def _example(case_id: str) -> dict[str, Any]:
    path = next(p for p in EXAMPLE_CASES if p.parent.name == case_id)
    case: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return case


def _without(text: str, *parts: str) -> str:
    """`text` with the parts that may hold any script taken out, longest first."""
    text = re.sub(r"https?://\S+", " ", text)
    for part in sorted((p for p in parts if p), key=len, reverse=True):
        text = text.replace(part, " ")
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case_id", [p.parent.name for p in EXAMPLE_CASES])
def test_copy_carries_the_tickets_facts_in_the_sellers_words(packs: Path, case_id: str, lang: str) -> None:
    folder = find_pack(packs / lang, case_id)
    data = json.loads((folder / "ticket.json").read_text("utf-8"))
    assert data["seller_copy"] == f"ticket.{lang}.md"
    assert not (folder / f"ticket.{'en' if lang == 'zh' else 'zh'}.md").exists()
    copy = (folder / data["seller_copy"]).read_text("utf-8")
    # zh: its heading first, then that it is never filed; en: that line first
    lines = copy.splitlines()
    assert lines[2 if lang == "zh" else 0].startswith(FIRST_LINE[lang])
    assert lang == "en" or lines[0].startswith("# 俄语工单中文对照：")

    case = _example(case_id)
    ids = [str(item) for group in data["ids"].values() for item in group]
    names = [a["name"] for a in data["attachments"]]
    explanation = case["explanation"]
    parts = [explanation.get(name) or {} for name in ("facts", "changes")]
    own = [explanation["text"]] if explanation.get("text") else [p["text"] for p in parts if p]
    russian = explanation.get("ru") or parts[0]["ru"]
    # The Russian translated back (`ru_back`) and the captions are in the seller's language too.
    backs = [p["ru_back"] for p in parts if p.get("ru_back")]
    captions = [e[key] for e in case["evidence"] for key in ("caption", "caption_ru_back") if e.get(key)]
    assert all(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", copy) for i in ids)  # each ID whole
    assert case["seller"]["client_id"] in copy
    positions = [copy.index(f"`{name}`") for name in names]  # every file, in the pack's order
    assert positions == sorted(positions)
    shown = re.sub(r"(?m)^> ?", "", copy)  # the seller's texts and the backs stand as Markdown quotes
    assert all(text.strip() in shown for text in own) and russian.strip()[:40] not in shown
    assert all(text.strip() in shown for text in backs)  # each paragraph's Russian, shown to be checked
    for link in data["links"]:
        assert link["url"] in copy

    store = case["seller"]["store_name"]
    carrier = case.get("delivery", {}).get("carrier", store)  # a name the case gives, like the store's
    # the Russian subject in `…`, and the case file's field that holds the notification it leaves out
    quoted = ("ticket.txt", "FILING.md", case_id, data["subject"], "`notification.text`")
    rest = _without(COMMAND.sub(" ", shown), *own, *backs, *captions, store, carrier, *ids, *names, *quoted)
    assert not CYRILLIC.search(rest)
    if lang == "zh":
        latin = set(re.findall(r"[A-Za-z_]+", rest)) - ZH_LATIN_ALLOWED
        assert not latin, f"English words in the Chinese copy: {latin}"


HEADINGS = {
    "zh": ("**情况说明**", "**已采取的措施**"),
    "en": ("**What happened**", "**What the store has changed**"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case_id", [p.parent.name for p in EXAMPLE_CASES])
def test_copy_has_the_letters_parts_under_their_headings(packs: Path, case_id: str, lang: str) -> None:
    folder = find_pack(packs / lang, case_id)
    copy = (folder / f"ticket.{lang}.md").read_text("utf-8")
    letter = (folder / "ticket.txt").read_text("utf-8")
    explanation = _example(case_id)["explanation"]
    facts = explanation.get("facts") or {"text": explanation.get("text")}
    changes = explanation.get("changes")
    facts_at = copy.index(HEADINGS[lang][0])
    assert facts_at < copy.index(facts["text"].strip()[:20])  # the seller's facts under their heading
    # «Принятые меры» in the letter exactly when the copy has its heading, each part's own text under it
    assert ("Принятые меры:" in letter) == (HEADINGS[lang][1] in copy)
    if changes and "Принятые меры:" in letter:
        changes_at = copy.index(HEADINGS[lang][1])
        assert facts_at < copy.index(facts["text"].strip()[:20]) < changes_at
        assert changes_at < copy.index(changes["text"].strip()[:20])


REQUEST = {"zh": "恳请", "en": "We ask "}
# What the old copy added to the request and the Russian letter never says: what the attachments show,
# whose fault it was, that the store now ships on time.
CLAIMS = re.compile(r"表明|证明|为证|造成|现在能|fault|show|proves?\b|now ships|because", re.IGNORECASE)


def _paragraph(text: str, start: str) -> str:
    return next(p for p in text.split("\n\n") if p.startswith(start))


def _sentences(paragraph: str, lang: str) -> int:
    return paragraph.count("。") if lang == "zh" else len(re.findall(r"[.](?:\s|$)", paragraph))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case_id", [p.parent.name for p in EXAMPLE_CASES])
def test_request_says_what_the_russian_asks_and_no_more(packs: Path, case_id: str, lang: str) -> None:
    folder = find_pack(packs / lang, case_id)
    copy = (folder / f"ticket.{lang}.md").read_text("utf-8")
    russian = _paragraph((folder / "ticket.txt").read_text("utf-8"), "Просим")
    request = _paragraph(copy, REQUEST[lang])
    # one sentence for the request, one for each other list, as many as the Russian paragraph has
    assert _sentences(request, lang) == len(russian.splitlines()) == 1 + russian.count("В перечне также")
    assert not CLAIMS.search(re.sub(r"“[^”]*”", "", request)), request  # a metric's name aside
    assert "优先" not in copy and "priority" not in copy  # the Russian no longer asks for priority


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case_id", [p.parent.name for p in EXAMPLE_CASES])
def test_attachments_one_a_line_named_once_by_the_file(packs: Path, case_id: str, lang: str) -> None:
    folder = find_pack(packs / lang, case_id)
    data = json.loads((folder / "ticket.json").read_text("utf-8"))
    lines = (folder / f"ticket.{lang}.md").read_text("utf-8").splitlines()
    items = [line for line in lines if re.match(r"- `\d\d-", line)]
    assert [item.split("`")[1] for item in items] == [a["name"] for a in data["attachments"]]
    assert not any(re.match(r"\d+\. ", line) for line in lines)  # never numbered a second time
    at = lines.index(items[0])  # the list stands apart from the request
    assert lines[at - 1] == "" and lines[at - 2].startswith(
        ("随附", "Attached are")
    )  # apart from the request
    assert lines[at : at + len(items)] == items  # no blank lines between the files
    assert items[-1].endswith(("。", ".")) and all(item.endswith(("；", ";")) for item in items[:-1])


def test_carrier_failure_copy_says_what_the_ticket_asks(packs: Path) -> None:
    case_id = "haoyun-auto-carrier-failure-2026-11"
    copy = (find_pack(packs / "zh", case_id) / "ticket.zh.md").read_text("utf-8")
    assert "\n\n恳请将上述全部货件从“准时交付率”指标的计算中剔除。\n\n" in copy
    # The notification quoted in the Russian keeps its metric here, and says where its Russian stands.
    notified = (
        "2026年11月20日，我们店铺“Haoyun Auto Parts”在卖家后台收到了一条关于“准时交付率”指标的通知。"
        "（俄语工单在此全文引用了这条通知，本文从略；俄语原文见案件文件中的 `notification.text`。）"
    )
    assert notified in copy
    subject = "`URGENT: Об исключении 21 отправления из расчёта показателя — Client ID 2750416`"
    meaning = "【紧急】将 21 个货件从指标计算中剔除（Client ID 2750416）"
    assert f"**工单标题（俄语）**：{subject}。中文意思：{meaning}" in copy
    assert "本申诉涉及以下货件（共 21 个）：\n\n- 47905269-0899-3（见附件 01、02、03）\n" in copy
    assert "\n- 1550334110-0236-1（见附件 01、02）\n" in copy  # the files that show it, as the Russian
    english = (find_pack(packs / "en", case_id) / "ticket.en.md").read_text("utf-8")
    request = "We ask you to exclude all the postings listed above from the calculation of the “On-time"
    assert f"\n\n{request} delivery rate” metric.\n\n" in english
    assert (
        "received a notification in Seller Center about the “On-time delivery rate” metric; the ticket quotes"
        " it in full (the Russian original is in the case file's `notification.text`)." in english
    )
    meaning = "URGENT: Exclude 21 postings from the metric's calculation"
    assert f"**Subject (in Russian):** {subject}; it means: {meaning}" in english


def test_one_posting_is_singular_and_skus_stand_with_their_offer_ids(packs: Path) -> None:
    one = find_pack(packs / "en", "polar-fox-carrier-one-posting-2026-11") / "ticket.en.md"
    english = one.read_text("utf-8")
    assert "This request concerns the following posting:\n\n- 84120395-0217-1 — files 01, 02\n" in english
    assert "We ask you to exclude the posting listed above from" in english
    assert "Exclude the posting from" in english and "postings" not in english
    paired = find_pack(packs / "zh", "bright-home-delisting-2026-11") / "ticket.zh.md"
    chinese = paired.read_text("utf-8")
    assert "SKU 和货号（offer_id）共 6 个：\n\n- 498274975 — BH-LAMP-0042\n" in chinese
    assert "恳请将上述全部商品恢复上架。\n" in chinese  # as the Russian: one sentence, nothing added
    assert chinese.index("SKU 和货号") < chinese.index("货件号")  # the list the request acts on first


def test_the_seller_s_text_stands_as_a_quote_without_a_pair_of_quotation_marks_around_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    case = variant(
        "carrier_failure", {"explanation.text": "“10月有三位买家的货件被承运商延误。\n承运商已书面承认。”"}
    )
    result = run_cli("build", "--lang", "zh", "--out", tmp_path / "out", write_case(tmp_path / "c", case))
    assert result.exit_code == 0, result.stdout
    copy = (pack_dir(tmp_path / "out", "test-carrier-failure") / "ticket.zh.md").read_text("utf-8")
    assert "）：\n\n> 10月有三位买家的货件被承运商延误。\n> 承运商已书面承认。\n" in copy
    assert "“10月" not in copy and "承认。”" not in copy
    assert "\n货件号（共 2 个）：\n" in copy and "，共 2 个" not in copy


def test_without_source_text_the_copy_shows_the_russian_as_filed(run_cli: RunCli, tmp_path: Path) -> None:
    case = variant("carrier_failure", {"explanation.source_lang": "ru", "explanation.text": None})
    ru = case["explanation"]["ru"]
    result = run_cli("build", "--lang", "zh", "--out", tmp_path / "out", write_case(tmp_path / "c", case))
    assert result.exit_code == 0, result.stdout
    copy = (pack_dir(tmp_path / "out", "test-carrier-failure") / "ticket.zh.md").read_text("utf-8")
    note = "**情况说明**（案件文件中没有您自己写的原文，以下是工单中提交的俄语原文）："
    assert f"{note}\n\n> {ru}\n" in copy


def test_captions_are_the_sellers_and_one_day_is_one_date(run_cli: RunCli, tmp_path: Path) -> None:
    changes: dict[str, Any] = {
        "evidence[0].caption": "Log exported from our ERP",
        "evidence[0].caption_ru": "Журнал интеграции",
    }
    for index in range(2):  # every file of one day: the attachments cover that day, not a range
        changes[f"evidence[{index}].covers"] = None
        changes[f"evidence[{index}].date"] = "2026-11-20"
    case = write_case(tmp_path / "c", variant("order_attribution", changes))  # no rolling window to cover
    built = run_cli("build", "--out", tmp_path / "en", case)
    assert built.exit_code == 0, built.stdout
    assert run_cli("build", "--force", "--lang", "zh", "--out", tmp_path / "zh", case).exit_code == 0
    english = (pack_dir(tmp_path / "en", "test-order-attribution") / "ticket.en.md").read_text("utf-8")
    chinese = (pack_dir(tmp_path / "zh", "test-order-attribution") / "ticket.zh.md").read_text("utf-8")
    # the kind with its day, then the seller's caption, and that nothing has translated its Russian back
    caption = "of 20 November 2026: Log exported from our ERP (the Russian caption is not checked by"
    assert "`01-" in english and caption in english
    assert "（2026年11月20日），附件说明：Log exported from our ERP（俄语说明未经回译核对）；" in chinese
    assert "Журнал" not in english + chinese
    # the Russian letter no longer sums up the dates its files cover, so neither copy does
    assert "cover 20 November 2026" not in english and "所附材料涵盖" not in chinese


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        (date(2026, 11, 20), date(2026, 11, 20), "2026年11月20日", "20 November 2026"),
        (date(2026, 11, 10), date(2026, 11, 16), "2026年11月10日至16日", "10–16 November 2026"),
        (date(2026, 10, 27), date(2026, 11, 9), "2026年10月27日至11月9日", "27 October – 9 November 2026"),
        (
            date(2026, 12, 28),
            date(2027, 1, 3),
            "2026年12月28日至2027年1月3日",
            "28 December 2026 – 3 January 2027",
        ),
    ],
)
def test_periods_read_as_their_reader_writes_them(start: date, end: date, zh: str, en: str) -> None:
    assert zh_period((start, end)) == zh and en_period((start, end)) == en


def test_seller_templates_are_exported_and_overridable(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "c", variant("carrier_failure", {}))
    overrides = tmp_path / "tpl"
    assert run_cli("templates", "export", overrides).exit_code == 0
    letter = overrides / "seller" / "letter.en.md.j2"
    assert (overrides / "seller" / "letter.zh.md.j2").is_file() and FIRST_LINE["en"] in letter.read_text()
    for other in overrides.rglob("*.j2"):  # an agency keeps only the file it changes
        if other != letter:
            other.unlink()
    letter.write_text(letter.read_text("utf-8").replace("Hello,", "Dear Ozon team,"), encoding="utf-8")
    assert run_cli("build", "--templates", overrides, "--out", tmp_path / "out", case).exit_code == 0
    built = pack_dir(tmp_path / "out", "test-carrier-failure")
    assert "Dear Ozon team," in (built / "ticket.en.md").read_text("utf-8")
    assert (built / "ticket.txt").read_text("utf-8").startswith("URGENT:")  # the rest falls back

    letter.write_text("line one\n{{ c.no_such_field }}\n", encoding="utf-8")
    broken = run_cli("build", "--templates", overrides, "--out", tmp_path / "out2", case)
    assert broken.exit_code == 3 and "letter.en.md.j2" in broken.stderr and "line 2" in broken.stderr
    assert not (tmp_path / "out2").exists()  # preflight stops the run before anything is written
