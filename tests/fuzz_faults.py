"""The fault campaign's tools: the real CLI as a subprocess, hostile outputs, and an audit of `--out`.

The audit is the campaign's oracle: every pack folder is complete (each file ticket.json lists, with its
SHA-256, and nothing else) or absent; the ledger's rows name exactly the packs on disk; no text file of
a pack holds a raw control or bidi character. It reads the files and the SQLite ledger itself, never
through ozon-urgent, so a bug there cannot hide a bug here.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TODAY = "2026-11-26"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "cases"
# C0 but tab, line feed and carriage return; DEL and C1; the bidi marks, embeddings, overrides, isolates.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CLI = Path(sys.executable).with_name("ozon-urgent")
_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE = 24, 1
Preexec = Callable[[], None]


@dataclass(frozen=True)
class Run:
    code: int | None  # None: it was killed or hung
    stdout: str
    stderr: str
    hung: bool = False

    @property
    def internal(self) -> bool:
        """An internal error: a traceback, B008, or the words the CLI prints for a bug (exit 3)."""
        text = self.stdout + self.stderr
        return "Traceback (most recent call last)" in text or "B008" in text or "internal error" in text


def cli_env(home: Path) -> dict[str, str]:
    """The CLI's environment: English, a fixed day, cache and data folders of the campaign's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OZON_URGENT_", "LC_", "LANG"))}
    env.update(OZON_URGENT_TODAY=TODAY, XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "data"))
    return env


def command(*args: str | Path) -> list[str]:
    """`ozon-urgent ARGS` as the installed console script runs it (`python -m` where there is none)."""
    head = [str(_CLI)] if _CLI.exists() else [sys.executable, "-m", "ozon_urgent"]
    return [*head, *map(str, args)]


def run(
    args: Sequence[str | Path], env: dict[str, str], timeout: float, preexec: Preexec | None = None
) -> Run:
    """One run of the CLI to its end; past `timeout` it is killed and reported as hung."""
    process = subprocess.Popen(
        command(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return Run(None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), hung=True)
    return Run(process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def start(args: Sequence[str | Path], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_after(process: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL `process` after `delay` seconds; True when it was still running (a real kill)."""
    try:
        process.wait(delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return True
    process.communicate()
    return False


# ---- the audit ---------------------------------------------------------------------------------------


@dataclass
class Audit:
    packs: int = 0
    rows: int = 0
    partial: list[str] = field(default_factory=list)  # a pack folder not as its ticket.json says
    unmatched: list[str] = field(default_factory=list)  # a pack without a row, or a row without its pack
    raw: list[str] = field(default_factory=list)  # `file: U+XXXX` for each raw character found

    def problems(self) -> list[str]:
        return [*(f"partial pack {p}" for p in self.partial), *self.unmatched, *self.raw]


def audit(out: Path, ledger: Path) -> Audit:
    packs = pack_folders(out)
    rows = ledger_packs(ledger)
    found = Audit(len(packs), len(rows))
    for pack in packs:
        found.partial += [] if pack_complete(pack) else [str(pack)]
        found.raw += raw_characters(pack)
    on_disk = {str(p) for p in packs}
    found.unmatched += [f"pack without a ledger row: {p}" for p in sorted(on_disk - rows)]
    found.unmatched += [f"ledger row without its pack: {p}" for p in sorted(rows - on_disk)]
    return found


def pack_folders(out: Path) -> list[Path]:
    """`<out>/<store>/<case>` folders; the dot-named ones are a run's staging, cleaned by the next run."""
    if not out.is_dir():
        return []
    stores = [s for s in out.iterdir() if s.is_dir() and not s.name.startswith(".")]
    return sorted(p for s in stores for p in s.iterdir() if not p.name.startswith("."))


def ledger_packs(ledger: Path) -> set[str]:
    """The pack folder of every ticket row (built or filed), read straight from the SQLite file."""
    if not ledger.exists():
        return set()
    with contextlib.closing(sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)) as conn:
        try:
            return {str(row[0]) for row in conn.execute("SELECT pack_path FROM tickets") if row[0]}
        except sqlite3.OperationalError:  # no tickets table yet: no rows
            return set()


def pack_complete(pack: Path) -> bool:
    """Whether every file ticket.json lists is there with its SHA-256, and nothing else is."""
    try:
        listed = json.loads((pack / "ticket.json").read_bytes())["build"]["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    on_disk = {
        p.relative_to(pack).as_posix(): p for p in pack.rglob("*") if p.is_file() and p.name != "ticket.json"
    }
    if not isinstance(listed, dict) or set(listed) != set(on_disk):
        return False
    return all(hashlib.sha256(on_disk[name].read_bytes()).hexdigest() == listed[name] for name in listed)


def raw_characters(pack: Path) -> list[str]:
    """Raw control and bidi characters in the pack's text files; attachments are the seller's bytes."""
    found = []
    for path in sorted(pack.rglob("*")):
        if not path.is_file() or "attachments" in path.relative_to(pack).parts:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        points = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
        found += [f"raw {', '.join(points)} in {path}"] if points else []
    return found


def snapshot(*roots: Path) -> dict[Path, str]:
    """SHA-256 of every file under `roots`: the inputs, to prove no run changed them."""
    files = (p for root in roots for p in ([root] if root.is_file() else root.rglob("*")))
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


# ---- hostile outputs ---------------------------------------------------------------------------------


def without_dac_override() -> None:
    """For a root child: without CAP_DAC_OVERRIDE, a folder's mode binds root too (read-only means it)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if libc.prctl(_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def file_size_limit(limit: int) -> Preexec:
    """A child whose writes past `limit` bytes fail with EFBIG, as on a full disk (SIGXFSZ ignored)."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


@contextlib.contextmanager
def full_disk(folder: Path, size_kib: int = 12) -> Iterator[tuple[str, Preexec | None]]:
    """`folder` as a full disk: a tiny tmpfs where root may mount one, else writes capped by RLIMIT_FSIZE.
    Yields how, and what the child must run before exec (None for the tmpfs)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and _mount_tmpfs(folder, size_kib)
    try:
        if mounted:
            filler = folder / "filler"  # leave a few KiB: the pack's folders fit, its files do not
            with contextlib.suppress(OSError), filler.open("wb") as handle:
                handle.write(bytes((size_kib - 4) * 1024))
            yield f"tmpfs of {size_kib} KiB", None
        else:
            yield "RLIMIT_FSIZE of 2 KiB", file_size_limit(2048)
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)


def _mount_tmpfs(folder: Path, size_kib: int) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0
