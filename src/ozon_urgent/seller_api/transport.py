"""HTTP to the Seller API: POST JSON with Client-Id / Api-Key, a timeout, bounded retries, Ozon's errors."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, Protocol

from ozon_urgent import __version__
from ozon_urgent.seller_api.endpoints import Endpoint
from ozon_urgent.seller_api.errors import SellerApiError

DEFAULT_URL = "https://api-seller.ozon.ru"
# A page of 1,000 error-index postings is about 0.4 MB; anything near this cap is not an Ozon answer.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_ERROR_BODY_BYTES = 64 * 1024
_CHUNK_BYTES = 64 * 1024


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

    def delay(self, retry: int, retry_after: str | None) -> float:
        if retry_after is not None:
            try:
                return min(max(float(retry_after), 0.0), self.max_delay)
            except ValueError:
                pass  # an HTTP date instead of seconds: fall back to our own backoff
        return float(min(self.first_delay * 2**retry, self.max_delay))


Sleep = Callable[[float], None]


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
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._credentials = credentials
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._retry = retry or RetryPolicy()
        self._sleep = sleep  # injectable so tests do not wait through the backoff
        self._opener = urllib.request.build_opener()

    def post(self, endpoint: Endpoint, body: Mapping[str, object]) -> dict[str, Any]:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        for retry in range(self._retry.attempts):
            status, headers, raw = self._send(endpoint, payload)
            if 200 <= status < 300:
                return _json_object(endpoint, raw)
            retryable = status == 429 or status >= 500
            if not retryable or retry == self._retry.attempts - 1:
                raise _status_error(endpoint, status, raw, self._retry.attempts)
            self._sleep(self._retry.delay(retry, headers.get("Retry-After")))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _send(self, endpoint: Endpoint, payload: bytes) -> tuple[int, Message, bytes]:
        request = urllib.request.Request(
            self.base_url + endpoint.path,
            data=payload,
            method="POST",
            headers={
                "Client-Id": self._credentials.client_id,
                "Api-Key": self._credentials.api_key,
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": f"ozon-urgent/{__version__}",
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers, _read(endpoint, response, MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read(_ERROR_BODY_BYTES)
        except TimeoutError:  # socket.timeout is an alias of it
            raise SellerApiError("timeout", endpoint.path, seconds=f"{self.timeout:g}") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise SellerApiError("timeout", endpoint.path, seconds=f"{self.timeout:g}") from None
            raise SellerApiError("network", endpoint.path, url=self.base_url, detail=error.reason) from None
        except (OSError, http.client.HTTPException) as error:
            raise SellerApiError("network", endpoint.path, url=self.base_url, detail=error) from None


def _read(endpoint: Endpoint, response: http.client.HTTPResponse, limit: int) -> bytes:
    # In chunks: read(limit) would reserve the whole limit up front when no Content-Length is sent.
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(_CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise SellerApiError("too_large", endpoint.path, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


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
