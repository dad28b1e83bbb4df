"""pydantic's validation errors as findings: the field path as users write it, its line, a useful hint."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ozon_urgent.casefile.formats import field_format
from ozon_urgent.casefile.loader import Loaded, YamlValue
from ozon_urgent.casefile.model import Case
from ozon_urgent.findings import Code, FieldPath, Key, Worded, field_path
from ozon_urgent.findings.codes import schema_error_code


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    code: Code
    variant: str
    path: FieldPath
    line: int
    params: dict[str, object]


def schema_problems(exc: ValidationError, loaded: Loaded) -> Iterator[SchemaProblem]:
    seen: set[tuple[Code, FieldPath]] = set()
    for error in exc.errors(include_url=False):
        path = data_path(error, loaded.data)
        key = (error.get("ctx") or {}).get("key")
        if error["type"] == "placeholder_list" and isinstance(key, str):
            path = (*path, key)  # raised by the mapping's validator, about one of its keys
        code = schema_error_code(error["type"])
        if (code, path) in seen:
            continue
        seen.add((code, path))
        variant, params = _variant(error, code, path)
        yield SchemaProblem(code, variant, path, loaded.line_of(path), params)


def _variant(error: ErrorDetails, code: Code, path: FieldPath) -> tuple[str, dict[str, object]]:
    ctx: dict[str, object] = dict(error.get("ctx") or {})
    name = field_path(path) or "(top level)"
    if code is Code.UNKNOWN_KEY:
        return _unknown_key(path)
    if code is Code.MISSING_FIELD:
        return "", {"field": name}
    if not path and error["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return "root_type", {"input": type(error.get("input")).__name__, "format": field_format(())}
    params: dict[str, object] = {"field": name, "input": _short(error.get("input")), "detail": error["msg"]}
    params.update({k: str(v) for k, v in ctx.items()})
    params["format"] = field_format(path)  # the hint says how this field is written
    if error["type"] == "literal_error":  # pydantic's "'zh', 'en' or 'ru'" has an English "or" in it
        params["expected"] = ", ".join(
            f"`{value}`" for value in re.findall(r"'([^']*)'", str(params["expected"]))
        )
    if error["type"] == "id_quotes":
        variant, lines = _unquoted(path, str(ctx.get("bare", "")))
        return variant, {**params, **lines}
    separator = _list_separator(path, error.get("input"))
    if separator:
        return separator, params
    if code is Code.PLACEHOLDER_IDS:
        # the hint's example is written for the list the seller filled in, not for another one
        kind = str(ctx.get("key") or (path[1] if len(path) > 1 and path[0] == "affected" else ""))
        params["example"] = ID_LIST_EXAMPLES.get(kind, ID_LIST_EXAMPLES["skus"])
    return error["type"], params


# The separators a Chinese input method types between a list's items, by the variant that names them.
_SEPARATORS = (
    ("，", "list_separator_comma"),
    ("、", "list_separator_enumeration"),
    ("\u3000", "list_separator_space"),
)


def _list_separator(path: FieldPath, value: object) -> str:
    """An ID list's item holding two IDs joined by `，`, `、` or a full-width space (`- 1，2`):
    the variant that names the separator, not that the item is no integer."""
    if not (len(path) == 3 and path[0] == "affected" and isinstance(value, str)):
        return ""
    return next((variant for char, variant in _SEPARATORS if char in value), "")


# The ID fields whose IDs are numbers: written bare, never in quotes.
_NUMBER_IDS = frozenset({"skus", "products", "sku"})


def _unquoted(path: FieldPath, bare: str) -> tuple[str, dict[str, object]]:
    """The variant and the lines that write an ID with quotation marks without them: `offer_ids:
    ["250-7898-1"]` or `[250-7898-1]` for an item of a list, `offer_id: "250-7898-1"` for a field."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    in_list = bool(path) and isinstance(path[-1], int)
    shape = "`{key}: [{id}]`" if in_list else "`{key}: {id}`"
    plain = shape.format(key=key, id=bare)
    if key in _NUMBER_IDS:
        return "id_quotes_number", {"example": plain}
    return "id_quotes", {"example": shape.format(key=key, id=f'"{bare}"'), "plain": plain}


def _unknown_key(path: FieldPath) -> tuple[str, dict[str, object]]:
    """An unknown key's message: where the case format has it, when it has it elsewhere (`client_id`
    written at the top level belongs under `seller:`), else the allowed key it is closest to."""
    key = str(path[-1]) if path else ""
    parent = tuple(p for p in path[:-1] if isinstance(p, str))
    allowed = allowed_keys(parent)
    keys = [f"`{k}`" for k in allowed]
    params: dict[str, object] = {"key": key, "allowed": Worded(", ".join(keys), "、".join(keys))}
    homes = [home for home in key_homes(key) if home != parent]
    if () in homes:  # a top-level key indented into a block
        return "top", params
    if len(homes) == 1:
        return "nested", {**params, "home": ".".join(homes[0])}
    if homes:
        return "nested_any", {**params, "homes": ", ".join(f"`{'.'.join(h)}:`" for h in homes)}
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return ("guess" if close else ""), {**params, "guess": close[0] if close else ""}


def key_homes(key: str, model: type[BaseModel] = Case, at: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every block of the case format that has `key`, as the path of keys to it (list entries left out):
    `client_id` → [("seller",)], `from` → [("period",), ("evidence", "covers")]."""
    found = [at] if key in allowed_keys((), model) else []
    for name, field in model.model_fields.items():
        for inner in _inner_models(field.annotation):
            found += key_homes(key, inner, (*at, field.alias or name))
    return found


ID_LIST_EXAMPLES = {
    "postings": '`postings: ["57195475-0050-3", "57195475-0051-1"]`',
    "orders": '`orders: ["0195475923-0050", "0195475923-0051"]`',
    "skus": "`skus: [498274975, 498274976]`",
    "products": "`products: [1139482011, 1139482035]`",
    "offer_ids": '`offer_ids: ["BH-LAMP-0042", "BH-LAMP-0043"]`',
}


def _short(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_ABSENT = object()


def _child(node: YamlValue, part: object) -> YamlValue | object:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return node[part]
    return _ABSENT


def data_path(error: ErrorDetails, data: YamlValue) -> FieldPath:
    """pydantic's `loc` without the union and validator tags it inserts, as it stands in the file."""
    loc = error["loc"]
    out: list[Key] = []
    node: YamlValue = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        child = _child(node, part)
        if child is not _ABSENT:
            node = child  # type: ignore[assignment]
        elif not (last and isinstance(part, str) and error["type"] == "missing" and isinstance(node, dict)):
            continue
        out.append(part)
    return tuple(out)


def _inner_models(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _inner_models(typing.get_args(annotation)[0])
    elif origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _inner_models(arg)


def allowed_keys(path: tuple[str, ...], model: type[BaseModel] = Case) -> list[str]:
    """The keys the case format allows at a mapping reached by `path` (list indexes left out)."""
    for key in path:
        found = next((f for n, f in model.model_fields.items() if (f.alias or n) == key), None)
        if found is None:
            return []
        inner = next(_inner_models(found.annotation), None)
        if inner is None:
            return []
        model = inner
    return [field.alias or name for name, field in model.model_fields.items()]


def validate_case(loaded: Loaded) -> Case | ValidationError:
    try:
        return Case.model_validate(loaded.data)
    except ValidationError as exc:
        return exc
