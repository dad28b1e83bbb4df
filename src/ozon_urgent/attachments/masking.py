"""Masking what a personal-data hit found, so the report never repeats the value it warns about."""

from __future__ import annotations

_MIN_HIDDEN = 4


def mask_number(raw: str, keep_first: int = 4, keep_last: int = 2) -> str:
    """`+7 912 345-67-89` → `+7 912 ***-**-89`: separators stay, at least four digits are hidden."""
    total = sum(1 for char in raw if _is_digit(char))
    last = min(keep_last, max(0, total - _MIN_HIDDEN))
    first = min(keep_first, max(0, total - last - _MIN_HIDDEN))
    seen = 0
    out: list[str] = []
    for char in raw:
        if not _is_digit(char):
            out.append(char)
            continue
        seen += 1
        out.append(char if seen <= first or seen > total - last else "*")
    return "".join(out)


def mask_email(raw: str) -> str:
    """`ivan.petrov@mail.ru` → `i***@mail.ru`: the mailbox is hidden, the provider stays to help find it."""
    local, _, domain = raw.partition("@")
    return f"{local[:1]}***@{domain}"


def _is_digit(char: str) -> bool:
    return char.isdigit() or char in "Xx"  # the check character of a Chinese ID may be X
