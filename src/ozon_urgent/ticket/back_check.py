"""What the seller can check of a Russian text they cannot read: its back-translation.

`translate` keeps beside each Russian text (a part's `ru`, an evidence's `caption_ru`) a back-translation
into the seller's language, the SHA-256 of the Russian it was made from and the engine that made it
(`ru_back_by`; `person` where a person wrote it). The seller's copy shows the back-translation only while
that hash still matches the Russian filed: once the Russian is edited by hand, the old back-translation
says nothing about it, and the copy says so instead. One that cannot be a rendering of its Russian
(back_plausibility) is shown with a warning, never as the meaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ozon_urgent.casefile.back_plausibility import BackLang, Suspicion, suspicion
from ozon_urgent.casefile.model import BackBy
from ozon_urgent.casefile.provenance import source_sha256

# checked: `text` is the back-translation of the Russian filed; stale: the Russian changed since it was
# made (or nothing ties it to one), so it is not shown; unchecked: the Russian has none at all (written
# by hand, or translated before back-translations were kept).
BackState = Literal["checked", "stale", "unchecked"]


@dataclass(frozen=True, slots=True)
class BackTranslation:
    state: BackState
    text: str | None = None  # only when checked
    by: BackBy | None = None  # who made it; None: machine work from before the engine was recorded
    suspect: Suspicion | None = None  # checked, yet no faithful rendering of the Russian looks like it

    @property
    def quoted(self) -> str:
        """The back-translation as a Markdown quote, every line marked, so it stands apart from the
        seller's own words."""
        return "\n".join(f"> {line}".rstrip() for line in (self.text or "").strip().splitlines())

    @property
    def one_line(self) -> str:
        """The back-translation on one line, for the attachment list."""
        return " ".join((self.text or "").split()).rstrip("。．.;；")


def back_translation(
    ru: str | None,
    back: str | None,
    back_sha256: str | None,
    by: BackBy | None = None,
    *,
    lang: BackLang = "zh",
    repeated: frozenset[str] = frozenset(),
) -> BackTranslation | None:
    """What the copy can say of the Russian `ru` given its kept back-translation into `lang` (the case's
    source language); None without Russian. `repeated`: see back_plausibility.repeated_backs."""
    if not (ru or "").strip():
        return None
    if not (back or "").strip():
        return BackTranslation("unchecked")
    if back_sha256 is None or back_sha256 != source_sha256(ru):
        return BackTranslation("stale")
    text = (back or "").strip()
    return BackTranslation("checked", text, by, suspicion(ru or "", text, lang, repeated))
