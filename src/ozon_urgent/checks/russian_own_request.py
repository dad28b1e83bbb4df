"""C188: the seller's Russian text says again what the letter already says: the notification, the request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import FieldPath, Severity
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
    """

    code = Code.RUSSIAN_OWN_REQUEST
    name = "russian-own-request"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.explanation is None:
            return
        received = _date_forms(ctx.case.notification.received)
        for path, text in ctx.case.explanation.russian():
            for start, end in sentence_spans(text):
                sentence = text[start:end].strip()
                variant = _restates(sentence, received)
                if variant is not None:
                    yield Hit(path, variant, _params(path, sentence))


def _restates(sentence: str, received: re.Pattern[str]) -> str | None:
    """`request` for a sentence that asks, `notification` for one that retells the notification arriving."""
    if _REQUEST.search(sentence):
        return "request"
    if _NOTIFICATION.search(sentence) and (received.search(sentence) or _ARRIVED.search(sentence)):
        return "notification"
    return None


def _params(path: FieldPath, sentence: str) -> dict[str, object]:
    shown = sentence if len(sentence) <= _SHOWN else sentence[: _SHOWN - 1].rstrip() + "…"
    return {"field": ".".join(str(key) for key in path), "sentence": shown}
