"""`translate` without a network, through the real deepl library: said soon, in the user's language, with the
way on without DeepL; and `--dry-run` without a key, which sends nothing.

No test times anything. The bound on waiting is checked as what it is made of: the timeouts every attempt
hands to requests (one deadline per call, NETWORK_BUDGET_SECONDS away) and the connections a server sees.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import deepl
import pytest
import requests
import urllib3.exceptions
from deepl_fake import FakeDeepL
from pytest_httpserver import HTTPServer
from requests.adapters import HTTPAdapter
from translate_support import (
    CAPTION,
    COMMENTED_CASE,
    TEXT,
    Result,
    closed_port,
    deepl_env,
    fake_deepl,
    raw_server,
    run_translate,
    simple_case,
)
from urllib3.util import Timeout

from ozon_urgent.translation import deepl_service
from ozon_urgent.translation.deepl_service import network_reason

HINT_EN = (
    "to go on without a translation engine, write the Russian yourself into explanation.facts.ru of {case}"
)
HINT_ZH = "不使用翻译引擎也能继续：请自行将俄语译文填入 {case} 的 explanation.facts.ru"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's environment with a key; DEEPL_SERVER_URL is set by each test."""
    deepl_env(monkeypatch, "http://127.0.0.1:9")


def write_case(folder: Path, text: str = COMMENTED_CASE, name: str = "case.yaml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def library_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's own retry count as shipped (the other tests turn it off), its back-off made short."""
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 5)
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)


def record_timeouts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The timeout of every attempt, as requests receives it from the deepl library."""
    seen: list[object] = []
    send = HTTPAdapter.send

    def recording(self: HTTPAdapter, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        seen.append(kwargs.get("timeout"))
        return send(self, request, **kwargs)

    monkeypatch.setattr(HTTPAdapter, "send", recording)
    return seen


def assert_unchanged(case: Path, before: bytes) -> None:
    assert case.read_bytes() == before
    assert not list(case.parent.glob("*.bak"))


def test_a_server_that_never_answers_is_given_up_on_without_a_second_request(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timeout is not retried: DeepL may have the text already, and a resend could be billed twice."""
    library_retries(monkeypatch)
    monkeypatch.setattr(deepl_service, "NETWORK_BUDGET_SECONDS", 0.3)
    case = write_case(tmp_path)
    with raw_server("silent") as server:
        monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
        result = run_translate(case)

    assert result.exit_code == 3
    assert f"ozon-urgent: {case}: cannot reach DeepL at {server.url}: no answer within 0.3 seconds" in (
        result.stderr
    )
    assert HINT_EN.format(case=case) in result.stderr
    assert len(server.connections) == 1
    assert_unchanged(case, COMMENTED_CASE.encode())


