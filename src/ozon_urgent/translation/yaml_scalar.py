"""One new YAML value rendered by ruamel.yaml's emitter, shaped for the place it goes in a seller's file."""

from __future__ import annotations

import io
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

# A Russian value whose `key: value` line would pass this column becomes a folded block scalar (`>-`),
# wrapped at spaces so that no line of it passes the column either.
LINE_WIDTH = 100


class RenderError(Exception):
    """The value cannot be written in the place asked for."""


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str  # the value as it follows `key: `; a block scalar's header, then its indented lines
    block: bool


def render_value(
    key: str, value: str | bool, column: int, *, flow: bool, old_style: str | None, newline: str
) -> Rendered:
    """`value` as it follows `key: ` in a mapping whose keys start at `column`, in the style that fits."""
    scalar: object
    if isinstance(value, bool):
        scalar = value
    elif key.endswith("sha256") or flow:
        # Quoted: a hex digest can read as a number, and flow mappings have no block scalars.
        scalar = DoubleQuotedScalarString(value)
    elif "\n" in value:
        scalar = LiteralScalarString(value)
    elif column + len(key) + 2 + len(value) > LINE_WIDTH:
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value, LINE_WIDTH - column - 2)
        scalar = folded
    elif old_style == '"':
        scalar = DoubleQuotedScalarString(value)
    elif old_style == "'":
        scalar = SingleQuotedScalarString(value)
    else:
        scalar = value
    yaml = YAML(typ="rt")
    yaml.width = 1 << 30  # lines break only where fold_pos says
    out = io.StringIO()
    yaml.dump({key: scalar}, out)
    dumped = out.getvalue().rstrip("\n")[len(key) + 1 :].lstrip(" ")
    head, _, body = dumped.partition("\n")
    block = head[:1] in ("|", ">")
    if not block:
        if body:
            raise RenderError(f"{key}: the value does not fit on one line")
        return Rendered(head, False)
    lines = [" " * column + line if line else line for line in body.split("\n")]
    return Rendered(newline.join([head, *lines]), True)


def _fold_positions(text: str, width: int) -> list[int]:
    """Spaces to break the folded scalar at: single spaces only, so folding gives the same text back."""
    width = max(width, 20)
    positions: list[int] = []
    line_start, candidate = 0, -1
    for index, char in enumerate(text):
        if char != " " or index == 0 or index == len(text) - 1:
            continue
        if text[index - 1] == " " or text[index + 1] == " ":
            continue
        if index - line_start > width and candidate > line_start:
            positions.append(candidate)
            line_start = candidate + 1
        candidate = index
    if len(text) - line_start > width and candidate > line_start:
        positions.append(candidate)
    return positions
