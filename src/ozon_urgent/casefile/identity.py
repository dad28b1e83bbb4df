"""A case's identity: its `case_id` when the file names none, and whether a ledger row is this file's."""

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


def same_case_file(recorded: str | None, file: Path) -> bool:
    """Whether the ledger's row of this (Client ID, case_id), recorded from the case file `recorded`, is
    the case in `file`. A case_id alone does not say it: a copied example folder or a reused name brings
    the same id to a new case. So the row is another case's while the file it was recorded from is still
    on disk under another path; a row from before the ledger kept the path, or whose file has gone (a case
    folder moved or renamed since), stays this case's."""
    if recorded is None:
        return True
    old = Path(recorded)
    if old == file.resolve():
        return True
    try:
        return not old.exists() or old.samefile(file)
    except OSError:  # unreadable where it was: nothing says it is another case
        return True
