"""Tencent Cloud Machine Translation through its official SDK, against a local server speaking TMT's protocol.

The server checks what TMT checks (POST /, X-TC-Action, X-TC-Version, a TC3-HMAC-SHA256 Authorization with
the secret id) and answers TMT's JSON: {"Response": {"TargetText": …}} or {"Response": {"Error": …}}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from translate_support import TEXT, closed_port, raw_server, run_translate, simple_case
from werkzeug import Request, Response

from ozon_urgent.casefile.provenance import source_sha256
from ozon_urgent.translation import tencent_service
from ozon_urgent.translation.engine import EngineChoiceError, choose

SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"


class FakeTMT:
    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []
        self.error: str | None = None
        self.errors_once: list[str] = []  # answered one each, to the next requests, before behaving again
        self.back: str | None = None  # the answer to every request out of Russian (an engine failing)

    def handle(self, request: Request) -> Response:
        body = json.loads(request.get_data())
        self.seen.append(body)
        auth = request.headers.get("Authorization", "")
        ok = (
            request.method == "POST"
            and request.headers.get("X-TC-Action") == "TextTranslate"
            and request.headers.get("X-TC-Version") == "2018-03-21"
            and auth.startswith(f"TC3-HMAC-SHA256 Credential={SECRET_ID}/")
        )
        if not ok:
            return self._answer(
                {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad signature"}}
            )
        if self.error or self.errors_once:
            code = self.error or self.errors_once.pop(0)
            return self._answer({"Error": {"Code": code, "Message": "refused"}})
        text = body["SourceText"]
        target = f"[{body['Target']}] {text}"
        if self.back is not None and body["Source"] == "ru":
            target = self.back
        return self._answer({"TargetText": target, "Source": body["Source"], "Target": body["Target"]})

    @staticmethod
    def _answer(response: dict[str, Any]) -> Response:
        payload = {"Response": {**response, "RequestId": "4a8e1bf6-0000-4000-8000-000000000000"}}
        return Response(json.dumps(payload, ensure_ascii=False), content_type="application/json")


@pytest.fixture
def tmt(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> FakeTMT:
    fake = FakeTMT()
    httpserver.expect_request("/", method="POST").respond_with_handler(fake.handle)
    _env(monkeypatch, httpserver.url_for("/").rstrip("/"))
    monkeypatch.setattr(tencent_service, "MIN_INTERVAL_SECONDS", 0.0)
    return fake


def _env(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for var in ("LANG", "LC_ALL", "OZON_URGENT_LANG", "DEEPL_AUTH_KEY", "OZON_URGENT_ENGINE", "HTTP_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("TENCENTCLOUD_TMT_SERVER_URL", url)


def _case(tmp_path: Path, extra: str = "") -> Path:
    case = tmp_path / "case.yaml"
    case.write_text(simple_case(TEXT, "zh", extra), "utf-8")
    return case


def test_translates_into_russian_and_back(tmp_path: Path, tmt: FakeTMT) -> None:
    case = _case(tmp_path)

    result = run_translate(case)

    assert result.exit_code == 0, result.stderr
    forward, back = tmt.seen
    assert (forward["Source"], forward["Target"], forward["SourceText"]) == ("zh", "ru", TEXT)
    assert (back["Source"], back["Target"], back["SourceText"]) == ("ru", "zh", f"[ru] {TEXT}")
    text = case.read_text("utf-8")
    assert f'ru_back_sha256: "{source_sha256(f"[ru] {TEXT}")}"' in text
    assert "[zh] [ru]" in text
    # No term repository: the Ozon glossary is checked, not silently claimed.
    assert "takes no uploaded glossary" in result.stderr


def test_a_term_repository_goes_with_every_russian_request(
    tmp_path: Path, tmt: FakeTMT, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_TMT_TERM_REPO", "repo-123")
    assert run_translate(_case(tmp_path)).exit_code == 0
    assert tmt.seen[0]["TermRepoIDList"] == ["repo-123"] and "TermRepoIDList" not in tmt.seen[1]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("AuthFailure.SecretIdNotFound", "Tencent Cloud refused the key"),
        ("FailedOperation.NoFreeAmount", "cannot translate more on this account"),
        ("FailedOperation.ServiceIsolate", "cannot translate more on this account"),
        ("InternalError", "answered with a server error"),
    ],
)
def test_errors_leave_the_case_unchanged(tmp_path: Path, tmt: FakeTMT, code: str, message: str) -> None:
    tmt.error = code
    case = _case(tmp_path)
    before = case.read_bytes()

    result = run_translate(case)

    assert result.exit_code == 3 and message in result.stderr
    assert SECRET_KEY not in result.stderr and case.read_bytes() == before


def test_a_server_that_never_answers_is_said_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tencent_service, "NETWORK_BUDGET_SECONDS", 0.5)
    monkeypatch.setattr(tencent_service, "CONNECT_TIMEOUT_SECONDS", 0.25)
    case = _case(tmp_path)
    with raw_server("silent") as server:
        _env(monkeypatch, server.url)
        result = run_translate(case)
    assert result.exit_code == 3
    assert f"cannot reach Tencent Cloud Machine Translation at {server.url}" in result.stderr
    assert "write the Russian yourself into explanation.facts.ru" in result.stderr


def test_refused_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, f"http://127.0.0.1:{closed_port()}")
    result = run_translate(_case(tmp_path))
    assert result.exit_code == 3 and "the connection was refused" in result.stderr


def test_engine_choice() -> None:
    both = {"DEEPL_AUTH_KEY": "k", "TENCENTCLOUD_SECRET_ID": "i", "TENCENTCLOUD_SECRET_KEY": "s"}
    assert choose(None, both) == "deepl"
    assert choose(None, {k: v for k, v in both.items() if k != "DEEPL_AUTH_KEY"}) == "tencent"
    assert choose("tencent", both) == "tencent"
    assert choose(None, {**both, "OZON_URGENT_ENGINE": "Tencent"}) == "tencent"
    assert choose(None, {}) is None
    with pytest.raises(EngineChoiceError):
        choose(None, {"OZON_URGENT_ENGINE": "yandex"})


def test_no_key_says_at_once_how_to_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, "http://127.0.0.1:9")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    case = _case(tmp_path)
    result = run_translate(case, "--lang", "zh")
    assert result.exit_code == 3
    assert "腾讯云控制台 → 访问管理 → API 密钥管理" in result.stderr
    assert "DeepL 账户 → API 密钥" in result.stderr
    assert "自己把俄语写进 explanation.facts.ru" in result.stderr


def test_hand_russian_is_kept_and_its_back_translation_refreshed(tmp_path: Path, tmt: FakeTMT) -> None:
    hand = "Русский текст продавца."
    case = _case(tmp_path, f"  ru: {hand}\n")
    assert run_translate(case).exit_code == 0
    assert [body["SourceText"] for body in tmt.seen] == [hand]  # only back: the hand Russian is kept
    text = case.read_text("utf-8")
    assert f"ru: {hand}\n" in text and f'ru_back_sha256: "{source_sha256(hand)}"' in text
    # Edited by hand again: the back-translation no longer matches and is made anew; the Russian stays.
    edited = "Исправленный текст продавца."
    case.write_text(text.replace(f"ru: {hand}", f"ru: {edited}"), "utf-8")
    assert run_translate(case).exit_code == 0
    assert tmt.seen[-1]["SourceText"] == edited
    after = case.read_text("utf-8")
    assert f"ru: {edited}\n" in after and f'ru_back_sha256: "{source_sha256(edited)}"' in after


def test_too_many_requests_is_tried_once_more(
    tmp_path: Path, tmt: FakeTMT, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TMT allows 5 requests a second: one "RequestLimitExceeded" is waited out, not said as a failure."""
    monkeypatch.setattr(tencent_service, "RATE_RETRY_SECONDS", 0.0)
    tmt.errors_once = ["RequestLimitExceeded"]
    case = _case(tmp_path)

    result = run_translate(case)

    assert result.exit_code == 0, result.stderr
    assert [body["SourceText"] for body in tmt.seen] == [TEXT, TEXT, f"[ru] {TEXT}"]  # the first again
    assert "too many requests" not in result.stderr
    assert f"[ru] {TEXT}" in case.read_text("utf-8")


