"""Every family of errors a user can act on ends the same way: one message line, the right exit status."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from factories import base_case, write_case
from kit.cli import RunCli
from ozon_urgent.errors import ExitStatus, UserError
from ozon_urgent.ledger.errors import LedgerError, LedgerRefusedError
from ozon_urgent.policy import PolicyError
from ozon_urgent.seller_api.errors import SellerApiError
from ozon_urgent.ticket.pack import PackWriteError
from ozon_urgent.ticket.render import TemplateError
from ozon_urgent.translation.deepl_service import ServiceError
from ozon_urgent.translation.glossary import GlossaryError

Scenario = Callable[[Path], list[str | Path]]


def _two_cases(tmp_path: Path) -> tuple[Path, Path]:
    first = write_case(tmp_path / "store-a", base_case("carrier_failure"))
    second_case = base_case("carrier_failure")
    second_case["case_id"] = "store-b-carrier"
    second_case["seller"]["client_id"] = "7654321"
    second = write_case(tmp_path / "store-b", second_case)
    return first, second


def _policy_in_second_folder(tmp_path: Path) -> list[str | Path]:
    first, second = _two_cases(tmp_path)
    (second.parent / "ozon-urgent.toml").write_text("stale_after_days = [\n", encoding="utf-8")
    return ["check", "--no-content", first, second]


def _broken_template(tmp_path: Path) -> list[str | Path]:
    first, second = _two_cases(tmp_path)
    templates = tmp_path / "templates"
    (templates / "ticket").mkdir(parents=True)
    (templates / "ticket" / "carrier_failure.txt.j2").write_text("{% if %}\n", encoding="utf-8")
    return ["build", "--templates", templates, "--out", tmp_path / "out", first, second]


def _ledger_folder_missing(tmp_path: Path) -> list[str | Path]:
    first, second = _two_cases(tmp_path)
    ledger = tmp_path / "no-such-folder" / "ledger.sqlite3"
    return ["build", "--ledger", ledger, "--out", tmp_path / "out", first, second]


def _case_file_unreadable(tmp_path: Path) -> list[str | Path]:
    broken = tmp_path / "case.yaml"
    broken.write_text("case_id: [unclosed\n", encoding="utf-8")
    return ["record", broken, "--ref", "SR-1"]


def _bad_glossary(tmp_path: Path) -> list[str | Path]:
    first, _ = _two_cases(tmp_path)
    glossary = tmp_path / "terms.toml"
    glossary.write_text("[zh]\n承运商 = 1\n", encoding="utf-8")
    return ["translate", "--glossary", glossary, first]


def _no_deepl_key(tmp_path: Path) -> list[str | Path]:
    return ["translate", "--usage"]


def _seller_api_unreachable(tmp_path: Path) -> list[str | Path]:
    return ["pull", "--client-id", "1234567", "--out", tmp_path / "drafts"]


def _bad_today(tmp_path: Path) -> list[str | Path]:
    first, second = _two_cases(tmp_path)
    return ["check", "--today", "2026-02-30", first, second]


FAMILIES: dict[str, tuple[Scenario, ExitStatus, str]] = {
    "policy": (_policy_in_second_folder, ExitStatus.FAILED, "store-b/ozon-urgent.toml: not valid TOML"),
    "template": (_broken_template, ExitStatus.FAILED, "templates/ticket/carrier_failure.txt.j2, line 1"),
    "ledger": (_ledger_folder_missing, ExitStatus.FAILED, "no-such-folder"),
    "case file": (_case_file_unreadable, ExitStatus.FINDINGS, "Y003"),  # the case fails, not the tool
    "glossary": (_bad_glossary, ExitStatus.FAILED, "terms.toml: not a valid glossary"),
    "deepl": (_no_deepl_key, ExitStatus.FAILED, "DEEPL_AUTH_KEY is not set"),
    "seller api": (_seller_api_unreachable, ExitStatus.FAILED, "cannot reach the Ozon Seller API"),
    "usage": (_bad_today, ExitStatus.USAGE, "2026-02-30"),
}


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{free.getsockname()[1]}"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_ends_in_one_message_and_its_status(
    run_cli: RunCli, tmp_path: Path, family: str, closed_port: str
) -> None:
    scenario, status, fragment = FAMILIES[family]
    env = {"OZON_API_URL": closed_port, "OZON_API_KEY": "secret-key", "DEEPL_AUTH_KEY": ""}
    result = run_cli(*scenario(tmp_path), env=env)
    lines = result.stderr.splitlines()
    assert result.exit_code == status, result.stderr
    assert len(lines) == 1 and lines[0].startswith("ozon-urgent: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "secret-key" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _usage_error() -> UserError:
    """What `cli.exit.fail` raises for a command line that cannot be run."""
    error = UserError("no_cases")
    error.exit_status = ExitStatus.USAGE
    return error


ERRORS: list[tuple[UserError, ExitStatus]] = [
    (PolicyError(Path("ozon-urgent.toml"), "not valid TOML"), ExitStatus.FAILED),
    (TemplateError("ticket/body.txt.j2", 3, "unexpected end"), ExitStatus.FAILED),
    (PackWriteError(Path("out/case"), "No space left on device"), ExitStatus.FAILED),
    (LedgerError("busy", ledger="ledger.sqlite3", seconds=5), ExitStatus.FAILED),
    (LedgerRefusedError("nothing_new", case="c-1", reference="SR-1"), ExitStatus.FINDINGS),
    (SellerApiError("timeout", "/v1/rating/summary", seconds="30"), ExitStatus.FAILED),
    (ServiceError("quota"), ExitStatus.FAILED),
    (GlossaryError("too_big", "terms.toml", detail="1048576"), ExitStatus.FAILED),
    (_usage_error(), ExitStatus.USAGE),
]


@pytest.mark.parametrize("error, status", ERRORS, ids=lambda e: type(e).__name__)
def test_the_app_catches_the_base_class_once(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: UserError, status: ExitStatus
) -> None:
    """Whatever a batch raises mid-run, the one handler prints its message in the user's language."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr("ozon_urgent.pipeline.batch.check_files", fail)
    path = write_case(tmp_path, base_case("carrier_failure"))
    for lang in ("en", "zh"):
        result = run_cli("check", "--lang", lang, path)
        assert result.exit_code == status
        assert result.stderr == f"ozon-urgent: {error.message(lang)}\n"
        assert result.stdout == ""


def test_anything_else_is_an_internal_error_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a UserError: the console entry point's last guard says so, exit 3, no traceback."""
    from ozon_urgent.cli import entry

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("ozon_urgent.pipeline.batch.check_files", broken)
    monkeypatch.delenv("OZON_URGENT_DEBUG", raising=False)
    path = write_case(tmp_path, base_case("carrier_failure"))
    with pytest.raises(SystemExit) as stopped:
        entry.main(["check", str(path)])
    assert stopped.value.code == ExitStatus.FAILED
    err = capsys.readouterr().err
    assert err.startswith("ozon-urgent: internal error (RuntimeError: a bug).") and "Traceback" not in err
