"""C188: the seller's Russian text says again what the letter already says: the notification, the request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ozon_urgent.casefile.model import ExplanationPart
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import FieldPath, Severity, Worded
from ozon_urgent.findings.codes import Code
from ozon_urgent.russian_gate.sentences import sentence_spans

# A request in the store's voice or a person's: «Просим …», «прошу …», «Просьба …», «убедительно просим».
_REQUEST = re.compile(r"(?<![\w-])(?:просим|прошу|просьба|просьбой)(?![\w-])", re.IGNORECASE)
_NOTIFICATION = re.compile(r"уведомлени", re.IGNORECASE)
# How the notification's arrival is told: «получили уведомление», «появилось уведомление», «пришло …».
_ARRIVED = re.compile(
    r"(?<![\w-])(?:получил[аи]?|получен[оа]?|появил(?:ось|ись|ся|ась)|пришл[оаи]|пришёл|поступил[оаи]?"
    r"|направил[аи]?|прислал[аи]?)(?![\w-])",
    re.IGNORECASE,
)
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря")  # fmt: skip
_SHOWN = 120
# Where a sentence of the seller's own language ends: after 。！？ always, after . ! ? before a space (so
# 20.11.2026 and 1.5 stay whole).
_OWN_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")


def _date_forms(day: dt.date) -> re.Pattern[str]:
    """The notification's day as a seller writes it: 20.11.2026, 20.11, 20 ноября, 2026-11-20."""
    forms = [
        rf"0?{day.day}\.{day.month:02d}(?:\.(?:{day.year}|{day.year % 100}))?",
        rf"0?{day.day}\s+{_MONTHS[day.month - 1]}",
        day.isoformat(),
    ]
    return re.compile(rf"(?<![\d.])(?:{'|'.join(forms)})(?![\d])", re.IGNORECASE)


class RussianOwnRequest(Check):
    """The seller's Russian text (`explanation.ru`, or `explanation.facts.ru` and `explanation.changes.ru`)
    repeats something the letter already says: the notification (the letter states its date, metric and
    text just before the facts) or the request (a sentence of its own, built from the scenario and
    `request:`). Said twice in different words, the letter reads like a template pasted over the seller's
    text.

    Wrong: «20.11.2026 в личном кабинете появилось уведомление о снижении рейтинга.»; «Магазин получил
    уведомление о санкциях.»; «Просим снять ограничение продаж.» anywhere in the text. Right: only the
    facts (what happened, when, who was at fault, which attachment proves it) and what the store has
    changed. A request made earlier to someone else («мы просили службу доставки …») is a fact and can
    stay.

    The report says which sentence of the field it is; when the case holds a back-translation of that
    Russian (or the text it was translated from) with as many sentences, it adds that sentence's
    back-translation (or original), to find it in your own words.
    """

    code = Code.RUSSIAN_OWN_REQUEST
    name = "russian-own-request"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        explanation = ctx.case.explanation
        if explanation is None:
            return
        received = _date_forms(ctx.case.notification.received)
        for path, part in explanation.parts():
            text = part.ru or ""
            spans = sentence_spans(text) if text.strip() else []
            meanings = _meanings(part, len(spans)) if explanation.source_lang != "ru" else None
            for number, (start, end) in enumerate(spans, 1):
                sentence = text[start:end].strip()
                variant = _restates(sentence, received)
                if variant is not None:
                    meaning = meanings[number - 1] if meanings else ""
                    yield Hit((*path, "ru"), variant, _params((*path, "ru"), sentence, number, meaning))


def _restates(sentence: str, received: re.Pattern[str]) -> str | None:
    """`request` for a sentence that asks, `notification` for one that retells the notification arriving."""
    if _REQUEST.search(sentence):
        return "request"
    if _NOTIFICATION.search(sentence) and (received.search(sentence) or _ARRIVED.search(sentence)):
        return "notification"
    return None


def _meanings(part: ExplanationPart, count: int) -> list[Worded] | None:
    """What each of the `count` Russian sentences means in the seller's language, for a seller who cannot
    find the Russian one in their own text: the sentence of the back-translation of this very Russian, or
    else of the text it was translated from, when that has as many sentences (one sentence for one is the
    only tie that holds); None when neither does."""
    if part.ru_back and part.ru_back_sha256 == source_sha256(part.ru):
        backs = _own_sentences(part.ru_back)
        if len(backs) == count:
            return [Worded(en=f" (back-translation: {b})", zh=f"（回译：{b}）") for b in backs]
    if part.text and part.ru_source_sha256 == source_sha256(part.text):
        own = _own_sentences(part.text)
        if len(own) == count:
            return [Worded(en=f" (your text: “{s}”)", zh=f"（您的原文：“{s}”）") for s in own]
    return None


def _own_sentences(text: str) -> list[str]:
    return [_shown(sentence) for sentence in _OWN_END.split(text.strip()) if sentence.strip()]


def _shown(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= _SHOWN else sentence[: _SHOWN - 1].rstrip() + "…"


def _params(path: FieldPath, sentence: str, number: int, meaning: Worded | str) -> dict[str, object]:
    """`number`: the sentence's place in its field, so the seller can count to it; `meaning`: what it says
    in the seller's language (`_meanings`), or nothing."""
    field = ".".join(str(key) for key in path)
    return {"field": field, "sentence": _shown(sentence), "number": number, "meaning": meaning}
