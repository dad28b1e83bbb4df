"""A seeded mutator over the example cases: each mutant is the same example with hostile values put in."""

from __future__ import annotations

import copy
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "cases").glob("*/case.yaml"))


class Plain(str):
    """Text written into the YAML unquoted: `9999…` then reads as a number, `2026-11-20` as a date."""


# Values people paste, tools export and attackers try; every one once crashed a case checker somewhere.
HOSTILE: tuple[object, ...] = (
    Plain("9" * 5000),
    Plain("0001-01-01"),
    Plain("9999-12-31"),
    Plain("2026-11-20"),
    Plain("1764288000"),
    Plain("-0"),
    Plain("1e999"),
    None,
    "",
    " ",
    "all",
    "全部",
    "*",
    0,
    -1,
    2**63,
    10**40,
    "9" * 5000,
    1.5,
    float("inf"),
    True,
    [],
    {},
    [[]],
    {"from": "2026-11-01"},
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026/11/20",
    "2026年11月20日",
    1764288000,
    ".",
    "./",
    "..",
    "../outside.pdf",
    "/etc/passwd",
    "C:\\evidence\\a.pdf",
    "evi\0dence.pdf",
    "evidence/",
    "\x1b]0;title\x07",
    "x\x1b]0;pwned\x07\x9b31m\u202eevil",  # ESC, BEL, a C1 CSI and RLO: each must reach no file raw
    "\x1b[31mred\x1b[0m",
    "line\rover",
    "57195475\u202e-0050-3",
    "\u2066isolated\u2069",
    "a\u2028b",
    "\u0301" * 2000,
    "😀" * 500,
    "Отправ\u200bление",
    "x" * 50_000,
    "Покупатель: Иван Петров, +7 916 123-45-67, ivan.petrov84@mail.ru",
    "4111 1111 1111 1111",
    "%s%s%n{0}{case}",
    "<script>alert(1)</script>",
    "'; DROP TABLE tickets; --",
    "null",
    "~",
    "yes",
    "0x1F",
    "1e999",
    "-0",
)


@dataclass(frozen=True)
class Mutant:
    number: int
    example: Path
    case: dict[str, Any]
    mutations: tuple[str, ...]  # what was done, for the report of a failure


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _mutate(case: dict[str, Any], rng: random.Random) -> str:
    path = rng.choice([p for p in _paths(case) if p])
    *parents, last = path
    node: Any = case
    for part in parents:
        node = node[part]
    action = rng.random()
    if action < 0.7:
        value = rng.choice(HOSTILE)
        node[last] = copy.deepcopy(value)
        return f"{'.'.join(map(str, path))} = {value!r:.60}"
    if action < 0.8 and isinstance(node, dict):
        del node[last]
        return f"del {'.'.join(map(str, path))}"
    if action < 0.9 and isinstance(node, dict):
        node[rng.choice(["evidense", "case_id ", "x", "\x1b", "备注"])] = rng.choice(HOSTILE)
        return f"extra key beside {'.'.join(map(str, path))}"
    if isinstance(node, list):
        node.append(copy.deepcopy(node[last]))
        return f"repeat {'.'.join(map(str, path))}"
    node[last] = [copy.deepcopy(node[last])]
    return f"wrap {'.'.join(map(str, path))} in a list"


def mutants(seed: int, count: int) -> Iterator[Mutant]:
    """`count` mutants, the same ones for the same seed: a failure names the seed and number to replay."""
    rng = random.Random(seed)
    bases = [(path, yaml.safe_load(path.read_text("utf-8"))) for path in EXAMPLES]
    for number in range(count):
        example, base = rng.choice(bases)
        case = copy.deepcopy(base)
        done = tuple(_mutate(case, rng) for _ in range(rng.randint(1, 3)))
        yield Mutant(number, example, case, done)


def write_mutant(root: Path, mutant: Mutant) -> Path:
    """The mutant as case.yaml in its own folder, beside hard links to its example's evidence."""
    folder = root / f"m{mutant.number:06d}"
    evidence = mutant.example.parent / "evidence"
    (folder / "evidence").mkdir(parents=True)
    for file in evidence.iterdir():
        try:
            (folder / "evidence" / file.name).hardlink_to(file)
        except OSError:  # another file system: a copy does the same
            shutil.copyfile(file, folder / "evidence" / file.name)
    path = folder / "case.yaml"
    plain: list[str] = []

    def stand_in(node: Any) -> Any:  # PyYAML would quote or tag these: a token goes in, the text after
        if isinstance(node, Plain):
            plain.append(str(node))
            return f"PLAINVALUE{len(plain) - 1}X"
        if isinstance(node, dict):
            return {key: stand_in(value) for key, value in node.items()}
        if isinstance(node, list):
            return [stand_in(value) for value in node]
        return node

    text = yaml.safe_dump(stand_in(mutant.case), allow_unicode=True, sort_keys=False, width=200)
    for number, raw in enumerate(plain):
        text = text.replace(f"PLAINVALUE{number}X", raw)
    path.write_text(text, "utf-8")
    return path