def test_every_attempt_of_a_call_ends_by_one_deadline(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst case is the budget: the first attempt may use all of it, a retry only what is left."""
    library_retries(monkeypatch)
    timeouts = record_timeouts(monkeypatch)
    case = write_case(tmp_path)
    with raw_server("reset") as server:
        monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
        result = run_translate(case)

    assert result.exit_code == 3
    assert f"cannot reach DeepL at {server.url}: the connection was cut off" in result.stderr
    # The library would try 6 times with ~16 s of back-off; a quick failure is tried once more.
    assert len(server.connections) == 1 + deepl_service.NETWORK_RETRIES == 2
    first, retry = timeouts
    assert isinstance(first, Timeout) and isinstance(retry, Timeout)
    assert first.total == deepl_service.NETWORK_BUDGET_SECONDS
    assert first.connect_timeout == deepl_service.CONNECT_TIMEOUT_SECONDS < first.total
    assert isinstance(retry.total, float) and retry.total < first.total
    # Said within 10 s of pressing Enter: the budget, plus start-up and the case file (well under 1 s).
    assert deepl_service.NETWORK_BUDGET_SECONDS <= 9
    assert_unchanged(case, COMMENTED_CASE.encode())


def test_a_retry_the_budget_has_no_room_for_is_not_made(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 5)
    monkeypatch.setattr(deepl_service, "NETWORK_BUDGET_SECONDS", 0.4)
    # The library's first back-off, 0.46-0.74 s with its jitter, outlasts the budget.
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.6)
    case = write_case(tmp_path)
    with raw_server("reset") as server:
        monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
        result = run_translate(case)

    assert result.exit_code == 3
    assert "the connection was cut off" in result.stderr  # the failure met, not a made-up timeout
    assert len(server.connections) == 1


def _english_words(text: str, *allowed: str) -> set[str]:
    for literal in allowed:
        text = text.replace(literal, " ")
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text))


def test_connection_refused_in_chinese_names_the_way_on(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    case = write_case(tmp_path)

    result = run_translate(case, "--lang", "zh")

    assert result.exit_code == 3 and result.stdout == ""
    assert f"ozon-urgent: {case}: 无法连接 DeepL（{url}）：连接被拒绝。" in result.stderr
    assert f"ozon-urgent: {case} 未作任何改动" in result.stderr
    hint = (
        HINT_ZH.format(case=case)
        + "（旧的单段写法为 explanation.ru；各条附件说明的俄语译文填入该条的 caption_ru），然后运行 "
    )
    assert f"{hint}`ozon-urgent check {case}`" in result.stderr
    # Product names, settings, fields and the command: the only Latin letters in it.
    words = _english_words(result.stderr, str(case), url)
    fields = {"explanation.facts.ru", "explanation.ru", "caption_ru"}
    assert words <= {"ozon-urgent", "DeepL", "DEEPL_SERVER_URL", *fields, "check"}
    assert "Traceback" not in result.stderr
    assert_unchanged(case, COMMENTED_CASE.encode())


def test_the_library_s_own_words_only_with_debug(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPL_SERVER_URL", f"http://127.0.0.1:{closed_port()}")
    case = write_case(tmp_path)
    monkeypatch.delenv("OZON_URGENT_DEBUG", raising=False)
    plain = run_translate(case)
    monkeypatch.setenv("OZON_URGENT_DEBUG", "1")
    debug = run_translate(case)

    assert plain.exit_code == debug.exit_code == 3
    for raw in ("Connection failed", "HTTPConnectionPool", "Errno"):
        assert raw not in plain.stderr
        assert raw in debug.stderr
    assert "the connection was refused" in debug.stderr and "Traceback" not in debug.stderr


def test_the_reported_offline_case_a_name_that_does_not_resolve(
    tmp_path: Path, offline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No DEEPL_SERVER_URL, as sellers run it: api-free.deepl.com is looked up and the lookup fails."""
    monkeypatch.delenv("DEEPL_SERVER_URL")
    monkeypatch.setenv("DEEPL_AUTH_KEY", "5d1f0a9e-8c7b-4a2f-9e6d-3c1b0a9f8e7d:fx")
    library_retries(monkeypatch)
    looked_up: list[str] = []
    lookup = socket.getaddrinfo

    def no_dns(host: Any, *args: Any, **kwargs: Any) -> Any:
        if str(host).endswith("deepl.com"):
            looked_up.append(str(host))
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    case = write_case(tmp_path)

    result = run_translate(case, "--lang", "zh")

    assert result.exit_code == 3
    assert "无法连接 DeepL（https://api-free.deepl.com）：无法解析域名（可能没有联网，或 DNS 不可用）" in (
        result.stderr
    )
    assert HINT_ZH.format(case=case) in result.stderr
    assert looked_up == ["api-free.deepl.com"] * 2  # one retry, not the library's five
    assert "NameResolutionError" not in result.stderr
    assert_unchanged(case, COMMENTED_CASE.encode())


def _wrapped(inner: BaseException) -> deepl.ConnectionException:
    """An exception as the library raises it: its ConnectionException from requests' from urllib3's."""
    error = deepl.ConnectionException("Connection failed: …", should_retry=True)
    error.__cause__ = inner
    return error


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (requests.exceptions.ProxyError(urllib3.exceptions.ProxyError("proxy", OSError())), "proxy"),
        (requests.exceptions.SSLError(urllib3.exceptions.SSLError("certificate verify failed")), "tls"),
        (requests.exceptions.ReadTimeout("read timed out"), "timeout"),
        (requests.exceptions.ConnectTimeout("connect timed out"), "timeout"),
        (
            requests.ConnectionError(
                urllib3.exceptions.MaxRetryError(
                    None,  # type: ignore[arg-type]
                    "/",
                    urllib3.exceptions.NewConnectionError(None, "refused"),  # type: ignore[arg-type]
                )
            ),
            "other",  # urllib3 keeps the OS error as the cause; alone, this says nothing more
        ),
        (requests.ConnectionError(ConnectionRefusedError(111, "Connection refused")), "refused"),
        (requests.ConnectionError(ConnectionResetError(104, "Connection reset by peer")), "reset"),
        (requests.ConnectionError(socket.gaierror(-3, "Temporary failure in name resolution")), "dns"),
    ],
)
def test_each_failure_gets_its_reason(inner: BaseException, reason: str) -> None:
    assert network_reason(_wrapped(inner)) == reason


