"""`ozon-urgent translate` end to end: the real deepl library against a local DeepL, the real case files."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import deepl
import pytest
from deepl_fake import KEY, REQUEST_LIMIT, FakeDeepL
from pytest_httpserver import HTTPServer
from translate_support import (
    CAPTION_RU,
    COMMENTED_CASE,
    RUSSIAN,
    TEXT,
    closed_port,
    deepl_env,
    fake_deepl,
    run_translate,
    simple_case,
)

from ozon_urgent import i18n
from ozon_urgent.casefile.loader import compose
from ozon_urgent.casefile.provenance import source_sha256

MASKED = "…" + KEY[-4:]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> FakeDeepL:
    return fake_deepl(monkeypatch, httpserver)


def write(folder: Path, text: str, name: str = "case.yaml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def data(path: Path) -> dict[str, object]:
    loaded: object = compose(path.read_text("utf-8-sig")).data
    assert isinstance(loaded, dict)
    return loaded


def test_commented_case_changes_only_in_its_translated_lines(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)

    result = run_translate(case)

    assert result.exit_code == 0, result.stderr
    after = case.read_text("utf-8")
    diff = list(difflib.unified_diff(COMMENTED_CASE.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == ['  ru: ""                           # filled by translate']
    assert added == [
        "  ru: >-  # filled by translate",
        "    Наши отправления задержаны по вине службы доставки. Служба доставки письменно это подтвердила и",
        "    выплатила компенсацию.",
        f'  ru_source_sha256: "{source_sha256(TEXT)}"',
        # The Russian back into Chinese (the fake marks it "[zh]"), with the hash of the Russian it read.
        "  ru_back: >-",
        "    [zh] Наши отправления задержаны по вине службы доставки. Служба доставки письменно это",
        "    подтвердила и выплатила компенсацию.",
        f'  ru_back_sha256: "{source_sha256(RUSSIAN)}"',
        "  ru_back_by: deepl",  # the engine that made it: the copy names it
        f"    caption_ru: {CAPTION_RU}",
        f'    caption_ru_source_sha256: "{source_sha256("承运商书面说明")}"',
        f"    caption_ru_back: '[zh] {CAPTION_RU}'",
        f'    caption_ru_back_sha256: "{source_sha256(CAPTION_RU)}"',
        "    caption_ru_back_by: deepl",
        # The caption_ru written by hand is kept, and gets its back-translation too.
        "    caption_ru_back: '[zh] Подтверждение выплаты компенсации'",
        f'    caption_ru_back_sha256: "{source_sha256("Подтверждение выплаты компенсации")}"',
        "    caption_ru_back_by: deepl",
    ]
    # Everything else, comments and blank lines included, is the seller's file as it was.
    kept = [line for line in after.splitlines() if line not in added]
    assert kept == [line for line in COMMENTED_CASE.splitlines() if line not in removed]
    assert (tmp_path / "case.yaml.bak").read_text("utf-8") == COMMENTED_CASE
    explanation = data(case)["explanation"]
    assert isinstance(explanation, dict)
    assert (explanation["ru"], explanation["ru_reviewed"]) == (RUSSIAN, False)
    assert "evidence[1].caption_ru was not written by `translate`" in result.stderr
    assert "`ru_reviewed` is now `false`" in result.stderr


def test_requests_carry_the_key_formality_context_and_glossary(tmp_path: Path, fake: FakeDeepL) -> None:
    run_translate(write(tmp_path, COMMENTED_CASE))
    explanation, caption = fake.translate_requests()
    assert explanation.body["text"] == [TEXT] and caption.body["text"] == ["承运商书面说明"]
    for request in (explanation, caption):
        assert request.body["source_lang"] == "ZH" and request.body["target_lang"] == "RU"
        assert request.body["formality"] == "prefer_more"
        assert request.body["glossary_id"] in fake.glossaries
        assert "сбой в работе службы доставки" in request.body["context"]
    assert "a carrier failure crashed the on-time delivery rate" in explanation.body["context"]


def test_unchanged_source_is_not_sent_again(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)
    run_translate(case)
    translated, paid = case.read_bytes(), len(fake.translate_requests())

    result = run_translate(case)

    assert result.exit_code == 0
    assert len(fake.translate_requests()) == paid and case.read_bytes() == translated
    kept = "the source text has not changed since the last translation; explanation.ru is kept"
    assert kept in result.stderr


def test_edited_source_is_translated_again(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)
    run_translate(case)
    case.write_text(case.read_text("utf-8").replace("支付了赔偿", "支付了全额赔偿"), "utf-8")

    run_translate(case)

    [last] = fake.translate_requests()[-1:]
    assert last.body["text"] == ["我们的货物因承运商原因延误。 承运商已书面确认并支付了全额赔偿。"]
    explanation = data(case)["explanation"]
    assert isinstance(explanation, dict)
    assert explanation["ru_source_sha256"] == source_sha256(last.body["text"][0])


@pytest.mark.parametrize(
    ("text", "source_lang", "message"),
    [
        (
            "Отправления задержаны по вине службы доставки.",
            "ru",
            "source_lang is ru, so the text already is Russian",
        ),
        ("", "zh", "explanation.text is empty; nothing to translate"),
        ("   ", "en", "explanation.text is empty; nothing to translate"),
    ],
)
def test_nothing_to_translate_makes_no_call(
    tmp_path: Path, fake: FakeDeepL, text: str, source_lang: str, message: str
) -> None:
    case = write(tmp_path, simple_case(text, source_lang))
    before = case.read_bytes()

    result = run_translate(case)

    assert result.exit_code == 0
    assert message in result.stderr
    assert fake.seen == [] and case.read_bytes() == before
    assert not (tmp_path / "case.yaml.bak").exists()


def test_no_key_needed_when_nothing_is_to_be_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    case = write(tmp_path, simple_case("Уже по-русски.", "ru"))
    result = run_translate(case)
    assert result.exit_code == 0 and result.stdout == ""
    assert "source_lang is ru, so the text already is Russian" in result.stderr
    assert "DEEPL_AUTH_KEY" not in result.stderr
    assert case.read_text("utf-8") == simple_case("Уже по-русски.", "ru")
    assert not (tmp_path / "case.yaml.bak").exists()


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)

    result = run_translate(case, "--dry-run")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- {case}\n+++ {case}\n@@ ")
    assert '-  ru: ""                           # filled by translate\n' in result.stdout
    assert f"+    caption_ru: {CAPTION_RU}\n" in result.stdout
    assert case.read_text("utf-8") == COMMENTED_CASE and not (tmp_path / "case.yaml.bak").exists()
    assert "dry run, nothing written" in result.stderr


def test_no_key_says_where_to_get_one(
    tmp_path: Path, fake: FakeDeepL, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    case = write(tmp_path, COMMENTED_CASE)

    result = run_translate(case)

    assert result.exit_code == 3
    assert "DEEPL_AUTH_KEY is not set" in result.stderr and "DeepL account → API Keys" in result.stderr
    assert "export DEEPL_AUTH_KEY=" in result.stderr
    assert fake.seen == [] and case.read_text("utf-8") == COMMENTED_CASE


def _slow_retries(monkeypatch: pytest.MonkeyPatch, retries: int) -> None:
    monkeypatch.setattr(deepl.http_client, "max_network_retries", retries)
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)


@pytest.mark.parametrize(
    ("status", "message", "attempts"),
    [
        (456, "the DeepL character quota of this billing period is used up (456)", 1),
        (429, "DeepL still answers “too many requests” (429) after retrying", 3),
        (500, "DeepL answered with a server error (500) after retrying", 3),
    ],
)
def test_service_errors_leave_the_case_unchanged(
    tmp_path: Path,
    fake: FakeDeepL,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    message: str,
    attempts: int,
) -> None:
    _slow_retries(monkeypatch, 2)
    case = write(tmp_path, COMMENTED_CASE)
    fake.failing_path = "/v2/translate"
    if status == 456:
        fake.character_limit = 10
    else:
        fake.always = status

    result = run_translate(case)

    assert result.exit_code == 3
    assert f"ozon-urgent: {case}: {message}" in result.stderr
    assert f"{case} is unchanged" in result.stderr
    assert case.read_text("utf-8") == COMMENTED_CASE and not (tmp_path / "case.yaml.bak").exists()
    assert len(fake.translate_requests()) == attempts  # the library's own retries, then the error


def test_an_answer_missing_translations_is_deepl_s_failure(tmp_path: Path, fake: FakeDeepL) -> None:
    """A server answering fewer translations than texts sent: exit 3 with a message, the case unchanged."""
    case = write(tmp_path, COMMENTED_CASE)
    fake.missing_translations = 5  # every request answered with an empty list

    result = run_translate(case)

    assert result.exit_code == 3
    assert "DeepL answered with a different number of translations than texts sent" in result.stderr
    assert "internal error" not in result.stderr and "zip" not in result.stderr
    assert case.read_text("utf-8") == COMMENTED_CASE and not (tmp_path / "case.yaml.bak").exists()


def test_a_wrong_key_is_refused_and_shown_masked(
    tmp_path: Path, fake: FakeDeepL, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "0000aaaa-1111-2222-3333-44445555wxyz"
    monkeypatch.setenv("DEEPL_AUTH_KEY", wrong)
    case = write(tmp_path, COMMENTED_CASE)

    result = run_translate(case)

    assert result.exit_code == 3
    assert "DeepL refused the key …wxyz (403)" in result.stderr
    assert wrong not in result.stderr + result.stdout
    assert case.read_text("utf-8") == COMMENTED_CASE


def test_network_down(tmp_path: Path, fake: FakeDeepL, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    case = write(tmp_path, COMMENTED_CASE)

    result = run_translate(case)

    assert result.exit_code == 3
    assert f"cannot reach DeepL at {url}" in result.stderr
    assert case.read_text("utf-8") == COMMENTED_CASE


def test_too_many_requests_then_success(
    tmp_path: Path, fake: FakeDeepL, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_retries(monkeypatch, 1)
    fake.failing_path, fake.fail_next = "/v2/translate", [429]
    case = write(tmp_path, COMMENTED_CASE)

    assert run_translate(case).exit_code == 0
    assert RUSSIAN.split()[0] in case.read_text("utf-8")
    assert len(fake.translate_requests()) == 3  # the explanation twice, then the caption


def test_the_key_is_never_printed_or_written(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)
    outputs = [run_translate(case), run_translate(case), run_translate("--usage")]
    for result in outputs:
        assert KEY not in result.stdout + result.stderr
    for path in tmp_path.iterdir():
        assert KEY.encode() not in path.read_bytes()
    assert MASKED in outputs[2].stdout


def test_usage_shows_characters_and_limit(tmp_path: Path, fake: FakeDeepL) -> None:
    fake.character_count = 123_456
    result = run_translate("--usage")
    assert result.exit_code == 0
    assert (
        result.stdout == f"DeepL characters this billing period: 123,456 of 500,000 (24.7%), key {MASKED}\n"
    )


def test_usage_without_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    result = run_translate("--usage")
    assert result.exit_code == 3 and "DEEPL_AUTH_KEY is not set" in result.stderr


def test_no_paths_is_a_usage_error(fake: FakeDeepL) -> None:
    result = run_translate()
    assert result.exit_code == 2 and "name the case files to translate" in result.stderr
    unmatched = run_translate("nothing-here/*.yaml")
    assert unmatched.exit_code == 2 and "no case files match nothing-here/*.yaml" in unmatched.stderr
    assert fake.seen == []


def test_one_failing_case_does_not_lose_the_others(tmp_path: Path, fake: FakeDeepL) -> None:
    first = write(tmp_path, simple_case("订单号延误。"), "a.yaml")
    locked = write(tmp_path, simple_case("货件号延误。"), "b.yaml")
    last = write(tmp_path, simple_case("运单号延误。"), "c.yaml")
    locked.chmod(0o444)
    locked_before = locked.read_bytes()

    result = run_translate(tmp_path)

    assert result.exit_code == 3
    assert f"{locked} is read-only; nothing was translated" in result.stderr
    assert locked.read_bytes() == locked_before
    assert "ru_source_sha256" in first.read_text("utf-8") and "ru_source_sha256" in last.read_text("utf-8")
    assert "2 case(s) translated, 0 unchanged, 1 failed" in result.stderr
    assert [r.body["text"] for r in fake.translate_requests()] == [["订单号延误。"], ["运单号延误。"]]


def test_a_quota_running_out_mid_batch_keeps_what_was_done(tmp_path: Path, fake: FakeDeepL) -> None:
    cases = [write(tmp_path, simple_case(f"第{n}个案件：货物延误。"), f"{n}.yaml") for n in (1, 2, 3)]
    fake.character_limit = len("第1个案件：货物延误。")

    result = run_translate(*cases)

    assert result.exit_code == 3
    assert "ru_source_sha256" in cases[0].read_text("utf-8")
    assert cases[1].read_text("utf-8") == simple_case("第2个案件：货物延误。")
    assert "stopped after the translation engine's error: 1 more case(s) not translated" in result.stderr


def test_a_case_saved_while_it_was_translated_is_not_overwritten(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)
    edited = COMMENTED_CASE + "# a note the seller saved meanwhile\n"

    def save_meanwhile() -> None:
        case.write_text(edited, "utf-8")

    fake.during_translate = save_meanwhile

    result = run_translate(case)

    assert result.exit_code == 3
    assert f"{case} changed on disk while it was being translated" in result.stderr
    assert case.read_text("utf-8") == edited
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob(".case.yaml.*"))


def test_cases_check_would_reject_are_not_translated(tmp_path: Path, fake: FakeDeepL) -> None:
    typo = write(tmp_path, simple_case().replace("request:", "requst:"), "typo.yaml")
    broken = write(tmp_path, "scenario: [unclosed\n", "broken.yaml")

    result = run_translate(typo)
    assert result.exit_code == 1
    assert f"{typo}:6: S001" in result.stderr and "has 1 format error(s)" in result.stderr

    result = run_translate(broken)
    assert result.exit_code == 1  # a case file that cannot be parsed fails like one with a typo
    assert f"{broken}:2: Y003" in result.stderr
    assert fake.seen == []


def test_100000_characters_in_a_case_file(tmp_path: Path, fake: FakeDeepL) -> None:
    """Mixed Chinese and English: ~180 KB in the file, ~300 KB on the wire, so several requests."""
    sentence = "货物延误 (carrier failure at the sorting hub, see the statement). "
    text = (sentence * (100_000 // len(sentence) + 1))[:100_000].strip()
    fake.render = lambda chunk: "Часть."
    case = write(tmp_path, simple_case(text, "zh"))

    result = run_translate(case)

    assert result.exit_code == 0, result.stderr
    requests = fake.translate_requests()
    assert len(requests) >= 2 and all(r.size <= REQUEST_LIMIT for r in requests)
    explanation = data(case)["explanation"]
    assert isinstance(explanation, dict)
    assert explanation["ru"] == " ".join(["Часть."] * sum(len(r.body["text"]) for r in requests))
    assert explanation["ru_source_sha256"] == source_sha256(text)


def test_a_translation_too_big_for_a_case_file_is_not_written(tmp_path: Path, fake: FakeDeepL) -> None:
    text = ("The carrier failed to collect the parcels on time. " * 1900)[:95_000].strip()
    fake.render = lambda chunk: "Ж" * (len(chunk) + 10)  # 2 bytes a letter: the file would pass 256 KiB
    case = write(tmp_path, simple_case(text, "en"))
    before = case.read_bytes()

    result = run_translate(case)

    assert result.exit_code == 3
    assert "over the 262144-byte limit of a case file" in result.stderr
    assert case.read_bytes() == before


def test_bom_and_permissions_are_kept(tmp_path: Path, fake: FakeDeepL) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(b"\xef\xbb\xbf" + simple_case("订单号延误。").encode())
    case.chmod(0o640)

    assert run_translate(case).exit_code == 0

    assert case.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(case.stat().st_mode) == 0o640
    assert (tmp_path / "case.yaml.bak").read_bytes().startswith(b"\xef\xbb\xbfscenario:")


def test_messages_in_chinese(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, simple_case("Уже по-русски.", "ru"))
    result = run_translate(case, "--lang", "zh")
    assert f"{case}：source_lang 为 ru，原文已经是俄语；无需翻译" in result.stderr


def test_a_read_only_case_can_still_be_previewed(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, COMMENTED_CASE)
    case.chmod(0o444)
    result = run_translate(case, "--dry-run")
    assert result.exit_code == 0 and "+  ru_source_sha256:" in result.stdout
    assert os.access(case, os.R_OK) and case.read_text("utf-8") == COMMENTED_CASE


def test_deepl_server_url_is_where_requests_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    fake = FakeDeepL(translations={TEXT: RUSSIAN})
    deepl_env(monkeypatch, fake.install(httpserver) + "/")
    assert run_translate(write(tmp_path, COMMENTED_CASE)).exit_code == 0
    assert {s.path for s in fake.seen} >= {"/v2/translate", "/v3/glossaries", "/v2/glossary-language-pairs"}


def test_a_linked_case_file_stays_a_link(tmp_path: Path, fake: FakeDeepL) -> None:
    (tmp_path / "store").mkdir()
    real = write(tmp_path / "store", simple_case("订单号延误。"))
    link = tmp_path / "case.yaml"
    link.symlink_to(real)

    result = run_translate(link)

    assert result.exit_code == 0
    assert link.is_symlink() and "ru_source_sha256" in real.read_text("utf-8")
    assert (tmp_path / "store" / "case.yaml.bak").exists()
    assert f"kept as {tmp_path / 'store' / 'case.yaml.bak'}" in result.stderr


PARTS_CASE = """\
case_id: yuelai-2026-11
scenario: response_time_penalty
seller: {store_name: Yuelai Kitchen, client_id: "1502987"}
notification: {received: 2026-11-23, metric: rating_chat_response_time}
request: lift_penalty
explanation:
  source_lang: zh
  facts:
    text: 之前客服不懂俄语，回复经常超过24小时。   # the facts
  changes:
    text: 从11月1日起两名俄语客服负责回复。
  ru_reviewed: true
