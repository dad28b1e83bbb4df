"""Checks only a batch can make: a case_id used twice, IDs across scenarios, one store named two ways,
evidence shared by sellers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ozon_urgent.casefile.identity import default_case_id
from ozon_urgent.casefile.loader import LoadError, load_case
from ozon_urgent.casefile.model import CaseId, ClientId, PositiveId, PostingNumber
from ozon_urgent.casefile.placeholders import is_store_name_placeholder
from ozon_urgent.checking.engine import CheckedCase
from ozon_urgent.findings import CaseResult, Code, FieldPath, Finding, make_finding

# The IDs that name one problem: a posting or a product in two scenarios means a split or merged issue.
_SHARED_KINDS = {"postings": "posting", "skus": "SKU"}


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What the batch checks need of a case, small enough to keep for thousands of them."""

    file: str
    case_id: str | None
    client_id: str | None  # the seller's, when valid: a pack is `<out>/<store>/<case_id>`
    scenario: str | None
    ids: dict[str, tuple[str, ...]]
    lines: dict[FieldPath, int | None]
    store_name: str | None = None  # as written, spaces collapsed; None when absent or pull's TODO

    @classmethod
    def read(cls, file: Path) -> CaseSummary:
        """The summary of a case file as written, read before it is checked, so a batch knows every case's
        identity and IDs before the first is checked, built or reported. Only the YAML is read, and only
        the fields the summary names are validated: the IDs that are valid IDs, the case_id when it is a
        valid one (else the case is named after its file, as a pack would be). A file that cannot be read
        has no identity to collide with: its own finding says enough."""
        try:
            loaded = load_case(file)
        except LoadError:
            return cls(str(file), None, None, None, {}, {})
        data = loaded.data if isinstance(loaded.data, dict) else {}
        scenario, affected, seller = data.get("scenario"), data.get("affected"), data.get("seller")
        listed = affected if isinstance(affected, dict) else {}
        paths: list[FieldPath] = [
            ("case_id",),
            ("seller", "store_name"),
            *(("affected", key) for key in _SHARED_KINDS),
        ]
        return cls(
            str(file),
            _valid(_CASE_ID, data.get("case_id")) or default_case_id(file),
            _valid(_CLIENT_ID, seller.get("client_id")) if isinstance(seller, dict) else None,
            scenario.strip() if isinstance(scenario, str) and scenario.strip() else None,
            {key: _valid_ids(key, listed.get(key)) for key in _SHARED_KINDS},
            {path: loaded.line_of(path) for path in paths},
            _store_name(seller.get("store_name")) if isinstance(seller, dict) else None,
        )


def _store_name(value: object) -> str | None:
    """The name as the letter would quote it, spaces collapsed: a double space is no second name."""
    if not isinstance(value, str) or is_store_name_placeholder(value):  # TODO is C204's to report
        return None
    return " ".join(value.split()) or None


_CASE_ID: TypeAdapter[str] = TypeAdapter(CaseId)
_CLIENT_ID: TypeAdapter[str] = TypeAdapter(ClientId)
_IDS: dict[str, TypeAdapter[str] | TypeAdapter[int]] = {
    "postings": TypeAdapter(PostingNumber),
    "skus": TypeAdapter(PositiveId),
}


def _valid(adapter: TypeAdapter[str] | TypeAdapter[int], value: object) -> str | None:
    """The value as the case model reads it, as text, or None when the model would refuse it."""
    if value is None:
        return None
    try:
        return str(adapter.validate_python(value))
    except ValidationError:
        return None


def _valid_ids(key: str, values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    # a SKU may be written with its артикул: `{sku: 498274975, offer_id: BH-LAMP-0042}`
    plain = (value.get("sku") if isinstance(value, dict) else value for value in values)
    valid = (_valid(_IDS[key], value) for value in plain)
    return tuple(value for value in valid if value is not None)


def batch_findings(cases: Sequence[CaseSummary], *, building: bool = False) -> dict[int, list[Finding]]:
    """Findings per case index (in `cases`) for case_ids used twice and IDs in several scenarios.

    A case_id is taken within one store: two stores' cases of the same name get packs and ledger rows of
    their own (`<out>/<store>/<case_id>`). A case without a valid Client ID collides with none: its schema
    finding says enough, and it is not built. `building`: the second case with a taken id is not built,
    and its finding says so.
    """
    found: dict[int, list[Finding]] = {}
    first_with_id: dict[tuple[str, str], int] = {}
    seen_ids: dict[tuple[str, str], list[int]] = {}
    for number, case in enumerate(cases):
        if case.case_id is not None and case.client_id is not None:
            identity = (case.client_id, case.case_id)
            if identity in first_with_id:
                found.setdefault(number, []).append(
                    make_finding(
                        Code.CASE_ID_TAKEN,
                        "build" if building else "",
                        file=case.file,
                        line=case.lines[("case_id",)],
                        path=("case_id",),
                        params={
                            "case_id": case.case_id,
                            "client_id": case.client_id,
                            "other": cases[first_with_id[identity]].file,
                        },
                    )
                )
            else:
                first_with_id[identity] = number
        for key, values in case.ids.items():
            for value in values:
                seen_ids.setdefault((key, value), []).append(number)
    _store_names_differ(cases, found)
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
                )
            )
    return found


