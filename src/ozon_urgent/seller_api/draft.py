"""A draft case file for one rating: real IDs and dates from the API, TODOs where only the seller can answer.

Postings are spooled to disk as they stream in, so 10,000 of them cost a file, not memory. The draft is a
valid case (docs/case-file.md) that `check` reports as incomplete until the evidence and the explanation
are there.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO

from ozon_urgent import i18n
from ozon_urgent.casefile.placeholders import STORE_NAME
from ozon_urgent.catalog import UNWINDOWED_SPAN_DAYS, Catalog, Scenario
from ozon_urgent.i18n import Lang
from ozon_urgent.seller_api.error_index import PostingDates, PostingError
from ozon_urgent.seller_api.figures import rating_title, status_text, thresholds_text, trend_text, value_text
from ozon_urgent.seller_api.files import publish
from ozon_urgent.seller_api.plan import DraftPlan
from ozon_urgent.seller_api.ratings import Rating

# The case model's posting-number format (model.PostingNumber): anything else would fail validation.
POSTING_NUMBER = re.compile(r"\d+-\d{4}-\d+")


def _comment(lang: Lang, key: str, **params: object) -> str:
    return i18n.text(lang, "cli.pull.draft", key, **params)


def _then(lang: Lang, first: str, more: str) -> str:
    """Two phrases of a comment one after the other: a space in English, none in Chinese."""
    return first + _comment(lang, "then") + more


def quoted(text: str) -> str:
    """A YAML double-quoted scalar. JSON's syntax is valid YAML; \\u escapes keep odd characters legal."""
    return json.dumps(text, ensure_ascii=True)