"""


def test_facts_and_changes_are_each_translated_into_their_own_ru(tmp_path: Path, fake: FakeDeepL) -> None:
    case = write(tmp_path, PARTS_CASE)

    result = run_translate(case)

    assert result.exit_code == 0, result.stderr
    [request] = fake.translate_requests()
    facts, changes = "之前客服不懂俄语，回复经常超过24小时。", "从11月1日起两名俄语客服负责回复。"
    assert request.body["text"] == [facts, changes]  # one call, the letter's order
    explanation = data(case)["explanation"]
    assert isinstance(explanation, dict)
    for name, source in (("facts", facts), ("changes", changes)):
        part = explanation[name]
        assert isinstance(part, dict)
        assert part["ru"] == f"[ru] {source}" and part["ru_source_sha256"] == source_sha256(source)
    assert explanation["ru_reviewed"] is False  # machine Russian waits for a person again
    assert "# the facts" in case.read_text("utf-8")


def test_a_dry_run_says_it_bills_before_it_sends(tmp_path: Path, fake: FakeDeepL) -> None:
    """«试运行» reads as free: its first line, before anything goes to the engine, says it is billed."""
    case = write(tmp_path, simple_case())
    result = run_translate(case, "--lang", "zh", "--dry-run")
    assert result.exit_code == 0, result.stderr
    first, *rest = result.stderr.splitlines()
    assert first == i18n.text("zh", "cli.translate", "dry_run_bills")
    assert first == "试运行同样会把文字发给翻译服务并计费；正式运行时还会再计费一次。"
    assert any("计费" in line for line in rest)  # and afterwards, how much
    real = run_translate(write(tmp_path, simple_case(), "real.yaml"), "--lang", "zh")
    assert "试运行" not in real.stderr


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_billing_line_counts_the_back_translation_apart(
    tmp_path: Path, fake: FakeDeepL, dry_run: bool
) -> None:
    """The Russian sent back is billed too: the line says how much of the count it is, so the total
    does not read as the seller's text alone."""
    case = write(tmp_path, simple_case())
    result = run_translate(case, "--lang", "zh", *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 0, result.stderr
    total, back = len(TEXT) + len(RUSSIAN), len(RUSSIAN)  # the fake bills each text sent by its length
    assert f"计费 {total} 个字符，其中回译 {back} 个" in result.stderr
    english = run_translate(write(tmp_path, simple_case(), "en.yaml"), "--lang", "en", "--dry-run")
    assert f"({total} characters billed, {back} of them for translating the Russian back;" in english.stderr
