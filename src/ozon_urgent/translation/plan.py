"""What `translate` has to do for one case: which fields need DeepL, which are left alone, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from ozon_urgent.casefile.model import Case
from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.translation.glossary import SourceLang

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """Something the user should hear about a case; `key` is a message in the `cli.translate` catalog."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Job:
    """One source text to put into Russian: a part of the explanation, or one evidence caption."""

    mapping: FieldPath  # ("explanation",), ("explanation", "facts" | "changes") or ("evidence", index)
    source: str  # stripped, as hashed
    field: str  # the field the Russian goes into, as findings name it


@dataclass(slots=True)
class Plan:
    source_lang: SourceLang | None
    jobs: list[Job] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def plan_case(case: Case) -> Plan:
    """Jobs for source text that has no Russian yet, or whose Russian was made from a different text.

    Russian without a recorded source hash was written by a person: it is kept, never overwritten.
    """
    explanation = case.explanation
    if explanation is None:
        notes = [Note("no_explanation")]
        if any((item.caption or "").strip() for item in case.evidence):
            notes.append(Note("captions_need_lang"))
        return Plan(None, notes=notes)
    if explanation.source_lang == "ru":
        return Plan(None, notes=[Note("already_russian")])
    plan = Plan(explanation.source_lang)
    parts = [(path, part, (part.text or "").strip()) for path, part in explanation.parts()]
    if not any(text for _, _, text in parts):
        plan.notes.append(Note("empty_text"))
    for path, part, text in parts:  # the facts (the old single text too), then what the store changed
        if text:
            job = Job(path, text, ".".join(str(key) for key in (*path, "ru")))
            _plan_field(plan, job, part.ru, part.ru_source_sha256, reviewed=explanation.ru_reviewed)
    for index, item in enumerate(case.evidence):
        caption = (item.caption or "").strip()
        if caption:
            job = Job(("evidence", index), caption, f"evidence[{index}].caption_ru")
            _plan_field(plan, job, item.caption_ru, item.caption_ru_source_sha256, reviewed=False)
    return plan


def _plan_field(plan: Plan, job: Job, russian: str | None, recorded: str | None, *, reviewed: bool) -> None:
    if not (russian or "").strip():
        plan.jobs.append(job)
    elif recorded is None:
        plan.notes.append(Note("kept_manual", {"target": job.field}))
    elif recorded == source_sha256(job.source):
        plan.notes.append(Note("up_to_date", {"target": job.field}))
    else:
        plan.jobs.append(job)
        if reviewed:
            plan.notes.append(Note("replacing_reviewed", {"target": job.field}))
