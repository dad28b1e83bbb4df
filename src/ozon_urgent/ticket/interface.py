"""The Russian labels of Ozon's seller interface FILING.md names, each sourced (data/ozon_interface.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Label:
    """A label as the Russian screen shows it (`ru`), what it means (`zh`, `en`) and the Ozon page that
    shows it (`source`, with the page's own sentence in `says`)."""

    ru: str
    zh: str
    en: str
    source: str
    says: str


@cache
def interface_labels() -> dict[str, Label]:
    """Every sourced label by its key: FILING's templates name them as `ui.<key>.ru`."""
    text = resources.files("ozon_urgent").joinpath("data/ozon_interface.toml").read_text("utf-8")
    labels = {}
    for key, entry in tomllib.loads(text)["labels"].items():
        label = Label(**{field: str(entry[field]) for field in ("ru", "zh", "en", "source", "says")})
        if label.ru not in label.says or not label.source.startswith("https://"):
            raise ValueError(f"data/ozon_interface.toml: labels.{key} is not shown by its source")
        labels[key] = label
    return labels
