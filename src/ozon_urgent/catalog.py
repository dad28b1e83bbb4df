"""The scenario catalog shipped as package data: scenarios, evidence kinds, requests, ID kinds, metrics."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

from ozon_urgent.i18n import Lang

# The one list of ID kinds a case can name, in the order tickets list them; the case model's `affected`
# has exactly these fields, and every table keyed by kind (labels, ledger rows) follows this order.
IdKind = Literal["postings", "orders", "skus", "products", "offer_ids"]
ID_KINDS: tuple[IdKind, ...] = get_args(IdKind)

# The days before the notification that a new case's dates (`init`'s skeleton, `pull`'s drafts) propose
# when its scenario has no rolling window (Scenario.window_days and the policy's windows say none).
UNWINDOWED_SPAN_DAYS = 30


@dataclass(frozen=True, slots=True)
class Names:
    ru: str
    zh: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EvidenceKind:
    id: str
    names: Names
    video: bool = False
    # What a file of this kind must show for its claim (C200), each one of MUST_SHOW.
    must_show: tuple[str, ...] = ()
    # The Russian name over a single posting, where `names.ru` counts postings in the plural («данные
    # отслеживания отправлений» of one posting reads as a mistake to an Ozon agent).
    ru_one: str | None = None

    def ru_for(self, postings: int) -> str:
        """The Russian name of a file about `postings` postings (0: not known, the plural name)."""
        return self.ru_one if postings == 1 and self.ru_one else self.names.ru


# What `must_show` may ask of a file, each something the index of what a file shows can tell
# (checking.proof): a date, a posting number, an amount, a number in Ozon's format (nine digits).
MUST_SHOW = ("date", "postings", "amount", "ozon_number")


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    names: Names
    evidence: tuple[tuple[str, ...], ...]
    requests: tuple[str, ...]
    ids: tuple[IdKind, ...]
    ids_mode: Literal["any", "all", "warn_if_empty"]
    period_required: bool
    window_days: int | None = None
    metric: str | None = None
    metric_required: bool = False  # the request names the metric it is about (C195)
    changes_required: bool = False  # about the store's own performance: what it changed (C194)
    # What the case must say of `delivery:` (C196): "scheme", and "carrier" where a carrier failed.
    delivery_required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    scenarios: dict[str, Scenario]
    kinds: dict[str, EvidenceKind]
    requests: dict[str, Names]
    metrics: dict[str, Names]
    ineligible_scenarios: frozenset[str]
    ineligible_words: tuple[str, ...]
    id_kinds: dict[str, Names]
    # Each metric's Russian name in the genitive (`ru_gent`), for the subject line.
    metrics_gent: dict[str, str]

    def glossed(
        self, section: Literal["requests", "id_kinds"], keys: Iterable[str], lang: Lang, *, code: bool = True
    ) -> str:
        """Keys as a list the reader can act on: under zh each with its Chinese name beside it
        (`restore_listing`（恢复商品上架）、`skus`（SKU）), a bare English key being no word to a mainland
        seller; in English the keys alone, already words."""
        names = self.requests if section == "requests" else self.id_kinds
        mark = "`" if code else ""
        if lang == "en":
            return ", ".join(f"{mark}{key}{mark}" for key in keys)
        return "、".join(f"{mark}{key}{mark}（{names[key].zh}）" for key in keys)

    def metric_ru(self, scenario: Scenario, given: str | None) -> str | None:
        """The metric the letter names, in Ozon's Russian: the case's key (`rating_on_time`) or the name
        copied from Seller Center in Russian, else the scenario's own metric; None when the key has no
        Russian name here (the letter never shows a raw key)."""
        metric = (given or "").strip() or scenario.metric
        if metric is None:
            return None
        if metric in self.metrics:
            return self.metrics[metric].ru
        return metric if _CYRILLIC.search(metric) else None  # a key is never Cyrillic

    def metric_ru_gent(self, scenario: Scenario, given: str | None) -> str | None:
        """The metric `metric_ru` names, in the genitive («доли возвратов»); None for a name copied from
        Seller Center, which the tool does not inflect, and where no metric is known."""
        metric = (given or "").strip() or scenario.metric
        return self.metrics_gent.get(metric) if metric else None


def guess_scenario(value: str, catalog: Catalog) -> str | None:
    """The scenario a mistyped name most likely means: `carrier-failure`, `Carrier Failure`, a scenario's
    Chinese, Russian or English name (`承运商问题`), or a near spelling; None when nothing is close."""
    import difflib

    wanted = value.strip()
    normal = "_".join(wanted.lower().replace("-", " ").split())
    if normal in catalog.scenarios:
        return normal
    for key, scenario in catalog.scenarios.items():
        names = scenario.names
        if wanted.lower() in (names.zh.lower(), names.ru.lower(), names.en.lower()):
            return key
    close = difflib.get_close_matches(normal, list(catalog.scenarios), n=1)
    return close[0] if close else None


def _names(table: dict[str, object]) -> Names:
    return Names(ru=str(table["ru"]), zh=str(table["zh"]), en=str(table["en"]))


def _must_show(kind: str, wanted: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    unknown = [need for need in wanted if need not in MUST_SHOW]
    if unknown:
        raise ValueError(f"catalog: kinds.{kind}.must_show has {unknown}, not one of {MUST_SHOW}")
    return tuple(wanted)


@cache
def load_catalog() -> Catalog:
    raw = tomllib.loads(resources.files("ozon_urgent").joinpath("data/catalog.toml").read_text("utf-8"))
    scenarios = {
        sid: Scenario(
            id=sid,
            names=_names(s),
            evidence=tuple(tuple(group) for group in s["evidence"]),
            requests=tuple(s["requests"]),
            ids=tuple(s["ids"]),
            ids_mode=s["ids_mode"],
            period_required=bool(s["period_required"]),
            window_days=s.get("window_days"),
            metric=s.get("metric"),
            metric_required=bool(s.get("metric_required", False)),
            changes_required=bool(s.get("changes_required", False)),
            delivery_required=tuple(s.get("delivery_required", ())),
        )
        for sid, s in raw["scenarios"].items()
    }
    kinds = {
        kid: EvidenceKind(
            id=kid,
            names=_names(k),
            video=bool(k.get("video", False)),
            must_show=_must_show(kid, k.get("must_show", ())),
            ru_one=k.get("ru_one"),
        )
        for kid, k in raw["kinds"].items()
    }
    return Catalog(
        scenarios=scenarios,
        kinds=kinds,
        requests={rid: _names(r) for rid, r in raw["requests"].items()},
        metrics={mid: _names(m) for mid, m in raw["metrics"].items()},
        ineligible_scenarios=frozenset(raw["ineligible"]["scenarios"]),
        ineligible_words=tuple(raw["ineligible"]["notification_words"]),
        id_kinds={kind: _names(raw["id_kinds"][kind]) for kind in ID_KINDS},
        metrics_gent={mid: str(m["ru_gent"]) for mid, m in raw["metrics"].items()},
    )
