"""DeepL behind one small interface: formal Russian from zh or en, with the Ozon glossary, in parts that fit.

Every call goes through the `deepl` library (`DeepLClient`, or `Translator` in versions without it), so its
retries with back-off on 429 and 5xx answers apply. Failures that get no answer at all (no network, a
refused or cut connection, a server that never answers) are bounded by our own HTTP client, see
`_BoundedHttpClient`. What still fails becomes a ServiceError whose `kind` the CLI turns into a message.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import deepl
import requests
import urllib3.exceptions
from urllib3.util import Timeout

from ozon_urgent import __version__
from ozon_urgent.translation.chunking import (
    join_translations,
    pack_requests,
    split_text,
    text_budget,
    wire_size,
)
from ozon_urgent.translation.engine import (
    CONNECT_TIMEOUT_SECONDS,
    NETWORK_BUDGET_SECONDS,
    EngineName,
    GlossaryEvent,
    NetworkReason,
    ServiceError,
    ServiceErrorKind,
    Usage,
)
from ozon_urgent.translation.glossary import TARGET_LANG, Glossary, SourceLang
from ozon_urgent.unsafe_text import masked, without_secrets

__all__ = ["CONNECT_TIMEOUT_SECONDS", "NETWORK_BUDGET_SECONDS", "DeepLSettings", "RussianTranslator"]
__all__ += ["GlossaryEvent", "ServiceError", "Usage", "network_reason"]

# DeepL's own name for Russian; the glossary languages are the same codes in lower case.
TARGET = "RU"
FORMALITY = "prefer_more"
# The seller's languages as DeepL targets them, for the back-translation.
BACK_TARGETS: dict[SourceLang, str] = {"zh": "ZH-HANS", "en": "EN-GB"}

# The library retries a request with no answer 5 times, ~16 s of back-off, and waits 10 s for each answer:
# offline, `translate` took 16-17 s (a minute against a server that never answers) to say so. Here a call
# waits at most NETWORK_BUDGET_SECONDS without any answer from DeepL, name lookups aside: every attempt's
# connect and read timeouts end by then. A failure without an answer is tried once more if it was quick
# (refused, cut, not resolved: a dropped keep-alive connection is worth a second try); a timeout is not:
# after a read timeout DeepL may have the text and a second request could be billed twice, and a network
# that swallowed one connection attempt is said sooner than retried. Answers (429, 5xx) keep the
# library's own retries; every answer starts the budget afresh.
NETWORK_RETRIES = 1


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
    def engine(self) -> EngineName:
        return "deepl"

    @property
    def masked_key(self) -> str:
        return masked(self.auth_key)

    @property
    def server(self) -> str:
        """Where requests go: DEEPL_SERVER_URL, else DeepL's Free or Pro address, as the library picks."""
        if self.server_url:
            return self.server_url
        return "https://api-free.deepl.com" if self.auth_key.endswith(":fx") else "https://api.deepl.com"


class RussianTranslator:
    def __init__(self, settings: DeepLSettings, glossaries: Mapping[SourceLang, Glossary]) -> None:
        self._key = settings.auth_key
        self._settings = settings
        self.settings = settings
        client_class: type[deepl.Translator] = getattr(deepl, "DeepLClient", deepl.Translator)
        self._client = client_class(settings.auth_key, server_url=settings.server_url)
        # The library has no per-client setting for this: its HTTP client, not connected yet, is swapped
        # for one that bounds failures without an answer (built the same way: the environment's proxies
        # and certificates still apply).
        self._client._client = _BoundedHttpClient()
        self._client.set_app_info("ozon-urgent", __version__)
        self._glossaries = glossaries
        self._glossary_ids: dict[SourceLang, str | None] = {}
        self.events: list[GlossaryEvent] = []
        self.billed_characters = 0

    def usage(self) -> Usage:
        with self._errors():
            usage = self._client.get_usage()
        return Usage(usage.character.count, usage.character.limit)

    def translate(
        self, texts: Sequence[str], source_lang: SourceLang, context: str, fields: Sequence[str] = ()
    ) -> list[str]:
        """Each text in Russian. Texts too long for one request are cut and their translations joined.
        DeepL applies the glossary itself, so it has nothing to say of a field (`fields`)."""
        del fields
        _check(texts)
        glossary_id = self._glossary_id(source_lang)
        params = {"source_lang": source_lang.upper(), "target_lang": TARGET, "formality": FORMALITY}
        return self._send(
            texts, text_budget(context), {**params, "context": context, "glossary": glossary_id}
        )

    def back_translate(self, texts: Sequence[str], target_lang: SourceLang) -> list[str]:
        """Each Russian text in the seller's language: no glossary, no formality, the same chunking."""
        _check(texts)
        return self._send(
            texts, text_budget(None), {"source_lang": TARGET, "target_lang": BACK_TARGETS[target_lang]}
        )

    def _send(self, texts: Sequence[str], budget: int, params: dict[str, Any]) -> list[str]:
        chunked = [split_text(text.strip(), budget) for text in texts]
        flat = [chunk.text for chunks in chunked for chunk in chunks]
        results = [""] * len(flat)
        for group in pack_requests([wire_size(text) for text in flat], budget):
            with self._errors():
                answer = self._client.translate_text([flat[index] for index in group], **params)
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
            kind = _kind(exc)
            reason = network_reason(exc) if kind == "network" else "other"
            error = ServiceError(kind, detail, exc.http_status_code, self._settings, reason)
            error.seconds = NETWORK_BUDGET_SECONDS  # this module's: a test may shorten it
            raise error from None


