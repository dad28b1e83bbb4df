"""Judging a PDF: it opens without a password, has pages, runs nothing, and shows no personal data."""

from __future__ import annotations

import importlib.util
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pypdf
from pypdf.errors import DependencyError, LimitReachedError
from pypdf.generic import DictionaryObject, IndirectObject

from ozon_urgent.attachments.cpu_budget import cpu_clock
from ozon_urgent.attachments.model import AttachmentHit, InspectLimits
from ozon_urgent.attachments.pdf_active import find_active_content
from ozon_urgent.attachments.pdf_text import text_hits
from ozon_urgent.attachments.shown import Indexer
from ozon_urgent.findings.codes import Code
from ozon_urgent.i18n import MIB

T = TypeVar("T")

# pypdf's defaults (75 MB per stream, 300 MB of decoding work) suit trusted files; a 5 MB upload that
# needs more than this is a bomb. The budgets stay well inside the child's address-space cap.
_DECODE_LIMIT = 64 * MIB
_WORK_LIMIT = 128 * MIB
# pypdf only logs a circular xref chain and carries on; that log line is the one signal there is.
_XREF_LOOP = "Circular xref"
_DETAIL_CHARS = 120
_AES_FILTERS = ("/AESV2", "/AESV3")
# Share of the file's CPU time budget (InspectLimits.timeout_s) the page-by-page text search may use.
_TEXT_TIME_SHARE = 0.6
_AES_AVAILABLE = any(importlib.util.find_spec(name) for name in ("cryptography", "Crypto"))


class _StopError(Exception):
    """Raised inside the inspection when the file cannot be judged any further."""

    def __init__(self, hit: AttachmentHit) -> None:
        super().__init__(hit.code)
        self.hit = hit


class _Reader(pypdf.PdfReader):
    """pypdf already sets up decryption (and tries the empty password) while it constructs the reader.

    A failure there is a file we cannot decrypt, not a damaged one; every other failure in the
    constructor still is damage. (A pypdf without this hook simply never calls it.)
    """

    def _handle_encryption(self, password: str | bytes | None) -> None:
        try:
            super()._handle_encryption(password)
        except (MemoryError, LimitReachedError):
            raise
        except DependencyError:
            raise _StopError(AttachmentHit(Code.ATTACHMENT_PASSWORD, "aes_unchecked")) from None
        except Exception as exc:
            raise _StopError(_undecryptable(exc)) from None


def inspect_pdf(
    data: bytes, limits: InspectLimits, index: Indexer | None = None
) -> tuple[int | None, list[AttachmentHit]]:
    """The page count (None when unknown) and the hits; `index` hears every page's text as it is read."""
    # The text search stops here, leaving the rest of the child's time for what comes after it. Processor
    # time, not wall time: how far the search gets must not depend on how busy the machine is.
    deadline = cpu_clock() + limits.timeout_s * _TEXT_TIME_SHARE
    hits: list[AttachmentHit] = []
    if holds_zip(data):
        hits.append(AttachmentHit(Code.ATTACHMENT_TRAILING_DATA, "pdf_zip"))
    pages: int | None = None
    with warnings.catch_warnings(), pypdf.apply_configuration(**_configuration(limits)), _pypdf_log() as log:
        warnings.simplefilter("ignore")
        try:
            pages = _judge(data, limits, hits, log, deadline, index)
        except _StopError as stop:
            hits.append(stop.hit)
    return pages, hits


def holds_zip(data: bytes) -> bool:
    """A ZIP local header with sane fields, or an end-of-central-directory record near the end."""
    start = 0
    while (found := data.find(b"PK\x03\x04", start)) >= 0:
        header = data[found : found + 30]
        # "version needed" 1.0-6.3 and a file name: random stream bytes rarely look like that
        if (
            len(header) == 30
            and 10 <= header[4] <= 63
            and header[5] == 0
            and 0 < int.from_bytes(header[26:28], "little") < 1024
        ):
            return True
        start = found + 1
    tail = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    return tail >= 0 and tail + 22 <= len(data) and _ends_a_directory(data, tail)


def _ends_a_directory(data: bytes, tail: int) -> bool:
    """Whether the end record at `tail` closes a real central directory: the directory's first entry
    where the record's size says it starts, or ZIP64's locator just before it. A polyglot is an error,
    so four bytes of a compressed stream that happen to spell the record's signature must not be one."""
    if data.startswith(b"PK\x06\x07", tail - 20):
        return True
    size = int.from_bytes(data[tail + 12 : tail + 16], "little")
    return 0 < size <= tail and data.startswith(b"PK\x01\x02", tail - size)


def _judge(
    data: bytes,
    limits: InspectLimits,
    hits: list[AttachmentHit],
    log: list[str],
    deadline: float,
    index: Indexer | None,
) -> int:
    reader = _guarded(lambda: _Reader(io.BytesIO(data), strict=False))
    if any(_XREF_LOOP in line for line in log):
        hits.append(AttachmentHit(Code.ATTACHMENT_DAMAGED, "pdf_xref_loop"))
    if _guarded(lambda: reader.is_encrypted):
        hits.append(_open_encrypted(reader))
    count = _guarded(lambda: len(reader.pages))
    if count == 0:
        hits.append(AttachmentHit(Code.ATTACHMENT_NO_PAGES))
        return 0
    root = _guarded(lambda: reader.trailer.raw_get("/Root"))
    active = _guarded(lambda: find_active_content(root, limits.pdf_active_objects, limits.pdf_active_depth))
    for variant, where in active.found.items():
        hits.append(AttachmentHit(Code.ATTACHMENT_ACTIVE_CONTENT, variant, {"where": where}))
    if not active.complete:  # what was not looked at may run: refused, never passed
        hits.append(AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "pdf_too_complex"))
    hits.extend(text_hits(reader, count, limits, deadline, index))
    return count


