"""The one rule for the text a pack holds: control, bidi and hidden characters only as visible escapes.

Texts are rendered through `Renderer`, which applies the rule (`unsafe_text.in_file`) to all it renders;
JSON files are written by `pack_json`, which applies it to every string before it is encoded.
`stage_pack` runs `refuse_hidden` on every file before any is written, so a text that took another road
stops the build as a bug instead of reaching a reviewer's screen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from ozon_urgent.unsafe_text import code_point, hidden_in, in_file

# The files of a pack that are not text: evidence and the ID list, judged and drawn as they are.
BINARY_FOLDER = "attachments/"


class HiddenCharactersError(ValueError):
    """A pack's text file holds a raw control, bidi or hidden character: a road around the rule (a bug)."""

    def __init__(self, name: str, characters: list[str]) -> None:
        shown = ", ".join(dict.fromkeys(code_point(char) for char in characters))
        super().__init__(f"{in_file(name)} of the pack would hold {shown} raw")
        self.name, self.characters = name, characters


def pack_json(data: object) -> bytes:
    """A pack's JSON file (ticket.json, followup.json): every string in it, keys too, under the rule, so
    a program reading it gets the text ticket.txt shows, the escapes visible once decoded."""
    return (json.dumps(_visible(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _visible(value: object) -> object:
    if isinstance(value, str):
        return in_file(value)
    if isinstance(value, Mapping):
        return {in_file(str(key)): _visible(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_visible(item) for item in value]
    return value


def refuse_hidden(files: Mapping[str, bytes]) -> None:
    """Raise HiddenCharactersError for the first file name, text file or JSON string holding a character
    the rule escapes. JSON is read back: its own `\\u001b` escapes would decode to the raw character."""
    for name, data in files.items():
        found = hidden_in(name)
        if not found and not name.startswith(BINARY_FOLDER):
            text = data.decode("utf-8")
            found = hidden_in(text)
            if not found and name.endswith(".json"):
                found = [char for string in _strings(json.loads(text)) for char in hidden_in(string)]
        if found:
            raise HiddenCharactersError(name, found)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
