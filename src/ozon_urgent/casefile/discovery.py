"""Which case files a command's PATH arguments name: files, folders (every *.yaml / *.yml) and globs."""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CASE_SUFFIXES = (".yaml", ".yml")
# Policy and tool files that live beside cases but are not cases.
NOT_CASES = frozenset({".pre-commit-config.yaml", ".pre-commit-hooks.yaml"})
# Files a case may name as evidence, the ones `--fix` converts included.
EVIDENCE_SUFFIXES = frozenset(
    (
        ".pdf",
        ".jpg",
        ".jpeg",
        ".jpe",
        ".jfif",
        ".png",
        ".webp",
        ".tif",
        ".tiff",
        ".heic",
        ".heif",
        ".bmp",
        ".gif",
    )
)


@dataclass(slots=True)
class Discovery:
    files: list[Path] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # arguments that named nothing
    orphans: list[str] = field(default_factory=list)  # evidence files with no case file above them


def _is_case_name(name: str) -> bool:
    return name.endswith(CASE_SUFFIXES) and name not in NOT_CASES and not name.startswith(".")


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    # followlinks=False: a symlink loop under the folder cannot recurse forever.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, name) for name in sorted(files) if _is_case_name(name))
    return found


def excluded(path: Path, patterns: Sequence[str]) -> bool:
    """Whether a glob of `--exclude` names this file: its path (`stores/*/old/*.yaml`, matched from the
    right as well), or, for a pattern without `/`, the file's name or one of its folders (`drafts`)."""
    posix = path.as_posix()
    for pattern in patterns:
        if fnmatch.fnmatchcase(posix, pattern) or path.match(pattern):
            return True
        if "/" not in pattern and any(fnmatch.fnmatchcase(part, pattern) for part in path.parts):
            return True
    return False


def discover(arguments: list[str], exclude: Sequence[str] = ()) -> Discovery:
    """Expand the arguments in order, each file once, leaving out what `exclude` names."""
    result = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.absolute()
        if key not in seen and not excluded(path, exclude):
            seen.add(key)
            result.files.append(path)

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for found in _walk(path):
                add(found)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            expanded = [Path(m) for m in matches if not Path(m).is_dir()]
            for match in (Path(m) for m in matches if Path(m).is_dir()):
                expanded.extend(_walk(match))
            if not expanded:
                result.unmatched.append(argument)
            for found in expanded:
                add(found)
        elif path.suffix.lower() in EVIDENCE_SUFFIXES:
            # An evidence file (a pre-commit hook passes the changed ones): the cases that can use it.
            owners = cases_above(path)
            if not owners:
                result.orphans.append(argument)
            for found in owners:
                add(found)
        else:
            # A named file is checked even if it is missing: the report then says so (Y001).
            add(path)
    return result


def cases_above(evidence: Path) -> list[Path]:
    """The case files of the nearest folder above an evidence file that holds any, up to the repository's
    top (a folder with `.git`) or the filesystem's root: `stores/a/evidence/x.pdf` → `stores/a/*.yaml`."""
    folder = evidence.parent
    while True:
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
        here = [Path(folder, name) for name in names if _is_case_name(name)]
        if here or (folder / ".git").exists() or folder.parent == folder:
            return [path for path in here if path.is_file()]
        folder = folder.parent
