"""HTTP to the Seller API: POST JSON with Client-Id / Api-Key, a timeout, bounded retries, Ozon's errors."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, Self

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ozon_urgent import __version__
from ozon_urgent.seller_api.endpoints import Endpoint
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.unsafe_text import without_secrets

if TYPE_CHECKING:
    from urllib3.response import BaseHTTPResponse

DEFAULT_URL = "https://api-seller.ozon.ru"
# A page of 1,000 error-index postings is about 0.4 MB; anything near this cap is not an Ozon answer.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_ERROR_BODY_BYTES = 64 * 1024
_CHUNK_BYTES = 64 * 1024
_RETRIED_STATUSES = frozenset({429, *range(500, 600)})


@dataclass(frozen=True, slots=True)
class Credentials:
    client_id: str
    api_key: str = field(repr=False)  # never in a repr, a log line or a traceback's locals summary


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """429 and 5xx retried: `attempts` calls in all, waits doubling from `first_delay` up to `max_delay`."""

    attempts: int = 5
    first_delay: float = 1.0
    max_delay: float = 20.0

    def backoff(self, retry: int) -> float:
        return float(min(self.first_delay * 2**retry, self.max_delay))

    def retry_after(self, header: str | None) -> float | None:
        """Retry-After in seconds, capped; None when absent or an HTTP date (our own backoff applies)."""
        if header is None:
            return None
        try:
            seconds = float(header)
        except ValueError:
            return None
        return None if math.isnan(seconds) else min(max(seconds, 0.0), self.max_delay)


Sleep = Callable[[float], None]


class _PolicyRetry(Retry):
    """urllib3's Retry waiting as the policy says, through the injected sleep rather than time.sleep.

    The policy alone decides every wait (urllib3's backoff_factor, backoff_max and its Retry-After
    parsing are not used): urllib3 waits nothing before the first retry, caps Retry-After at six hours and
    raises on a Retry-After it cannot parse.
    """

    # urllib3 would also retry a 413 that carries Retry-After; for Ozon that is a refusal, not a "wait".
    RETRY_AFTER_STATUS_CODES = frozenset({429, 503})

    def __init__(self, *, policy: RetryPolicy, wait: Sleep, **options: Any) -> None:
        super().__init__(**options)
        self.policy = policy
        self.wait = wait

    @classmethod
    def for_policy(cls, policy: RetryPolicy, wait: Sleep) -> _PolicyRetry:
        retries = policy.attempts - 1
        return cls(
            policy=policy,
            wait=wait,
            total=retries,
            status=retries,
            # Only answers are retried, as before: a refused connection or a timeout is reported at once
            # (read=False makes urllib3 re-raise a read timeout as itself, not as "max retries exceeded").
            connect=0,
            read=False,
            other=0,
            allowed_methods=frozenset({"POST"}),  # the read methods pull calls are POSTs, safe to repeat
            status_forcelist=_RETRIED_STATUSES,
            respect_retry_after_header=True,
            raise_on_status=False,  # the last 429 / 5xx comes back as an answer, so Ozon's message is read
        )

    def new(self, **options: Any) -> Self:
        # urllib3 copies the Retry at every attempt; the policy and the sleep must travel with it.
        return super().new(policy=self.policy, wait=self.wait, **options)

    def get_backoff_time(self) -> float:
        # urllib3 waits nothing before the first retry; the policy waits first_delay there.
        return self.policy.backoff(max(len(self.history) - 1, 0))

    def sleep_for_retry(self, response: BaseHTTPResponse) -> bool:
        seconds = self.policy.retry_after(response.headers.get("Retry-After"))
        if seconds is None:
            return False
        self.wait(seconds)
        return True

    def _sleep_backoff(self) -> None:
        self.wait(self.get_backoff_time())


class Poster(Protocol):
    """What the readers need of a client: one call, one JSON object back (tests may pass a fake)."""

    def post(self, endpoint: Endpoint, body: Mapping[str, object]) -> dict[str, Any]: ...


class SellerApiClient:
    """Calls one Seller API method at a time and returns its JSON object, or raises SellerApiError."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str = DEFAULT_URL,
        *,
        timeout: float,  # seconds per call: the command decides (cli.pull.TIMEOUT_SECONDS)
        retry: RetryPolicy | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._secret = credentials.api_key
        self._retry = retry or RetryPolicy()
        # One session for every call: its pool keeps the connection (and the TLS handshake) between calls.
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=_PolicyRetry.for_policy(self._retry, sleep))
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._session.headers.update(
            {
                "Client-Id": credentials.client_id,
                "Api-Key": credentials.api_key,
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": f"ozon-urgent/{__version__}",
            }
        )

    def post(self, endpoint: Endpoint, body: Mapping[str, object]) -> dict[str, Any]:
        try:
            return self._post(endpoint, body)
        except SellerApiError as error:  # a server's words or a library's may quote the key back
            for name, value in error.params.items():
                if isinstance(value, str):
                    error.params[name] = without_secrets(value, self._secret)
            raise

    def _post(self, endpoint: Endpoint, body: Mapping[str, object]) -> dict[str, Any]:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            # No redirects: requests would carry Api-Key along to whatever host a 3xx names.
            with self._session.post(
                self.base_url + endpoint.path,
                data=payload,
                timeout=self.timeout,
                stream=True,
                allow_redirects=False,
            ) as response:
                if 200 <= response.status_code < 300:
                    return _json_object(endpoint, _read(endpoint, response, MAX_RESPONSE_BYTES))
                raw = b"".join(_chunks(response, _ERROR_BODY_BYTES))
                raise _status_error(endpoint, response.status_code, raw, self._retry.attempts)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
            if _timed_out(error):
                raise SellerApiError("timeout", endpoint.path, seconds=f"{self.timeout:g}") from None
            detail = _root_cause(error)
            raise SellerApiError("network", endpoint.path, url=self.base_url, detail=detail) from None


