"""Opening a case file: read, parse and validate it once, the same way for every command.

`check` and `build` (through `checking.engine`), `record`, `resolve` and `followup` (`pipeline.case_facts`)
and `translate` (`translation.case_source`) all start here, so a file one of them refuses is refused by
all of them for the same reason, said by the same findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ozon_urgent.casefile.loader import Loaded, LoadError, compose, read_case_text
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.typos import Typo, find_typos
from ozon_urgent.casefile.validate import schema_problems, validate_case
from ozon_urgent.findings import Code, Finding, make_finding


@dataclass(frozen=True, slots=True)
class OpenedCase:
    """A case file as far as it could be opened: its text and data when it is readable YAML, its model
    when that validates, and the findings that say why it got no further."""

    text: str | None = None  # as decoded (UTF-8, without a byte-order mark)
    loaded: Loaded | None = None
    case: Case | None = None
    problems: tuple[Finding, ...] = ()  # Y00x when it is no readable case; S00x, C122 where the model refuses


def open_case(file: Path, display: str) -> OpenedCase:
    """`file` read (regular, bounded, strict UTF-8), parsed by the safe loader and validated; findings are
    located in `display`, the file as the user named it."""
    try:
        text, digest = read_case_text(file)
    except LoadError as problem:
        return OpenedCase(problems=(_load_finding(problem, display),))
    try:
        loaded = compose(text)
    except LoadError as problem:
        # Every typo of the whole file at once, not the parser's first one per run. (A file that parses
        # has none: a `，` in an ID list is the item's S003, `validate` names it.)
        typos = find_typos(text) if problem.code is Code.YAML_SYNTAX else []
        found = [_typo_finding(typo, display) for typo in typos]
        if not typos or _not_from_typos(problem, typos):
            found.append(_load_finding(problem, display))
        return OpenedCase(problems=tuple(sorted(found, key=lambda f: f.line or 0)))
    loaded.sha256 = digest
    validated = validate_case(loaded)
    if isinstance(validated, ValidationError):
        problems = tuple(
            make_finding(p.code, p.variant, file=display, line=p.line, path=p.path, params=p.params)
            for p in schema_problems(validated, loaded)
        )
        return OpenedCase(text, loaded, None, problems)
    return OpenedCase(text, loaded, validated)


def _load_finding(problem: LoadError, display: str) -> Finding:
    return make_finding(
        problem.code, problem.variant, file=display, line=problem.line, path=(), params=problem.params
    )


def _typo_finding(typo: Typo, display: str) -> Finding:
    return make_finding(
        typo.code, typo.variant, file=display, line=typo.line, path=(), params={"column": typo.column}
    )


def _not_from_typos(problem: LoadError, typos: list[Typo]) -> bool:
    """Whether the parser's problem is one of its own: before the first typo, or on no typo's line or the
    line after one (where a full-width colon makes libyaml stumble)."""
    if problem.line is None:
        return False
    if problem.line < typos[0].line:
        return True
    return not any(problem.line in (typo.line, typo.line + 1) for typo in typos)
