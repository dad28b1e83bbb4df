"""DeepL behind one small interface: formal Russian from zh or en, with the Ozon glossary, in parts that fit.

Every call goes through the `deepl` library (`DeepLClient`, or `Translator` in versions without it), so its
retries with back-off on 429 and 5xx answers and on dropped connections apply; what is still failing after
them becomes a ServiceError whose `kind` the CLI turns into a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

import deepl

from ozon_urgent import __version__
from ozon_urgent.errors import UserError
from ozon_urgent.translation.chunking import (
    join_translations,
    pack_requests,
    split_text,
    text_budget,
    wire_size,
)
from ozon_urgent.translation.glossary import TARGET_LANG, Glossary, SourceLang
from ozon_urgent.unsafe_text import masked, without_secrets

ServiceErrorKind = Literal["no_key", "auth", "quota", "rate", "network", "server", "failed", "bad_answer"]
# DeepL's own name for Russian; the glossary languages are the same codes in lower case.
TARGET = "RU"
FORMALITY = "prefer_more"


class ServiceError(UserError):
    """DeepL could not be used (exit 3): no key, a refused key, no quota, too many requests, a 5xx."""

    table = "cli.translate"

    def __init__(
        self,
        kind: ServiceErrorKind,
        detail: str = "",
        status: int | None = None,
        settings: DeepLSettings | None = None,
    ) -> None:
        super().__init__(
            kind,
            masked=settings.masked_key if settings else "",
            server=settings.server if settings else "",
            status=status or "?",
            detail=detail,
        )
        self.kind: ServiceErrorKind = kind
        self.detail = detail
        self.status = status


def mask_key(key: str) -> str:
    """At most the last four characters, enough to tell two keys apart and useless to anyone else."""
    return masked(key)


@dataclass(frozen=True, slots=True)
class DeepLSettings:
    auth_key: str = field(repr=False)
    server_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DeepLSettings | None:
        """DEEPL_AUTH_KEY (required) and DEEPL_SERVER_URL (optional; the library picks Free or Pro)."""
        key = environ.get("DEEPL_AUTH_KEY", "").strip()
        if not key:
            return None
        return cls(key, environ.get("DEEPL_SERVER_URL", "").strip() or None)

    @property
    def masked_key(self) -> str:
        return mask_key(self.auth_key)

    @property
    def server(self) -> str:
        """Where requests go: DEEPL_SERVER_URL, else DeepL's Free or Pro address, as the library picks."""
        if self.server_url:
            return self.server_url
        return "https://api-free.deepl.com" if self.auth_key.endswith(":fx") else "https://api.deepl.com"


@dataclass(frozen=True, slots=True)
class Usage:
    characters: int | None
    limit: int | None


@dataclass(frozen=True, slots=True)
class GlossaryEvent:
    """What happened to a glossary on the account, for the CLI to tell the user."""

    kind: Literal["created", "reused", "unsupported"]
    name: str
    source_lang: SourceLang
    entries: int


