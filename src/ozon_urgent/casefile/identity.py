"""A case's identity when the file names none: the file's name, or its folder's for `case.yaml`."""

from __future__ import annotations

import os
import re
from pathlib import Path

# The layout `init` and examples/ use: one folder per case, the case file inside named like this.
FOLDER_CASE_NAMES = frozenset({"case.yaml", "case.yml"})
# What `case_id` may be (the model holds the same pattern): it names the pack folder and the ledger row.
CASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


def default_case_id(path: Path) -> str:
    """`case_id` for a file without one: its stem, or for `case.yaml` / `case.yml` its folder's name."""
    if path.name.lower() in FOLDER_CASE_NAMES:
        return Path(os.path.abspath(path)).parent.name
    return path.stem


def usable_case_id(value: str) -> bool:
    return CASE_ID.fullmatch(value) is not None and ".." not in value


def suggest_case_id(name: str) -> str:
    """The nearest usable id to a file or folder name: other characters become dashes."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-._")
    slug = re.sub(r"\.{2,}", ".", slug)[:100]
    return slug if usable_case_id(slug) else ""
