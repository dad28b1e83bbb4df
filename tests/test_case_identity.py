"""A case's identity: its folder's name for case.yaml, collisions said as such, odd pack targets refused."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
from pathlib import Path

import pytest

from factories import base_case, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from kit.repo import REPO
from ozon_urgent.casefile.identity import default_case_id


@pytest.mark.parametrize(
    "path, expected",
    [
        ("stores/bright-home/case.yaml", "bright-home"),
        ("stores/bright-home/case.yml", "bright-home"),
        ("stores/bright-home/CASE.YAML", "bright-home"),
        ("stores/bright-home/delisting-2026-11.yaml", "delisting-2026-11"),
        ("case.yaml.bak.yaml", "case.yaml.bak"),
    ],
)
def test_default_case_id(path: str, expected: str) -> None:
    assert default_case_id(Path(path)) == expected


def test_a_case_yaml_in_the_current_folder_takes_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pinecone-living"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert default_case_id(Path("case.yaml")) == "pinecone-living"


def _without_id(folder: Path, **changes: object) -> Path:
    case = variant("carrier_failure", {"case_id": None, **changes})
    return write_case(folder, case)


def test_folders_with_the_same_name_collide_only_within_a_store(run_cli: RunCli, tmp_path: Path) -> None:
    """Two stores' `carrier` folders are two cases with packs of their own (`<out>/<Client ID>/carrier`);
    two of one store would share a pack and a ledger row, and the check says so (B001)."""
    first = _without_id(tmp_path / "agency-a" / "carrier", **{"seller.client_id": "1111111"})
    other_store = _without_id(tmp_path / "agency-b" / "carrier", **{"seller.client_id": "2222222"})
    same_store = _without_id(tmp_path / "agency-c" / "carrier", **{"seller.client_id": "1111111"})
    result = run_cli("check", "--no-content", "--format", "json", first, other_store, same_store)
    [one, two, three] = json.loads(result.stdout)["cases"]
    assert result.exit_code == 1 and one["case_id"] == two["case_id"] == three["case_id"] == "carrier"
    assert not one["findings"] and not two["findings"]
    [taken] = three["findings"]
    assert taken["code"] == "B001" and str(first) in taken["message"] and "not built" not in taken["message"]
    assert "Client ID 1111111" in taken["message"]
    assert "case_id:" in taken["hint"] and "folder" in taken["hint"]
    out = tmp_path / "out"
    built = run_cli("build", "--format", "json", "--out", out, first, other_store, same_store)
    [a, b, refused] = json.loads(built.stdout)["cases"]
    assert a["build"] == b["build"] == "built"
    assert refused["build"] == "refused" and "this case was not built" in refused["findings"][0]["message"]
    packs = sorted(p.relative_to(out).as_posix() for p in out.glob("*/*"))
    assert packs == ["1111111/carrier", "2222222/carrier"]


def test_an_unreadable_file_gets_its_own_finding_only(run_cli: RunCli, tmp_path: Path) -> None:
    good = _without_id(tmp_path / "store" / "case", **{})
    broken = tmp_path / "other" / "case.yaml"
    broken.parent.mkdir()
    broken.write_bytes(b"\xff\xfe not utf-8")
    same_stem = tmp_path / "store" / "case.yml"
    same_stem.write_text("scenario: [\n", "utf-8")
    result = run_cli("check", "--no-content", "--format", "json", good, broken, same_stem)
    codes = [[f["code"] for f in case["findings"]] for case in json.loads(result.stdout)["cases"]]
    assert codes == [[], ["Y002"], ["Y003"]]


def test_exclude_leaves_out_drafts_and_other_yaml(run_cli: RunCli, tmp_path: Path) -> None:
    _without_id(tmp_path / "stores" / "bright-home")
    drafts = tmp_path / "stores" / "drafts"
    drafts.mkdir()
    (drafts / "rating.yaml").write_text("not: [a case\n", "utf-8")
    (tmp_path / "stores" / "bright-home" / "notes.yaml").write_text("todo: call the carrier\n", "utf-8")
    everything = run_cli("check", "--no-content", "--format", "json", tmp_path / "stores")
    assert len(json.loads(everything.stdout)["cases"]) == 3 and everything.exit_code == 1
    result = run_cli(
        "check",
        "--no-content",
        "--format",
        "json",
        "--exclude",
        "drafts",
        "--exclude",
        "*/notes.yaml",
        tmp_path / "stores",
    )
    assert result.exit_code == 0
    assert [case["case_id"] for case in json.loads(result.stdout)["cases"]] == ["bright-home"]
    nothing = run_cli("check", "--exclude", "*.yaml", tmp_path / "stores")
    assert nothing.exit_code == 2 and "no case files found" in nothing.stderr


def test_a_folder_name_that_cannot_be_an_id_is_a_finding(run_cli: RunCli, tmp_path: Path) -> None:
    path = _without_id(tmp_path / "Bright Home (Moscow)")
    result = run_cli("check", "--no-content", path)
    assert (
        result.exit_code == 1 and "C103" in result.stdout and "case_id: Bright-Home-Moscow" in result.stdout
    )


@pytest.mark.parametrize("bad", ["stores/bright-home", "../bright-home", "bright home", "bright..home"])
def test_a_case_id_that_is_a_path_or_has_spaces_is_refused(run_cli: RunCli, tmp_path: Path, bad: str) -> None:
    path = write_case(tmp_path, variant("carrier_failure", {"case_id": bad}))
    result = run_cli("build", "--out", tmp_path / "out", path)
    assert result.exit_code == 1 and "S003" in result.stdout and "[case_id]" in result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("kind", ["symlink", "file", "dangling"])
def test_force_never_replaces_what_is_not_a_pack(run_cli: RunCli, tmp_path: Path, kind: str) -> None:
    path = write_case(tmp_path / "case", base_case("carrier_failure"))
    out = tmp_path / "out"
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", "utf-8")
    target = pack_dir(out, "test-carrier-failure")
    target.parent.mkdir(parents=True)
    if kind == "symlink":
        target.symlink_to(elsewhere)
    elif kind == "dangling":
        target.symlink_to(tmp_path / "nowhere")
    else:
        target.write_text("a file with the pack's name", "utf-8")
    result = run_cli("build", "--force", "--out", out, path)
    assert result.exit_code == 1 and "B002" in result.stdout
    expected = "is a symbolic link" if kind != "file" else "is a file, not a pack folder"
    assert expected in result.stdout and "even with --force" in result.stdout
    assert [p.name for p in target.parent.iterdir()] == ["test-carrier-failure"]  # no .ozon-urgent-tmp/-old
    assert (elsewhere / "keep.txt").read_text("utf-8") == "mine"
    if kind == "file":
        assert target.read_text("utf-8") == "a file with the pack's name"


def test_record_refuses_a_case_whose_client_id_changed_since_it_was_built(
    run_cli: RunCli, tmp_path: Path
) -> None:
    env = {"OZON_URGENT_LEDGER": str(tmp_path / "l.sqlite3"), "OZON_URGENT_NOW": "2026-11-26T15:00:00+03:00"}
    path = write_case(tmp_path / "case", base_case("carrier_failure"))
    assert run_cli("build", "--out", tmp_path / "out", path, env=env).exit_code == 0
    path.write_text(path.read_text("utf-8").replace("'1234567'", "'7654321'"), "utf-8")
    result = run_cli("record", path, "--ref", "SR-1", env=env)
    assert result.exit_code == 1
    assert "built for Client ID 1234567, but the case file now says 7654321" in result.stderr
    with sqlite3.connect(tmp_path / "l.sqlite3") as conn:
        rows = conn.execute("SELECT client_id, reference FROM tickets").fetchall()
    assert rows == [("1234567", None)]  # nothing overwritten, nothing added
    assert run_cli("build", "--force", "--out", tmp_path / "out", path, env=env).exit_code == 0
    assert run_cli("record", path, "--ref", "SR-1", env=env).exit_code == 0
    with sqlite3.connect(tmp_path / "l.sqlite3") as conn:
        rows = conn.execute("SELECT client_id, reference FROM tickets").fetchall()
    assert rows == [("7654321", "SR-1")]  # the rebuild replaced the unfiled row of the old Client ID


def test_init_proposes_an_id_per_store_or_none(run_cli: RunCli) -> None:
    named = run_cli("init", "carrier_failure", "--store", "Bright Home", "--client-id", "1234567").stdout
    other = run_cli("init", "carrier_failure", "--store", "Pixel Garden", "--client-id", "7654321").stdout
    assert "case_id: bright-home-1234567-carrier-failure-2026-11" in named
    assert "case_id: pixel-garden-7654321-carrier-failure-2026-11" in other
    assert 'store_name: "Bright Home"' in named and 'client_id: "1234567"' in named
    chinese = run_cli("init", "carrier_failure", "--store", "好运汽配", "--client-id", "2750416").stdout
    assert "case_id: 2750416-carrier-failure-2026-11" in chinese and 'store_name: "好运汽配"' in chinese
    anonymous = run_cli("init", "carrier_failure").stdout
    assert "\ncase_id:" not in anonymous and "# case_id: …" in anonymous
    refused = run_cli("init", "carrier_failure", "--client-id", "12-34")
    assert refused.exit_code == 2 and "must be digits" in refused.stderr


def test_make_demo_keeps_its_ledger_in_out(tmp_path: Path) -> None:
    """The build line `make demo` runs, run as it is: the user's data folder gets no ledger."""
    dry = subprocess.run(["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    [line] = [line for line in dry.splitlines() if "ozon-urgent build" in line]
    assert "--ledger out/" in line
    (tmp_path / "examples").symlink_to(REPO / "examples")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("OZON_URGENT_LEDGER", None)
    assignments, argv = _shell_words(line.replace(".venv/bin/", str(REPO / ".venv" / "bin") + "/"))
    (tmp_path / "out").mkdir()
    ran = subprocess.run(argv, cwd=tmp_path, env={**env, **assignments}, capture_output=True, check=False)
    assert ran.returncode == 0
    assert not (tmp_path / "data").exists()
    with sqlite3.connect(tmp_path / "out" / "demo-ledger.sqlite3") as conn:
        examples = len(list((REPO / "examples" / "cases").glob("*/case.yaml")))
        assert conn.execute("SELECT COUNT(*) FROM tickets").fetchone() == (examples,)


def _shell_words(command: str) -> tuple[dict[str, str], list[str]]:
    """The `VAR=value` words before the program, as the shell puts them in its environment, and the rest."""
    words = shlex.split(command)
    found = {}
    for word in words:
        name, sep, value = word.partition("=")
        if not sep or not name.isidentifier():
            break
        found[name] = value
    return found, words[len(found) :]
