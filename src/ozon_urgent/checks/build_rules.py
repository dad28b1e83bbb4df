"""Rules the build reports about packs rather than about one case's content."""

from __future__ import annotations

from ozon_urgent.checks.base import Rule
from ozon_urgent.findings import Severity


class CaseIdTaken(Rule):
    """Two cases in one run have the same `case_id`, so their packs would overwrite each other.

    The first case builds; the second is refused. Fail: two files with `case_id: bright-home-2026-11`.
    Pass: give each case its own `case_id` (or leave it out: the file's name is used).
    """

    code = "B001"
    name = "case-id-taken"
    severity = Severity.ERROR


class PackExists(Rule):
    """A pack for this `case_id` already exists in the output folder.

    `build` never replaces a pack silently. Pass: `--force` to replace it (the old pack stays whole until
    the new one is complete), or another `--out` folder.
    """

    code = "B002"
    name = "pack-exists"
    severity = Severity.ERROR


class PackWriteFailed(Rule):
    """The pack could not be written: the output folder is a file, not writable, or the disk is full.

    Nothing of the pack is left behind and an earlier pack is kept. Pass: choose a writable `--out`
    folder with enough space.
    """

    code = "B003"
    name = "pack-write-failed"
    severity = Severity.ERROR
    unreadable = True  # the environment failed, not the case: exit 3


class IdsInSeveralScenarios(Rule):
    """The same posting or SKU appears in cases of different scenarios in one batch.

    One problem belongs in one ticket: splitting it across tickets, or merging two problems into one,
    slows the review. Fail: posting 57195475-0050-3 in a `carrier_failure` case and in a
    `malicious_returns` case. Pass: decide which problem the posting belongs to, or say in both
    explanations why it is affected twice.
    """

    code = "B005"
    name = "ids-in-several-scenarios"
    severity = Severity.WARNING


class EvidenceSharedAcrossSellers(Rule):
    """The same evidence file (by SHA-256) is attached to cases of different sellers.

    An agency's copy-paste slip: a store's documents sent in another store's ticket. Fail: one waybill
    PDF in cases of Client ID 1234567 and 7654321. Pass: each store's own documents.
    """

    code = "B006"
    name = "evidence-shared-across-sellers"
    severity = Severity.WARNING


class DuplicateTicket(Rule):
    """A ticket of the same seller and scenario with overlapping IDs was filed less than 72 hours ago.

    Ozon archives a duplicate filed within 72 hours, which slows the case down. `build` refuses the pack
    and names the earlier ticket, its Reference ID and when its window ends. Pass: add a comment to that
    ticket instead (`ozon-urgent followup CASE`), or wait until the window ends.
    """

    code = "B007"
    name = "duplicate-ticket"
    severity = Severity.ERROR
