"""One case through `translate`: read, plan, ask the engine, edit the YAML, write it safely or show a diff."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ozon_urgent.casefile.back_plausibility import repeated_backs, suspicion
from ozon_urgent.casefile.loader import MAX_CASE_BYTES
from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.catalog import load_catalog
from ozon_urgent.findings import Phrase
from ozon_urgent.translation.case_source import CaseFailedError, read_case_source
from ozon_urgent.translation.engine import Engine, ServiceError
from ozon_urgent.translation.plan import BackJob, Job, Note, Plan, back_job, plan_case
from ozon_urgent.translation.safe_write import (
    FileChangedError,
    folder_writable,
    is_read_only,
    replace_if_unchanged,
)
from ozon_urgent.translation.yaml_edit import EditError, FieldUpdate, apply_updates

BOM = b"\xef\xbb\xbf"
# Where new keys go: after the nearest of these that the mapping already has.
BACK = ("ru_back", "ru_back_sha256", "ru_back_by")
EXPLANATION_ORDER = ("source_lang", "text", "ru", "ru_reviewed", "ru_source_sha256", *BACK)
PART_ORDER = ("text", "ru", "ru_source_sha256", *BACK)  # explanation.facts, explanation.changes
EVIDENCE_ORDER: tuple[str, ...] = ("file", "kind", "covers", "date", "caption", "caption_ru")
EVIDENCE_ORDER += ("caption_ru_source_sha256", "caption_ru_back", "caption_ru_back_sha256")
EVIDENCE_ORDER += ("caption_ru_back_by",)


@dataclass(slots=True)
class CaseOutcome:
    display: str
    notes: list[Note] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # the fields written: Russian, back-translations
    read: list[str] = field(default_factory=list)  # dry run without a key: the source fields to be sent
    characters: int = 0  # billed by the engine for this case; without a key, the source characters to send
    back_characters: int = 0  # of `characters`, those billed for the back-translations
    diff: str = ""  # --dry-run: what would change
    unsent: bool = False  # --dry-run without a key: the fields counted, nothing sent
    backup: str = ""  # where the previous version was kept, as the user named the case file


def translate_case(
    path: Path,
    display: str,
    translator: Callable[[], Engine] | None,
    *,
    dry_run: bool,
) -> CaseOutcome:
    """Translate what one case needs; raises CaseFailedError (file unchanged) or ServiceError (the engine).

    `translator` None: no engine has a key. A dry run then counts the fields that would be sent and their
    characters, and nothing leaves the machine; a real run that needs Russian stops with `no_key`, which
    says how to go on by hand. Russian that only lacks its back-translation is left as it is.
    """
    source = read_case_source(path, display)
    plan = plan_case(source.case)
    outcome = CaseOutcome(display, list(plan.notes))
    if not plan.jobs and not plan.back:
        return outcome
    if translator is None:
        if plan.jobs and not dry_run:
            raise ServiceError("no_key")
        if plan.back:
            outcome.notes.append(
                Note("back_needs_engine", {"fields": ", ".join(job.field for job in plan.back)})
            )
        if plan.jobs:
            outcome.read = [job.read for job in plan.jobs]
            outcome.fields = [job.field for job in plan.jobs]
            outcome.fields += [back_job(job, job.source).field for job in plan.jobs]
            outcome.characters = sum(len(job.source) for job in plan.jobs)
            outcome.unsent = True
        return outcome
    if not dry_run:
        # Refused before DeepL is paid for a translation that could not be saved.
        if is_read_only(path):
            raise CaseFailedError("read_only", {"file": display})
        if not folder_writable(path):
            raise CaseFailedError("folder_read_only", {"file": display, "folder": str(path.parent)})
    engine = translator()
    billed = engine.billed_characters
    updates, back = _translated_updates(plan, source.case, engine)
    forward = engine.billed_characters  # what follows is billed for the back-translations
    back_updates, suspects = _back_updates(back, plan, engine)
    updates += back_updates
    outcome.notes += suspects
    try:
        new_text = apply_updates(source.text, updates)
    except EditError as exc:
        raise CaseFailedError("edit_failed", {"file": display, "detail": str(exc)}) from None
    data = (BOM if source.bom else b"") + new_text.encode("utf-8")
    if len(data) > MAX_CASE_BYTES:
        raise CaseFailedError("too_big", {"file": display, "size": len(data), "limit": MAX_CASE_BYTES})
    outcome.fields = [job.field for job in plan.jobs] + [job.field for job in back]
    outcome.characters = engine.billed_characters - billed
    outcome.back_characters = engine.billed_characters - forward
    if dry_run:
        outcome.diff = unified_diff(source.text, new_text, display)
        return outcome
    try:
        backup = replace_if_unchanged(path, data, source.sha256)
        outcome.backup = str(backup) if path.is_symlink() else f"{display}.bak"
    except FileChangedError:
        raise CaseFailedError("changed", {"file": display}) from None
    except OSError as exc:
        raise CaseFailedError("write_failed", {"file": display, "detail": exc.strerror or str(exc)}) from None
    return outcome


def unified_diff(before: str, after: str, display: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), display, display
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def explanation_context(case: Case) -> str:
    """What the engine reads around the text, not translating it (DeepL): who writes to whom about what."""
    return (
        "A seller's explanation in a support ticket to Ozon, the Russian marketplace, asking for an urgent "
        "review of a decision about the store's performance metrics. Обращение продавца в службу поддержки "
        "Ozon с просьбой срочно пересмотреть решение по показателям магазина." + _scenario(case)
    )


def caption_context(case: Case) -> str:
    return (
        "Caption of an evidence file attached to a support ticket to Ozon. Подпись к документу, "
        "приложенному к обращению в службу поддержки Ozon." + _scenario(case)
    )


def _scenario(case: Case) -> str:
    scenario = load_catalog().scenarios.get(case.scenario)
    if scenario is None:
        return ""
    return f" Scenario: {scenario.names.en}. Ситуация: {scenario.names.ru}."


def _translated_updates(plan: Plan, case: Case, engine: Engine) -> tuple[list[FieldUpdate], list[BackJob]]:
    """The Russian of each job, and the back-translations needed: the new Russian's, then the kept."""
    assert plan.source_lang is not None  # a plan has jobs only when it knows the source language
    explanation = [job for job in plan.jobs if job.mapping[0] == "explanation"]
    captions = [job for job in plan.jobs if job.mapping[0] != "explanation"]
    russian: dict[Job, str] = {}
    for jobs, context in ((explanation, explanation_context(case)), (captions, caption_context(case))):
        if jobs:
            fields = [job.read for job in jobs]
            texts = engine.translate([job.source for job in jobs], plan.source_lang, context, fields)
            russian.update(zip(jobs, texts, strict=True))
    back = [back_job(job, russian[job]) for job in plan.jobs if russian[job].strip()] + plan.back
    # New keys are inserted in the order given, so each mapping's updates follow its field order.
    # Machine Russian, in the explanation or in a caption, waits for a person's review again; a
    # back-translation alone changes no Russian and needs no new review.
    updates = [_update(("explanation",), "ru_reviewed", False, EXPLANATION_ORDER)] if plan.jobs else []
    for job in explanation:
        order = EXPLANATION_ORDER if job.mapping == ("explanation",) else PART_ORDER
        updates[0:0] = [_update(job.mapping, "ru", russian[job], order)]
        updates.append(_update(job.mapping, "ru_source_sha256", source_sha256(job.source), order))
    for job in captions:
        updates += [
            _update(job.mapping, "caption_ru", russian[job], EVIDENCE_ORDER),
            _update(job.mapping, "caption_ru_source_sha256", source_sha256(job.source), EVIDENCE_ORDER),
        ]
    return updates, back


