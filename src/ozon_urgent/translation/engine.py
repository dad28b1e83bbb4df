"""One interface for every translation engine: formal Russian from zh or en, and the Russian back.

DeepL (deepl_service) and Tencent Cloud Machine Translation (tencent_service) implement `Engine`; `translate`
picks one from `--engine`, OZON_URGENT_ENGINE or the key that is set (see `choose`). A failure of either
becomes a ServiceError whose `kind` the CLI turns into a message naming the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from ozon_urgent import i18n
from ozon_urgent.errors import UserError, debug_enabled
from ozon_urgent.i18n import Lang
from ozon_urgent.translation.glossary import SourceLang

EngineName = Literal["deepl", "tencent"]
ENGINES: tuple[EngineName, ...] = ("deepl", "tencent")
ServiceErrorKind = Literal["no_key", "auth", "quota", "rate", "network", "server", "failed", "bad_answer"]
# Why a request got no answer, in words the user can act on (`reason_*` in the catalog).
NetworkReason = Literal["dns", "refused", "reset", "timeout", "tls", "proxy", "other"]
# Every engine waits at most this long for an answer before the failure is said (see deepl_service).
NETWORK_BUDGET_SECONDS = 8.0
CONNECT_TIMEOUT_SECONDS = 4.0


class EngineSettings(Protocol):
    """What a message about an engine shows: its name, the key masked, where requests go."""

    @property
    def engine(self) -> EngineName: ...

    @property
    def masked_key(self) -> str: ...

    @property
    def server(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Usage:
    characters: int | None
    limit: int | None


@dataclass(frozen=True, slots=True)
class GlossaryEvent:
    """What happened to a glossary on the account, for the CLI to tell the user."""

    kind: Literal["created", "reused", "unsupported", "term_repo", "no_term_repo", "missing_terms"]
    name: str
    source_lang: SourceLang
    entries: int
    # missing_terms: by the field each source text came from, the "source → Russian" of the glossary's
    # terms the text uses that its Russian lacks (fields without any left out)
    by_field: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Engine(Protocol):
    """A translation service `translate` can use; every method raises ServiceError on failure."""

    events: list[GlossaryEvent]
    billed_characters: int

    @property
    def settings(self) -> EngineSettings: ...

    def translate(
        self, texts: Sequence[str], source_lang: SourceLang, context: str, fields: Sequence[str] = ()
    ) -> list[str]:
        """Each text in formal Russian, with the Ozon glossary where the engine has one. `fields`: the
        field each text comes from, to name in what the engine has to say about a text."""
        ...

    def back_translate(self, texts: Sequence[str], target_lang: SourceLang) -> list[str]:
        """Each Russian text in the seller's language, for the seller to check what the Russian says."""
        ...

    def usage(self) -> Usage | None:
        """Characters used and the limit this period; None where the engine cannot tell."""
        ...


class ServiceError(UserError):
    """An engine could not be used (exit 3): no key, a refused key, no quota, too many requests, a 5xx."""

    table = "cli.translate"

    def __init__(
        self,
        kind: ServiceErrorKind,
        detail: str = "",
        status: int | str | None = None,
        settings: EngineSettings | None = None,
        reason: NetworkReason = "other",
    ) -> None:
        super().__init__(
            kind,
            masked=settings.masked_key if settings else "",
            server=settings.server if settings else "",
            status=status or "?",
            detail=detail,
        )
        self.kind: ServiceErrorKind = kind
        self.engine: EngineName = settings.engine if settings else "deepl"
        self.detail = detail  # the service's words: in the message only where they are its own
        self.status = status
        self.reason: NetworkReason = reason
        self.seconds = NETWORK_BUDGET_SECONDS

    def message(self, lang: Lang) -> str:
        params = dict(self.params)
        if self.kind == "network":
            seconds = f"{self.seconds:g}"
            params["reason"] = i18n.text(lang, self.table, f"reason_{self.reason}", seconds=seconds)
        params["hint"] = i18n.text(lang, self.table, "by_hand")  # no key: the way on without one
        # DeepL's messages have the plain keys (`auth`); another engine's are prefixed (`tencent_auth`).
        key = self.kind if self.engine == "deepl" or self.kind == "no_key" else f"{self.engine}_{self.kind}"
        text = i18n.text(lang, self.table, key, **params)
        if self.detail and self.kind not in ("failed", "bad_answer") and debug_enabled():
            text += f"\n{self.detail}"  # the service's own text, for a bug report (OZON_URGENT_DEBUG=1)
        return text


class EngineChoiceError(UserError):
    """OZON_URGENT_ENGINE names no engine, or the engine asked for has no key (exit 3)."""

    table = "cli.translate"


def choose(requested: str | None, environ: Mapping[str, str]) -> EngineName | None:
    """`--engine`, else OZON_URGENT_ENGINE, else the engine whose key is set (DeepL first); None: no key."""
    name = (requested or environ.get("OZON_URGENT_ENGINE", "")).strip().lower()
    if name:
        if name not in ENGINES:
            raise EngineChoiceError("unknown_engine", engine=name, choices=", ".join(ENGINES))
        return name
    if environ.get("DEEPL_AUTH_KEY", "").strip():
        return "deepl"
    if (
        environ.get("TENCENTCLOUD_SECRET_ID", "").strip()
        or environ.get("TENCENTCLOUD_SECRET_KEY", "").strip()
    ):
        return "tencent"
    return None