def _open_encrypted(reader: pypdf.PdfReader) -> AttachmentHit:
    """Try the empty user password, as Ozon's viewer does: a file it cannot open that way is an error.

    RC4 and AES (128, 256 R5 and R6) take the same path. A file that opens only with a password the
    seller has, or that we fail to decrypt at all, is never called damaged: it may be fine for them, and
    what they must do about it (save it without protection) is the same either way.
    """
    if _uses_aes(reader) and not _AES_AVAILABLE:
        # pypdf needs `cryptography` for AES: we can neither try the empty password nor read the text.
        raise _StopError(AttachmentHit(Code.ATTACHMENT_PASSWORD, "aes_unchecked"))
    try:
        opened = reader.decrypt("")
    except DependencyError:
        raise _StopError(AttachmentHit(Code.ATTACHMENT_PASSWORD, "aes_unchecked")) from None
    except MemoryError:
        raise
    except LimitReachedError:
        raise _StopError(AttachmentHit(Code.ATTACHMENT_BOMB, "pdf")) from None
    except Exception as exc:  # an unknown handler, a broken /Encrypt dictionary: not openable here
        raise _StopError(_undecryptable(exc)) from None
    if opened == pypdf.PasswordType.NOT_DECRYPTED:
        raise _StopError(AttachmentHit(Code.ATTACHMENT_PASSWORD))
    return AttachmentHit(Code.ATTACHMENT_ENCRYPTED)


def _uses_aes(reader: pypdf.PdfReader) -> bool:
    return _guarded(lambda: _encrypt_uses_aes(reader.trailer["/Encrypt"].get_object()))


def _encrypt_uses_aes(encrypt: object) -> bool:
    if not isinstance(encrypt, DictionaryObject):
        return False
    if int(encrypt.get("/R", 0)) >= 5:  # AES-256: even the password check needs AES
        return True
    filters = encrypt.get("/CF")
    filters = filters.get_object() if isinstance(filters, IndirectObject) else filters
    if not isinstance(filters, DictionaryObject):
        return False
    entries = [filters[name] for name in filters]  # [] resolves references
    return any(isinstance(entry, DictionaryObject) and entry.get("/CFM") in _AES_FILTERS for entry in entries)


def _guarded(call: Callable[[], T]) -> T:
    """pypdf raises almost anything on a hostile file; every such failure is a damaged PDF."""
    try:
        return call()
    except (MemoryError, _StopError):
        raise
    except LimitReachedError:
        raise _StopError(AttachmentHit(Code.ATTACHMENT_BOMB, "pdf")) from None
    except Exception as exc:
        raise _StopError(_damaged(exc)) from None


def _detail(exc: Exception) -> str:
    """pypdf's own words, kept in the hit's params (the JSON report), out of the message a seller reads."""
    return f"{type(exc).__name__}: {exc}"[:_DETAIL_CHARS]


def _undecryptable(exc: Exception) -> AttachmentHit:
    return AttachmentHit(Code.ATTACHMENT_PASSWORD, "undecryptable", {"detail": _detail(exc)})


# pypdf's words for a file that stops before its end: a download or a copy that did not finish.
_TRUNCATED = ("ended unexpectedly", "EOF marker not found", "startxref not found", "Unexpected end")


def _damaged(exc: Exception) -> AttachmentHit:
    truncated = any(sign.lower() in str(exc).lower() for sign in _TRUNCATED)
    return AttachmentHit(
        Code.ATTACHMENT_DAMAGED, "pdf_truncated" if truncated else "pdf", {"detail": _detail(exc)}
    )


def _configuration(limits: InspectLimits) -> dict[str, Any]:
    return {
        "maximum_declared_stream_length": limits.max_bytes,  # no stream is longer than the file
        "array_based_stream_maximum_output_length": _DECODE_LIMIT,
        "zlib_maximum_output_length": _DECODE_LIMIT,
        "lzw_maximum_output_length": _DECODE_LIMIT,
        "run_length_maximum_output_length": _DECODE_LIMIT,
        "jbig2_maximum_output_length": _DECODE_LIMIT,
        "brotli_maximum_output_length": _DECODE_LIMIT,
        "image_maximum_buffer_size": _DECODE_LIMIT,
        "stream_decoding_work_maximum_length": _WORK_LIMIT,
        "jbig2dec_binary": None,  # never start an external decoder on a stranger's file
        "disable_legacy_handling": True,
    }


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.sink) < 200:  # a crafted file can log without end
            self.sink.append(record.getMessage())


@contextmanager
def _pypdf_log() -> Iterator[list[str]]:
    """pypdf's warnings, kept off the user's terminal and collected for the few that mean damage."""
    logger = logging.getLogger("pypdf")
    sink: list[str] = []
    handler = _Collect(sink)
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield sink
    finally:
        logger.removeHandler(handler)
        logger.propagate, level = saved
        logger.setLevel(level)
