"""Rules the loader and the schema report: a file that is not a readable case, or does not fit SPEC §1."""

from __future__ import annotations

from ozon_urgent.checks.base import Rule
from ozon_urgent.findings import Severity


class FileUnreadable(Rule):
    """The case file cannot be read: missing, not a regular file, no permission, or over 256 KiB.

    A case file is a small text file. Point the tool at the YAML file itself; split anything larger.
    """

    code = "Y001"
    name = "file-unreadable"
    severity = Severity.ERROR
    unreadable = True


class NotUtf8(Rule):
    """The case file is not UTF-8 text (binary data, or another encoding such as GBK).

    Fail: a file saved as GBK by an old editor. Pass: the same text saved as UTF-8.
    """

    code = "Y002"
    name = "not-utf8"
    severity = Severity.ERROR
    unreadable = True


class YamlSyntax(Rule):
    """The file is empty, holds more than one YAML document, or is not valid YAML.

    Fail: `affected: [57195475-0050-3` (the list is never closed). Pass: `affected: [57195475-0050-3]`.
    """

    code = "Y003"
    name = "yaml-syntax"
    severity = Severity.ERROR
    unreadable = True


class YamlFeature(Rule):
    """Anchors, aliases, merge keys (`<<`), explicit tags and complex keys are refused.

    A case file is plain data; these features can hide what a reviewer sees, and aliases can expand a
    small file into gigabytes. Fail: `skus: &s [1]` / `products: *s`. Pass: write the list twice.
    """

    code = "Y004"
    name = "yaml-feature"
    severity = Severity.ERROR
    unreadable = True


class YamlStructure(Rule):
    """A key given twice in one mapping, or nesting deeper than any case file needs.

    Fail: two `request:` lines; the second would silently win. Pass: one `request:` line.
    """

    code = "Y005"
    name = "yaml-structure"
    severity = Severity.ERROR
    unreadable = True


class UnknownKey(Rule):
    """A key that the case format does not have, usually a typo.

    Fail: `evidense:` (did you mean `evidence`?). Pass: `evidence:`. Unknown keys are errors so a typo
    never silently drops a field from the ticket.
    """

    code = "S001"
    name = "unknown-key"
    severity = Severity.ERROR
    schema_errors = frozenset({"extra_forbidden"})


class MissingField(Rule):
    """A field the case needs is absent: `scenario`, `seller`, `notification` and their required parts.

    Fail: no `seller.client_id`. Pass: `client_id: "1234567"` (your Ozon Client-Id, digits).
    """

    code = "S002"
    name = "missing-field"
    severity = Severity.ERROR
    schema_errors = frozenset({"missing"})


class InvalidValue(Rule):
    """A value of the wrong type or format: a date that does not exist, an ID in the wrong shape.

    Fail: `received: 2026-02-30`, `postings: ["57195475"]`. Pass: `received: 2026-02-28`,
    `postings: ["57195475-0050-3"]` (posting numbers look like `digits-4digits-digits`).
    """

    code = "S003"
    name = "invalid-value"
    severity = Severity.ERROR


class PlaceholderIds(Rule):
    """IDs replaced by a placeholder such as "all", "все", "全部", "*" or an empty string.

    Ozon reviews only what is listed: "all products" gets the ticket bounced. Fail: `skus: all`.
    Pass: `skus: [498274975, 498274976]`, every affected ID written out.
    """

    code = "C122"
    name = "placeholder-ids"
    severity = Severity.ERROR
    schema_errors = frozenset({"placeholder_id", "placeholder_list"})
