"""Where claim and proof part: the case's IDs, dates and kinds of evidence against what its files show.

Made once per case, with every judged file's report at hand (`check` when a case's last file is judged,
`build`'s gate with all of them): C197 an ID in `affected` no file shows, C198 a file that shows none of
the case's IDs and no date it is said to cover, C199 dates a file shows outside what it is said to cover,
C200 what a kind of evidence must show (`must_show` in the scenario catalog) and a file of it does not.

A file whose text was not read (`shown` None) or read only in part (A216, A217) proves nothing either
way: it is never reported as missing proof, and an ID only such a file could show gets a note (C197
`unread`) saying it could not be checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date

from ozon_urgent.attachments.model import AttachmentReport, Shown
from ozon_urgent.attachments.shown import shows
from ozon_urgent.casefile.loader import Loaded
from ozon_urgent.casefile.model import Case, Evidence
from ozon_urgent.catalog import ID_KINDS, Catalog
from ozon_urgent.findings import Code, FieldPath, Finding, Severity, make_finding

# The hits that say a file's text was read only in part: its index may lack what the rest shows.
_PARTIAL = frozenset({"A216", "A217"})
_NAMED_DATES = 5  # dates a finding names; the rest are counted


def proof_findings(
    case: Case,
    loaded: Loaded,
    display: str,
    reports: Sequence[tuple[int, AttachmentReport]],
    catalog: Catalog,
    *,
    complete: bool = True,
) -> list[Finding]:
    """C197–C200 for one case, from the reports of its judged files (index in `case.evidence`, report).

    `complete`: the reports are all the case's evidence; when not (an entry not judged, a follow-up's
    files Ozon already has), an ID no report shows is a note, never missing proof.
    """
    folder = os.path.dirname(display)
    read = {index: report.shown for index, report in reports if _fully_read(report)}
    unread = [case.evidence[index].file for index, report in reports if index not in read]
    unchecked = len(reports) < len(case.evidence) or not complete
    found = _missing_ids(case, loaded, display, list(read.values()), unread, unchecked)
    ids = [value for values in case.affected.ids_by_kind().values() for value in values]
    for index, shown in read.items():
        assert shown is not None
        item, path = case.evidence[index], ("evidence", index, "file")
        found += [
            make_finding(
                code,
                variant,
                file=os.path.join(folder, item.file),
                line=None,
                path=path,
                params={"file": item.file, **params},
                case_line=loaded.line_of(path),
            )
            for code, variant, params in _file_hits(item, shown, ids, catalog)
        ]
    return found


def _file_hits(
    item: Evidence, shown: Shown, ids: list[str], catalog: Catalog
) -> list[tuple[Code, str, dict[str, object]]]:
    """C198, C199 and C200 for one file that was read whole."""
    hits: list[tuple[Code, str, dict[str, object]]] = []
    if _shows_nothing_claimed(item, shown, ids):
        hits.append((Code.PROOF_SHOWS_NOTHING, "" if ids else "no_ids", {}))
    outside = _dates_outside(item, shown)
    if outside is not None:
        hits.append((Code.PROOF_DATES_OUTSIDE, *outside))
    kind = catalog.kinds.get(item.kind)
    for need in kind.must_show if kind is not None else ():
        if not _meets(shown, need):
            hits.append((Code.PROOF_KIND_LACKS, need, {"kind": item.kind}))
    return hits


def _fully_read(report: AttachmentReport) -> bool:
    return report.shown is not None and not any(hit.code in _PARTIAL for hit in report.hits)


def _missing_ids(
    case: Case,
    loaded: Loaded,
    display: str,
    shown: list[Shown | None],
    unread: list[str],
    unchecked: bool,
) -> list[Finding]:
    """C197 at each `affected.<kind>[i]` no read file shows; a note for the case when some file was not
    read (or not judged), since that file may show them."""
    missing: list[tuple[FieldPath, str]] = []
    for kind in ID_KINDS:
        values = case.affected.ids_by_kind()[kind]
        for position, value in enumerate(values):
            if not any(item is not None and shows(item, value) for item in shown):
                missing.append((_id_path(case, kind, position), value))
    if not missing:
        return []
    if unread or unchecked:
        path, first = missing[0]
        params = {"count": len(missing), "id": first, "files": ", ".join(unread) or "-"}
        # One ID is named alone: "1 ID, the first being …" reads as a template.
        variant = ("unread" if unread else "unjudged") + ("_one" if len(missing) == 1 else "")
        return [
            make_finding(
                Code.PROOF_ID_NOT_SHOWN,
                variant,
                file=display,
                line=loaded.line_of(path),
                path=path,
                params=params,
                severity=Severity.INFO,
            )
        ]
    return [
        make_finding(
            Code.PROOF_ID_NOT_SHOWN,
            "",
            file=display,
            line=loaded.line_of(path),
            path=path,
            params={"id": value},
        )
        for path, value in missing
    ]


def _id_path(case: Case, kind: str, position: int) -> FieldPath:
    """The ID's own line: offer IDs written beside their SKUs (`skus: [{sku, offer_id}]`) at their SKU."""
    if kind != "offer_ids" or position < len(case.affected.offer_ids):
        return ("affected", kind, position)
    offers = list(case.affected.sku_offers())
    skus = [str(getattr(item, "sku", item)) for item in case.affected.skus]
    sku = offers[min(position - len(case.affected.offer_ids), len(offers) - 1)] if offers else ""
    return ("affected", "skus", skus.index(sku)) if sku in skus else ("affected",)


def _shows_nothing_claimed(item: Evidence, shown: Shown, ids: list[str]) -> bool:
    """C198: there is something to show (IDs, or a dated entry) and the file shows none of it."""
    span = item.span()
    if not ids and span is None:
        return False
    if any(shows(shown, value) for value in ids):
        return False
    return span is None or not any(span[0] <= day <= span[1] for day in shown.dates)


def _dates_outside(item: Evidence, shown: Shown) -> tuple[str, dict[str, object]] | None:
    """C199: the dates shown outside the range the entry covers. A single-day document (a contract, a
    settings screen, `date:` or a one-day `covers`) names other days too: only when none is its day."""
    span = item.span()
    if span is None or not shown.dates:
        return None
    start, end = span
    outside = sorted(day for day in shown.dates if not start <= day <= end)
    if not outside:
        return None
    if start == end:
        if len(outside) < len(shown.dates):
            return None
        return "date", {"date": start.isoformat(), "dates": _named(outside), "count": len(outside)}
    params: dict[str, object] = {"start": start.isoformat(), "end": end.isoformat()}
    return "", {**params, "dates": _named(outside), "count": len(outside)}


def _named(days: Iterable[date]) -> str:
    days = list(days)
    named = ", ".join(day.isoformat() for day in days[:_NAMED_DATES])
    return named if len(days) <= _NAMED_DATES else f"{named} (+{len(days) - _NAMED_DATES})"


def _meets(shown: Shown, need: str) -> bool:
    """Whether the index shows what `must_show` names (catalog.MUST_SHOW says each word)."""
    if need == "date":
        return bool(shown.dates)
    if need == "postings":
        return bool(shown.postings)
    if need == "amount":
        return bool(shown.amounts)
    if need == "ozon_number":  # Ozon's request and decision numbers: nine digits standing alone
        return any(len(number) == 9 for number in shown.numbers)
    raise ValueError(f"unknown must_show: {need}")