@pytest.mark.parametrize(
    ("inner", "again"),
    [
        (requests.ConnectionError(ConnectionResetError(104, "Connection reset by peer")), True),
        (requests.ConnectionError(socket.gaierror(-2, "Name or service not known")), True),
        (requests.exceptions.ReadTimeout("read timed out"), False),
        (requests.exceptions.ConnectTimeout("connect timed out"), False),
    ],
)
def test_only_a_quick_failure_is_tried_again_and_only_once(
    monkeypatch: pytest.MonkeyPatch, inner: BaseException, again: bool
) -> None:
    """The budget alone would stop most of these; the rule holds even with time left."""
    monkeypatch.setattr(deepl.http_client, "max_network_retries", 5)
    client = deepl_service._BoundedHttpClient()
    assert client._should_retry(None, _wrapped(inner), 0) is again
    assert client._should_retry(None, _wrapped(inner), 1) is False


# --dry-run without a key


def test_dry_run_without_a_key_lists_what_would_be_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = fake_deepl(monkeypatch, httpserver)
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    case = write_case(tmp_path)

    result = run_translate(case, "--dry-run")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # no diff: without DeepL there is no Russian to show
    characters = len(TEXT) + len(CAPTION)
    assert (
        f"{case}: dry run, nothing sent or written; "
        f"a real run would send explanation.text, evidence[0].caption "
        f"({characters} characters of source text) "
        "and write explanation.ru, evidence[0].caption_ru, "
        "explanation.ru_back, evidence[0].caption_ru_back" in result.stderr
    )
    assert (
        "no translation engine key is set, so nothing was sent: a key is needed to translate" in result.stderr
    )
    assert "write the Russian yourself into explanation.facts.ru" in result.stderr  # the way on by hand
    assert "evidence[1].caption_ru_back not written: a back-translation of the Russian needs" in result.stderr
    assert "evidence[1].caption_ru was not written by `translate`" in result.stderr
    assert fake.seen == []
    assert_unchanged(case, COMMENTED_CASE.encode())


def test_dry_run_without_a_key_in_chinese_over_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deepl_env(monkeypatch, f"http://127.0.0.1:{closed_port()}")
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    todo = write_case(tmp_path, simple_case("订单号延误。"), "a.yaml")
    russian = write_case(tmp_path, simple_case("Уже по-русски.", "ru"), "b.yaml")
    before = {path: path.read_bytes() for path in (todo, russian)}

    result = run_translate(todo, russian, "--dry-run", "--lang", "zh")

    assert result.exit_code == 0 and result.stdout == ""
    listed = (
        "试运行，未发送也未写入任何内容；正式运行时将发送 explanation.text（原文共 6 个字符），"
        "并写入 explanation.ru、explanation.ru_back"
    )
    assert f"{todo}：{listed}" in result.stderr
    assert "试运行：1 个案件需要翻译，1 个无需翻译，0 个失败；未写入任何内容" in result.stderr
    assert "未设置任何翻译引擎的密钥，因此没有发送任何内容" in result.stderr
    assert "不用机器翻译也可以：自己把俄语写进 explanation.facts.ru" in result.stderr
    for path, data in before.items():
        assert_unchanged(path, data)


def test_dry_run_without_a_key_and_nothing_to_translate_asks_for_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    case = write_case(tmp_path, simple_case("Уже по-русски.", "ru"))
    result = run_translate(case, "--dry-run")
    assert result.exit_code == 0 and result.stdout == ""
    assert "DEEPL_AUTH_KEY" not in result.stderr


def test_a_real_run_without_a_key_still_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    case = write_case(tmp_path)
    result: Result = run_translate(case)
    assert result.exit_code == 3 and "DEEPL_AUTH_KEY is not set" in result.stderr
    assert_unchanged(case, COMMENTED_CASE.encode())


def test_dry_run_with_a_key_is_still_a_diff(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write_case(tmp_path)
    result = run_translate(case, "--dry-run")
    assert result.exit_code == 0 and result.stdout.startswith(f"--- {case}\n+++ {case}\n")
    assert "a real run would write" in result.stderr and "DEEPL_AUTH_KEY" not in result.stderr
    assert len(fake.translate_requests()) == 2


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> FakeDeepL:
    return fake_deepl(monkeypatch, httpserver)
