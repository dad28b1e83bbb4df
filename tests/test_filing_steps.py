"""FILING.md as a seller follows it beside Seller Center: one action a step, headings that say the action,
references to other steps that point at the right one, files of kind `other` by the seller's caption,
what to do instead of editing the pack, and none of ticket.json's codes in what the seller reads."""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from pathlib import Path

import pytest

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import find_pack, pack_dir
from kit.repo import EXAMPLE_CASES
from ozon_urgent.catalog import load_catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import load_policy
from ozon_urgent.ticket.render import Renderer
from ozon_urgent.ticket.seller_words import CAPTION_COLUMNS, attachment_names, short_caption
from ozon_urgent.ticket.template_gate import sample_content

SCENARIOS = sorted(load_catalog().scenarios)
LANGS: tuple[Lang, ...] = ("en", "zh")
# What one step may say before its first command or list: about what a reader takes in at a glance while
# looking at the screen. The old step 1 (language, what «» means, where the notification is, which one)
# ran to 330 characters and 110 words; the old step 3 (form, topic, subject, text) to 250 and 100.
INSTRUCTION_LIMIT = {"zh": 180, "en": 75}
_STEP = re.compile(r"^(\d+)\. \*\*(.+?)\*\*", re.M)


def _filing(scenario: str, lang: str, captions: dict[int, str] | None = None, **changes: object) -> str:
    content = dataclasses.replace(sample_content(scenario, load_catalog()), **changes)  # type: ignore[arg-type]
    return Renderer().filing(
        content,
        load_catalog(),
        load_policy(),
        lang,  # type: ignore[arg-type]
        "a/case.yaml",
        captions=captions,
    )


def _steps(text: str) -> dict[int, tuple[str, str]]:
    """Step number → (its bold heading, its whole text up to the next step or section)."""
    numbered = text.split("\n## ")[0]
    found = list(_STEP.finditer(numbered))
    ends = [m.start() for m in found[1:]] + [len(numbered)]
    return {int(m[1]): (m[2], numbered[m.start() : end]) for m, end in zip(found, ends, strict=True)}


def _instruction(step: str) -> str:
    """What a step says before its first command, file list or link: the words to read, not to copy."""
    said = []
    for line in step.splitlines():
        if re.match(r"^\s+(`|\d+\. `|- )", line):
            break
        said.append(line.strip())
    return " ".join(said)