def test_too_many_requests_twice_is_said_and_the_case_left_unchanged(
    tmp_path: Path, tmt: FakeTMT, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tencent_service, "RATE_RETRY_SECONDS", 0.0)
    tmt.errors_once = ["RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded"]
    case = _case(tmp_path)
    before = case.read_bytes()

    result = run_translate(case)

    assert result.exit_code == 3 and len(tmt.seen) == 2  # tried once more, then no third time
    assert "Tencent Cloud still answers “too many requests” (RequestLimitExceeded.UinLimitExceeded)" in (
        result.stderr
    )
    assert case.read_bytes() == before


def test_usage_with_tencent_says_where_to_look_and_sends_nothing(tmp_path: Path, tmt: FakeTMT) -> None:
    """TMT has no API for the month's usage: `--usage` says so and points to the console."""
    result = run_translate("--usage", "--engine", "tencent")
    assert result.exit_code == 0, result.stderr
    masked = "…" + SECRET_ID[-4:]
    assert result.stdout == (
        f"Tencent Cloud Machine Translation has no API for the month's usage (key {masked}): "
        "see the Tencent Cloud console → Machine Translation → Usage\n"
    )
    assert tmt.seen == [] and SECRET_KEY not in result.stdout + result.stderr
    zh = run_translate("--usage", "--lang", "zh")  # chosen by its key alone
    assert zh.exit_code == 0 and "请在腾讯云控制台 → 机器翻译 → 用量统计中查看" in zh.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_engine_in_the_environment_is_named(
    tmp_path: Path, tmt: FakeTMT, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("OZON_URGENT_ENGINE", "yandex")
    case = _case(tmp_path)
    before = case.read_bytes()

    result = run_translate(case, "--lang", lang)

    assert result.exit_code == 3
    expected = {
        "en": "OZON_URGENT_ENGINE is “yandex”, which is no translation engine: use one of deepl, tencent",
        "zh": "OZON_URGENT_ENGINE 的值是“yandex”，不是可用的翻译引擎：请改为 deepl, tencent 之一",
    }[lang]
    assert expected in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert tmt.seen == [] and case.read_bytes() == before


def test_the_engine_that_made_a_back_translation_is_recorded(tmp_path: Path, tmt: FakeTMT) -> None:
    """`ru_back_by` names the engine, so the seller's copy can; a person's back-translation it replaces
    (the Russian changed) is the engine's now."""
    hand = "Русский текст продавца, написанный вручную."
    case = _case(tmp_path, f"  ru: {hand}\n  ru_back: 旧的回译\n  ru_back_by: person\n")
    assert run_translate(case).exit_code == 0
    text = case.read_text("utf-8")
    assert "ru_back_by: tencent\n" in text and "person" not in text


def test_a_back_translation_that_looks_failed_is_warned_about(tmp_path: Path, tmt: FakeTMT) -> None:
    """An engine that answers «无法回译» for a paragraph: written, as the engine's answer, and named."""
    tmt.back = "无法回译"
    case = tmp_path / "case.yaml"
    case.write_text(simple_case(TEXT * 2), "utf-8")  # Russian long enough to be judged by its length

    result = run_translate(case, "--lang", "zh")

    assert result.exit_code == 0, result.stderr
    assert (
        f"{case}：写入 explanation.ru_back 的回译似乎出错了（回译比俄语译文短得多，不像是整段俄语的译文），"
        "不能凭它判断俄语写了什么；请找懂俄语的人核对这段俄语。"
    ) in result.stderr
    assert "ru_back: 无法回译" in case.read_text("utf-8")
    # A real answer is not warned about.
    tmt.back = None
    case.write_text(simple_case(TEXT * 2), "utf-8")
    assert "回译似乎出错了" not in run_translate(case, "--lang", "zh").stderr


def test_the_terms_not_used_are_one_line_naming_each_field(
    tmp_path: Path, tmt: FakeTMT, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fake's Russian has none of the glossary's words: every term a text uses is named under the field
    it came from, all in one line for the run, joined the way the reader's language joins them (a
    half-width `;` between Chinese ones read as a typo)."""
    case = tmp_path / "case.yaml"
    text = simple_case("买家退回的商品不是我们发出的。", "zh")
    case.write_text(text + "    caption: 买家的签收记录\n", "utf-8")
    monkeypatch.setenv("OZON_URGENT_LANG", "zh")
    result = run_translate(case)
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "术语表译出" in line]
    terms = sorted(["商品 → товар", "买家 → покупатель"], key=lambda pair: text.index(pair[:2]))
    said = "以下 Ozon 术语在俄语译文中没有按术语表译出，请懂俄语的人校对时逐一检查："
    assert line in {
        f"{said}explanation.text：{'、'.join(pairs)}；evidence[0].caption：买家 → покупатель"
        for pairs in (terms, terms[::-1])
    }
    assert "; " not in result.stderr

    other = tmp_path / "other.yaml"
    other.write_text(simple_case("商品", "zh"), "utf-8")
    case.write_text(simple_case("买家", "zh"), "utf-8")
    both = run_translate(case, other).stderr
    [line] = [line for line in both.splitlines() if "术语表译出" in line]
    first, second = f"{case} 中的 explanation.text", f"{other} 中的 explanation.text"
    assert line == f"{said}{first}：买家 → покупатель；{second}：商品 → товар"
