"""One error type for every way a Seller API call can fail; its `kind` names the message the CLI shows."""

from __future__ import annotations

from typing import Literal

from ozon_urgent import i18n
from ozon_urgent.errors import UserError
from ozon_urgent.i18n import Lang

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


class SellerApiError(UserError):
    """A failed call (exit 3): `kind` picks the message, `params` fill it; `endpoint` is always among them."""

    table = "cli.pull"

    def __init__(self, kind: ErrorKind, endpoint: str, **params: object) -> None:
        super().__init__(kind, endpoint=endpoint, **params)
        self.kind: ErrorKind = kind
        self.endpoint = endpoint

    def message(self, lang: Lang) -> str:
        params = dict(self.params)
        if self.kind == "wrong_type":  # the expected type is named in the user's language
            params["expected"] = i18n.text(lang, self.table, f"type_{params['expected']}")
        return i18n.text(lang, self.table, self.kind, **params)
