"""The seller's copy's words that depend on what a case lists: subject, ID heading and blocks, request.

Each says in Chinese or English what the Russian letter's own words say (ticket.wording): the subject, the
ID heading and blocks, how the request names the listed IDs, and the sentences naming the other lists;
and what FILING.md calls each attachment. Nothing here adds to the Russian."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from ozon_urgent.i18n import Lang
from ozon_urgent.ticket.content import IdGroup, TicketContent
from ozon_urgent.ticket.proof import listed_files
from ozon_urgent.ticket.subject import request_about
from ozon_urgent.ticket.wording import PRODUCT_KINDS, IdBlock

# What the listed IDs are: the Russian noun (ticket.wording) → the seller's word, Chinese and English.
_NOUNS = {"отправление": ("货件", "posting"), "заказ": ("订单", "order"), "товар": ("商品", "product")}
# A group's key → what its IDs are numbers of.
_GROUP_NOUN = {"postings": ("货件", "posting"), "orders": ("订单", "order")}
_GOODS = ("商品", "product")


def id_blocks(t: TicketContent) -> tuple[IdBlock, ...]:
    """The Russian letter's ID blocks, in its order (the list the request acts on first), each with the
    key of what it lists and how many it holds."""
    return t.id_blocks


def _en_noun(noun: str, number: int) -> str:
    return noun if number == 1 else noun + "s"


def ids_heading(t: TicketContent, lang: Lang) -> str:
    """The line over the ID lists: «本申诉涉及以下货件和商品：», "This request concerns the following
    posting:"; a single list of postings or orders standing under it alone carries its count."""
    blocks = id_blocks(t)
    nouns = _nouns_in_order(blocks)
    alone = len(blocks) == 1 and blocks[0].key in _GROUP_NOUN and blocks[0].total > 1
    total = blocks[0].total if alone else 0
    shown = len(blocks[0].rows) if alone else 0
    if lang == "zh":
        what = "和".join(zh for (zh, _), _ in nouns)
        count = "" if not total else f"（共 {total} 个{'' if shown == total else f'，以下为前 {shown} 个'}）"
        return f"本申诉涉及以下{what}{count}："
    words = [_en_noun(en, number) for (_, en), number in nouns]
    what = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    count = "" if not total else f" ({total}{'' if shown == total else f', the first {shown} shown'})"
    return f"This request concerns the following {what}{count}:"


def _nouns_in_order(blocks: tuple[IdBlock, ...]) -> list[tuple[tuple[str, str], int]]:
    """What the blocks list, once each, in the letter's order: (zh, en) nouns with how many."""
    nouns: list[tuple[tuple[str, str], int]] = []
    for b in blocks:
        noun = _GROUP_NOUN.get(b.key, _GOODS)
        if noun not in (n for n, _ in nouns):
            goods = max((x.total for x in blocks if x.key not in _GROUP_NOUN), default=0)
            nouns.append((noun, goods if noun == _GOODS else b.total))
    return nouns


def proof_summary(t: TicketContent, lang: Lang) -> str:
    """The Russian line under the list (`t.proof_summary`) in the seller's language: «以上货件均见附件
    03。», "Both postings listed above are shown in files 01 and 03."; "" where the Russian has none."""
    files = t.proof_files
    if not files:
        return ""
    nouns = _nouns_in_order(id_blocks(t))
    if lang == "zh":
        return f"以上{'和'.join(zh for (zh, _), _ in nouns)}均见{listed_files(files, lang)}。"
    words = [_en_noun(en, number) for (_, en), number in nouns]
    both = len(nouns) == 1 and nouns[0][1] == 2
    what = f"{'Both' if both else 'All the'} {' and '.join(words)}"
    return f"{what} listed above are shown in {listed_files(files, lang)}."


def _noun(group: IdGroup) -> tuple[str, str]:
    return _GROUP_NOUN.get(group.key, _GOODS)


def listed(t: TicketContent, group: IdGroup, lang: Lang) -> str:
    """How the request names the IDs of `group` listed above, as the Russian does (`t.listed`): «上述货件»,
    "both products listed above", a list attached whole by its count and file."""
    zh, en = _noun(group)
    number, attached = len(group.items), t.ids_attachment
    if lang == "zh":
        if attached:
            return f"清单中的全部 {number} 个{zh}（完整清单见附件 {attached}）"
        return f"上述{zh}" if number == 1 else f"上述两个{zh}" if number == 2 else f"上述全部{zh}"
    if attached:
        return f"all {number} {en}s on the list (the full list is attached as {attached})"
    if number == 1:
        return f"the {en} listed above"
    return f"{'both' if number == 2 else 'all the'} {en}s listed above"


