"""A rating's figures as people read them: its value with unit, its thresholds, its trend, its title."""

from __future__ import annotations

from ozon_urgent import i18n
from ozon_urgent.catalog import Catalog
from ozon_urgent.i18n import Lang
from ozon_urgent.seller_api.ratings import Rating, RatingHistory

TABLE = "cli.pull"


def say(lang: Lang, key: str, **params: object) -> str:
    return i18n.text(lang, TABLE, key, **params)


def number_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def value_text(value: float, value_type: str, lang: Lang) -> str:
    if value_type == "PERCENT":
        return f"{number_text(value)}%"
    if value_type == "TIME":  # Ozon documents its time ratings in seconds
        return say(lang, "seconds", value=number_text(value))
    return number_text(value)


def thresholds_text(history: RatingHistory | None, value_type: str, lang: Lang) -> str:
    parts = []
    if history is not None and history.warning_threshold is not None:
        parts.append(say(lang, "warning_at", value=value_text(history.warning_threshold, value_type, lang)))
    if history is not None and history.danger_threshold is not None:
        parts.append(say(lang, "danger_at", value=value_text(history.danger_threshold, value_type, lang)))
    return say(lang, "separator").join(parts) if parts else say(lang, "thresholds_unknown")


def _code_text(lang: Lang, prefix: str, code: str) -> str:
    """Ozon's enum value in words; a value Ozon adds later is shown as it is."""
    entry = i18n.catalog("en").get(TABLE, {})
    return say(lang, f"{prefix}{code}") if f"{prefix}{code}" in entry else code


def trend_text(rating: Rating, lang: Lang) -> str:
    past = "?" if rating.past is None else value_text(rating.past, rating.value_type, lang)
    return say(
        lang,
        "trend",
        past=past,
        value=value_text(rating.value, rating.value_type, lang),
        direction=_code_text(lang, "trend_", rating.direction),
        meaning=_code_text(lang, "trend_", rating.meaning),
    )


def status_text(status: str, lang: Lang) -> str:
    return _code_text(lang, "status_", status)


def rating_title(rating: Rating, catalog: Catalog, lang: Lang) -> str:
    """A known key by the tool's own name for it; any other key by the `name` Ozon sent."""
    known = catalog.metrics.get(rating.key)
    name = known(lang) if known is not None else f"«{rating.name}»"
    return rating.key + i18n.punctuation(lang).parenthesized(name)
