"""C191: control characters, bidi overrides or line separators in any field of the case."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.loader import YamlValue
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import FieldPath, Severity, field_path
from ozon_urgent.findings.codes import Code
from ozon_urgent.unsafe_text import UNSAFE, code_point


class ControlCharacters(Check):
    """A field holds a character that is not text: a control character such as ESC or CR, a bidi
    override or isolate (U+202A–U+202E, U+2066–U+2069) or a line separator (U+2028, U+2029).

    They come with text pasted from terminals, spreadsheets and chat apps. In the ticket they are
    invisible or reorder what the reviewer reads (an ID that shows as another); in a terminal they can
    rewrite the screen. Tabs and line breaks are fine. Wrong: `store_name: "Haoyun\\x1b[31mAuto"`, a posting
    number with U+202E inside. Right: the text typed again without them.
    """

    code = Code.CONTROL_CHARACTERS
    name = "control-characters"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        return control_hits(ctx.loaded.data)


def control_hits(data: YamlValue) -> Iterator[Hit]:
    """One hit per field holding unsafe characters; it needs only the loaded data, so a case that does
    not fit the format (an ID with U+202E inside fails its pattern too) still hears which character."""
    for path, text in _strings(data, ()):
        found = UNSAFE.findall(text)
        if found:
            chars = ", ".join(dict.fromkeys(code_point(char) for char in found))
            yield Hit(path, params={"field": field_path(path), "chars": chars, "count": len(found)})


def _strings(value: YamlValue, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