# The subject's request by the case's `request`, as ticket.subject's: (with the IDs — «{ids}» is their
# count and noun, set off by a space in Chinese —, naming the metric alone, without the IDs), in Chinese
# and in English; «{metric}» is the metric, by name where the Russian names it.
_SUBJECTS: dict[str, dict[Lang, tuple[str, str, str]]] = {
    "exclude_period": {
        "zh": ("将{ids}从{metric}计算中剔除", "", "将故障期间从{metric}计算中剔除"),
        "en": ("Exclude {ids} from {metric}'s calculation", "", "Exclude the failure period from {metric}"),
    },
    "correct_data": {
        "zh": ("重新计算{metric}，不计入{ids}", "重新计算{metric}", "更正{metric}数据"),
        "en": ("Recalculate {metric} excluding {ids}", "Recalculate {metric}", "Correct {metric}'s data"),
    },
    "recalibrate_attribution": {
        "zh": ("计算{metric}时不计入{ids}", "重新计算{metric}", "更正订单匹配并重新计算{metric}"),
        "en": (
            "Do not count {ids} in {metric}",
            "Recalculate {metric}",
            "Correct order matching and recalculate {metric}",
        ),
    },
    "restore_listing": {
        "zh": ("将{ids}恢复上架", "", "将商品恢复上架"),
        "en": ("Return {ids} to sale", "", "Return the products to sale"),
    },
    "manual_review": {
        "zh": ("重新审核{ids}的下架决定", "", "重新审核商品的下架决定"),
        "en": (
            "Reconsider the removal of {ids} from sale",
            "",
            "Reconsider the removal of products from sale",
        ),
    },
    "lift_restriction": {
        "zh": ("", "", "解除店铺的销售限制"),
        "en": ("", "", "Lift the store's sales restriction"),
    },
    "remove_low_activity_flag": {
        "zh": ("", "", "撤销店铺的“低活跃度”标记"),
        "en": ("", "", "Remove the low-activity flag from the store"),
    },
    "lift_penalty": {
        "zh": ("", "", "撤销因买家消息回复超时对店铺作出的处罚"),
        "en": ("", "", "Lift the penalties for slow replies in chats"),
    },
}
_FORMS = ("with_ids", "metric_only", "without")


def subject(t: TicketContent, lang: Lang, fallback: str, metric_name: str | None = None) -> str:
    """The ticket's subject in the seller's language, said as the Russian says it (`t.subject_said`):
    agreeing with what is listed, the metric by `metric_name` where the Russian names it; the request's
    catalog name (`fallback`) for a request this table does not know."""
    if t.request not in _SUBJECTS:
        return fallback
    said = t.subject_said
    phrase = _SUBJECTS[t.request][lang][_FORMS.index(said.form)]
    metric = _metric(metric_name if said.metric else None, lang)
    if said.form != "with_ids":
        return phrase.format(metric=metric)
    about = request_about(t.request)
    keys = ("postings",) if about == "postings" else PRODUCT_KINDS
    number = next((t.counts[key] for key in keys if t.counts.get(key)), 0)
    zh, en = ("货件", "posting") if about == "postings" else _GOODS
    if number == 1:  # one is named, not counted: «将该货件…», "Exclude the posting…"
        return phrase.format(ids=zh if lang == "zh" else f"the {en}", metric=metric)
    ids = f" {number} 个{zh}" if lang == "zh" else f"{number} {_en_noun(en, number)}"
    return phrase.format(ids=ids, metric=metric)


def _metric(name: str | None, lang: Lang) -> str:
    """«“退货率”指标», "the “Return rate” metric" as the seller's letter names it; «指标», "the metric"."""
    if lang == "zh":
        return f"“{name}”指标" if name else "指标"
    return f"the “{name[:1].upper()}{name[1:]}” metric" if name else "the metric"


# Where FILING.md lists a file by the seller's own caption: about one line of the list (a Chinese character
# takes two columns, as in a terminal), so that the file's name and what it is stay readable side by side.
CAPTION_COLUMNS = 60


def attachment_names(
    kinds: Mapping[int, str], kind_names: Mapping[str, str], captions: Mapping[int, str]
) -> dict[int, str]:
    """What FILING.md calls each attachment (number → words): a file of kind `other` by the seller's own
    caption, since «其他补充材料» / "other supporting document" does not tell one file from another; every
    other file by its kind's name, which says what it is in the words of the checklist."""
    return {
        number: short_caption(captions[number])
        if kind == "other" and captions.get(number)
        else kind_names[kind]
        for number, kind in kinds.items()
    }


def short_caption(text: str, columns: int = CAPTION_COLUMNS) -> str:
    """`text` on one line, cut to about `columns` with «…» where longer: after a word where the text has
    spaces near the cut, else after a character (Chinese has no spaces)."""
    line = " ".join(text.split())
    if _columns(line) <= columns:
        return line
    kept, used = [], 0
    for char in line:
        used += _columns(char)
        if used > columns - 1:  # room for the «…»
            break
        kept.append(char)
    cut = "".join(kept)
    if " " in cut and not line[len(cut)].isspace() and cut.rfind(" ") > len(cut) * 2 // 3:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:，、；：（(") + "…"


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
