"""Scored candidates: what each recognizer thinks it saw, and how sure the words around make it.

Presidio's design: a recognizer matches a pattern, a validator (a checksum, a number plan) confirms it,
and words nearby raise or lower the score. An error only where the score is high; the grey zone is a
warning that names what was seen (P306), so a seller is asked to look, not barred from filing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ozon_urgent.findings.codes import Code

ERROR_SCORE = 0.8  # at or above: the kind's own code, an error (an e-mail stays a warning)
POSSIBLE_SCORE = 0.5  # at or above, below ERROR_SCORE: P306, a warning naming what was seen

# kind → (code, variant) of a sure finding; the grey zone's P306 variant is the kind's family
KINDS: dict[str, tuple[Code, str]] = {
    "phone": (Code.PERSONAL_PHONE, ""),
    "card": (Code.PERSONAL_BANK_CARD, ""),
    "passport": (Code.PERSONAL_ID_NUMBER, "passport"),
    "snils": (Code.PERSONAL_ID_NUMBER, "snils"),
    "inn": (Code.PERSONAL_ID_NUMBER, "inn"),
    "ric": (Code.PERSONAL_ID_NUMBER, "ric"),
    "email": (Code.PERSONAL_EMAIL, ""),
    "name": (Code.PERSONAL_NAME, ""),
    "address": (Code.PERSONAL_ADDRESS, ""),
}
FAMILY = {"passport": "id", "snils": "id", "inn": "id", "ric": "id"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a recognizer matched in a cell's text, [start, end), and how sure it is (0..1)."""

    kind: str
    start: int
    end: int
    score: float
    raw: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def code_of(candidate: Candidate) -> tuple[Code, str]:
    """The finding a candidate makes: its kind's code when sure, P306 with the kind's family when not."""
    if candidate.score >= ERROR_SCORE:
        return KINDS[candidate.kind]
    return Code.PERSONAL_DATA_POSSIBLE, FAMILY.get(candidate.kind, candidate.kind)


# The nearest label before a value decides what it is: «Телефон: …» after «Заказ: …» on the line above.
RECIPIENT_WORDS = (
    r"получател|покупател|клиент|заказчик|кому\b|фио\b|ф\.и\.о|адресат|recipient|buyer|customer|"
    r"收件人|收货人|买家|客户"
)
SENDER_WORDS = (
    r"отправител|продав|поставщик|от кого|\bип\b|\bооо\b|\bоао\b|\bзао\b|\bпао\b|\bао\b|организаци|"
    r"компани|магазин|sender|seller|shipper|supplier|发件人|卖家|店铺"
)
ID_WORDS = (
    r"заказ|отправлени|трек|sku|артикул|огрн|кпп|бик|\bр/?с\b|сч[её]т|накладн|документ|штрих|barcode|"
    r"order|posting|tracking|склад|warehouse|\bid\b|№ ?(?:док|акт)|订单|运单|货件"
)


def nearest(before: str, labels: dict[str, re.Pattern[str]]) -> str | None:
    """Which label stands closest before a value (the one whose last match ends latest), or None."""
    best: tuple[int, str] | None = None
    for name, pattern in labels.items():
        ends = [match.end() for match in pattern.finditer(before)]
        if ends and (best is None or ends[-1] > best[0]):
            best = (ends[-1], name)
    return best[1] if best else None


def label_of(
    before: str, positive: dict[str, re.Pattern[str]], negative: dict[str, re.Pattern[str]], reach: int = 60
) -> str | None:
    """The label of a number: the nearest on its own line, else a positive one on the lines above
    («Телефон:» over its value). An ID's word on the line above labels that line's ID, not this one."""
    line = before.rsplit("\n", 1)[-1][-reach:]
    near = nearest(line, {**positive, **negative})
    return near if near is not None else nearest(before[-reach:], positive)


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates: the surer one stays, then the longer; the rest go."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, -(c.end - c.start), c.start)):
        if not any(candidate.overlaps(other.start, other.end) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
