"""C131: evidence and link kinds come from the catalog."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceKindKnown(Check):
    """Each `evidence[].kind` and `links[].kind` must be a known evidence kind; links carry video only.

    The kind decides the attachment's name and its Russian description in the ticket. Wrong:
    `kind: tracking`. Right: `kind: logistics_tracking`. Use `other` for a supporting document.
    """

    code = Code.UNKNOWN_KIND
    name = "unknown-kind"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        known = ctx.catalog.kinds
        entries = [("evidence", i, e.kind) for i, e in enumerate(ctx.case.evidence)]
        entries += [("links", i, link.kind) for i, link in enumerate(ctx.case.links)]
        for section, index, kind in entries:
            if kind not in known:
                close = difflib.get_close_matches(kind, list(known), n=1)
                yield Hit(
                    (section, index, "kind"),
                    "guess" if close else "",
                    {"value": kind, "guess": close[0] if close else ""},
                )
            elif section == "links" and not known[kind].video:
                yield Hit((section, index, "kind"), "not_video", {"value": kind})
