"""Reading an answer strictly: a missing or mistyped field that pull relies on names endpoint and field."""

from __future__ import annotations

from datetime import date
from typing import Any, NoReturn

from ozon_urgent.seller_api.errors import SellerApiError


class Node:
    """One JSON value of one endpoint's answer, with the path that leads to it (`groups[0].items[2]`)."""

    __slots__ = ("endpoint", "path", "value")

    def __init__(self, endpoint: str, value: object, path: str = "") -> None:
        self.endpoint = endpoint
        self.value = value
        self.path = path

    def _child(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def _object(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            self._wrong("object")
        return self.value

    def get(self, name: str) -> Node:
        """A required field: absent or null is an error."""
        value = self._object().get(name)
        if value is None:
            raise SellerApiError("missing_field", self.endpoint, path=self._child(name))
        return Node(self.endpoint, value, self._child(name))

    def opt(self, name: str) -> Node | None:
        """An optional field: absent, null or an empty string gives None."""
        value = self._object().get(name)
        if value is None or value == "":
            return None
        return Node(self.endpoint, value, self._child(name))

    def items(self) -> list[Node]:
        if not isinstance(self.value, list):
            self._wrong("list")
        return [Node(self.endpoint, item, f"{self.path}[{i}]") for i, item in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            self._wrong("text")
        return self.value

    def number(self) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            self._wrong("number")
        return float(self.value)

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self._wrong("boolean")
        return self.value

    def day(self) -> date:
        """The date of a `YYYY-MM-DD` or RFC 3339 value; only the day matters to a case."""
        text = self.text()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self._wrong("date")

    def raw(self) -> dict[str, Any]:
        return self._object()

    def _wrong(self, expected: str) -> NoReturn:
        """`expected` is a type code (object, list, text, number, boolean, date) the CLI puts in words."""
        got = "null" if self.value is None else type(self.value).__name__
        raise SellerApiError(
            "wrong_type", self.endpoint, path=self.path or "(body)", expected=expected, got=got
        )


def opt_text(node: Node, name: str) -> str | None:
    found = node.opt(name)
    return None if found is None else found.text()


def opt_number(node: Node, name: str) -> float | None:
    found = node.opt(name)
    return None if found is None else found.number()
