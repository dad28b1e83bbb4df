"""Which case files a command's PATH arguments name: files, folders (every *.yaml / *.yml) and globs."""

from __future__ import annotations

import difflib
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
    unmatched: list[str] = field(default_factory=list)  # globs that matched nothing
    missing: list[str] = field(default_factory=list)  # files or folders named that do not exist
    orphans: list[str] = field(default_factory=list)  # evidence files with no case file above them
    # Files named one by one (as a pre-commit hook passes them) that `--exclude` left out, cases above
    # a named evidence file included: nothing left of them is not a usage error, only nothing to check.
    left_out: list[str] = field(default_factory=list)
    searched: bool = False  # a folder or a glob was given: no case file in it is a usage error


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

    def add(path: Path) -> bool:
        """Take the file unless it was taken already or is excluded; whether it is not excluded."""
        if excluded(path, exclude):
            return False
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            result.files.append(path)
        return True

    for argument in arguments:
        path = Path(argument)
        if path.is_dir() or glob.has_magic(argument):
            result.searched = True
            expanded = _expand(argument)
            if not expanded and not path.is_dir():
                result.unmatched.append(argument)
            for found in expanded:
                add(found)
        elif not path.exists() and not path.is_symlink():
            # A path that names nothing is a mistake on the command line (exit 2), not a failing case;
            # a dangling symbolic link is the case's own problem (Y001).
            result.missing.append(argument)
        elif path.suffix.lower() in EVIDENCE_SUFFIXES:
            # An evidence file (a pre-commit hook passes the changed ones): the cases that can use it.
            owners = cases_above(path)
            if not owners:
                result.orphans.append(argument)
            elif not [found for found in owners if add(found)]:
                result.left_out.append(argument)
        elif not add(path):
            result.left_out.append(argument)
    return result


def _expand(argument: str) -> list[Path]:
    """The case files a folder or a glob names: every case file below a folder, a glob's files as named."""
    path = Path(argument)
    if path.is_dir():
        return _walk(path)
    matches = sorted(glob.glob(argument, recursive=True))
    expanded = [Path(m) for m in matches if not Path(m).is_dir()]
    for match in (Path(m) for m in matches if Path(m).is_dir()):
        expanded.extend(_walk(match))
    return expanded


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


@dataclass(frozen=True, slots=True)
class NotFound:
    """Where a path that names nothing was looked for: its folder (absolute, as the user can find it),
    whether that folder exists, and a name in it close to the one given (`caes.yaml` → `case.yaml`),
    written as the user wrote the path."""

    folder: str
    folder_exists: bool
    guess: str | None


def not_found(path: Path) -> NotFound:
    """Where `path`, which names nothing, was looked for."""
    folder = path.parent
    try:
        # the files a case command can take; not the name itself (a symbolic link to nothing)
        names = sorted(
            name
            for name in os.listdir(folder)
            if name != path.name and (_is_case_name(name) or (folder / name).is_dir())
        )
    except OSError:
        return NotFound(str(folder.absolute()), folder.is_dir(), None)
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    if not close:  # `Case.YAML` for `case.yaml`: the same name in another case
        close = [name for name in names if name.lower() == path.name.lower()][:1]
    guess = str(path.with_name(close[0])) if close else None
    return NotFound(str(folder.absolute()), True, guess)
