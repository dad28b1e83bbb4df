"""`build`: packs for every example, golden tickets, whole-or-nothing writing and the bad inputs."""

from __future__ import annotations

import errno
import hashlib
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from factories import base_case, variant, write_case
from kit.cli import RunCli
from kit.packs import CLIENT_ID, find_pack, pack_dir
from kit.repo import EXAMPLE_CASES, GOLDEN, REPO
from ozon_urgent.ticket import pack

HEADER = "URGENT: Performance Review Request"
# Latin that may stand in the Russian prose: Ozon's own abbreviations and labels (docs/russian-terms.md)
LATIN_ALLOWED = {"SKU", "FBS", "FBO", "rFBS", "API", "ERP", "Client", "ID", "product_id", "Ozon"}


def case_ids() -> list[str]:
    return [re.search(r"^case_id: (\S+)", p.read_text("utf-8"), re.M)[1] for p in EXAMPLE_CASES]  # type: ignore[index]


@pytest.mark.parametrize("case_id", case_ids())
@pytest.mark.parametrize(
    ("lang", "name", "golden_name"),
    [
        ("en", "ticket.txt", "ticket.txt"),
        ("en", "FILING.md", "FILING.en.md"),
        ("zh", "FILING.md", "FILING.zh.md"),
        ("en", "ticket.en.md", "ticket.en.md"),
        ("zh", "ticket.zh.md", "ticket.zh.md"),
    ],
)
def test_golden(
    packs: Path, case_id: str, lang: str, name: str, golden_name: str, request: pytest.FixtureRequest
) -> None:
    produced = (find_pack(packs / lang, case_id) / name).read_text("utf-8")
    golden = GOLDEN / case_id / golden_name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run `make golden`"
    assert produced == golden.read_text("utf-8")


def _prose(text: str, ids: list[str], names: list[str]) -> str:
    """The ticket's prose with what may be Latin taken out: header, IDs, file names, URLs, «names»."""
    text = text.replace(HEADER, "").replace("URGENT:", "")
    text = re.sub(r"https?://\S+", " ", text)
    for name in sorted(names + ids, key=len, reverse=True):
        text = text.replace(name, " ")
    return re.sub(r"«[^«»]*»", lambda m: " " if not re.search("[а-яё]", m[0], re.I) else m[0], text)