def comment(text: str) -> str:
    """Text from the API made safe for a YAML comment: one line, printable characters only."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def _range(span: tuple[date, date]) -> str:
    return f"{{from: {span[0].isoformat()}, to: {span[1].isoformat()}}}"


class DraftWriter:
    """Collects one rating's postings, then writes its draft case file."""

    def __init__(self, plan: DraftPlan, folder: Path, catalog: Catalog, lang: Lang) -> None:
        self.plan = plan
        self._catalog = catalog
        self._lang = lang
        # Closed by __exit__: the writer lives across the whole stream of postings.
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)  # noqa: SIM115
        # Only the numbers, to list each posting once: ~60 bytes each, 0.6 MB for 10,000.
        self._seen: set[str] = set()
        self.count = 0
        self.dated = 0  # postings listed with their error type and dates
        self.kinds: set[str] = set()
        self.first: date | None = None
        self.last: date | None = None
        self.schemes: set[str] = set()  # FBS / rFBS of the postings read, from tpl_integration_type
        self.carriers: set[str] = set()

    def wants(self, error: PostingError) -> bool:
        return error.kind in self.plan.posting_errors

    def add(self, error: PostingError, dates: PostingDates | None) -> None:
        if error.number in self._seen:
            return
        self._seen.add(error.number)
        if not POSTING_NUMBER.fullmatch(error.number):
            note = _comment(self._lang, "posting_bad", value=comment(error.number))
            self._spool.write(f"    # {note}\n")
            return
        self.count += 1
        self.kinds.add(error.kind)
        self.first = error.at if self.first is None else min(self.first, error.at)
        self.last = error.at if self.last is None else max(self.last, error.at)
        # Past the postings with dates, bare numbers: 10,000 of them still fit a case file (256 KiB).
        note = ""
        if dates is not None:
            self.dated += 1
            self.schemes.add(dates.scheme or "?")
            self.carriers.update([dates.carrier] if dates.carrier else [])
            note = f"   # {self._posting_note(error, dates)}"
        self._spool.write(f"    - {quoted(error.number)}{note}\n")

    def _posting_note(self, error: PostingError, dates: PostingDates) -> str:
        lang = self._lang
        parts = [f"{error.kind} {error.at.isoformat()}"]
        if error.grace:
            parts.append(_comment(lang, "grace"))
        if dates.ship_by:
            parts.append(_comment(lang, "ship_by", date=dates.ship_by.isoformat()))
        if dates.handed_over:
            parts.append(_comment(lang, "handed_over", date=dates.handed_over.isoformat()))
        if dates.tracking:
            parts.append(_comment(lang, "tracking", value=dates.tracking))
        if dates.status:
            parts.append(dates.status)
        if dates.cancel_reason:
            parts.append(_comment(lang, "cancelled", reason=dates.cancel_reason))
        return comment(_comment(lang, "parts").join(parts))

    def publish(self, folder: Path, snapshot: str, client_id: str, today: date) -> Path:
        with tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder) as whole:
            whole.write(self._head(snapshot, client_id, today))
            self._spool.seek(0)
            for line in self._spool:
                whole.write(line)
            whole.write(self._tail())
            return publish(whole, folder, self.plan.stem, ".yaml")

    def _head(self, snapshot: str, client_id: str, today: date) -> str:
        plan, lang = self.plan, self._lang
        rating = plan.rating
        figures = _comment(
            lang,
            "figures",
            status=status_text(rating.status, lang),
            value=value_text(rating.value, rating.value_type, lang),
            thresholds=thresholds_text(plan.history, rating.value_type, lang),
            trend=trend_text(rating, lang),
        )
        title = rating_title(rating, self._catalog, lang)
        lines = [
            "# yaml-language-server: $schema=case.schema.json",
            f"# {_comment(lang, 'header', today=today.isoformat(), title=comment(title))}",
            f"# {comment(figures)}",
            f"# {_comment(lang, 'trace', snapshot=snapshot)}",
            "#",
            *self._scenario_lines(),
            "#",
            f"# {_comment(lang, 'todo', file=plan.stem + '.yaml')}",
            "",
            f"scenario: {plan.scenario.id}",
            "seller:",
            f"  store_name: {quoted(STORE_NAME)}   # {_comment(lang, 'store_name')}",
            f"  client_id: {quoted(client_id)}",
            "notification:",
            f"  received: {plan.received.isoformat()}   # {self._received_note()}",
            f"  metric: {quoted(self._metric(rating))}",
            *self._delivery(),
            "affected:",
        ]
        if self.count:
            note = _comment(
                lang,
                "postings",
                count=self.count,
                kinds=", ".join(sorted(self.kinds)),
                first=self.first.isoformat() if self.first else "?",
                last=self.last.isoformat() if self.last else "?",
            )
            if self.dated < self.count:
                note = _then(lang, note, _comment(lang, "details_capped", limit=self.dated))
            lines.append(f"  postings:   # {note}")
        else:
            key = "postings_none" if plan.posting_errors else "postings_not_indexed"
            lines.append(f"  postings: []   # {_comment(lang, key)}")
        return "\n".join(lines) + "\n"

    def _delivery(self) -> list[str]:
        """The sales scheme when every posting read agrees on one, and on rFBS its one carrier; else a
        commented line to fill in, so the draft stays valid and C196 asks for what is missing."""
        lang = self._lang
        carrier_todo = f'  # carrier: ""   # {_comment(lang, "carrier_todo")}'
        if len(self.schemes) == 1 and "?" not in self.schemes:
            (scheme,) = self.schemes
            lines = [
                "delivery:",
                f"  scheme: {scheme}   # {_comment(lang, 'delivery_api', count=self.dated)}",
            ]
            if len(self.carriers) == 1:
                return [*lines, f"  carrier: {quoted(next(iter(self.carriers)))}"]
            return [*lines, carrier_todo]
        known = sorted(self.schemes - {"?"})
        note = (
            _comment(lang, "delivery_mixed", schemes=", ".join(known))
            if len(known) > 1
            else _comment(lang, "delivery_unknown")
        )
        return [f'# delivery: {{scheme: FBS, carrier: ""}}   # {note}']

    def _scenario_lines(self) -> list[str]:
        plan, lang = self.plan, self._lang
        if not plan.alternatives:
            return [
                f"# {_comment(lang, 'single', scenario=plan.scenario.id, name=plan.scenario.names(lang))}"
            ]
        lines = [f"# {_comment(lang, 'choice')}"]
        for scenario in (plan.scenario, *plan.alternatives):
            lines.append(f"#   - {self._scenario_summary(scenario)}")
        return lines

    def _requests(self, scenario: Scenario) -> str:
        """The scenario's requests to choose from: under zh each with its Chinese name (a bare English key is
        no word to a mainland seller), in English the keys."""
        if self._lang == "zh":
            return self._catalog.glossed("requests", scenario.requests, "zh", code=False)
        return " | ".join(scenario.requests)

    def _scenario_summary(self, scenario: Scenario) -> str:
        kinds = ", ".join(" / ".join(group) for group in scenario.evidence)
        return _comment(
            self._lang,
            "choice_line",
            scenario=scenario.id,
            name=scenario.names(self._lang),
            requests=self._requests(scenario),
            kinds=kinds,
        )

    def _metric(self, rating: Rating) -> str:
        """The key when the letter knows its Russian name; else the name Ozon itself sent, which the
        letter quotes as it is (C195 asks for a name when neither is Russian)."""
        if rating.key in self._catalog.metrics or not any("а" <= c.lower() <= "я" for c in rating.name):
            return rating.key
        return " ".join(rating.name.split())

    def _received_note(self) -> str:
        plan, lang = self.plan, self._lang
        if plan.received_from_history:
            return _comment(lang, "received_history", status=status_text(plan.rating.status, lang))
        return _comment(lang, "received_today")

    def _tail(self) -> str:
        plan, lang = self.plan, self._lang
        scenario = plan.scenario
        if plan.period_from_history:
            period_note = _comment(lang, "period_history")
        else:
            period_note = _comment(lang, "period_window", days=plan.window_days or UNWINDOWED_SPAN_DAYS)
        if self.first and self.last:
            errors = _comment(lang, "period_errors", first=self.first.isoformat(), last=self.last.isoformat())
            period_note = _then(lang, period_note, errors)
        request = f"request: {scenario.requests[0]}"
        if len(scenario.requests) > 1:
            request += f"   # {_comment(lang, 'request_choice', requests=self._requests(scenario))}"
        lines = [
            f"period: {_range(plan.period)}   # {period_note}",
            request,
            "explanation:",
            f"  source_lang: zh   # {i18n.text(lang, 'cli.init', 'source_lang')}",
            f'  text: ""   # {_comment(lang, "text")}',
            f'  ru: ""   # {_comment(lang, "ru")}',
            "  ru_reviewed: false",
            "evidence:",
        ]
        for group in scenario.evidence:
            lines += self._evidence_entry(group)
        return "\n".join(lines) + "\n"

    def _evidence_entry(self, group: tuple[str, ...]) -> list[str]:
        lang = self._lang
        kind = group[0]
        known = self._catalog.kinds[kind]
        # A video kind is accepted as JPEG key frames, so its TODO is a JPEG; a link also does (C130).
        suffix = "jpg" if known.video else "pdf"
        note = _comment(lang, "evidence", name=known.names(lang))
        if len(group) > 1:
            note = _then(lang, note, _comment(lang, "evidence_or", kinds=", ".join(group[1:])))
        if known.video:
            note = _then(lang, note, _comment(lang, "video"))
        return [
            f"  - file: evidence/TODO-{kind}.{suffix}   # {note}",
            f"    kind: {kind}",
            f"    covers: {_range(self.plan.covers)}",
        ]

    def __enter__(self) -> DraftWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._spool.close()
