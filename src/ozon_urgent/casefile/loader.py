"""Safe YAML loading: one document of plain mappings, lists and scalars, with the line of every field.

libyaml's event parser (through PyYAML) does the tokenising; the composer here builds the data itself, so
no YAML construct can build an object, expand an alias or hide a duplicate key. Scalars are resolved by
YAML 1.2's core schema, and numbers keep their source text, so `client_id: 0123` stays "0123".
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import yaml

from ozon_urgent.casefile.typos import FULL_WIDTH_KEY as _FULL_WIDTH_KEY
from ozon_urgent.findings import Code, FieldPath, field_path

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml; source builds may not
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_CASE_BYTES = 256 * 1024
MAX_DEPTH = 16


class PlainInt(int):
    """An integer scalar that remembers how it was written, for fields that want text."""

    raw: str

    def __new__(cls, raw: str) -> PlainInt:
        obj = super().__new__(cls, int(raw))
        obj.raw = raw
        return obj


class PlainFloat(float):
    raw: str

    def __new__(cls, raw: str) -> PlainFloat:
        obj = super().__new__(cls, float(raw))
        obj.raw = raw
        return obj


YamlValue = dict[str, "YamlValue"] | list["YamlValue"] | str | int | float | bool | None


@dataclass(slots=True)
class Loaded:
    data: YamlValue
    lines: dict[FieldPath, int] = field(default_factory=dict)
    sha256: str = ""  # of the file's bytes, so a pack can name exactly the case it came from

    def line_of(self, path: FieldPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one; a missing top-level key: line 1."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


@dataclass(slots=True)
class LoadError(Exception):
    """Why a file is not a readable case: a message-catalog variant of code Y00x, with its line."""

    code: Code
    variant: str
    line: int | None = None
    params: dict[str, str | int] = field(default_factory=dict)


_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_MAX_INT_DIGITS = 40
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def resolve_plain(value: str) -> YamlValue:
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        # Longer than any number a case holds (IDs have at most 20 digits): kept as the text it is, so
        # the field reports a bad value instead of Python's int-to-text limit failing at 4,300 digits.
        return PlainInt(value) if len(value) <= _MAX_INT_DIGITS else value
    if _FLOAT.match(value):
        return PlainFloat(value)
    return value


def read_case_text(path: Path) -> tuple[str, str]:
    """The file's text and SHA-256: a regular file, at most MAX_CASE_BYTES, strict UTF-8 (BOM allowed)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise LoadError(
            Code.FILE_UNREADABLE, "os_error", params={"error": exc.strerror or str(exc)}
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(Code.FILE_UNREADABLE, "not_regular")
    if info.st_size > MAX_CASE_BYTES:
        raise LoadError(
            Code.FILE_UNREADABLE, "too_big", params={"size": info.st_size, "limit": MAX_CASE_BYTES}
        )
    try:
        # O_NONBLOCK: a file swapped for a FIFO after the stat must not hang the reader.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise LoadError(
            Code.FILE_UNREADABLE, "os_error", params={"error": exc.strerror or str(exc)}
        ) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise LoadError(Code.FILE_UNREADABLE, "not_regular")
        data = handle.read(MAX_CASE_BYTES + 1)
    if len(data) > MAX_CASE_BYTES:
        raise LoadError(Code.FILE_UNREADABLE, "too_big", params={"size": len(data), "limit": MAX_CASE_BYTES})
    if b"\x00" in data:
        raise LoadError(Code.NOT_UTF8, "binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(Code.NOT_UTF8, "not_utf8", line=line, params={"offset": exc.start}) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise LoadError(Code.YAML_SYNTAX, "empty")
    return text, hashlib.sha256(data).hexdigest()


def _missing(path: Path) -> LoadError:
    """A case file that is not there: where it was looked for, and a name close to it in that folder."""
    from ozon_urgent.casefile.discovery import not_found

    where = not_found(path)
    if where.guess:
        return LoadError(
            Code.FILE_UNREADABLE, "missing_guess", params={"folder": where.folder, "guess": where.guess}
        )
    return LoadError(Code.FILE_UNREADABLE, "missing", params={"folder": where.folder})


@dataclass(slots=True)
class _Frame:
    container: dict[str, YamlValue] | list[YamlValue]
    path: FieldPath
    key: str | None = None  # a mapping's key waiting for its value
    key_line: int = 0


_SKIPPED = frozenset({yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent})


def _refuse_feature(event: yaml.NodeEvent, line: int) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise LoadError(Code.YAML_FEATURE, "alias", line=line)
    if event.anchor:
        raise LoadError(Code.YAML_FEATURE, "anchor", line=line, params={"anchor": str(event.anchor)})
    raise LoadError(Code.YAML_FEATURE, "tag", line=line, params={"tag": str(getattr(event, "tag", ""))})


def compose(text: str) -> Loaded:
    """Build data and line numbers from the event stream, refusing what a case file never needs."""
    loaded = Loaded(data=None)
    stack: list[_Frame] = []
    documents = 0
    parser = _Loader(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind in _SKIPPED:
                continue
            line = event.start_mark.line + 1 if event.start_mark else 0
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(Code.YAML_SYNTAX, "multiple_documents", line=line)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            else:
                _place(loaded, stack, cast(yaml.NodeEvent, event), line)
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(text, exc) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(text, str(exc).strip(), None) from None
    finally:
        parser.dispose()
    if loaded.data is None:
        raise LoadError(Code.YAML_SYNTAX, "empty")
    return loaded


def _place(loaded: Loaded, stack: list[_Frame], event: yaml.NodeEvent, line: int) -> None:
    """A node event's value put where it belongs: the document, its mapping's key or value, or the next
    item of its list; a mapping or list opened becomes the container of the events that follow."""
    kind = type(event)
    node = cast(yaml.ScalarEvent, event)  # every event here is a node event; scalars have most
    if kind is yaml.AliasEvent or node.anchor or getattr(node, "tag", None) is not None:
        _refuse_feature(node, line)
    frame = stack[-1] if stack else None
    if frame is not None and type(frame.container) is dict and frame.key is None:
        frame.key, frame.key_line = _mapping_key(event, frame, line), line
        return
    value: YamlValue
    if kind is yaml.ScalarEvent:
        # libyaml reports a plain scalar's style as "", the pure-Python parser as None.
        value = node.value if node.style else resolve_plain(node.value)
    elif kind is yaml.MappingStartEvent:
        value = {}
    else:
        value = []
    if frame is None:
        loaded.data = value
        if isinstance(value, (dict, list)):
            stack.append(_Frame(value, ()))
        return
    container = frame.container
    if type(container) is dict:
        key = frame.key
        assert key is not None  # a mapping's value comes after its key
        path = (*frame.path, key)
        container[key] = value
        line_of_value = frame.key_line
        frame.key = None
    else:
        assert isinstance(container, list)
        path = (*frame.path, len(container))
        container.append(value)
        line_of_value = line
    loaded.lines[path] = line_of_value
    if type(value) is dict or type(value) is list:
        if len(path) >= MAX_DEPTH:
            raise LoadError(Code.YAML_STRUCTURE, "too_deep", line=line, params={"limit": MAX_DEPTH})
        stack.append(_Frame(value, path))


def _marked_error(text: str, exc: yaml.MarkedYAMLError) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or str(exc)).strip()
    line = mark.line + 1 if mark else None
    if "nesting depth" in problem:  # libyaml's own depth cap, met before ours in flow style
        return LoadError(Code.YAML_STRUCTURE, "too_deep", line=line, params={"limit": MAX_DEPTH})
    return _syntax_error(text, problem, line)


# libyaml's problems, in words a seller can act on (its own English text only under OZON_URGENT_DEBUG).
_SYNTAX_PROBLEMS = (
    ("could not find expected ':'", "colon"),
    ("mapping values are not allowed", "colon_in_value"),
    ("did not find expected key", "indent"),
    ("did not find expected ',' or ']'", "flow_list"),
    ("did not find expected ',' or '}'", "flow_mapping"),
    ("found character '\\t'", "tab"),
    ("found a tab character", "tab"),
    ("found unexpected end of stream", "unclosed_quote"),
    ("did not find expected '-' indicator", "list_item"),
    ("found unknown escape character", "escape"),
)


def _syntax_error(text: str, problem: str, line: int | None) -> LoadError:
    from ozon_urgent.errors import debug_enabled

    lines = text.splitlines()
    here = lines[line - 1] if line is not None and 1 <= line <= len(lines) else ""
    if line is not None:
        # the line libyaml names, and the one above it, where the colon usually is
        for number in (line - 1, line):
            colon = _FULL_WIDTH_KEY.match(lines[number - 1]) if 1 <= number <= len(lines) else None
            if colon:
                column = len(colon.group(1)) + 1
                return LoadError(Code.YAML_SYNTAX, "full_width_colon", line=number, params={"column": column})
    if debug_enabled():
        return LoadError(Code.YAML_SYNTAX, "syntax_raw", line=line, params={"detail": problem})
    variant = next((name for sign, name in _SYNTAX_PROBLEMS if sign in problem), "")
    if not variant and "cannot start any token" in problem:
        # libyaml does not name the character: a tab in the indentation, else one YAML reserves
        variant = "tab" if "\t" in here[: len(here) - len(here.lstrip())] else "reserved"
    return LoadError(Code.YAML_SYNTAX, f"syntax_{variant}" if variant else "syntax", line=line)


def _mapping_key(event: yaml.Event, frame: _Frame, line: int) -> str:
    if not isinstance(event, yaml.ScalarEvent):
        raise LoadError(Code.YAML_FEATURE, "complex_key", line=line)
    key = event.value
    if key == "<<" and not event.style:
        raise LoadError(Code.YAML_FEATURE, "merge_key", line=line)
    assert isinstance(frame.container, dict)
    if key in frame.container or key == frame.key:
        first = (*frame.path, key)
        raise LoadError(
            Code.YAML_STRUCTURE, "duplicate_key", line=line, params={"key": key, "path": field_path(first)}
        )
    return key


def load_case(path: Path) -> Loaded:
    text, digest = read_case_text(path)
    loaded = compose(text)
    loaded.sha256 = digest
    return loaded
