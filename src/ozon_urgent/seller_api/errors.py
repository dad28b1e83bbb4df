"""One error type for every way a Seller API call can fail; its `kind` names the message the CLI shows."""

from __future__ import annotations

from typing import Literal

ErrorKind = Literal[
    "unauthorized",  # 401: Ozon does not know this Client-Id / key pair
    "forbidden",  # 403: the key's role does not open the method
    "rate_limited",  # 429 after every retry
    "server_error",  # 5xx after every retry
    "refused",  # any other 4xx, with Ozon's {code, message}
    "network",  # no connection at all
    "timeout",  # connected, but no answer in time
    "bad_json",  # a 2xx body that is not a JSON object
    "too_large",  # a body over the size cap
    "missing_field",  # a field pull relies on is absent
    "wrong_type",  # a field pull relies on has another type
    "repeated_cursor",  # paging would loop
    "no_cursor",  # has_next without a cursor
    "page_cap",  # more pages than the hard cap
]


class SellerApiError(Exception):
    """A failed call: `kind` picks the message, `params` fill it; `endpoint` is always among them."""

    def __init__(self, kind: ErrorKind, endpoint: str, **params: object) -> None:
        self.kind: ErrorKind = kind
        self.endpoint = endpoint
        self.params: dict[str, object] = {"endpoint": endpoint, **params}
        super().__init__(f"{endpoint}: {kind} {params}")
