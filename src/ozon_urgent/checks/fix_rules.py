"""The rule that reports what `--fix` changed in a pack's copy of an evidence file."""

from __future__ import annotations

from ozon_urgent.checks.base import Rule
from ozon_urgent.findings import Severity


class AttachmentFixed(Rule):
    """`--fix` made a compliant copy of this evidence file for the pack; the original is untouched.

    Each change is listed with the size and SHA-256 before and after: a PNG converted to JPEG, a JPEG
    re-encoded or downscaled to fit 5 MB, GPS position or device serial removed, bytes after the end of
    the picture cut off. With `check --fix` the same list is a preview and nothing is written.
    """

    code = "B004"
    name = "attachment-fixed"
    severity = Severity.INFO
