"""`ozon-urgent pull` end to end against the fake Ozon: report, files, credentials, exit codes."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pull_fake import API_KEY, HISTORY, INDEX_POSTINGS, POSTING, SUMMARY, FakeOzon, error_entry, summary_item
from pull_support import TODAY, UNKNOWN_KEY, UNKNOWN_NAME, local_server, run_pull, standard_account
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ozon_urgent.cli import pull as cli_pull
from ozon_urgent.cli.environment import Environment

# `pull` prompts for a missing key only on a terminal; tests about the key say which they run at.
TERMINAL = Environment(stdin_isatty=lambda: True)
NO_TERMINAL = Environment(stdin_isatty=lambda: False)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with local_server() as running:
        yield running


@pytest.fixture
def fake(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakeOzon:
    server.clear()
    return standard_account(FakeOzon(server)).install()


def written(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_the_report_names_every_rating_in_trouble_with_value_threshold_and_trend(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "CRITICAL  rating_on_time (on-time delivery rate)" in lines
    assert "  87.5%; warning at 95%, blocking at 90%; was 95.1%, now 87.5% (falling, getting worse)" in lines
    assert f"WARNING  {UNKNOWN_KEY} («{UNKNOWN_NAME}»)" in lines  # unknown key: shown by its name
    assert "  3.1; thresholds not reported; was 4.2, now 3.1 (falling, getting worse)" in lines
    assert "rating_order_cancellation" not in run.stdout  # OK ratings are not reported
    assert "localization" not in run.stdout  # an empty localization_index is simply not shown
    assert set(written(tmp_path)) == {
        "rating_on_time-2026-11-20.yaml",
        f"{UNKNOWN_KEY}-{TODAY}.yaml",
        f"ratings-{TODAY}.json",
    }


def test_the_snapshot_keeps_what_ozon_answered_but_not_the_key_or_buyers(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path)
    snapshot = json.loads((tmp_path / f"ratings-{TODAY}.json").read_text("utf-8"))
    assert snapshot["rating_summary"]["response"]["groups"] == fake.groups
    assert snapshot["rating_history"]["response"]["ratings"] == fake.history
    assert snapshot["fbs_error_postings"]["errors"] == fake.errors
    assert [r["posting_number"] for r in snapshot["fbs_postings"]["results"]] == [
        e["posting_number"] for e in fake.errors if e["posting_error_type"] == "SELLER_DELAY"
    ]
    everything = run.stdout + run.stderr + "".join(written(tmp_path).values())
    assert API_KEY not in everything
    assert "+79123456789" not in everything and "Иван Петров" not in everything


def test_an_existing_draft_is_never_overwritten(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run_pull(monkeypatch, fake, "--out", tmp_path).exit_code == 0
    first = written(tmp_path)
    (tmp_path / "rating_on_time-2026-11-20.yaml").write_text("# my edits\n", "utf-8")
    assert run_pull(monkeypatch, fake, "--out", tmp_path).exit_code == 0
    second = written(tmp_path)
    assert second["rating_on_time-2026-11-20.yaml"] == "# my edits\n"
    # the new draft points at the new snapshot; otherwise it is the same
    renamed = second["rating_on_time-2026-11-20-2.yaml"].replace(
        f"ratings-{TODAY}-2.json", f"ratings-{TODAY}.json"
    )
    assert renamed == first["rating_on_time-2026-11-20.yaml"]
    assert second[f"ratings-{TODAY}.json"] == first[f"ratings-{TODAY}.json"]
    assert f"ratings-{TODAY}-2.json" in second


def test_all_ratings_ok_writes_only_the_snapshot(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake.groups = [{"group_name": "g", "items": [summary_item("rating_on_time", "x", "OK", 99, 98)]}]
    run = run_pull(monkeypatch, fake, "--out", tmp_path)
    assert run.exit_code == 0
    assert "No rating is in WARNING or CRITICAL" in run.stdout
    assert list(written(tmp_path)) == [f"ratings-{TODAY}.json"]
    assert not fake.calls(HISTORY) and not fake.calls(INDEX_POSTINGS)


def test_messages_and_draft_comments_in_chinese(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path, "--lang", "zh")
    assert run.exit_code == 0
    assert "严重  rating_on_time（准时交付率）" in run.stdout
    assert "  87.5%；预警线 95%，封禁线 90%；此前 95.1%，现在 87.5%（下降，在变差）" in run.stdout
    draft = (tmp_path / "rating_on_time-2026-11-20.yaml").read_text("utf-8")
    assert "待办：卖家后台中的店铺名称" in draft
    # the requests to choose from, each with its Chinese name, never bare English keys
    assert "诉求：lift_restriction（解除销售限制）" in draft and "| manual_review" not in draft


def test_since_sets_where_history_and_the_error_index_start(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run_pull(monkeypatch, fake, "--out", tmp_path, "--since", "2026-10-01").exit_code == 0
    assert fake.calls(HISTORY)[0].body["date_from"] == "2026-10-01T00:00:00Z"
    assert fake.calls(INDEX_POSTINGS)[0].body["filter"]["date_from"] == "2026-10-01T00:00:00Z"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "1 Oct"), "--since must be a date like 2026-11-26, not 1 Oct"),
        (("--since", "2026-12-01"), "--since 2026-12-01 is after today (2026-11-26)"),
        (("--client-id", "12a"), "the Client-Id must be digits, like 1234567, not 12a"),
    ],
)
def test_usage_errors_exit_2(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path, *args)
    assert run.exit_code == 2
    assert message in run.stderr
    assert not fake.seen


def test_missing_client_id_exits_2_with_how_to_set_it(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OZON_CLIENT_ID", "")
    run = run_pull(monkeypatch, fake, "--out", tmp_path, "--client-id", "", environment=NO_TERMINAL)
    assert run.exit_code == 2
    assert "--client-id" in run.stderr and "OZON_CLIENT_ID" in run.stderr


def test_missing_key_exits_2_with_how_to_set_it(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path, key=None, environment=NO_TERMINAL)
    assert run.exit_code == 2
    assert "OZON_API_KEY" in run.stderr and "Seller API" in run.stderr
    assert not fake.seen and written(tmp_path) == {}


def test_the_key_can_be_typed_at_a_hidden_prompt(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path, key=None, typed=API_KEY + "\n", environment=TERMINAL)
    assert run.exit_code == 0, run.stderr
    assert "Ozon Seller API key (input hidden)" in run.stderr
    assert API_KEY not in run.stdout + run.stderr
    assert fake.calls(SUMMARY)[0].api_key == API_KEY


@pytest.mark.parametrize(("lang", "said"), [("zh", "已取消。"), ("en", "Aborted!")])
def test_end_of_input_at_the_key_prompt_is_said_in_the_user_s_language(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, said: str
) -> None:
    run = run_pull(
        monkeypatch, fake, "--out", tmp_path, "--lang", lang, key=None, typed="", environment=TERMINAL
    )
    assert run.exit_code == 1 and run.stderr.rstrip().endswith(said)
    assert not fake.seen and written(tmp_path) == {}


def test_a_wrong_key_403_exits_3_naming_endpoint_and_roles(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run = run_pull(monkeypatch, fake, "--out", tmp_path, key="wrong-key-0000")
    assert run.exit_code == 3
    assert (
        "Ozon refused /v1/rating/summary (403: Invalid Api-Key, please contact support (code 7))"
        in run.stderr
    )
    assert "Admin read only" in run.stderr
    assert "wrong-key-0000" not in run.stdout + run.stderr
    assert written(tmp_path) == {}


def test_a_role_without_posting_access_stops_before_anything_is_written(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake.queue(POSTING, Response('{"code": 7, "message": "access denied", "details": []}', status=403))
    run = run_pull(monkeypatch, fake, "--out", tmp_path)
    assert run.exit_code == 3
    assert "/v3/posting/fbs/get" in run.stderr and "Posting FBS" in run.stderr
    assert written(tmp_path) == {}


@pytest.mark.parametrize(
    ("path", "response", "message"),
    [
        (SUMMARY, Response("{not json", status=200), "/v1/rating/summary answered with something"),
        (INDEX_POSTINGS, None, "answered without `errors[0].posting_error_type`"),
        (HISTORY, Response("", status=502), "Ozon answered 502 on /v1/rating/history after 5 attempts"),
        (SUMMARY, "mistyped", "`groups[0].items[0].current_value` should be a number but is str"),
    ],
)
def test_bad_answers_exit_3_and_write_nothing(
    fake: FakeOzon,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    path: str,
    response: Response | str | None,
    message: str,
) -> None:
    waits: list[float] = []
    if response is None:
        broken = error_entry("57195475-0050-3")
        del broken["posting_error_type"]
        fake.errors = [broken]
    elif response == "mistyped":
        fake.groups[0]["items"][0]["current_value"] = "87.5"
    else:
        assert isinstance(response, Response)
        fake.queue(path, *[response] * 5)
    run = run_pull(monkeypatch, fake, "--out", tmp_path, environment=Environment(sleep=waits.append))
    assert run.exit_code == 3
    assert message in run.stderr
    assert written(tmp_path) == {}
    assert waits == ([1.0, 2.0, 4.0, 8.0] if path == HISTORY else [])


def test_a_hung_connection_times_out_with_exit_3(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cli_pull, "TIMEOUT_SECONDS", 0.3)
    fake.hang = threading.Event()
    try:
        run = run_pull(monkeypatch, fake, "--out", tmp_path)
    finally:
        fake.hang.set()
    assert run.exit_code == 3
    assert "Ozon did not answer /v1/rating/summary within 0.3 s" in run.stderr


def test_nothing_listening_exits_3_and_a_bad_url_exits_2(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{free.getsockname()[1]}"
    run = run_pull(monkeypatch, fake, "--out", tmp_path, api_url=closed)
    assert run.exit_code == 3
    assert f"cannot reach the Ozon Seller API at {closed}" in run.stderr
    run = run_pull(monkeypatch, fake, "--out", tmp_path, api_url="ftp://api-seller.ozon.ru")
    assert run.exit_code == 2
    assert "OZON_API_URL must be an http:// or https:// address" in run.stderr
    assert not fake.seen


def test_an_unwritable_out_folder_exits_3(
    fake: FakeOzon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    run = run_pull(monkeypatch, fake, "--out", blocker / "drafts")
    assert run.exit_code == 3
    assert "cannot write in" in run.stderr
