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
    read: str = ""  # the field the source comes from, as findings name it


@dataclass(frozen=True, slots=True)
class BackJob:
    """Russian to put back into the seller's language, so the seller can read what is filed."""

    mapping: FieldPath
    russian: str  # stripped, as hashed
    field: str  # the field the back-translation goes into
    prefix: str  # "ru" (explanation) or "caption_ru" (evidence): the keys are <prefix>_back(_sha256)


@dataclass(slots=True)
class Plan:
    source_lang: SourceLang | None
    jobs: list[Job] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # Russian already in the file (by hand or translated earlier) with no back-translation of it yet.
    back: list[BackJob] = field(default_factory=list)


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
        name = ".".join(str(key) for key in path)
        if text:
            job = Job(path, text, f"{name}.ru", f"{name}.text")
            _plan_field(plan, job, part.ru, part.ru_source_sha256, reviewed=explanation.ru_reviewed)
        if not any(job.mapping == path for job in plan.jobs):
            _plan_back(
                plan, BackJob(path, (part.ru or "").strip(), f"{name}.ru_back", "ru"), part.ru_back_sha256
            )
    for index, item in enumerate(case.evidence):
        caption = (item.caption or "").strip()
        path = ("evidence", index)
        if caption:
            job = Job(path, caption, f"evidence[{index}].caption_ru", f"evidence[{index}].caption")
            _plan_field(plan, job, item.caption_ru, item.caption_ru_source_sha256, reviewed=False)
        if not any(job.mapping == path for job in plan.jobs):
            back = BackJob(
                path, (item.caption_ru or "").strip(), f"evidence[{index}].caption_ru_back", "caption_ru"
            )
            _plan_back(plan, back, item.caption_ru_back_sha256)
    return plan


def back_job(job: Job, russian: str) -> BackJob:
    """The back-translation a freshly translated field needs."""
    if job.mapping[0] == "explanation":
        return BackJob(job.mapping, russian.strip(), job.field + "_back", "ru")
    return BackJob(job.mapping, russian.strip(), job.field + "_back", "caption_ru")


def _plan_back(plan: Plan, job: BackJob, recorded: str | None) -> None:
    """Russian that is kept needs a back-translation when it has none, or one made from other Russian."""
    if job.russian and recorded != source_sha256(job.russian):
        plan.back.append(job)


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