class RussianTranslator:
    def __init__(self, settings: DeepLSettings, glossaries: Mapping[SourceLang, Glossary]) -> None:
        self._key = settings.auth_key
        self._settings = settings
        client_class: type[deepl.Translator] = getattr(deepl, "DeepLClient", deepl.Translator)
        self._client = client_class(settings.auth_key, server_url=settings.server_url)
        self._client.set_app_info("ozon-urgent", __version__)
        self._glossaries = glossaries
        self._glossary_ids: dict[SourceLang, str | None] = {}
        self.events: list[GlossaryEvent] = []
        self.billed_characters = 0

    def usage(self) -> Usage:
        with self._errors():
            usage = self._client.get_usage()
        return Usage(usage.character.count, usage.character.limit)

    def translate(self, texts: Sequence[str], source_lang: SourceLang, context: str) -> list[str]:
        """Each text in Russian. Texts too long for one request are cut and their translations joined."""
        if not texts or any(not text.strip() for text in texts):
            raise ValueError("nothing to translate")
        glossary_id = self._glossary_id(source_lang)
        budget = text_budget(context)
        chunked = [split_text(text.strip(), budget) for text in texts]
        flat = [chunk.text for chunks in chunked for chunk in chunks]
        results = [""] * len(flat)
        for group in pack_requests([wire_size(text) for text in flat], budget):
            with self._errors():
                answer = self._client.translate_text(
                    [flat[index] for index in group],
                    source_lang=source_lang.upper(),
                    target_lang=TARGET,
                    formality=FORMALITY,
                    context=context,
                    glossary=glossary_id,
                )
            answers = answer if isinstance(answer, list) else [answer]
            if len(answers) != len(group):  # an answer of another shape: DeepL's failure, not ours
                raise ServiceError("bad_answer", f"{len(answers)}/{len(group)}", None, self._settings)
            for index, result in zip(group, answers, strict=True):
                results[index] = result.text
                self.billed_characters += result.billed_characters or len(flat[index])
        translated, start = [], 0
        for chunks in chunked:
            translated.append(join_translations(chunks, results[start : start + len(chunks)]))
            start += len(chunks)
        return translated

    def _glossary_id(self, source_lang: SourceLang) -> str | None:
        if source_lang not in self._glossary_ids:
            with self._errors():
                self._glossary_ids[source_lang] = self._find_or_create(self._glossaries[source_lang])
        return self._glossary_ids[source_lang]

    def _find_or_create(self, glossary: Glossary) -> str | None:
        """The account's glossary with this content's name, created the first time it is needed."""
        pairs = {
            (p.source_lang.lower(), p.target_lang.lower()) for p in self._client.get_glossary_languages()
        }
        if (glossary.source_lang, TARGET_LANG) not in pairs:
            self.events.append(GlossaryEvent("unsupported", glossary.name, glossary.source_lang, 0))
            return None
        count = len(glossary.entries)
        # v3 (multilingual) glossaries where the library has them; DeepL serves both from one account.
        client = self._client
        if hasattr(deepl, "DeepLClient") and isinstance(client, deepl.DeepLClient):
            from deepl.api_data import MultilingualGlossaryDictionaryEntries

            for info in client.list_multilingual_glossaries():
                if info.name == glossary.name:
                    self.events.append(GlossaryEvent("reused", glossary.name, glossary.source_lang, count))
                    return info.glossary_id
            dictionary = MultilingualGlossaryDictionaryEntries(
                glossary.source_lang, TARGET_LANG, dict(glossary.entries)
            )
            created = client.create_multilingual_glossary(glossary.name, [dictionary]).glossary_id
        else:
            for old in client.list_glossaries():
                if old.name == glossary.name:
                    self.events.append(GlossaryEvent("reused", glossary.name, glossary.source_lang, count))
                    return old.glossary_id
            created = client.create_glossary(
                glossary.name, glossary.source_lang, TARGET_LANG, dict(glossary.entries)
            ).glossary_id
        self.events.append(GlossaryEvent("created", glossary.name, glossary.source_lang, count))
        return created

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except deepl.DeepLException as exc:
            # The library's messages carry the server's words, never the key; scrub it anyway.
            detail = without_secrets(str(exc), self._key)
            raise ServiceError(_kind(exc), detail, exc.http_status_code, self._settings) from None


def _kind(exc: deepl.DeepLException) -> ServiceErrorKind:
    if isinstance(exc, deepl.AuthorizationException):
        return "auth"
    if isinstance(exc, deepl.QuotaExceededException):
        return "quota"
    if isinstance(exc, deepl.TooManyRequestsException):
        return "rate"
    if isinstance(exc, deepl.ConnectionException):
        return "network"
    status = exc.http_status_code
    return "server" if status is not None and status >= 500 else "failed"
