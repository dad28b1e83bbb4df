"""Tencent Cloud Machine Translation (TMT) behind the engine interface, through Tencent's official SDK.

A mainland seller signs up with a WeChat or QQ account and Chinese real-name verification and pays in RMB;
TMT's `TextTranslate` goes zh→ru and ru→zh (en too). Requests go through the SDK's `CommonClient`
(tencentcloud-sdk-python-common), which signs them (TC3-HMAC-SHA256) exactly as the per-product client
does: the TMT package's newest releases no longer carry the TextTranslate models, the common client calls
any action of the documented API version 2018-03-21.

TMT has no glossary that can be uploaded through the API: term repositories are made in the console. With
TENCENTCLOUD_TMT_TERM_REPO the repository's id goes with every request; without it, the Russian is checked
for the Ozon glossary's terms and the seller told which were not used (nothing is changed silently).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from urllib3.util import Timeout

from ozon_urgent.translation.chunking import join_translations, split_text
from ozon_urgent.translation.deepl_service import network_reason
from ozon_urgent.translation.engine import (
    CONNECT_TIMEOUT_SECONDS,
    NETWORK_BUDGET_SECONDS,
    EngineName,
    GlossaryEvent,
    ServiceError,
    ServiceErrorKind,
    Usage,
)
from ozon_urgent.translation.glossary import TARGET_LANG, Glossary, SourceLang
from ozon_urgent.unsafe_text import masked, without_secrets

SERVICE, VERSION, ACTION = "tmt", "2018-03-21", "TextTranslate"
DEFAULT_REGION = "ap-beijing"
DEFAULT_SERVER = "https://tmt.tencentcloudapi.com"
# TMT takes fewer than 6000 characters a request; the chunker counts JSON wire bytes (a CJK or Cyrillic
# character is 6), so this budget keeps every request well under the limit whatever the script.
TEXT_BUDGET = 5800
# At most 5 requests a second: requests are spaced, and "too many requests" is tried once more.
MIN_INTERVAL_SECONDS = 0.2
RATE_RETRY_SECONDS = 1.0
QUOTA_CODES = ("LimitExceeded", "FailedOperation.NoFreeAmount", "FailedOperation.ServiceIsolate")


@dataclass(frozen=True, slots=True)
class TencentSettings:
    secret_id: str = field(repr=False)
    secret_key: str = field(repr=False)
    region: str = DEFAULT_REGION
    term_repo: str | None = None
    server_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> TencentSettings | None:
        """TENCENTCLOUD_SECRET_ID, _SECRET_KEY (both required), _REGION, _TMT_TERM_REPO, _TMT_SERVER_URL."""
        secret_id = environ.get("TENCENTCLOUD_SECRET_ID", "").strip()
        secret_key = environ.get("TENCENTCLOUD_SECRET_KEY", "").strip()
        if not secret_id or not secret_key:
            return None
        return cls(
            secret_id,
            secret_key,
            environ.get("TENCENTCLOUD_REGION", "").strip() or DEFAULT_REGION,
            environ.get("TENCENTCLOUD_TMT_TERM_REPO", "").strip() or None,
            environ.get("TENCENTCLOUD_TMT_SERVER_URL", "").strip() or None,
        )

    @property
    def engine(self) -> EngineName:
        return "tencent"

    @property
    def masked_key(self) -> str:
        return masked(self.secret_id)

    @property
    def server(self) -> str:
        return self.server_url or DEFAULT_SERVER


class TencentTranslator:
    def __init__(self, settings: TencentSettings, glossaries: Mapping[SourceLang, Glossary]) -> None:
        from tencentcloud.common.common_client import CommonClient
        from tencentcloud.common.credential import Credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile

        self.settings = settings
        # requests takes a urllib3 Timeout as it is: connecting and reading end together by the budget.
        timeout = Timeout(connect=CONNECT_TIMEOUT_SECONDS, total=NETWORK_BUDGET_SECONDS)
        http = HttpProfile(reqTimeout=timeout)
        if settings.server_url:
            parts = urlsplit(settings.server_url)
            http = HttpProfile(protocol=parts.scheme or "https", endpoint=parts.netloc, reqTimeout=timeout)
        profile = ClientProfile(httpProfile=http, language="zh-CN")
        credential = Credential(settings.secret_id, settings.secret_key)
        self._client = CommonClient(SERVICE, VERSION, credential, settings.region, profile)
        self._glossaries = glossaries
        self._told: set[SourceLang] = set()
        self._last = 0.0
        self.events: list[GlossaryEvent] = []
        self.billed_characters = 0

    def usage(self) -> Usage | None:
        """TMT has no API for the month's usage: the console shows it."""
        return None

    def translate(
        self, texts: Sequence[str], source_lang: SourceLang, context: str, fields: Sequence[str] = ()
    ) -> list[str]:
        """Each text in Russian; `context` is DeepL's, TMT has no such parameter. `fields` name the texts
        in the glossary terms the Russian lacks."""
        del context
        extra = {"TermRepoIDList": [self.settings.term_repo]} if self.settings.term_repo else {}
        results = [self._text(text, source_lang, TARGET_LANG, extra) for text in _checked(texts)]
        labels = list(fields) or [""] * len(texts)
        self._glossary_events(source_lang, list(zip(labels, texts, results, strict=True)))
        return results

    def back_translate(self, texts: Sequence[str], target_lang: SourceLang) -> list[str]:
        return [self._text(text, TARGET_LANG, target_lang, {}) for text in _checked(texts)]

    def _text(self, text: str, source: str, target: str, extra: dict[str, Any]) -> str:
        chunks = split_text(text.strip(), TEXT_BUDGET)
        results = []
        for chunk in chunks:
            params = {"SourceText": chunk.text, "Source": source, "Target": target, "ProjectId": 0, **extra}
            answer = self._call(params)
            target_text = answer.get("Response", {}).get("TargetText")
            if not isinstance(target_text, str):
                raise ServiceError("bad_answer", "TargetText", None, self.settings)
            self.billed_characters += int(answer["Response"].get("UsedAmount") or len(chunk.text))
            results.append(target_text)
        return join_translations(chunks, results)

    def _call(self, params: dict[str, Any]) -> dict[str, Any]:
        for attempt in (1, 2):
            self._pace()
            try:
                with self._errors():
                    answer: dict[str, Any] = self._client.call_json(ACTION, params)
                    return answer
            except ServiceError as error:
                if error.kind != "rate" or attempt == 2:
                    raise
                time.sleep(RATE_RETRY_SECONDS)
        raise AssertionError("unreachable")

    def _pace(self) -> None:
        wait = self._last + MIN_INTERVAL_SECONDS - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def _glossary_events(self, source_lang: SourceLang, translated: list[tuple[str, str, str]]) -> None:
        """`translated`: (field, source text, Russian) of each text of one request."""
        glossary = self._glossaries.get(source_lang)
        if glossary is None:
            return
        if self.settings.term_repo:
            if source_lang not in self._told:
                self._told.add(source_lang)
                event = GlossaryEvent("term_repo", self.settings.term_repo, source_lang, 0)
                self.events.append(event)
            return
        if source_lang not in self._told:
            self._told.add(source_lang)
            self.events.append(
                GlossaryEvent("no_term_repo", glossary.name, source_lang, len(glossary.entries))
            )
        missing = tuple(
            (field, terms)
            for field, text, russian in translated
            if (terms := missing_terms(glossary, text, russian))
        )
        if missing:
            count = sum(len(terms) for _, terms in missing)
            self.events.append(
                GlossaryEvent("missing_terms", glossary.name, source_lang, count, by_field=missing)
            )

    @contextmanager
    def _errors(self) -> Iterator[None]:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

        try:
            yield
        except TencentCloudSDKException as exc:
            code = str(exc.get_code() or "")
            detail = without_secrets(f"{code}: {exc.get_message()}", self.settings.secret_key)
            kind = error_kind(code)
            reason = network_reason(exc) if kind == "network" else "other"
            raise ServiceError(kind, detail, code, self.settings, reason) from None
        except ValueError as exc:  # an answer that is no JSON
            raise ServiceError("bad_answer", str(exc), None, self.settings) from None


