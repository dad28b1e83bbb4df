"""A case that does not validate, made to validate for the checks that can still run on it.

A seller should see every problem in one run: a bad date in one field must not hide a missing period,
Chinese in the Russian text or a PNG among the evidence. The fields pydantic refuses are set aside —
an optional one dropped, a required one given a stand-in value, a bad ID left out of its list — and the
top-level fields touched are "tainted": a check that reads a tainted field is not reported (it would
judge the stand-in), every other check is. The partial case never goes into a pack.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass

from pydantic import ValidationError

from ozon_urgent.casefile.loader import Loaded, YamlValue
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.validate import allowed_keys, data_path
from ozon_urgent.findings import FieldPath

# Stand-ins for the required fields, by key: valid, and never seen (their field is tainted).
_STAND_INS: dict[str, YamlValue] = {
    "scenario": "misjudged_delisting",
    "seller": {"store_name": "-", "client_id": "1"},
    "notification": {"received": "2026-01-01"},
    "store_name": "-",
    "client_id": "1",
    "received": "2026-01-01",
    "source_lang": "ru",
    "kind": "other",
    "url": "https://example.org/",
    "from": "2026-01-01",
    "to": "2026-01-01",
    "scheme": "FBS",
}
_ROUNDS = 4  # a repair can uncover a further problem (a model validator runs once its fields are valid)
_ITEM_LISTS = ("evidence", "links")  # their items are located by index: never dropped, never renumbered


@dataclass(frozen=True, slots=True)
class PartialCase:
    case: Case
    tainted: frozenset[str]  # top-level keys whose value the checks must not judge


def partial_case(loaded: Loaded) -> PartialCase | None:
    """The case with its invalid parts set aside, or None when that leaves nothing to check by (the
    file is not a mapping, an evidence entry's own `file` or shape is wrong, or repairs do not end)."""
    if not isinstance(loaded.data, dict):
        return None
    data: YamlValue = copy.deepcopy(loaded.data)
    tainted: set[str] = set()
    for _ in range(_ROUNDS):
        try:
            return PartialCase(Case.model_validate(data), frozenset(tainted))
        except ValidationError as exc:
            paths = [data_path(error, data) for error in exc.errors(include_url=False)]
        if not _repair(data, paths, tainted):
            return None
    return None


def _repair(data: YamlValue, paths: list[FieldPath], tainted: set[str]) -> bool:
    drops: list[tuple[list[YamlValue], int]] = []
    top_level = allowed_keys(())
    for path in paths:
        if not path or not isinstance(path[0], str):
            return False
        if path[0] in _ITEM_LISTS and (len(path) < 3 or path[2] == "file"):
            return False  # the entry itself, or the file it names: nothing sound is left of it
        parent = _node(data, path[:-1])
        leaf = path[-1]
        if isinstance(parent, list) and isinstance(leaf, int) and 0 <= leaf < len(parent):
            drops.append((parent, leaf))  # an ID list's item: dropped below, highest index first
        elif isinstance(parent, dict) and isinstance(leaf, str):
            if leaf in _STAND_INS:
                parent[leaf] = copy.deepcopy(_STAND_INS[leaf])
            elif leaf in parent:
                del parent[leaf]
            else:
                return False  # a required field without a stand-in
        else:
            return False
        tainted.add(path[0])
        if len(path) == 1 and path[0] not in top_level:
            # a misspelt key (`evidense`) stands for the one it was meant to be: that field is not
            # judged either, or the checks would report its absence
            tainted.update(difflib.get_close_matches(path[0], top_level, n=1, cutoff=0.6))
    unique = {(id(parent), index): (parent, index) for parent, index in drops}
    for parent, index in sorted(unique.values(), key=lambda drop: drop[1], reverse=True):
        del parent[index]
    return True


def _node(data: YamlValue, path: FieldPath) -> YamlValue | None:
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node