def _size(text: str, lang: str) -> int:
    return len(text) if lang == "zh" else len(text.split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_step_is_one_short_action(scenario: str, lang: str) -> None:
    steps = _steps(_filing(scenario, lang))
    assert sorted(steps) == list(range(1, len(steps) + 1))
    for number, (_, step) in steps.items():
        said = _instruction(step)
        assert _size(said, lang) <= INSTRUCTION_LIMIT[lang], (number, said)
    # what the old steps 1 and 3 did at once is now a step each
    where = {
        "zh": ("切换为俄语", "«Чаты»", "«Создать заявку»", "主题和子主题", "的第一行", "第一个空行之后"),
        "en": (
            "to Russian",
            "«Чаты»",
            "«Создать заявку»",
            "topic and subtopic",
            "first line of",
            "first blank",
        ),
    }[lang]
    first = [min(n for n, (_, step) in steps.items() if words in step) for words in where]
    assert len(set(first)) == len(where), dict(zip(where, first, strict=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ids_attachment", [None, "03-perechen.pdf"])
def test_the_upload_step_is_headed_by_what_the_seller_does(lang: str, ids_attachment: str | None) -> None:
    """The step that uploads the files says so in its heading, not where the IDs are (the old «ID 已写在正文
    中» over «请按编号顺序上传…»); where the IDs are follows in its text."""
    steps = _steps(_filing("carrier_failure", lang, ids_attachment=ids_attachment))
    action = {"zh": r"上传第 \d+ 步中的附件", "en": r"Attach the files from step \d+"}[lang]
    [(heading, step)] = [(h, s) for h, s in steps.values() if re.search(action, s)]
    assert heading == {"zh": "上传附件。", "en": "Attach the files."}[lang]
    assert "ID" in step and "ID" not in heading
    if ids_attachment:
        assert f"`{ids_attachment}`" in step


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("links", [True, False])
def test_every_step_a_step_refers_to_holds_what_it_refers_to(lang: str, links: bool) -> None:
    """«与第 N 步相同的消息图标», «第 N 步中的附件», «第 N 步所需的跟进评论», «第 N 步登记»: each N is
    the step that has it, whichever steps the pack has (a video paragraph or none)."""
    text = _filing("malicious_returns", lang, None, **({} if links else {"links": ()}))
    steps = _steps(text)
    refers = {
        "zh": {
            r"与第 (\d+) 步相同的消息图标": "消息图标",
            r"上传第 (\d+) 步中的附件": "`attachments/",
            r"用第 (\d+) 步的命令生成跟进评论": "`ozon-urgent followup",
            r"按第 (\d+) 步生成跟进评论": "`ozon-urgent followup",
            r"第 (\d+) 步登记之后": "`ozon-urgent record",
        },
        "en": {
            r"same messages icon as in step (\d+)": "messages icon",
            r"files from step (\d+)": "`attachments/",
            r"step (\d+)'s command writes": "`ozon-urgent followup",
            r"follow-up comment\s+\(step (\d+)\)": "`ozon-urgent followup",
            r"record the\s+ticket \(step (\d+)\)": "`ozon-urgent record",
        },
    }[lang]
    for pattern, holds in refers.items():
        [number] = re.findall(pattern, text)
        assert holds in steps[int(number)][1], (pattern, number)
    assert {int(n) for n in re.findall(r"第 (\d+) 步|step (\d+)", text) for n in n if n} <= set(steps)


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_of_kind_other_is_listed_by_the_sellers_caption(lang: Lang) -> None:
    content = sample_content("carrier_failure", load_catalog())
    first = dataclasses.replace(content.attachments[0], kind="other")
    changed = (first, *content.attachments[1:])
    captions = {1: "退货验货单", 2: "承运商的书面说明"}  # the second is a known kind: its name stays
    text = _filing("carrier_failure", lang, captions, attachments=changed)
    kinds = load_catalog().kinds
    assert f"`attachments/{first.name}` — 退货验货单\n" in text
    assert kinds["other"].names(lang) not in text  # «其他补充材料» said nothing of the file
    second = content.attachments[1]
    assert f"`attachments/{second.name}` — {kinds[second.kind].names(lang)}\n" in text
    # without a caption of the seller's own (a case written in Russian), the kind's name is all there is
    bare = _filing("carrier_failure", lang, {}, attachments=changed)
    assert f"`attachments/{first.name}` — {kinds['other'].names(lang)}\n" in bare


def test_a_long_caption_is_cut_to_a_line() -> None:
    chinese = "厂家的供货发票（附装箱明细）、厂家证明函、海关报关单和国内物流公司出具的发货记录及签收单"
    cut = short_caption(chinese)
    assert cut.endswith("…") and chinese.startswith(cut[:-1]) and len(cut) * 2 <= CAPTION_COLUMNS + 2
    english = "Manufacturer's invoice for the batch with the packing list and the manufacturer's letter"
    cut = short_caption(english)
    assert cut.endswith("…") and len(cut) <= CAPTION_COLUMNS
    assert english.startswith(cut[:-1]) and english[len(cut) - 1] == " "  # after a whole word
    assert short_caption("  退货\n验货单 ") == "退货 验货单"  # one line, nothing cut
    names = attachment_names(
        {1: "other", 2: "chat_records"}, {"other": "x", "chat_records": "聊天记录"}, {2: "y"}
    )
    assert names == {1: "x", 2: "聊天记录"}


def test_the_examples_list_their_other_files_by_caption(packs: Path) -> None:
    pack = find_pack(packs / "zh", "pixel-garden-malicious-returns-2026-11")
    filing = (pack / "FILING.md").read_text("utf-8")
    assert "`attachments/03-akt-osmotra-vozvrashchennykh.jpg` — 退货验货单\n" in filing
    assert "其他补充材料" not in filing


@pytest.mark.parametrize("lang", LANGS)
def test_the_pack_folder_note_says_why_and_its_rebuild_command_works(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """FILING says why the pack is not edited by hand (its files' hashes in ticket.json and the ledger, the
    record of what was filed) and what to do instead: the `build --force` it prints, run as written after
    the case file changed, makes the pack again; once the ticket is recorded it keeps the pack (B011)."""
    write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "edit-me"}))
    monkeypatch.chdir(tmp_path)
    assert run_cli("build", "--lang", lang, "--out", "out", "a/case.yaml").exit_code == 0
    pack = pack_dir(tmp_path / "out", "edit-me")
    filing = (pack / "FILING.md").read_text("utf-8")
    why = {
        "zh": ("哈希值", "`ticket.json`", "台账", "存档"),
        "en": ("hash", "`ticket.json`", "ledger", "record of"),
    }
    assert all(word in filing for word in why[lang])
    assert "请勿改动本文件夹" not in filing
    [build] = re.findall(r"^  `(ozon-urgent build .*)`$", filing, re.M)
    case = tmp_path / "a" / "case.yaml"
    case.write_text(case.read_text("utf-8").replace("store_name: ", "store_name: New "), "utf-8")
    rebuilt = run_cli(*shlex.split(build)[1:])
    assert rebuilt.exit_code == 0, rebuilt.stdout + rebuilt.stderr
    assert "New " in (pack / "ticket.txt").read_text("utf-8")
    [record] = re.findall(r"^   `(ozon-urgent record .*)`$", filing, re.M)
    assert run_cli(*shlex.split(re.sub(r"<[^>]+>$", "REF-1", record))[1:]).exit_code == 0
    kept = run_cli(*shlex.split(build)[1:], "--format", "json")
    assert "B011" in kept.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_the_seller_reads_shows_ticket_jsons_codes(packs: Path, lang: str) -> None:
    """ticket.json keeps stable codes for scripts (`category`, `priority`, `scenario`); FILING.md and the
    seller's copy say what they mean in the seller's words and never show the codes themselves."""
    for path in EXAMPLE_CASES:
        case_id = re.search(r"^case_id: (\S+)", path.read_text("utf-8"), re.M)[1]  # type: ignore[index]
        pack = find_pack(packs / lang, case_id)
        data = json.loads((pack / "ticket.json").read_text("utf-8"))
        for name in ("FILING.md", data["seller_copy"]):
            read = (pack / name).read_text("utf-8")
            shown = [code for code in (data["category"], data["priority"], data["scenario"]) if code in read]
            assert shown == [], (case_id, name, shown)


@pytest.mark.parametrize("lang", LANGS)
def test_unreviewed_russian_is_the_first_thing_filing_says_and_its_rebuild_works(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Sellers follow FILING alone: a pack built with `ru_reviewed: false` (C173, a warning) says so in bold
    before step 1, with the `build --force` that makes the pack again once the case says true; a reviewed
    case's FILING has no such line. Step 3 says what the attachments were checked for, not that all passed."""
    write_case(
        tmp_path / "a", variant("carrier_failure", {"case_id": "unread", "explanation.ru_reviewed": False})
    )
    monkeypatch.chdir(tmp_path)
    assert run_cli("build", "--lang", lang, "--out", "out", "a/case.yaml").exit_code == 0
    pack = pack_dir(tmp_path / "out", "unread")
    filing = (pack / "FILING.md").read_text("utf-8")
    first = {"zh": "**先请懂俄语的人校对俄语工单正文**", "en": "**First have someone who reads Russian"}
    assert filing.index(first[lang]) < filing.index("\n1. **"), filing
    assert "`ru_reviewed`" in filing.split("\n1. **")[0]
    assert "均已通过检查" not in filing and "all have passed" not in filing
    [build] = re.findall(r"^`(ozon-urgent build .*--force)`$", filing, re.M)
    case = tmp_path / "a" / "case.yaml"
    case.write_text(case.read_text("utf-8").replace("ru_reviewed: false", "ru_reviewed: true"), "utf-8")
    rebuilt = run_cli(*shlex.split(build)[1:])
    assert rebuilt.exit_code == 0, rebuilt.stdout + rebuilt.stderr
    assert first[lang] not in (pack / "FILING.md").read_text("utf-8")
