"""`build` run again: a pack already what it would make is kept (B010), a filed pack never replaced (B011).

Both are decided after the case is checked and before its evidence is judged, the costly part of a build:
a run over a hundred unchanged cases reads each case file once and hashes its evidence, nothing more.
A pack is what the build would make when everything it was made from is as it was: the case file's bytes
and its evidence files' (the ledger's `source` rows), the tool's version, and the settings that change
a pack (`--fix`, `--lang`, the templates' content, the policy, and the case file's path, the ledger and
the `--out` folder FILING.md names). `ticket.json` keeps what the ledger does not (`build`: the settings'
digest, the sources, every other file's SHA-256), so a pack edited or half-deleted since is not current.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent import __version__
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.checking.engine import CheckedCase
from ozon_urgent.findings import Code, Finding, make_finding
from ozon_urgent.i18n import Lang
from ozon_urgent.ledger import Ledger
from ozon_urgent.ledger.queries import Ticket, built_sources, get_ticket
from ozon_urgent.policy import Policy
from ozon_urgent.ticket.render import builtin_templates, shell_word

TICKET_JSON = "ticket.json"


@dataclass(frozen=True, slots=True)
class BuildPrint:
    """What a pack was made from, beyond the case file's hash and the version `ticket.json` already has."""

    settings: str  # SHA-256 of the settings that change a pack
    sources: tuple[str, ...]  # the seller's evidence files (before --fix), in `evidence:` order

    def as_json(self, files: Mapping[str, bytes]) -> dict[str, object]:
        """`ticket.json`'s `build`: this, and the SHA-256 of every other file of the pack."""
        return {"settings_sha256": self.settings, "sources": list(self.sources), "files": pack_digests(files)}


def pack_digests(files: Mapping[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files) if name != TICKET_JSON}


def templates_digest(overrides: Path | None) -> str:
    """The content of every template a run may render: an agency's overrides, then the built-in ones."""
    digest = hashlib.sha256()
    for number, root in enumerate((overrides, builtin_templates())):
        if root is None or not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(f"{number}:{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_digest(
    templates: str, policy: Policy, *, lang: Lang, fix: bool, case_file: str, ledger: str | None, out: str
) -> str:
    """The settings of one case's build that change its pack, as one SHA-256."""
    settings = {
        "templates": templates,
        "policy": policy.model_dump(mode="json"),
        "lang": lang,
        "fix": fix,
        "case_file": case_file,  # FILING.md's commands name it as `build` was given it
        "ledger": ledger,  # and the ledger given with --ledger
        "out": out,  # and the pack's folder, with --out as given
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode("utf-8")).hexdigest()


def seller_sources(checked: CheckedCase, read_limit: int) -> tuple[str, ...] | None:
    """The SHA-256 of each evidence file as the gate would read it; None when one cannot be read so."""
    assert checked.case is not None
    found = []
    for index in range(len(checked.case.evidence)):
        where = checked.located[index]
        if where.verdict != "ok" or where.resolved is None:
            return None
        data = read_evidence(where.resolved, read_limit).data
        if data is None:
            return None
        found.append(hashlib.sha256(data).hexdigest())
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Previous:
    """The case's ticket in the ledger (None: never built nor filed), and the sources it was made from."""

    ticket: Ticket | None
    sources: tuple[str, ...]

    @classmethod
    def read(cls, ledger: Ledger, client_id: str, case_id: str) -> Previous:
        with ledger.read():
            ticket = get_ticket(ledger, client_id, case_id)
            sources = built_sources(ledger, ticket.id) if ticket is not None else ()
        return cls(ticket, tuple(sources))

    @property
    def ticket_file(self) -> str | None:
        """The case file the ticket was recorded from (None: unknown, or no ticket)."""
        return None if self.ticket is None else self.ticket.case_file

    @property
    def filed(self) -> bool:
        return self.ticket is not None and self.ticket.reference is not None


def is_current(target: Path, previous: Previous, case_sha256: str, wanted: BuildPrint) -> bool:
    """Whether the pack at `target` is the one the ledger knows and a build now would make again."""
    ticket = previous.ticket
    if ticket is None or ticket.pack_path != str(target) or ticket.case_sha256 != case_sha256:
        return False
    if sorted(previous.sources) != sorted(wanted.sources):
        return False
    meta = _ticket_meta(target)
    if meta is None or (meta.get("case_sha256"), meta.get("tool_version")) != (case_sha256, __version__):
        return False
    made = meta.get("build")
    settings = (made.get("settings_sha256"), made.get("sources")) if isinstance(made, dict) else None
    if settings != (wanted.settings, list(wanted.sources)):
        return False  # told by ticket.json alone: the pack's other files are read only when it may be current
    on_disk = _pack_on_disk(target)
    return on_disk is not None and made == wanted.as_json(on_disk)


def _ticket_meta(target: Path) -> dict[str, object] | None:
    """The pack's `ticket.json` as a JSON object, or None (missing, not a plain file, not JSON)."""
    path = target / TICKET_JSON
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        meta = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _pack_on_disk(target: Path) -> dict[str, bytes] | None:
    """Every file of the pack folder by its name in the pack; None when it is not a plain pack folder."""
    try:
        if not stat.S_ISDIR(target.lstat().st_mode):
            return None
        files: dict[str, bytes] = {}
        for folder, subfolders, names in os.walk(target):
            for name in (*subfolders, *names):
                path = Path(folder) / name
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                    return None
                if stat.S_ISREG(mode):
                    files[path.relative_to(target).as_posix()] = path.read_bytes()
        return files
    except OSError:
        return None


def up_to_date(result_file: str, target: Path, previous: Previous) -> Finding:
    """B010: the pack is kept as it is; for a filed ticket, the hint says where new evidence goes."""
    ticket = previous.ticket
    params: dict[str, object] = {"pack": str(target), "case_file": shell_word(result_file)}
    variant = ""
    if previous.filed and ticket is not None and ticket.filed_at is not None:
        params.update(reference=ticket.reference, filed_at=ticket.filed_at)
        variant = "filed"
    return make_finding(Code.PACK_UP_TO_DATE, variant, file=result_file, line=None, path=(), params=params)


def filed_pack_kept(result_file: str, case_id: str, ticket: Ticket | None) -> Finding:
    """B011: the ticket is filed, so its pack is the record of what Ozon received and is not replaced."""
    assert ticket is not None and ticket.filed_at is not None
    params = {
        "case_id": case_id,
        "reference": ticket.reference,
        "filed_at": ticket.filed_at,
        "pack": ticket.pack_path,
        "case_file": shell_word(result_file),
    }
    variant = "" if ticket.pack_path else "no_pack"  # recorded with `record` alone, never built
    return make_finding(Code.FILED_PACK_KEPT, variant, file=result_file, line=None, path=(), params=params)


def case_id_filed(result_file: str, line: int | None, client_id: str, ticket: Ticket | None) -> Finding:
    """B001: the id is a filed ticket's of another case file; this case is refused, not taken for it."""
    assert ticket is not None and ticket.filed_at is not None
    params = {
        "case_id": ticket.case_id,
        "client_id": client_id,
        "other": ticket.case_file,
        "other_word": shell_word(ticket.case_file or ""),
        "reference": ticket.reference,
        "filed_at": ticket.filed_at,
    }
    path = ("case_id",) if line is not None else ()
    return make_finding(Code.CASE_ID_TAKEN, "filed", file=result_file, line=line, path=path, params=params)
