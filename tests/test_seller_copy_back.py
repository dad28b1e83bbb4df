"""The seller's copy checks the Russian: each paragraph's and caption's machine back-translation while it
still fits the Russian filed, what to do where it does not, the attachments' dates and the subject."""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import find_pack, pack_dir
from kit.repo import EXAMPLE_CASES
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.ticket.back_check import BackTranslation, back_translation
from zh_prose import english_words

SCENARIO, CASE_ID = "rating_drop_restriction", "test-rating-drop-restriction"  # facts and changes
FACTS_BACK = "因配送服务的原因，货件 57195475-0050-3 和 57195475-0051-1 延误了。"
CHANGES_BACK = "自2026年11月25日起，我们在下单当天把货件交给配送，并检查时限。"
LABEL = {"zh": "俄语译文的机器回译（仅供核对）：", "en": "The Russian filed, translated back by machine"}
# The examples' back-translations were written by a person (`ru_back_by: person`), and say so.
PERSON = {"zh": "俄语译文的人工回译（仅供核对）：", "en": "The Russian filed, translated back by a person"}
STALE = {"zh": "在上次回译后被手动改过", "en": "edited by hand after its last back-translation"}
UNCHECKED = {"zh": "这一段的俄语没有回译", "en": "This Russian has no back-translation"}


def _case(**changes: Any) -> dict[str, Any]:
    case = variant(SCENARIO, {})
    explanation = case["explanation"]
    explanation["ru_back"], explanation["ru_back_sha256"] = FACTS_BACK, source_sha256(explanation["ru"])
    part = explanation["changes"]
    part["ru_back"], part["ru_back_sha256"] = CHANGES_BACK, source_sha256(part["ru"])
    for dotted, value in changes.items():
        node: Any = case
        *path, last = dotted.split(".")
        for key in path:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value
    return case


def _command(tmp_path: Path) -> str:
    """The exact command the copy names to make the missing back-translations: the case as built."""
    return f"`ozon-urgent translate {tmp_path / 'c' / 'case.yaml'}`"


