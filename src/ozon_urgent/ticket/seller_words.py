"""The seller's copy's words that depend on what a case lists: subject, ID heading and blocks, request.

Each says in Chinese or English what the Russian letter's own words say (ticket.wording): the subject, the
ID heading and blocks, how the request names the listed IDs, and the sentences naming the other lists.
Nothing here adds to the Russian."""

from __future__ import annotations

from dataclasses import dataclass

from ozon_urgent.i18n import Lang
from ozon_urgent.ticket.content import IdGroup, TicketContent
from ozon_urgent.ticket.wording import PRODUCT_KINDS, listed_nouns, request_about

# What the listed IDs are: the Russian noun (ticket.wording) → the seller's word, Chinese and English.
_NOUNS = {"отправление": ("货件", "posting"), "заказ": ("订单", "order"), "товар": ("商品", "product")}
# A group's key → what its IDs are numbers of.
_GROUP_NOUN = {"postings": ("货件", "posting"), "orders": ("订单", "order")}
_GOODS = ("商品", "product")
# Each other list of goods, as the sentences naming the other lists call it: (zh, en one, en many).
_GOODS_LISTS = {
    "skus": ("SKU", "SKU", "SKUs"),
    "products": ("商品 ID（product_id）", "product ID (product_id)", "product IDs (product_id)"),
    "offer_ids": ("货号（offer_id）", "offer ID (offer_id)", "offer IDs (offer_id)"),
}


@dataclass(frozen=True, slots=True)
class SellerIdBlock:
    """One list as the letter shows it: `key` (postings, orders, skus, paired — SKUs with their артикулы —,
    products, offer_ids) names its label in the template, `total` how many it holds, `rows` the IDs the
    letter itself shows, one a line, exactly as the Russian shows them."""

    key: str
    total: int
    rows: tuple[str, ...]


def id_blocks(t: TicketContent) -> tuple[SellerIdBlock, ...]:
    """The Russian letter's ID blocks (`t.id_blocks`), each with the key of what it lists."""
    offers = t.sku_offers
    skus = t.group("skus")
    paired = {offers[sku] for sku in (skus.items if skus else ()) if sku in offers}
    lists: list[tuple[str, int]] = []
    for g in t.id_groups:
        if g.key == "skus" and paired:
            lists.append(("paired", len(g.items)))
        elif g.key == "offer_ids":
            rest = [item for item in g.items if item not in paired]
            lists += [(g.key, len(rest))] if rest else []
        else:
            lists.append((g.key, len(g.items)))
    return tuple(
        SellerIdBlock(key, total, block.rows) for (key, total), block in zip(lists, t.id_blocks, strict=True)
    )


def _en_noun(noun: str, number: int) -> str:
    return noun if number == 1 else noun + "s"


def ids_heading(t: TicketContent, lang: Lang) -> str:
    """The line over the ID lists: «本申诉涉及以下货件和商品：», "This request concerns the following
    posting:"; a single list of postings or orders standing under it alone carries its count."""
    nouns = [(_NOUNS[noun], number) for noun, number in listed_nouns(t.counts)]
    blocks = id_blocks(t)
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


def also_listed(t: TicketContent, main: IdGroup, lang: Lang) -> list[str]:
    """A sentence for each other list the letter shows, as the Russian has one (`t.also_listed`)."""
    paired = set(t.sku_offers.values()) if t.group("skus") else set()
    return [
        _also(main.key, len(main.items), g.key, len(g.items), lang)
        for g in t.id_groups
        if g.key != main.key and not (g.key == "offer_ids" and set(g.items) <= paired)
    ]


def _also(main: str, main_number: int, other: str, number: int, lang: Lang) -> str:
    one = main_number == 1
    zh_main, en_main = _GROUP_NOUN.get(main, _GOODS)
    if lang == "zh":
        these = f"{'该' if one else '这些'}{zh_main}"
        if other in _GROUP_NOUN and main in _GROUP_NOUN:
            what = f"{these}{'所属的订单' if other == 'orders' else '的货件'}"
        elif other in _GROUP_NOUN:
            what = f"包含{these}的{_GROUP_NOUN[other][0]}"
        else:
            label = _GOODS_LISTS[other][0]
            of = "中商品的" if main in _GROUP_NOUN else "的"
            what = f"{these}{of}{' ' if label.isascii() else ''}{label}"
        return f"清单中还列出了{what}。"
    these = f"{'this' if one else 'these'} {_en_noun(en_main, main_number)}"
    if other in _GROUP_NOUN and main in _GROUP_NOUN:
        if other == "orders":
            what = f"{_en_noun('order', number)} {these} {'belongs' if one else 'belong'} to"
        else:
            what = f"{_en_noun('posting', number)} of {these}"
    elif other in _GROUP_NOUN:
        what = f"{_en_noun(_GROUP_NOUN[other][1], number)} with {these}"
    else:
        label = _GOODS_LISTS[other][1 if number == 1 else 2]
        goods = _en_noun("product", number)
        what = f"{label} of the {goods} in {these}" if main in _GROUP_NOUN else f"{label} of {these}"
    return f"The list also gives the {what}."


# The subject's request by the case's `request`, as ticket.wording's: (with the IDs — «{ids}» is their
# count and noun, set off by a space in Chinese —, without them), in Chinese and in English.
_SUBJECTS: dict[str, dict[Lang, tuple[str, str]]] = {
    "exclude_period": {
        "zh": ("将{ids}从指标计算中剔除", "将故障期间从指标计算中剔除"),
        "en": ("Exclude {ids} from the metric's calculation", "Exclude the failure period from the metric"),
    },
    "correct_data": {
        "zh": ("重新计算指标，不计入{ids}", "更正指标数据"),
        "en": ("Recalculate the metric without {ids}", "Correct the metric's data"),
    },
    "recalibrate_attribution": {
        "zh": ("计算指标时不计入{ids}", "更正订单匹配并重新计算指标"),
        "en": ("Do not count {ids} in the metric", "Correct order matching and recalculate the metric"),
    },
    "restore_listing": {
        "zh": ("将{ids}恢复上架", "将商品恢复上架"),
        "en": ("Return {ids} to sale", "Return the products to sale"),
    },
    "manual_review": {
        "zh": ("重新审核{ids}的下架决定", "重新审核商品的下架决定"),
        "en": ("Reconsider the removal of {ids} from sale", "Reconsider the removal of products from sale"),
    },
    "lift_restriction": {"zh": ("", "解除店铺的销售限制"), "en": ("", "Lift the store's sales restriction")},
    "remove_low_activity_flag": {
        "zh": ("", "撤销店铺的“低活跃度”标记"),
        "en": ("", "Remove the low-activity flag from the store"),
    },
    "lift_penalty": {
        "zh": ("", "撤销因聊天回复超时对店铺实施的处罚"),
        "en": ("", "Lift the penalties for slow replies in chats"),
    },
}


def subject(t: TicketContent, lang: Lang, fallback: str) -> str:
    """The ticket's subject in the seller's language: what it asks, agreeing with what is listed; the
    request's catalog name (`fallback`) for a request this table does not know."""
    if t.request not in _SUBJECTS:
        return fallback
    about = request_about(t.request)
    with_ids, without = _SUBJECTS[t.request][lang]
    keys = ("postings",) if about == "postings" else PRODUCT_KINDS
    number = next((t.counts[key] for key in keys if t.counts.get(key)), 0)
    if not about or not number:
        return without
    zh, en = ("货件", "posting") if about == "postings" else _GOODS
    return with_ids.format(ids=f" {number} 个{zh}" if lang == "zh" else f"{number} {_en_noun(en, number)}")