def error_kind(code: str) -> ServiceErrorKind:
    """TMT's error code as one of the kinds every engine's failures are told in."""
    if code.startswith("AuthFailure"):
        return "auth"
    if code.startswith(QUOTA_CODES):
        return "quota"
    if code.startswith("RequestLimitExceeded"):
        return "rate"
    if code == "ClientNetworkError":
        return "network"
    if code == "ServerNetworkError" or code.startswith("InternalError"):
        return "server"  # the SDK's name for an HTTP status other than 200: TMT's own errors come as 200
    return "failed"


def missing_terms(glossary: Glossary, text: str, russian: str) -> tuple[str, ...]:
    """The glossary's terms a source text uses whose Russian its translation does not contain.

    The Russian is compared by its stem (the last letters dropped), so a term in another case still counts.
    """
    lowered = russian.lower()
    missing: list[str] = []
    for term, target in glossary.entries.items():
        stems = [word[: max(4, len(word) - 2)] for word in target.lower().split()]
        if term.lower() in text.lower() and not all(stem in lowered for stem in stems):
            missing.append(f"{term} → {target}")
    return tuple(missing)


def _checked(texts: Sequence[str]) -> Sequence[str]:
    if not texts or any(not text.strip() for text in texts):
        raise ValueError("nothing to translate")
    return texts