def _check(texts: Sequence[str]) -> None:
    if not texts or any(not text.strip() for text in texts):
        raise ValueError("nothing to translate")


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


class _BoundedHttpClient(deepl.http_client.HttpClient):
    """The library's HTTP client, with a deadline on waiting for an answer and one retry without one.

    It overrides two of the library's internal methods, the same in every version since deepl 1.18 (the
    oldest pyproject.toml allows): the attempt (`_internal_request`, given a urllib3 Timeout whose total
    ends at the deadline) and the retry decision (`_should_retry`, the library's own for answers). Its
    `request_with_backoff` loop, back-off and error types stay the library's; the tests here fail if a
    version changes what they rely on.
    """

    def __init__(self) -> None:
        super().__init__()
        self._deadline: float | None = None
        self._quick_failures = 0
        self._failure: deepl.ConnectionException | None = None

    def request_with_backoff(self, *args: Any, **kwargs: Any) -> Any:
        self._deadline, self._quick_failures, self._failure = None, 0, None
        return super().request_with_backoff(*args, **kwargs)

    def _internal_request(self, request: Any, stream: bool, timeout: float = 0.0, **kwargs: Any) -> Any:
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + NETWORK_BUDGET_SECONDS
        left = self._deadline - now
        if left <= 0.1:  # the back-off of earlier retries used the budget up: the last failure stands
            if self._failure is not None:
                raise self._failure
            raise deepl.ConnectionException("Request timed out", should_retry=False) from TimeoutError()
        # urllib3 counts connecting and reading against `total`: the read gets what the connect left.
        bounded = Timeout(connect=min(CONNECT_TIMEOUT_SECONDS, left / 2), total=left)
        # The library declares a float; requests takes a urllib3 Timeout as it is.
        return super()._internal_request(request, stream, timeout=bounded, **kwargs)  # type: ignore[arg-type]

    def _should_retry(self, response: Any, exception: Exception | None, num_retries: int) -> bool:
        if response is not None:  # an answer: the library decides, and the next attempt has a new budget
            self._deadline = None
            retry: bool = super()._should_retry(response, exception, num_retries)  # type: ignore[no-untyped-call]
            return retry
        if not isinstance(exception, deepl.ConnectionException):
            return False
        self._failure = exception
        self._quick_failures += 1
        allowed = min(NETWORK_RETRIES, deepl.http_client.max_network_retries)
        return (
            exception.should_retry
            and self._quick_failures <= allowed
            and network_reason(exception) != "timeout"
        )


def network_reason(exc: BaseException) -> NetworkReason:
    """What the causes of a failed request say, from the most specific: proxy, name, refusal, TLS, …"""
    causes = list(_causes(exc))

    def any_of(*types: type[BaseException]) -> bool:
        return any(isinstance(cause, types) for cause in causes)

    if any_of(requests.exceptions.ProxyError, urllib3.exceptions.ProxyError):
        return "proxy"
    if any_of(urllib3.exceptions.NameResolutionError, socket.gaierror):
        return "dns"
    if any_of(ConnectionRefusedError):
        return "refused"
    if any_of(requests.exceptions.SSLError, urllib3.exceptions.SSLError, ssl.SSLError):
        return "tls"
    # urllib3's NewConnectionError derives from its ConnectTimeoutError: a refusal there is no timeout.
    if any(
        isinstance(cause, (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError))
        and not isinstance(cause, urllib3.exceptions.NewConnectionError)
        for cause in causes
    ):
        return "timeout"
    if any_of(
        ConnectionResetError,
        ConnectionAbortedError,
        BrokenPipeError,
        http.client.RemoteDisconnected,
        urllib3.exceptions.ProtocolError,
    ):
        return "reset"
    return "other"


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what it wraps: a `raise … from`, urllib3's `reason`, or requests' first argument."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending and len(seen) < 20:  # a cycle in a hand-made chain must not hang the error path
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        reason = getattr(current, "reason", None)
        first = current.args[0] if current.args else None
        for inner in (current.__cause__, reason, first, current.__context__):
            if isinstance(inner, BaseException):
                pending.append(inner)