def _store_names_differ(cases: Sequence[CaseSummary], found: dict[int, list[Finding]]) -> None:
    """B012 for one store (Client ID) named two ways. The name most of its cases give (the first given, on
    a tie) is taken as meant: each case naming it otherwise is told which case says it, and the first
    case with that name is told once of the first other name, so a slip in one case of ten is two
    warnings, not ten."""
    by_client: dict[str, list[int]] = {}
    for number, case in enumerate(cases):
        if case.client_id is not None and case.store_name is not None:
            by_client.setdefault(case.client_id, []).append(number)
    for client, numbers in by_client.items():
        names = Counter(cases[n].store_name for n in numbers)
        if len(names) < 2:
            continue
        meant = names.most_common(1)[0][0]  # Counter keeps first-seen order among equal counts
        first = next(n for n in numbers if cases[n].store_name == meant)
        others = [n for n in numbers if cases[n].store_name != meant]
        for number, other in [(first, others[0]), *((n, first) for n in others)]:
            found.setdefault(number, []).append(_name_differs(cases[number], cases[other], client))


def _name_differs(case: CaseSummary, other: CaseSummary, client: str) -> Finding:
    return make_finding(
        Code.STORE_NAME_DIFFERS,
        "",
        file=case.file,
        line=case.lines[("seller", "store_name")],
        path=("seller", "store_name"),
        params={
            "client_id": client,
            "name": case.store_name,
            "other": other.file,
            "other_name": other.store_name,
        },
    )


@dataclass(slots=True)
class _Holder:
    """A case that attached a file: whose it is, and where its report says so."""

    client: str
    result: CaseResult
    path: FieldPath
    line: int | None


@dataclass(slots=True)
class _Owners:
    """The cases that attached one file so far. While they are all one seller's, each is kept, so that
    the first other seller's case can have B006 added to every one of them too, not only to itself."""

    first: _Holder
    waiting: list[_Holder]  # the first seller's cases, until a second seller's case shows the file
    second: _Holder | None = None  # the first case of another seller


@dataclass(slots=True)
class SharedEvidence:
    """Remembers which sellers attached each file (by SHA-256) as a batch goes on, and reports B006 on
    every case that shares a file with another seller's case: on the ones before too, on their results.

    In `build`, a case built before another seller's case shows the file hears of it after its pack is
    written: the run's report lists B006 for it; that pack's ticket.json cannot."""

    owners: dict[str, _Owners] = field(default_factory=dict)

    def note(self, item: CheckedCase, index: int, sha256: str | None) -> list[Finding]:
        """This case's B006 for its evidence entry `index`; earlier cases' B006 go to their results."""
        if sha256 is None or item.case is None:
            return []
        path = ("evidence", index, "file")
        line = item.loaded.line_of(path) if item.loaded is not None else None
        mine = _Holder(item.case.seller.client_id, item.result, path, line)
        owners = self.owners.get(sha256)
        if owners is None:
            self.owners[sha256] = _Owners(mine, [mine])
            return []
        if owners.second is None:
            if mine.client == owners.first.client:
                owners.waiting.append(mine)
                return []
            owners.second = mine
            for earlier in owners.waiting:  # the first other seller: every earlier case hears of it
                earlier.result.add(_shared(earlier, mine))
            owners.waiting = []
        other = owners.second if mine.client == owners.first.client else owners.first
        return [_shared(mine, other)]


def _shared(holder: _Holder, other: _Holder) -> Finding:
    return make_finding(
        Code.EVIDENCE_SHARED_ACROSS_SELLERS,
        "",
        file=holder.result.file,
        line=holder.line,
        path=holder.path,
        params={"other": other.result.file, "other_client": other.client},
    )
