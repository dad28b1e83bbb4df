"""The Russian gate over what the templates themselves write: an agency's override is read like a case."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang

# Lines of a rendered letter the gate has no business reading: the fixed Latin header, file names, links.
_NOT_PROSE = re.compile(
    r"^(URGENT: .*|\d+\. [\w.-]+\.(pdf|jpg)|— .*https?://\S+|Client ID \d+|.*\bhttps?://\S+)$"
)
# Latin the letter itself uses on purpose (docs/russian-terms.md).
_ALLOWED = ("Client", "ID", "SKU", "product_id", "Ozon", "URGENT", "FBS", "rFBS", "FBO", "ERP", "API")


def gate_letter(text: str, sources: Sequence[tuple[str, str]], names: Sequence[str], lang: Lang) -> None:
    """Raise TemplateError naming the template and line where the rendered `text` has Russian the gate
    refuses: words Russian does not have, Latin look-alikes inside Russian words, English, capitals.

    `sources` are (template name, its text) of every template the letter was rendered from; `names` are
    words of the case itself (the sample's store name), which are not the template's doing.
    """
    from ozon_urgent.russian_gate import allowed, analyse
    from ozon_urgent.ticket.render import TemplateError

    prose = "\n".join(line for line in text.splitlines() if not _NOT_PROSE.match(line.strip()))
    report = analyse(prose, allowed([*_ALLOWED, *names]))
    found = [
        *(mixed.word for mixed in report.mixed),
        *(word.word for word in report.unknown),
        *report.english,
        *report.pinyin,
        *report.shouted,
    ]
    if not found:
        return
    word = found[0]
    name, line = _where(word, sources)
    detail = i18n.text(lang, "cli.errors", "template_russian", words=", ".join(f"«{w}»" for w in found[:5]))
    raise TemplateError(name, line, detail)


def _where(word: str, sources: Sequence[tuple[str, str]]) -> tuple[str, int | None]:
    for name, source in sources:
        for number, line in enumerate(source.splitlines(), 1):
            if word in line:
                return name, number
    return (sources[0][0] if sources else "?"), None
