"""Typos a Chinese input method leaves in YAML, found over the whole file at once, each with its line and
column: a full-width colon after a key, a tab or a full-width space in the indentation, a full-width
comma, an enumeration comma (、) or a full-width space between the items of a `[…]` list.

libyaml stops at the first problem it meets, so a seller who fixes one typo per run runs the tool as
many times as the file has typos. When libyaml refuses a file, this scan names them all (`opening`). A
file libyaml reads has none of its own: a `，` there joins two IDs into one item, which `validate`
names (`[498274975，498274982]` is one item of text to YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ozon_urgent.findings import Code

# A key (as a case file writes them) followed by a full-width colon: YAML reads the whole line as text
# and stumbles a line later.
FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w.-]*\s*)：")
# Where a value starts: after `key:` (half-width) or a list item's `- `.
_VALUE_START = re.compile(r"^\s*(?:-\s+)*(?:[A-Za-z_][\w.-]*\s*:\s+)?(?:-\s+)*")
# The separators a Chinese input method types in place of ", " between a list's items.
_LIST_SEPARATORS = {
    "，": "list_full_width_comma",
    "、": "list_enumeration_comma",
    "\u3000": "list_full_width_space",
}


@dataclass(frozen=True, slots=True)
class Typo:
    """One typo: a variant of Y003 (yaml-syntax), its line and column (both from 1)."""

    variant: str
    line: int
    column: int

    @property
    def code(self) -> Code:
        return Code.YAML_SYNTAX


# A value that a text block follows (`text: |`, `- >-`): the lines indented deeper are text, not YAML.
_BLOCK_START = re.compile(r"^( *)(?:-\s+)*(?:[^\s#][^#]*?:\s+)?[|>][-+0-9]*\s*(?:#.*)?$")
# A quoted value left open at the end of its line: the text goes on, quotes and all, on the next lines.
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)*(?:[A-Za-z_][\w.-]*\s*:\s+)?(["'])(?:(?!\1).)*$""")


def find_typos(text: str) -> list[Typo]:
    """Every typo of the kinds above, in the order they stand in the file; the lines of a text block
    (`|`, `>`) or of a quoted text that runs over several lines are text, where `：` or a full-width space
    (a Chinese paragraph's indent) is the seller's own."""
    found: list[Typo] = []
    depth = 0  # open flow brackets carried over from the lines above
    block: int | None = None  # the indentation a text block's lines are deeper than
    quote = ""  # the quotation mark a text running over several lines waits for
    for number, line in enumerate(text.splitlines(), start=1):
        if block is not None and (not line.strip() or len(line) - len(line.lstrip(" ")) > block):
            continue
        block = None
        if quote:
            quote = "" if line.count(quote) % 2 else quote
            continue
        started = _BLOCK_START.match(line)
        if started:
            block = len(started.group(1))
        opened = _OPEN_QUOTE.match(line)
        if opened and depth == 0:
            quote = opened.group(1)
        found += _indentation(line, number)
        colon = FULL_WIDTH_KEY.match(line)
        if colon:
            found.append(Typo("full_width_colon", number, len(colon.group(1)) + 1))
        typos, depth = _in_flow(line, number, depth)
        found += typos
    return found


def _indentation(line: str, number: int) -> list[Typo]:
    indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    if not line.strip(" \t\u3000") or line.lstrip(" \t\u3000").startswith("#"):
        return []
    for column, char in enumerate(indent, start=1):
        if char == "\t":
            return [Typo("indent_tab", number, column)]
        if char == "\u3000":
            return [Typo("indent_full_width_space", number, column)]
    return []


def _in_flow(line: str, number: int, depth: int) -> tuple[list[Typo], int]:
    """The separators typed wrong inside a `[…]` or `{…}` value, quotes and comments left out."""
    start = 0
    if depth == 0:
        start = _VALUE_START.match(line).end()  # type: ignore[union-attr]  # the pattern matches any line
        if not line.startswith(("[", "{"), start):
            return [], 0
    found: list[Typo] = []
    quote = ""
    for column in range(start, len(line)):
        char = line[column]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and column > 0 and line[column - 1] in " \t":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
            if depth == 0:
                break
        elif char in _LIST_SEPARATORS and depth and not _follows(found, char, column):
            found.append(Typo(_LIST_SEPARATORS[char], number, column + 1))
    return found, depth


def _follows(found: list[Typo], char: str, column: int) -> bool:
    """A full-width space right after a typo just reported ("，　"): one typo, not two."""
    return char == "\u3000" and bool(found) and found[-1].column == column
