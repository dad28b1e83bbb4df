"""`pull` without the CLI: read the ratings, stream the error index into drafts, keep a snapshot."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ozon_urgent import __version__
from ozon_urgent.catalog import load_catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import policy_for
from ozon_urgent.seller_api.draft import POSTING_NUMBER, DraftWriter
from ozon_urgent.seller_api.endpoints import (
    FBS_INDEX_INFO,
    FBS_INDEX_POSTINGS,
    FBS_POSTING,
    RATING_HISTORY,
    RATING_SUMMARY,
)
from ozon_urgent.seller_api.error_index import (
    ErrorIndex,
    PostingDates,
    posting_list_request,
    read_index,
    read_posting,
    stream_posting_errors,
)
from ozon_urgent.seller_api.plan import DraftPlan, plan_draft
from ozon_urgent.seller_api.ratings import HistoryAnswer, RatingSummary, read_history, read_summary
from ozon_urgent.seller_api.scenarios import load_rating_scenarios
from ozon_urgent.seller_api.snapshot import Snapshot
from ozon_urgent.seller_api.transport import Poster

HISTORY_DAYS = 90  # as far back as evidence stays fresh (policy stale_after_days)
# Posting dates cost one call each; past this many the draft lists numbers only (the snapshot says so).
DETAILS_LIMIT = 50


@dataclass(frozen=True, slots=True)
class PullOptions:
    out: Path
    today: date
    since: date | None
    client_id: str
    api_url: str
    lang: Lang
    details_limit: int = DETAILS_LIMIT


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    plan: DraftPlan
    path: Path
    postings: int
    size: int  # bytes, so the CLI can warn when a draft is over a case file's limit


@dataclass(frozen=True, slots=True)
class PullResult:
    summary: RatingSummary
    drafts: tuple[DraftOutcome, ...]
    index: ErrorIndex | None
    snapshot: Path


def run_pull(client: Poster, options: PullOptions) -> PullResult:
    """Everything is read before anything is published: a failed call leaves no half-written draft."""
    catalog = load_catalog()
    policy = policy_for(options.out, None)
    fits = load_rating_scenarios()
    summary = read_summary(client)
    troubled = summary.troubled()
    history: HistoryAnswer | None = None
    if troubled:
        start = options.since or options.today - timedelta(days=HISTORY_DAYS)
        history = read_history(client, [rating.key for rating in troubled], start, options.today)
    plans = [
        plan_draft(
            rating,
            history.ratings.get(rating.key) if history else None,
            fits.fit(rating.key),
            catalog,
            policy,
            options.today,
        )
        for rating in troubled
    ]
    options.out.mkdir(parents=True, exist_ok=True)
    meta: dict[str, object] = {
        "tool": f"ozon-urgent {__version__}",
        "today": options.today.isoformat(),
        "api_url": options.api_url,
        "client_id": options.client_id,
    }
    with ExitStack() as stack:
        snapshot = stack.enter_context(Snapshot(options.out, meta))
        snapshot.section("rating_summary", {"endpoint": RATING_SUMMARY.path, "response": summary.raw})
        if history is not None:
            snapshot.section(
                "rating_history",
                {"endpoint": RATING_HISTORY.path, "request": history.request, "response": history.raw},
            )
        writers = [
            stack.enter_context(DraftWriter(plan, options.out, catalog, options.lang)) for plan in plans
        ]
        index = None
        if any(plan.posting_errors for plan in plans):
            index = _stream_postings(client, options, snapshot, writers)
        snapshot_path = snapshot.publish(options.out, f"ratings-{options.today.isoformat()}")
        drafts = _publish_drafts(writers, snapshot_path, options)
    return PullResult(summary, drafts, index, snapshot_path)


def _stream_postings(
    client: Poster, options: PullOptions, snapshot: Snapshot, writers: list[DraftWriter]
) -> ErrorIndex:
    index = read_index(client)
    snapshot.section("fbs_error_index", {"endpoint": FBS_INDEX_INFO.path, "response": index.raw})
    start, end = (options.since, options.today) if options.since else (index.start, index.end)
    request = posting_list_request(start, end)
    snapshot.begin_list(
        "fbs_error_postings", {"endpoint": FBS_INDEX_POSTINGS.path, "request": request}, "errors"
    )
    details: dict[str, PostingDates] = {}  # at most details_limit entries
    for error in stream_posting_errors(client, start, end):
        snapshot.item(error.raw)
        wanting = [writer for writer in writers if writer.wants(error)]
        if not wanting:
            continue
        dates = details.get(error.number)
        if dates is None and len(details) < options.details_limit and POSTING_NUMBER.fullmatch(error.number):
            dates = details[error.number] = read_posting(client, error.number)
        for writer in wanting:
            writer.add(error, dates)
    snapshot.end_list()
    snapshot.section(
        "fbs_postings",
        {
            "endpoint": FBS_POSTING.path,
            "note": f"dates of the first {options.details_limit} affected postings; buyers' data removed",
            "results": [dates.raw for dates in details.values()],
        },
    )
    return index


def _publish_drafts(
    writers: list[DraftWriter], snapshot_path: Path, options: PullOptions
) -> tuple[DraftOutcome, ...]:
    written: list[DraftOutcome] = []
    try:
        for writer in writers:
            path = writer.publish(options.out, snapshot_path.name, options.client_id, options.today)
            written.append(DraftOutcome(writer.plan, path, writer.count, path.stat().st_size))
    except BaseException:
        # All or nothing: a disk that fills up half-way leaves no partial set of drafts behind.
        for outcome in written:
            outcome.path.unlink(missing_ok=True)
        snapshot_path.unlink(missing_ok=True)
        raise
    return tuple(written)