@pytest.mark.parametrize("case_id", case_ids())
def test_ticket_is_russian_lists_every_id_and_matches_its_attachments(packs: Path, case_id: str) -> None:
    folder = find_pack(packs / "en", case_id)
    ticket = (folder / "ticket.txt").read_text("utf-8")
    data = json.loads((folder / "ticket.json").read_text("utf-8"))
    subject, blank, body = ticket.partition("\n\n")
    assert blank and subject == data["subject"] and body == data["body"]
    assert body.startswith(HEADER + "\n")
    ids = [str(i) for group in data["ids"].values() for i in group]
    assert ids and all(i in body for i in ids)
    assert "и другие" not in body
    names = [a["name"] for a in data["attachments"]]
    prose = _prose(ticket, ids, names)
    latin = set(re.findall(r"[A-Za-z_]+", prose)) - LATIN_ALLOWED
    assert not latin, f"Latin words in the Russian prose: {latin}"
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", ticket)
    assert sorted(p.name for p in (folder / "attachments").iterdir()) == sorted(names)
    for entry in data["attachments"]:
        payload = (folder / "attachments" / entry["name"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == entry["sha256"] and len(payload) == entry["bytes"]
        # each file on a line of its own, numbered once by its name, with what it shows after a dash
        assert re.search(rf"^{re.escape(entry['name'])} — [а-яёa-z0-9«]", body, re.M | re.I), entry["name"]
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.(pdf|jpg)", entry["name"]), entry["name"]  # short, ASCII
    assert data["category"] == "Performance & Ratings" and data["priority"] == "Urgent"
    assert len(data["case_sha256"]) == 64


def test_filing_names_the_attachments_in_order(packs: Path) -> None:
    for case_id in case_ids():
        folder = find_pack(packs / "zh", case_id)
        filing = (folder / "FILING.md").read_text("utf-8")
        names = json.loads((folder / "ticket.json").read_text("utf-8"))["attachments"]
        positions = [filing.index(a["name"]) for a in names]
        assert positions == sorted(positions) and "72" in filing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_filing_s_record_command_works_as_written(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """FILING.md tells the seller to record the ticket, naming the case file as `build` was given it
    (quoted for the shell when it must be); that line, run as written from the same folder, records it,
    and the duplicate guard then holds."""
    store = tmp_path / "my stores" / "a"  # a space: the command must quote the path
    write_case(store, variant("carrier_failure", {"case_id": "first-ticket"}))
    monkeypatch.chdir(tmp_path)
    assert run_cli("build", "--lang", lang, "--out", "out", "my stores/a/case.yaml").exit_code == 0
    filing = (pack_dir(tmp_path / "out", "first-ticket") / "FILING.md").read_text("utf-8")
    [record] = re.findall(r"^   `(ozon-urgent record .*)`$", filing, re.M)
    placeholder = {"zh": "<工单编号>", "en": "<Reference ID>"}[lang]  # as `--help` and `status` say it
    assert record == f"ozon-urgent record 'my stores/a/case.yaml' --ref {placeholder}"
    assert "`ozon-urgent followup 'my stores/a/case.yaml'`" in filing
    words = shlex.split(record.replace(placeholder, "REF-12345"))
    recorded = run_cli(*words[1:])
    assert recorded.exit_code == 0, recorded.stdout + recorded.stderr
    again = write_case(tmp_path / "b", variant("carrier_failure", {"case_id": "second-ticket"}))
    refused = run_cli("build", "--out", "out", again)
    assert refused.exit_code == 1 and "B007" in refused.stdout and "REF-12345" in refused.stdout
    # The counts of step 4 are in the reader's words, not the case file's keys.
    counts = {"en": "(2 postings, 1 SKU)", "zh": "（货件 2 个、SKU 1 个）"}[lang]
    assert counts in filing and "postings:" not in filing


def test_filing_names_the_ledger_the_pack_was_recorded_in(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built with `--ledger FILE` (make demo's own, an agency's shared file), FILING's commands name that
    ledger, so recording as written lands where the duplicate guard looks; a URL, which may hold a
    password, is never written into a pack."""
    from ozon_urgent.catalog import load_catalog
    from ozon_urgent.policy import load_policy
    from ozon_urgent.ticket.render import Renderer
    from ozon_urgent.ticket.template_gate import sample_content

    write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "first-ticket"}))
    monkeypatch.chdir(tmp_path)
    built = run_cli("build", "--out", "out", "--ledger", "our ledger.sqlite3", "a/case.yaml")
    assert built.exit_code == 0
    filing = (pack_dir(tmp_path / "out", "first-ticket") / "FILING.md").read_text("utf-8")
    [record] = re.findall(r"^   `(ozon-urgent record .*)`$", filing, re.M)
    assert record == "ozon-urgent record a/case.yaml --ledger 'our ledger.sqlite3' --ref <Reference ID>"
    assert "`ozon-urgent followup a/case.yaml --ledger 'our ledger.sqlite3'`" in filing
    assert run_cli(*shlex.split(record.replace("<Reference ID>", "REF-1"))[1:]).exit_code == 0
    listed = run_cli("status", "--ledger", "our ledger.sqlite3", "--format", "json")
    assert "REF-1" in listed.stdout
    content = sample_content("carrier_failure", load_catalog())
    secret = "postgresql://agency:s3cret@db.example/ledger"
    text = Renderer().filing(content, load_catalog(), load_policy(), "en", "a/case.yaml", secret)
    assert "s3cret" not in text and "--ledger" not in text


def test_filing_counts_every_kind_of_id_in_the_reader_s_words() -> None:
    from ozon_urgent.catalog import load_catalog
    from ozon_urgent.ticket.render import id_summary
    from ozon_urgent.ticket.template_gate import sample_content

    content = sample_content("misjudged_delisting", load_catalog())
    assert id_summary(content, "en") == "2 postings, 1 order, 1 SKU, 1 product ID, 2 offer IDs"
    assert (
        id_summary(content, "zh")
        == "货件 2 个、订单 1 个、SKU 1 个、商品 ID（product_id）1 个、货号（offer_id）2 个"
    )


def test_existing_pack_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    out = tmp_path / "out"
    assert run_cli("build", "--out", out, case).exit_code == 0
    ticket = pack_dir(out, "test-carrier-failure") / "ticket.txt"
    ticket.write_text("seller's own edit")
    again = run_cli("build", "--out", out, case)
    assert again.exit_code == 1 and "B002" in again.stdout and ticket.read_text() == "seller's own edit"
    assert run_cli("build", "--force", "--out", out, case).exit_code == 0
    assert ticket.read_text("utf-8").startswith("URGENT:")
    assert [p.name for p in out.iterdir()] == [CLIENT_ID]
    assert [p.name for p in (out / CLIENT_ID).iterdir()] == ["test-carrier-failure"]


def test_case_with_errors_builds_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "case", variant("carrier_failure", {"request": None}))
    result = run_cli("build", "--out", tmp_path / "out", case)
    assert result.exit_code == 1 and "C110" in result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_warnings_build_but_fail_under_strict(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "case", variant("carrier_failure", {"explanation.ru_reviewed": False}))
    relaxed = run_cli("build", "--out", tmp_path / "a", case)
    assert relaxed.exit_code == 0 and ": C173 warning: " in relaxed.stdout
    assert f"pack written: {pack_dir(tmp_path / 'a', 'test-carrier-failure')}" in relaxed.stdout
    # The pack is built either way: --strict changes the verdict, not what is written.
    result = run_cli("build", "--strict", "--out", tmp_path / "b", case)
    assert result.exit_code == 1 and ": C173 warning: " in result.stdout
    assert (pack_dir(tmp_path / "b", "test-carrier-failure") / "ticket.txt").read_bytes() == (
        pack_dir(tmp_path / "a", "test-carrier-failure") / "ticket.txt"
    ).read_bytes()


@pytest.mark.parametrize(
    ("today", "zh", "en"),
    [
        (
            "2026-11-26",
            "申诉截止日 2026年11月29日（还有 3 天）",
            "appeal deadline 29 November 2026 (3 days left)",
        ),
        # The last two days say the day in so many words: «还有 1 天» read as time to spare.
        (
            "2026-11-28",
            "申诉明天（11月29日）截止，请今天提交。",
            "The appeal deadline is tomorrow, 29 November: file today.",
        ),
        (
            "2026-11-29",
            "申诉今天（11月29日）截止，请今天就提交。",
            "The appeal deadline is today, 29 November: file today.",
        ),
        (
            "2026-12-01",
            "申诉截止日 2026年11月29日（已超期 2 天）",
            "appeal deadline 29 November 2026 (2 days late)",
        ),
    ],
)
def test_build_ends_with_each_packs_appeal_deadline(
    run_cli: RunCli, tmp_path: Path, today: str, zh: str, en: str
) -> None:
    """The appeal deadline (received 22 November + the policy's 7 days, as `status` shows it) follows the
    line naming its pack, counted from the run's today."""
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    for lang, line in (("zh", zh), ("en", en)):
        built = run_cli("build", "--force", "--lang", lang, "--today", today, "--out", tmp_path / "out", case)
        assert built.exit_code == 0, built.stdout
        lines = built.stdout.splitlines()
        assert lines[lines.index(line) - 1].endswith(str(pack_dir(tmp_path / "out", "test-carrier-failure")))


def test_an_example_judged_as_of_a_past_day_shows_no_days_left(run_cli: RunCli, tmp_path: Path) -> None:
    """Its dates are judged on `as_of` (C162): days left from that day would be false today."""
    judged = write_case(tmp_path / "as_of", variant("carrier_failure", {"as_of": "2026-11-26"}))
    built = run_cli("build", "--lang", "en", "--today", "2026-12-01", "--out", tmp_path / "out", judged)
    assert built.exit_code == 0 and "pack written: " in built.stdout
    assert "appeal deadline" not in built.stdout


def test_same_case_id_twice_keeps_the_first(run_cli: RunCli, tmp_path: Path) -> None:
    first = write_case(tmp_path / "a", base_case("carrier_failure"))
    second = write_case(tmp_path / "b", variant("carrier_failure", {"seller.store_name": "Other Store"}))
    result = run_cli("build", "--format", "json", "--out", tmp_path / "out", first, second)
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert data["cases"][1]["findings"][0]["code"] == "B001"
    built = (pack_dir(tmp_path / "out", "test-carrier-failure") / "ticket.txt").read_text("utf-8")
    assert "Bright Home" in built and "Other Store" not in built


@pytest.mark.parametrize("bad_id", ["a/b", "..", "../x", "a..b"])
def test_case_id_that_would_leave_the_out_folder(run_cli: RunCli, tmp_path: Path, bad_id: str) -> None:
    case = write_case(tmp_path / "case", variant("carrier_failure", {"case_id": bad_id}))
    result = run_cli("build", "--out", tmp_path / "out", case)
    assert result.exit_code == 1 and "S003" in result.stdout
    assert not (tmp_path / "out").exists()


def test_out_folder_is_a_file(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    (tmp_path / "out").write_text("not a folder")
    result = run_cli("build", "--out", tmp_path / "out", case)
    assert result.exit_code == 3 and "B003" in result.stdout
    assert (tmp_path / "out").read_text() == "not a folder"


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EACCES])
def test_write_failing_midway_leaves_no_partial_pack_and_keeps_the_old_one(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    out = tmp_path / "out"
    assert run_cli("build", "--out", out, case).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real_write = pack._write_file
    calls = {"n": 0}

    def failing_write(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file: the disk fills up (or permission goes) midway
            raise OSError(error, "simulated")
        real_write(path, data)

    monkeypatch.setattr(pack, "_write_file", failing_write)
    result = run_cli("build", "--force", "--out", out, case)
    assert result.exit_code == 3 and "B003" in result.stdout
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in (out / CLIENT_ID).iterdir()] == ["test-carrier-failure"]  # no stray temp folder


def test_stale_temp_folders_of_a_killed_run_are_cleaned(run_cli: RunCli, tmp_path: Path) -> None:
    """In each store's folder, where packs are staged now, and in `--out` itself, where flat packs were."""
    out = tmp_path / "out"
    flat = out / f"{pack.TMP_PREFIX}x-999999999-0123abcd"
    (flat / "attachments").mkdir(parents=True)
    by_store = out / "7654321" / f"{pack.OLD_PREFIX}y-999999999-0123abcd"
    by_store.mkdir(parents=True)
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    assert run_cli("build", "--out", out, case).exit_code == 0
    assert not flat.exists() and not by_store.exists()
    assert sorted(p.name for p in out.iterdir()) == [CLIENT_ID, "7654321"]
    assert [p.name for p in (out / CLIENT_ID).iterdir()] == ["test-carrier-failure"]


def test_template_override_falls_back_and_reports_broken_ones(run_cli: RunCli, tmp_path: Path) -> None:
    case = write_case(tmp_path / "case", base_case("carrier_failure"))
    overrides = tmp_path / "tpl"
    exported = run_cli("templates", "export", overrides)
    assert exported.exit_code == 0 and exported.stdout == ""
    assert f"templates to {overrides}; build with `--templates {overrides}`" in exported.stderr
    carrier = (overrides / "ticket" / "carrier_failure.txt.j2").read_text("utf-8")
    assert "Просим исключить" in carrier  # the built-in Russian, ready to adapt
    (overrides / "ticket" / "carrier_failure.txt.j2").write_text("agency's edit", encoding="utf-8")
    again = run_cli("templates", "export", overrides)  # never overwrites silently
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (overrides / "ticket" / "carrier_failure.txt.j2").read_text("utf-8") == "agency's edit"
    for other in (overrides / "ticket").glob("*.j2"):  # an agency keeps only the file it changes
        if other.name != "base.txt.j2":
            other.unlink()
    base = overrides / "ticket" / "base.txt.j2"
    base.write_text(base.read_text("utf-8").replace("Здравствуйте!", "Добрый день!"), encoding="utf-8")
    result = run_cli("build", "--templates", overrides, "--out", tmp_path / "out", case)
    assert result.exit_code == 0
    built = pack_dir(tmp_path / "out", "test-carrier-failure")
    assert "Добрый день!" in (built / "ticket.txt").read_text("utf-8")

    base.write_text("{% if %}\n", encoding="utf-8")
    broken = run_cli("build", "--templates", overrides, "--out", tmp_path / "out2", case)
    assert broken.exit_code == 3 and "base.txt.j2" in broken.stderr and "line 1" in broken.stderr
    assert not (tmp_path / "out2").exists()

    base.write_text("line one\n{{ t.no_such_field }}\n", encoding="utf-8")
    undefined = run_cli("build", "--templates", overrides, "--out", tmp_path / "out3", case)
    assert undefined.exit_code == 3 and "no_such_field" in undefined.stderr and "line 2" in undefined.stderr
    assert not (tmp_path / "out3").exists()


def test_inputs_are_never_changed(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    case = write_case(folder, base_case("carrier_failure"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert run_cli("build", "--out", tmp_path / "out", case).exit_code == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()} == before


def test_demo_examples_copy_cleanly(run_cli: RunCli, tmp_path: Path) -> None:
    # Each example folder holds its own evidence: copied anywhere, it is still a clean case.
    for path in EXAMPLE_CASES:
        shutil.copytree(path.parent, tmp_path / path.parent.name)
    result = run_cli("check", "--format", "json", tmp_path)
    data = json.loads(result.stdout)
    cases = len(list((REPO / "examples" / "cases").glob("*/case.yaml")))
    assert result.exit_code == 0 and data["summary"] == {"cases": cases, "errors": 0, "warnings": 0}
    assert sorted(case["file"] for case in data["cases"]) == sorted(
        str(tmp_path / path.parent.name / "case.yaml") for path in EXAMPLE_CASES
    )


def test_a_duplicate_of_a_ticket_filed_within_72_hours_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    first = write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "first-ticket"}))
    assert run_cli("build", "--out", tmp_path / "out", first).exit_code == 0
    recorded = run_cli("record", first, "--ref", "REF-12345")
    assert recorded.exit_code == 0, recorded.stdout + recorded.stderr
    again = write_case(tmp_path / "b", variant("carrier_failure", {"case_id": "second-ticket"}))
    result = run_cli("build", "--out", tmp_path / "out", again)
    assert result.exit_code == 1 and "B007" in result.stdout and "REF-12345" in result.stdout
    assert not pack_dir(tmp_path / "out", "second-ticket").exists()
    # Its own pack built again is no duplicate: unchanged, it is kept (B010); a filed pack is never
    # replaced, even with --force (B011, tests/test_agency_packs.py).
    kept = run_cli("build", "--out", tmp_path / "out", first)
    assert kept.exit_code == 0 and "B010" in kept.stdout and "B007" not in kept.stdout
