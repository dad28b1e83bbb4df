"""What a check is: a stable code, a default severity, a docstring users read, and a `run` over a case."""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from ozon_urgent.attachments.locate import EvidencePath
from ozon_urgent.casefile.loader import Loaded
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import Catalog, Scenario
from ozon_urgent.findings import Code, Declaration, FieldPath, Severity
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


class Check(ABC):
    """A rule run over every case: its code, name and severity at the top, its docstring for users.

    The class attributes become its `declaration`, the same record the codes raised outside checks/
    have, so the catalog, SARIF and `rules CODE` treat every code alike.
    """

    code: ClassVar[Code]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    declaration: ClassVar[Declaration]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not inspect.isabstract(cls):
            cls.declaration = Declaration(
                code=cls.code, name=cls.name, severity=cls.severity, doc=inspect.cleandoc(cls.__doc__ or "")
            )

    @abstractmethod
    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        """Every hit in one case; a check that finds nothing yields nothing."""
