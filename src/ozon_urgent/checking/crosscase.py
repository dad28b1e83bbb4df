"""Checks only a batch can make: a case_id used twice, IDs across scenarios, evidence shared by sellers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ozon_urgent.checking.engine import CheckedCase
from ozon_urgent.findings import Code, FieldPath, Finding, make_finding
from ozon_urgent.i18n import Lang

# The IDs that name one problem: a posting or a product in two scenarios means a split or merged issue.
_SHARED_KINDS = {"postings": "posting", "skus": "SKU"}


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What the batch checks need of a case, small enough to keep for thousands of them."""

    file: str
    case_id: str | None
    scenario: str | None
    ids: dict[str, tuple[str, ...]]
    lines: dict[FieldPath, int | None]

    @classmethod
    def of(cls, item: CheckedCase) -> CaseSummary:
        paths: list[FieldPath] = [("case_id",), *(("affected", key) for key in _SHARED_KINDS)]
        lines = {path: item.loaded.line_of(path) if item.loaded is not None else None for path in paths}
        ids = (
            {key: tuple(item.case.affected.ids_by_kind()[key]) for key in _SHARED_KINDS}
            if item.case is not None
            else {}
        )
        scenario = item.case.scenario if item.case is not None else None
        # A file that could not be read has no identity to collide with: its own finding says enough.
        case_id = item.result.case_id if item.loaded is not None else None
        return cls(item.result.file, case_id, scenario, ids, lines)


def batch_findings(
    cases: Sequence[CaseSummary], lang: Lang, *, building: bool = False
) -> dict[int, list[Finding]]:
    """Findings per case index (in `cases`) for case_ids used twice and IDs in several scenarios.

    `building`: the second case with a taken id is not built, and its finding says so.
    """
    found: dict[int, list[Finding]] = {}
    first_with_id: dict[str, int] = {}
    seen_ids: dict[tuple[str, str], list[int]] = {}
    for number, case in enumerate(cases):
        if case.case_id is not None:
            if case.case_id in first_with_id:
                found.setdefault(number, []).append(
                    make_finding(
                        Code.CASE_ID_TAKEN,
                        "build" if building else "",
                        file=case.file,
                        line=case.lines[("case_id",)],
                        path=("case_id",),
                        params={"case_id": case.case_id, "other": cases[first_with_id[case.case_id]].file},
                        lang=lang,
                    )
                )
            else:
                first_with_id[case.case_id] = number
        for key, values in case.ids.items():
            for value in values:
                seen_ids.setdefault((key, value), []).append(number)
    for (key, value), numbers in seen_ids.items():
        scenarios = {cases[n].scenario for n in numbers}
        if len(scenarios) < 2:
            continue
        for number in numbers:
            mine = cases[number]
            peer = next(cases[n] for n in numbers if cases[n].scenario != mine.scenario)
            found.setdefault(number, []).append(
                make_finding(
                    Code.IDS_IN_SEVERAL_SCENARIOS,
                    key,  # message_postings / message_skus: the kind in the reader's words
                    file=mine.file,
                    line=mine.lines[("affected", key)],
                    path=("affected", key),
                    params={
                        "kind": _SHARED_KINDS[key],
                        "value": value,
                        "other": peer.file,
                        "other_scenario": peer.scenario,
                    },
                    lang=lang,
                )
            )
    return found


@dataclass(slots=True)
class SharedEvidence:
    """Remembers which seller first attached each file (by SHA-256) as a batch goes on."""

    owners: dict[str, tuple[str, str]] = field(default_factory=dict)  # sha256 → (client_id, case file)

    def note(self, item: CheckedCase, index: int, sha256: str | None, lang: Lang) -> list[Finding]:
        if sha256 is None or item.case is None:
            return []
        client = item.case.seller.client_id
        owner = self.owners.setdefault(sha256, (client, item.result.file))
        if owner[0] == client:
            return []
        path = ("evidence", index, "file")
        line = item.loaded.line_of(path) if item.loaded is not None else None
        return [
            make_finding(
                Code.EVIDENCE_SHARED_ACROSS_SELLERS,
                "",
                file=item.result.file,
                line=line,
                path=path,
                params={"other": owner[1], "other_client": owner[0]},
                lang=lang,
            )
        ]
