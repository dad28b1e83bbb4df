"""What a check is: a stable code, a default severity, a docstring users read, and a `run` over a case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from ozon_urgent.catalog import Catalog, Scenario
from ozon_urgent.checks.evidence_files import EvidencePath
from ozon_urgent.findings import Severity
from ozon_urgent.loader import FieldPath, Loaded
from ozon_urgent.model import Case
from ozon_urgent.policy import Policy


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a check found: where it is and what to fill into the message."""

    path: FieldPath
    variant: str = ""
    params: dict[str, object] = field(default_factory=dict)
    file: str | None = None  # the attachment the hit is about, when not the case file itself


@dataclass(frozen=True, slots=True)
class CaseContext:
    case_file: Path
    loaded: Loaded
    case: Case
    policy: Policy
    catalog: Catalog
    today: date
    located: tuple[EvidencePath, ...]  # one per `case.evidence` entry, judged once per run

    @property
    def scenario(self) -> Scenario | None:
        return self.catalog.scenarios.get(self.case.scenario)

    @property
    def case_dir(self) -> Path:
        return self.case_file.parent


class Rule:
    """A catalog entry. Rules raised by the loader or the schema have no `run` of their own."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    # pydantic error types that this rule reports when validation raises them
    schema_errors: ClassVar[frozenset[str]] = frozenset()
    unreadable: ClassVar[bool] = False


class Check(Rule):
    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        raise NotImplementedError
