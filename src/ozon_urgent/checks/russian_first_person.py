"""C189: the Russian explanation speaks as «я» where the store speaks as «мы»."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

# The first person singular a seller's text slips into: pronouns, and the verbs a letter uses most.
_SINGULAR = re.compile(
    r"(?<![\w-])(я|меня|мне|мной|мною|мой|моя|моё|мое|мои|моего|моей|моих|моим|моими|моему|моем|моём|"
    r"прошу|обращаюсь|направляю|прилагаю|считаю|сообщаю|подтверждаю)(?![\w-])",
    re.IGNORECASE,
)


class RussianFirstPerson(Check):
    """`explanation.ru` speaks in the first person singular; the letter speaks for the store, as «мы».

    A ticket that switches between «прошу» and «просим» reads as two authors. Wrong: «Я отправил заказы
    вовремя». Right: «Мы отправили заказы вовремя».
    """

    code = Code.RUSSIAN_FIRST_PERSON
    name = "russian-first-person"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, text in ctx.case.explanation.russian() if ctx.case.explanation else []:
            words = list(dict.fromkeys(match.group().lower() for match in _SINGULAR.finditer(text)))
            if words:
                yield Hit(path, params={"words": ", ".join(f"«{w}»" for w in words[:5])})
