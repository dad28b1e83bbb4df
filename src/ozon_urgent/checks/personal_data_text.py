"""C190: buyers' personal data in the case's own text that reaches the ticket."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_text import russian_fields
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

_VARIANTS = {Code.PERSONAL_PHONE: "phone", Code.PERSONAL_BANK_CARD: "card", Code.PERSONAL_EMAIL: "email"}


class PersonalDataInCase(Check):
    """Phone numbers, ID numbers (ИНН, СНИЛС, passport, Chinese resident ID), card numbers or e-mail
    addresses in text that goes into the ticket (`explanation.ru`, captions, `notification.text`).

    Ozon rejects tickets that show buyers' personal data. Wrong: «Покупатель (+7 912 345-67-89) вернул
    товар». Right: «Покупатель по отправлению 57195475-0050-3 вернул товар». The report shows each match
    masked, never in full.
    """

    code = Code.PERSONAL_DATA_IN_CASE
    name = "personal-data-in-case"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        from ozon_urgent.attachments import scan_personal_data

        fields = list(russian_fields(ctx))
        if ctx.case.notification.text:
            fields.append((("notification", "text"), ctx.case.notification.text))
        for path, text in fields:
            for found in scan_personal_data(text):
                variant = _VARIANTS.get(found.code, found.variant or "id")
                yield Hit(path, variant, {"masked": found.params.get("masked", "***")})