def _chunks(response: requests.Response, limit: int) -> Iterator[bytes]:
    """The body as it arrives, one chunk past `limit` at most: the caller stops there, unread."""
    total = 0
    for chunk in response.iter_content(_CHUNK_BYTES):
        yield chunk
        total += len(chunk)
        if total > limit:
            return


def _read(endpoint: Endpoint, response: requests.Response, limit: int) -> bytes:
    raw = b"".join(_chunks(response, limit))
    if len(raw) > limit:
        raise SellerApiError("too_large", endpoint.path, limit=limit)
    return raw


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what it wraps: requests keeps urllib3's error in args, urllib3 its cause in `reason`."""
    current: BaseException | None = error
    for _ in range(10):  # a cycle in a hand-made chain must not hang the error path
        if current is None:
            return
        yield current
        reason = getattr(current, "reason", None)
        wrapped = (current.__cause__, reason, *current.args[:1], current.__context__)
        current = next((inner for inner in wrapped if isinstance(inner, BaseException)), None)


def _timed_out(error: BaseException) -> bool:
    # A timeout while the body streams reaches us as requests' ConnectionError around urllib3's timeout.
    timeouts = (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)
    return any(
        isinstance(inner, timeouts) and not isinstance(inner, urllib3.exceptions.NewConnectionError)
        for inner in _causes(error)
    )


def _root_cause(error: BaseException) -> str:
    """The innermost cause, such as "[Errno 111] Connection refused", not requests' paragraph about it."""
    *_, innermost = _causes(error)
    return str(innermost) or type(innermost).__name__


def _json_object(endpoint: Endpoint, raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError alike
        raise SellerApiError("bad_json", endpoint.path, detail=str(error)[:120]) from None
    if not isinstance(value, dict):
        raise SellerApiError(
            "bad_json", endpoint.path, detail=f"a JSON {type(value).__name__}, not an object"
        )
    return value


def ozon_message(raw: bytes) -> str:
    """Ozon's documented error body `{code, message, details}` as one line; any other body, shortened."""
    try:
        body = json.loads(raw)
    except ValueError:
        text = raw.decode("utf-8", "replace").strip()
        return " ".join(text.split())[:200] or "(empty body)"
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        return json.dumps(body, ensure_ascii=False)[:200]
    message: str = body["message"]
    code = body.get("code")
    return f"{message} (code {code})" if isinstance(code, (int, str)) and code != "" else message


def _status_error(endpoint: Endpoint, status: int, raw: bytes, attempts: int) -> SellerApiError:
    detail = ozon_message(raw)
    if status == 401:
        return SellerApiError("unauthorized", endpoint.path, status=status, detail=detail)
    if status == 403:
        return SellerApiError("forbidden", endpoint.path, roles=endpoint.roles, detail=detail)
    if status == 429:
        return SellerApiError("rate_limited", endpoint.path, attempts=attempts, detail=detail)
    if status >= 500:
        return SellerApiError("server_error", endpoint.path, status=status, attempts=attempts, detail=detail)
    return SellerApiError("refused", endpoint.path, status=status, detail=detail)
