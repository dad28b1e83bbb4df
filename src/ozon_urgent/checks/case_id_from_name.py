"""C103: a case without `case_id` takes its file's or folder's name, which must be usable as one."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.identity import default_case_id, suggest_case_id, usable_case_id
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class CaseIdFromName(Check):
    """A case without `case_id` is named after its file, or after its folder when the file is `case.yaml`;
    that name must be usable as a `case_id`: Latin letters, digits, `-`, `_` and `.`, starting with a letter
    or digit, at most 100 characters.

    The id names the pack folder and the case's row in the ledger, so it must be the same on every computer
    and never contain a path. Wrong: `店铺A/case.yaml` or `Bright Home (Moscow)/case.yaml` without a
    `case_id` line. Right: `case_id: bright-home-moscow-2026-11` in the file, or a folder named
    `bright-home-moscow`.
    """

    code = Code.CASE_ID_FROM_NAME
    name = "case-id-from-name"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.case_id is not None:
            return
        derived = default_case_id(ctx.case_file)
        if usable_case_id(derived):
            return
        suggestion = suggest_case_id(derived) or f"{ctx.case.scenario.replace('_', '-')}-{ctx.today:%Y-%m}"
        yield Hit(("case_id",), "", {"name": derived, "suggestion": suggestion})
