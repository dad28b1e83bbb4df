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
    today: date  # the case's own `as_of` when it has one, else the run's today (`--today` or the clock)
    located: tuple[EvidencePath, ...]  # one per `case.evidence` entry, judged once per run
    run_today: date | None = None  # the run's own today (`--today` or the clock), whatever `as_of` says
    filed_in_ledger: bool = False  # the ledger holds this seller's case as filed

    @property
    def filed(self) -> bool:
        """Whether the ticket is filed: a `filed:` block in the case file, or the ledger's record of it."""
        return self.case.filed is not None or self.filed_in_ledger

    @property
    def scenario(self) -> Scenario | None:
        return self.catalog.scenarios.get(self.case.scenario)

    @property
    def window_days(self) -> int | None:
        """The days the metric is computed over for this case: the policy's, per metric where the case names
        one. None without a known scenario or for a scenario with no window."""
        scenario = self.scenario
        if scenario is None:
            return None
        metric = self.case.notification.metric or scenario.metric
        return self.policy.window_for(scenario.id, scenario.window_days, metric)

    @property
    def case_dir(self) -> Path:
        return self.case_file.parent

    @property
    def today_variant(self) -> str:
        """The variant a "date after today" finding takes: with `as_of`, it says the date is after the
        case's own day (most often an example copied into a live case with its `as_of` kept)."""
        return "as_of" if self.case.as_of is not None else ""


class Check(ABC):
    """A rule run over every case: its code, name and severity at the top, its docstring for users.

    The class attributes become its `declaration`, the same record the codes raised outside checks/
    have, so the catalog, SARIF and `rules CODE` treat every code alike.
    """

    code: ClassVar[Code]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    error_variants: ClassVar[frozenset[str]] = frozenset()  # variants graded as errors (Declaration's)
    declaration: ClassVar[Declaration]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not inspect.isabstract(cls):
            cls.declaration = Declaration(
                code=cls.code,
                name=cls.name,
                severity=cls.severity,
                doc=inspect.cleandoc(cls.__doc__ or ""),
                error_variants=cls.error_variants,
            )

    @abstractmethod
    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        """Every hit in one case; a check that finds nothing yields nothing."""