def _back_updates(back: list[BackJob], plan: Plan, engine: Engine) -> tuple[list[FieldUpdate], list[Note]]:
    """`ru_back` and the SHA-256 of the Russian it was made from, for each field in `back`; a note for
    each back-translation that looks failed (back_plausibility), which the seller's copy will flag too."""
    if not back:
        return [], []
    assert plan.source_lang is not None
    texts = engine.back_translate([job.russian for job in back], plan.source_lang)
    repeated = repeated_backs(zip([job.russian for job in back], texts, strict=True))
    updates, notes = [], []
    for job, text in zip(back, texts, strict=True):
        why = suspicion(job.russian, text, plan.source_lang, repeated)
        if why is not None:
            notes.append(
                Note("back_suspect", {"target": job.field, "why": Phrase("cli.translate", f"suspect_{why}")})
            )
        order: tuple[str, ...] = EVIDENCE_ORDER
        if job.mapping[0] != "evidence":
            order = EXPLANATION_ORDER if job.mapping == ("explanation",) else PART_ORDER
        updates += [
            _update(job.mapping, f"{job.prefix}_back", text, order),
            _update(job.mapping, f"{job.prefix}_back_sha256", source_sha256(job.russian), order),
            # Who made it, for the copy's label: a person's `person` is replaced, it no longer is theirs.
            _update(job.mapping, f"{job.prefix}_back_by", engine.settings.engine, order),
        ]
    return updates, notes


def _update(
    mapping: tuple[str | int, ...], key: str, value: str | bool, order: tuple[str, ...]
) -> FieldUpdate:
    before = order[: order.index(key)]
    return FieldUpdate(mapping, key, value, tuple(reversed(before)))
