"""Helpers for the translation tests: the command on a tiny Typer app, its messages, a commented case file."""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import deepl
import pytest
from deepl_fake import KEY, FakeDeepL
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from ozon_urgent import i18n
from ozon_urgent.cli.app import app

MESSAGES = Path(i18n.__file__).parent / "messages"

# The base case's explanation and captions, and the Russian the fake DeepL gives for them.
TEXT = "我们的货物因承运商原因延误。 承运商已书面确认并支付了赔偿。"
RUSSIAN = (
    "Наши отправления задержаны по вине службы доставки. "
    "Служба доставки письменно это подтвердила и выплатила компенсацию."
)
CAPTION = "承运商书面说明"
CAPTION_RU = "Письменное заявление службы доставки"

# A seller's case file as people write them: comments everywhere, quoting styles mixed, blank lines,
# a folded source text, one caption already in Russian by hand.
COMMENTED_CASE = """\
# yaml-language-server: $schema=case.schema.json
# Haoyun Auto — carrier failure, November 2026.
# Prepared by store operations; ask Ms. Li before changing anything.

case_id: haoyun-carrier-2026-11    # keep it stable: the ledger uses it
scenario: carrier_failure          # one of the eight

seller:
  store_name: 'Haoyun Auto'        # as in Seller Center
  client_id: "0123456"             # digits, quoted

notification:
  received: 2026-11-22             # the day the notification came
  text: "Доля заказов, доставленных вовремя, ниже порога."
  metric: rating_on_time

# Every affected posting, written out.
affected:
  postings:
    - "57195475-0050-3"            # Moscow
    - "57195475-0051-1"            # Kazan

period: {from: 2026-09-23, to: 2026-11-21}   # the 60 days before the notification
request: exclude_period

explanation:
  source_lang: zh                  # zh | en | ru
  # The seller's own words; `translate` fills `ru`.
  text: >-
    我们的货物因承运商原因延误。
    承运商已书面确认并支付了赔偿。
  ru: ""                           # filled by translate
  ru_reviewed: false

evidence:
  # The carrier's letter, stamped.
  - file: evidence/carrier_statement.pdf   # scan
    kind: carrier_statement
    covers: {from: 2026-09-23, to: 2026-11-21}
    caption: 承运商书面说明

  # Compensation paid on 2026-11-18.
  - file: evidence/compensation_voucher.pdf
    kind: compensation_voucher
    date: 2026-11-18
    caption: 赔偿凭证
    caption_ru: Подтверждение выплаты компенсации   # written by hand

# end of case
"""


def simple_case(text: str = TEXT, source_lang: str = "zh", extra: str = "") -> str:
    """A short valid case in block style; `extra` lines go into the explanation."""
    return (
        "scenario: carrier_failure\n"
        "seller: {store_name: Bright Home, client_id: '1234567'}\n"
        "notification: {received: 2026-11-22}\n"
        "affected: {postings: ['57195475-0050-3']}\n"
        "period: {from: 2026-09-23, to: 2026-11-21}\n"
        "request: exclude_period\n"
        "explanation:\n"
        f"  source_lang: {source_lang}\n"
        f"  text: {json.dumps(text, ensure_ascii=False)}\n"
        f"{extra}"
        "evidence:\n"
        "  - file: evidence/carrier_statement.pdf\n"
        "    kind: carrier_statement\n"
        "    covers: {from: 2026-09-23, to: 2026-11-21}\n"
    )


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_translate(*args: str | Path) -> Result:
    result = CliRunner().invoke(app, ["translate", *(str(a) for a in args)], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def deepl_env(monkeypatch: pytest.MonkeyPatch, server_url: str, key: str = KEY) -> None:
    """The environment a user sets, pointed at the local server; the library's retries kept short."""
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("DEEPL_AUTH_KEY", key)
    monkeypatch.setenv("DEEPL_SERVER_URL", server_url)
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 0)


def fake_deepl(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> FakeDeepL:
    fake = FakeDeepL(translations={TEXT: RUSSIAN, CAPTION: CAPTION_RU})
    deepl_env(monkeypatch, fake.install(httpserver))
    return fake


def closed_port() -> int:
    """A local port nobody listens on: connecting to it is refused at once, like a network that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class RawServer:
    """A local TCP server that is no DeepL: it counts the connections a client opens and never answers."""

    url: str
    connections: list[socket.socket] = field(default_factory=list)


@contextmanager
def raw_server(mode: Literal["silent", "reset"]) -> Iterator[RawServer]:
    """`silent` accepts and holds every connection, answering nothing (a server that hangs, a firewall
    that swallows the reply); `reset` accepts and at once cuts the connection with a TCP reset."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.05)
    server = RawServer(f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            server.connections.append(conn)
            if mode == "reset":  # SO_LINGER on, 0 seconds: close() sends RST instead of FIN
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join()
        listener.close()
        for conn in server.connections:
            conn.close()
