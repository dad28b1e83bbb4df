"""What `pull` prints: each rating in WARNING/CRITICAL with value, thresholds and trend, and its draft."""

from __future__ import annotations

from pathlib import Path

from ozon_urgent.casefile.loader import MAX_CASE_BYTES
from ozon_urgent.catalog import load_catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.seller_api.figures import (
    number_text,
    rating_title,
    say,
    status_text,
    thresholds_text,
    trend_text,
    value_text,
)
from ozon_urgent.seller_api.pull import DraftOutcome, PullResult


def report_lines(result: PullResult, client_id: str, folder: Path, lang: Lang) -> list[str]:
    catalog = load_catalog()
    lines = [say(lang, "report_header", client_id=client_id, count=len(result.summary.ratings))]
    if result.summary.penalty_score_exceeded:
        lines.append("  " + say(lang, "penalty_exceeded"))
    for local in result.summary.localization:
        if local.percent is not None:
            when = local.calculated.isoformat() if local.calculated else "?"
            lines.append("  " + say(lang, "localization", percent=number_text(local.percent), date=when))
    if result.index is not None:
        index = result.index
        lines.append(
            "  "
            + say(
                lang,
                "error_index",
                value=number_text(index.value),
                start=index.start.isoformat(),
                end=index.end.isoformat(),
            )
        )
    if not result.drafts:
        lines.append(say(lang, "all_ok"))
    for draft in result.drafts:
        rating = draft.plan.rating
        lines += [
            "",
            f"{status_text(rating.status, lang)}  {rating_title(rating, catalog, lang)}",
            "  "
            + say(
                lang,
                "figures",
                value=value_text(rating.value, rating.value_type, lang),
                thresholds=thresholds_text(draft.plan.history, rating.value_type, lang),
                trend=trend_text(rating, lang),
            ),
            "  " + _draft_line(draft, lang),
        ]
        if draft.size > MAX_CASE_BYTES:
            lines.append("  " + say(lang, "too_big", size=draft.size, limit=MAX_CASE_BYTES))
    lines += ["", say(lang, "snapshot", file=result.snapshot)]
    if result.drafts:
        lines.append(say(lang, "next", folder=folder))
    return lines


def _draft_line(draft: DraftOutcome, lang: Lang) -> str:
    line = say(lang, "draft", file=draft.path, scenario=draft.plan.scenario.id, postings=draft.postings)
    others = ", ".join(scenario.id for scenario in draft.plan.alternatives)
    return line + (" " + say(lang, "draft_others", scenarios=others) if others else "")
