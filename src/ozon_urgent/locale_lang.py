"""Whether the environment asks for Chinese, and whether the terminal can show it.

Only `os` is imported: the console entry answers the top-level `--help` with these before anything else
loads (`i18n.detect_lang` is the same rule for the rest of the program).
"""

from __future__ import annotations

import os

# The first one set decides, as the C library reads them (OZON_URGENT_LANG first: this tool only).
LOCALE_VARIABLES = ("OZON_URGENT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def wants_chinese(environ: dict[str, str] | None = None) -> bool:
    """True when the first locale variable set says Chinese (zh_CN.UTF-8, zh_TW, zh)."""
    env = os.environ if environ is None else environ
    for var in LOCALE_VARIABLES:
        value = env.get(var, "")
        if value:
            return value.lower().startswith("zh")
    return False


def shows_chinese(*streams: object) -> bool:
    """True when every stream can encode Chinese: an ASCII or Latin-1 stream (PYTHONIOENCODING=ascii,
    a non-UTF-8 locale) cannot, and would raise on the first character."""
    for stream in streams:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "中文".encode(encoding)
        except (LookupError, UnicodeEncodeError):
            return False
    return True
