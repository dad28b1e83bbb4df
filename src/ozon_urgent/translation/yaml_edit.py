"""Writing translated fields into the seller's own YAML: only those fields' text changes, byte for byte.

ruamel.yaml's round-trip composer locates every field (line, column, the exact span of its value, its
quoting style) and its emitter renders each new value, so quoting, escaping and block scalars are YAML's
own. The file is then edited only at those spans: comments, blank lines, key order, quoting, indentation
and spacing elsewhere stay exactly as the seller wrote them. (Dumping the whole document through ruamel
instead re-indents files whose indentation it guesses wrong, re-joins long plain scalars and re-spaces
`key:   value` lines.) Every edit is checked by loading the result again.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ozon_urgent.casefile.loader import LoadError, YamlValue, compose
from ozon_urgent.translation.yaml_scalar import Rendered, RenderError, render_value

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldUpdate:
    """Set `key` in the mapping at `mapping`; a new key goes after the first of `after` the mapping has."""

    mapping: Path_
    key: str
    value: str | bool
    after: tuple[str, ...] = ()


class EditError(Exception):
    """The edit could not be made safely; the file must stay as it is."""


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


def apply_updates(text: str, updates: Sequence[FieldUpdate]) -> str:
    """`text` with every update made, checked by loading it again; raises EditError otherwise."""
    try:
        root = YAML(typ="rt").compose(text)
    except YAMLError as exc:
        raise EditError(f"cannot parse the file: {exc}") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[_Edit] = []
    inserts: dict[int, list[str]] = {}  # by the anchor key's start: new `key: value` lines after it
    for update in updates:
        mapping = _find_mapping(root, update.mapping)
        edits.extend(_update(text, mapping, update, newline, inserts))
    edits.extend(_insertions(text, root, updates, newline, inserts))
    result = _splice(text, edits)
    _verify(text, result, updates)
    return result


def _find_mapping(root: Node | None, path: Path_) -> MappingNode:
    node = root
    for part in path:
        if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
            node = node.value[part]
        elif isinstance(part, str) and isinstance(node, MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        else:
            node = None
    if not isinstance(node, MappingNode):
        raise EditError(f"no mapping at {path}")
    return node


def _value_of(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for key_node, value in mapping.value:
        if key_node.value == key:
            return key_node, value
    return None


def _render(
    key: str, value: str | bool, column: int, *, flow: bool, old_style: str | None, newline: str
) -> Rendered:
    try:
        return render_value(key, value, column, flow=flow, old_style=old_style, newline=newline)
    except RenderError as exc:
        raise EditError(str(exc)) from None


def _update(
    text: str, mapping: MappingNode, update: FieldUpdate, newline: str, inserts: dict[int, list[str]]
) -> list[_Edit]:
    found = _value_of(mapping, update.key)
    flow = bool(mapping.flow_style)
    if found is None:
        anchor = _anchor(mapping, update.after)
        column = anchor[0].start_mark.column
        rendered = _render(update.key, update.value, column, flow=flow, old_style=None, newline=newline)
        inserts.setdefault(anchor[0].start_mark.index, []).append(f"{update.key}: {rendered.text}")
        return []
    key_node, value = found
    if not isinstance(value, ScalarNode):
        raise EditError(f"{update.key} is not a single value")
    column = key_node.start_mark.column
    rendered = _render(update.key, update.value, column, flow=flow, old_style=value.style, newline=newline)
    return [_replace_scalar(text, key_node, value, rendered, newline)]


def _anchor(mapping: MappingNode, after: tuple[str, ...]) -> tuple[ScalarNode, Node]:
    for name in after:
        found = _value_of(mapping, name)
        if found is not None:
            return found
    key_node, value = mapping.value[-1]
    return key_node, value


_COMMENT = re.compile(r"[ \t]+(#[^\r\n]*)")


def _replace_scalar(text: str, key_node: ScalarNode, value: ScalarNode, new: Rendered, newline: str) -> _Edit:
    start, end = value.start_mark.index, value.end_mark.index
    comment = ""
    if value.style in ("|", ">"):
        header_end = _line_end(text, start)
        found = _COMMENT.search(text, start, header_end)
        comment = found.group(1) if found else ""
        end = start + len(text[start:end].rstrip())
    else:
        if value.value == "" and value.style is None:
            # An empty value's marks point at the next token; the value belongs right after the colon.
            start = end = text.index(":", key_node.end_mark.index) + 1
            new = Rendered(" " + new.text, new.block)
        line_end = _line_end(text, end)
        found = _COMMENT.match(text, end, line_end)
        if found and new.block:  # a comment may follow a block header; after its last line it is text
            comment, end = found.group(1), line_end
        elif found:
            return _Edit(
                start, found.start(1), new.text + _padding(text, start, end, found.start(1), new.text)
            )
    if not comment:
        return _Edit(start, end, new.text)
    if new.block:
        head, _, body = new.text.partition(newline)
        return _Edit(start, end, f"{head}  {comment}{newline}{body}")
    return _Edit(start, end, f"{new.text}  {comment}")


def _padding(text: str, start: int, end: int, comment: int, new: str) -> str:
    """Spaces that keep an end-of-line comment in its column when the value before it changes length."""
    old_gap = comment - end
    line_start = text.rfind("\n", 0, start) + 1
    column = comment - line_start
    new_end = start - line_start + len(new)
    return " " * max(column - new_end, 2 if old_gap >= 2 else 1)


def _insertions(
    text: str, root: Node | None, updates: Sequence[FieldUpdate], newline: str, inserts: dict[int, list[str]]
) -> list[_Edit]:
    edits = []
    anchors = {key.start_mark.index: (mapping, key, value) for mapping, key, value in _all_pairs(root)}
    for anchor_index, lines in inserts.items():
        mapping, key_node, value = anchors[anchor_index]
        if mapping.flow_style:
            edits.append(_Edit(value.end_mark.index, value.end_mark.index, "".join(f", {x}" for x in lines)))
            continue
        indent = " " * key_node.start_mark.column
        if isinstance(value, ScalarNode) and value.style in ("|", ">") and "+" in _header(text, value):
            # `|+` keeps its trailing blank lines as text: new keys go after them.
            at = value.end_mark.index
            edits.append(_Edit(at, at, "".join(f"{indent}{line}{newline}" for line in lines)))
            continue
        empty = isinstance(value, ScalarNode) and value.value == "" and value.style is None
        # An empty value's marks point at the next token, so its line is the key's.
        at = _line_end(text, key_node.end_mark.index if empty else _last_content(text, value))
        edits.append(_Edit(at, at, "".join(f"{newline}{indent}{line}" for line in lines)))
    return edits


def _all_pairs(node: Node | None) -> list[tuple[MappingNode, ScalarNode, Node]]:
    pairs: list[tuple[MappingNode, ScalarNode, Node]] = []
    if isinstance(node, MappingNode):
        for key, value in node.value:
            pairs.append((node, key, value))
            pairs.extend(_all_pairs(value))
    elif isinstance(node, SequenceNode):
        for item in node.value:
            pairs.extend(_all_pairs(item))
    return pairs


def _header(text: str, value: ScalarNode) -> str:
    start = value.start_mark.index
    return text[start : _line_end(text, start)].split("#", 1)[0]


def _last_content(text: str, value: Node) -> int:
    """Just after the last character that belongs to `value` (block scalars end after trailing breaks)."""
    start, end = int(value.start_mark.index), int(value.end_mark.index)
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    found = text.find("\n", index)
    if found == -1:
        return len(text)
    return found - 1 if found > 0 and text[found - 1] == "\r" else found


def _splice(text: str, edits: list[_Edit]) -> str:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise EditError("overlapping edits")
    out, position = [], 0
    for edit in ordered:
        out.append(text[position : edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _verify(before: str, after: str, updates: Sequence[FieldUpdate]) -> None:
    """The edited file must load to exactly the old data with the updates made, and nothing else."""
    try:
        expected = copy.deepcopy(compose(before).data)
        actual = compose(after).data
    except LoadError as exc:
        raise EditError(f"the edited file does not load ({exc.code} {exc.variant})") from None
    for update in updates:
        node: YamlValue = expected
        for part in update.mapping:
            node = node[part]  # type: ignore[index]
        if not isinstance(node, dict):
            raise EditError(f"no mapping at {update.mapping}")
        node[update.key] = update.value
    if actual != expected:
        raise EditError("the edited file does not hold the intended values")