def _copy(run_cli: RunCli, tmp_path: Path, case: dict[str, Any], lang: str) -> str:
    out = tmp_path / f"out-{lang}"
    result = run_cli("build", "--lang", lang, "--out", out, write_case(tmp_path / "c", case))
    assert result.exit_code == 0, result.stdout + result.stderr
    return (pack_dir(out, CASE_ID) / f"ticket.{lang}.md").read_text("utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_paragraph_shows_the_back_translation_of_the_russian_filed(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    case = _case()
    copy = _copy(run_cli, tmp_path, case, lang)
    facts, changes = case["explanation"]["text"], case["explanation"]["changes"]["text"]
    # the seller's own words, then under them the Russian translated back, each paragraph in its place
    order = [facts, f"> {FACTS_BACK}", changes, f"> {CHANGES_BACK}"]
    positions = [copy.index(text) for text in order]
    assert positions == sorted(positions)
    assert copy.count(LABEL[lang]) == 2
    assert copy.index(LABEL[lang], positions[0]) < positions[1]  # marked as machine work, before the text
    for ru in (case["explanation"]["ru"], case["explanation"]["changes"]["ru"]):
        assert ru[:30] not in copy  # the Russian itself stays in ticket.txt
    assert STALE[lang] not in copy and UNCHECKED[lang] not in copy


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_russian_edited_by_hand_since_says_so_and_hides_the_old_back_translation(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    case = _case()
    case["explanation"]["changes"]["ru"] += " Кроме того, мы наняли ещё одного сотрудника склада."
    copy = _copy(run_cli, tmp_path, case, lang)
    assert f"> {FACTS_BACK}" in copy  # the facts' Russian is as it was translated back
    assert CHANGES_BACK not in copy  # the changes' back-translation no longer says what the Russian says
    notice = next(line for line in copy.splitlines() if STALE[lang] in line)
    assert notice.startswith("> ") and _command(tmp_path) in notice
    assert copy.index(case["explanation"]["changes"]["text"]) < copy.index(notice)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_russian_without_back_translation_is_named_as_unchecked(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    case = _case(**{"explanation.ru_back": None, "explanation.ru_back_sha256": None})
    del case["explanation"]["ru_back"], case["explanation"]["ru_back_sha256"]
    copy = _copy(run_cli, tmp_path, case, lang)
    notice = next(line for line in copy.splitlines() if UNCHECKED[lang] in line)
    assert _command(tmp_path) in notice
    facts_at = copy.index(case["explanation"]["text"])
    assert facts_at < copy.index(notice) < copy.index(case["explanation"]["changes"]["text"])
    assert copy.count(LABEL[lang]) == 1 and f"> {CHANGES_BACK}" in copy  # the changes are still checked


def test_a_case_written_in_russian_has_nothing_to_check(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case(**{"explanation.source_lang": "ru"})
    del case["explanation"]["text"], case["explanation"]["changes"]["text"]
    copy = _copy(run_cli, tmp_path, case, "zh")
    assert "回译" not in copy and FACTS_BACK not in copy


def test_back_translation_states() -> None:
    ru = "Текст обращения."
    assert back_translation(None, "x", None) is None and back_translation("  ", None, None) is None
    assert back_translation(ru, None, source_sha256(ru)) == BackTranslation("unchecked")
    assert back_translation(ru, "回译", None) == BackTranslation("stale")  # nothing ties it to this Russian
    assert back_translation(ru, "回译", source_sha256("Другой текст.")) == BackTranslation("stale")
    # the hash follows the words, not the YAML style that ends a block with a line break
    assert back_translation(ru + "\n", " 回译\n", source_sha256(ru)) == BackTranslation("checked", "回译")
    assert BackTranslation("checked", "一\n\n二").quoted == "> 一\n>\n> 二"


def _attachment_lines(copy: str) -> list[str]:
    return [line for line in copy.splitlines() if re.match(r"- `\d\d-", line)]


def _with_attachments() -> dict[str, Any]:
    """Four files: a seller caption checked, one changed in Russian since, a Russian-only caption checked,
    and an `other` document of one day with a seller caption and a Russian one never translated back."""
    case = _case()
    first = case["evidence"][0]
    suffix = Path(first["file"]).suffix
    second = dict(deepcopy(first), file=f"evidence/register{suffix}")
    first.update(
        caption="承运商出具的延误说明",
        caption_ru="Письмо службы доставки о задержке",
        caption_ru_back="配送服务关于延误的信函",
    )
    first["caption_ru_back_sha256"] = source_sha256(first["caption_ru"])
    second.update(caption_ru="Реестр компенсаций за ноябрь", caption_ru_back="十一月赔偿清单。")
    second["caption_ru_back_sha256"] = source_sha256(second["caption_ru"])
    third = dict(deepcopy(first), file=f"evidence/statement-2{suffix}", caption="承运商的第二份说明")
    third["caption_ru"] = "Второе письмо службы доставки"  # edited after it was translated back
    other = {
        "file": f"evidence/handover{suffix}",
        "kind": "other",
        "date": case["notification"]["received"],
        "caption": "货件交接单",
        "caption_ru": "Акты передачи отправлений",
    }
    case["evidence"] += [second, third, other]
    return case


def test_attachments_show_what_each_caption_means_and_its_dates(run_cli: RunCli, tmp_path: Path) -> None:
    case = _with_attachments()
    copy = _copy(run_cli, tmp_path, case, "zh")
    lines = _attachment_lines(copy)
    assert len(lines) == 4
    covers = case["evidence"][0]["covers"]
    start, end = (int(part) for part in covers["from"].split("-")[1:]), covers["to"].split("-")
    month, day = start
    assert f"（涵盖 {covers['from'][:4]}年{month}月{day}日至" in lines[0]  # Chinese order, no zero padding
    assert f"{int(end[1])}月{int(end[2])}日）" in lines[0] or f"{int(end[2])}日）" in lines[0]
    assert "，附件说明：承运商出具的延误说明（俄语说明的机器回译：配送服务关于延误的信函）；" in lines[0]
    assert lines[1].endswith("：十一月赔偿清单（俄语说明的机器回译）；")  # the Russian-only caption's meaning
    assert "，附件说明：承运商的第二份说明（俄语说明在上次回译后被手动改过，需重新回译）；" in lines[2]
    assert "配送服务关于延误的信函" not in lines[2]  # the old back-translation is not shown as current
    received = [int(part) for part in case["notification"]["received"].split("-")]
    day_zh = f"{received[0]}年{received[1]}月{received[2]}日"
    assert lines[3].endswith(f"— 其他补充材料（{day_zh}），附件说明：货件交接单（俄语说明未经回译核对）。")
    assert _command(tmp_path) in copy.split(lines[3], 1)[1].split("\n\n")[1]  # how to check them
    assert not re.search(r"[а-яё]", "\n".join(lines), re.IGNORECASE)
    english = _copy(run_cli, tmp_path, case, "en").splitlines()
    unchecked = ": 货件交接单 (the Russian caption is not checked by a back-translation)."
    assert any(line.endswith(unchecked) for line in english)


def test_a_russian_only_caption_never_translated_back_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    case = _case()
    case["evidence"][0]["caption_ru"] = "Письмо службы доставки о задержке"
    line = _attachment_lines(_copy(run_cli, tmp_path, case, "zh"))[0]
    assert line.endswith("，其俄语说明没有您填写的原文，也未经回译核对。")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_subject_is_shown_in_russian_and_in_the_sellers_words(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    case = _case()
    client_id = case["seller"]["client_id"]
    copy = _copy(run_cli, tmp_path, case, lang)
    ticket = (pack_dir(tmp_path / f"out-{lang}", CASE_ID) / "ticket.txt").read_text("utf-8")
    subject = ticket.splitlines()[0]
    line = next(line for line in copy.splitlines() if f"`{subject}`" in line)
    if lang == "zh":  # the catalog's request in Chinese, not a machine's
        meaning = f"【紧急】解除店铺的销售限制（Client ID {client_id}）"
        assert line == f"**工单标题（俄语）**：`{subject}`。中文意思：{meaning}"
    else:
        assert line.endswith(
            f"; it means: URGENT: Lift the store's sales restriction — Client ID {client_id}"
        )


def test_no_english_prose_in_the_chinese_copy(run_cli: RunCli, tmp_path: Path) -> None:
    case = _with_attachments()
    case["explanation"]["changes"]["ru"] += " Кроме того, мы наняли ещё одного сотрудника склада."
    del case["explanation"]["ru_back"]
    copy = _copy(run_cli, tmp_path, case, "zh")
    for name in filter(None, (case["seller"]["store_name"], case.get("delivery", {}).get("carrier"))):
        copy = copy.replace(name, " ")
    assert UNCHECKED["zh"] in copy and STALE["zh"] in copy  # every state a paragraph can be in
    assert english_words(copy) == []


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=[p.parent.name for p in EXAMPLE_CASES])
def test_no_english_prose_in_an_examples_chinese_copy(packs: Path, case: Path) -> None:
    data = yaml.safe_load(case.read_text("utf-8"))
    copy = (find_pack(packs / "zh", data["case_id"]) / "ticket.zh.md").read_text("utf-8")
    copy = re.sub(r"(?m)^> ?", "", copy)  # the seller's texts and the backs stand as Markdown quotes
    explanation = data["explanation"]
    own = [explanation.get("text")] + [(explanation.get(p) or {}).get("text") for p in ("facts", "changes")]
    own += [item.get("caption") for item in data["evidence"]]  # the seller's words, in any language
    # and the Russian translated back into them
    own += [(explanation.get(p) or {}).get("ru_back") for p in ("facts", "changes")]
    own += [item.get("caption_ru_back") for item in data["evidence"]]
    for text in sorted(filter(None, own), key=len, reverse=True):
        copy = copy.replace(text.strip(), " ")
    assert english_words(copy) == []


# What a copy says of Russian that nothing checks: a paragraph's or a caption's (templates/seller/).
NOT_CHECKED = {
    "zh": (UNCHECKED["zh"], STALE["zh"], "未经回译核对", "需重新回译", "没有您填写的原文"),
    "en": (UNCHECKED["en"], STALE["en"], "not checked by a back-translation", "translate it back again"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=[p.parent.name for p in EXAMPLE_CASES])
def test_every_examples_russian_is_shown_translated_back(packs: Path, case: Path, lang: str) -> None:
    """The examples show a seller what a checked copy looks like: each Russian paragraph and caption
    with its back-translation, each caption with the seller's own words; editing an example's Russian
    without a new `ru_back` fails here."""
    data = yaml.safe_load(case.read_text("utf-8"))
    copy = (find_pack(packs / lang, data["case_id"]) / f"ticket.{lang}.md").read_text("utf-8")
    assert [marker for marker in NOT_CHECKED[lang] if marker in copy] == []
    parts = [data["explanation"].get(name) or {} for name in ("facts", "changes")]
    backs = [part["ru_back"] for part in parts if part.get("ru")]
    assert copy.count(PERSON[lang]) == len(backs)  # one checked back-translation under each paragraph
    assert "机器回译" not in copy and "by machine" not in copy  # none of them is machine work
    backs += [item["caption_ru_back"] for item in data["evidence"] if item.get("caption_ru")]
    assert all(back.strip() in copy for back in backs)
    assert all(item["caption"] in copy for item in data["evidence"] if item.get("caption_ru"))


@pytest.mark.parametrize("reviewed", [False, True])
def test_the_copy_says_when_no_person_has_reviewed_the_russian(
    run_cli: RunCli, tmp_path: Path, reviewed: bool
) -> None:
    """A back-translation shows what the Russian says, not that it reads well: until `ru_reviewed` is
    true the copy's top says a Russian speaker has still to review it."""
    case = _case(**{"explanation.ru_reviewed": reviewed})
    zh, en = _copy(run_cli, tmp_path, case, "zh"), _copy(run_cli, tmp_path, case, "en")
    assert ("还没有经懂俄语的人审校" in zh) is not reviewed
    assert ("No Russian speaker has reviewed the Russian yet" in en) is not reviewed


@pytest.mark.parametrize(
    ("by", "zh", "en"),
    [
        (None, LABEL["zh"], "translated back by machine (for checking only):"),  # older files: machine work
        ("deepl", "俄语译文的机器回译（DeepL，仅供核对）：", "translated back by DeepL (for checking only):"),
        (
            "tencent",
            "俄语译文的机器回译（腾讯云机器翻译，仅供核对）：",
            "translated back by Tencent Cloud Machine Translation (for checking only):",
        ),
        ("person", PERSON["zh"], "translated back by a person (for checking only):"),
    ],
)
def test_the_label_says_who_made_the_back_translation(
    run_cli: RunCli, tmp_path: Path, by: str | None, zh: str, en: str
) -> None:
    """`ru_back_by` names the engine, or a person: a person's back-translation is not machine work."""
    case = _with_attachments()
    if by is not None:
        case["explanation"]["ru_back_by"] = by
        case["explanation"]["changes"]["ru_back_by"] = by
        case["evidence"][0]["caption_ru_back_by"] = by
    copy = _copy(run_cli, tmp_path, case, "zh")
    assert copy.count(zh) == 2
    caption = {None: "俄语说明的机器回译", "deepl": "俄语说明经 DeepL 回译", "person": "俄语说明的人工回译"}
    caption["tencent"] = "俄语说明经腾讯云机器翻译回译"
    assert (
        f"，附件说明：承运商出具的延误说明（{caption[by]}：配送服务关于延误的信函）；"
        in _attachment_lines(copy)[0]
    )
    assert ("人工回译" in copy) is (by == "person")
    assert _copy(run_cli, tmp_path, case, "en").count(en) == 2


FAILED = "无法回译"  # what a failing engine answered a reader for every back-translation


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_back_translation_that_failed_is_not_shown_as_the_meaning(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    case = _with_attachments()
    case["explanation"]["ru_back"] = FAILED
    case["evidence"][1]["caption_ru_back"] = FAILED  # a short caption: the same answer twice gives it away
    case["explanation"]["changes"]["ru_back"] = FAILED
    copy = _copy(run_cli, tmp_path, case, lang)
    warning = {
        "zh": "**注意：这一段俄语译文的机器回译看起来是失败的**：回译比俄语译文短得多，不像是整段俄语的译文。"
        "下面照录的文字不代表俄语的意思，请找懂俄语的人核对工单中这一段的俄语。",
        "en": "**Warning: this back-translation of the Russian, made by machine, looks failed** (it is far "
        "too short to be a translation of the whole Russian). The text below, quoted as it is, does not "
        "tell what the Russian says: have someone who reads Russian check this paragraph of the ticket.",
    }[lang]
    assert copy.count(warning) == 2 and copy.count(f"> {FAILED}") == 2
    assert LABEL[lang] not in copy  # not presented as the meaning of the Russian
    assert copy.index(warning) < copy.index(f"> {FAILED}")  # the warning comes first
    line = _attachment_lines(copy)[1]
    expected = {
        "zh": f"，其俄语说明的机器回译“{FAILED}”看起来是失败的：另一段不同的俄语也得到了完全相同的回译；"
        "请找懂俄语的人核对俄语说明；",
        "en": f" (its Russian caption's back-translation “{FAILED}” looks failed: a different Russian text "
        "got the very same back-translation; have someone who reads Russian check the caption);",
    }[lang]
    assert line.endswith(expected), line
    if lang == "zh":
        assert english_words(copy.replace(case["seller"]["store_name"], " ")) == []
