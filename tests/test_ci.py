"""docs/ci.md's snippets, taken from the doc itself, run in a generated case repository: the GitHub
Actions workflows' `run:` steps in a fresh venv that installs the tool from its package (a wheel built
from this repository, found by pip with no index), and the pre-commit hook on the files pre-commit
would pass it."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import base_case, evidence_file, write_case
from kit.cli import RunCli
from kit.repo import REPO
from ozon_urgent import __version__
from ozon_urgent.casefile.discovery import EVIDENCE_SUFFIXES

DOC = (REPO / "docs" / "ci.md").read_text("utf-8")
FILED = {"reference": "OZ-4100011", "at": "2026-11-24"}
STORES = {
    "crystal-lighting": ("Crystal Lighting", "1111111"),
    "sunrise-auto-parts": ("Sunrise Auto", "2222222"),
}


def _blocks(containing: str) -> list[dict[str, Any]]:
    found = re.findall(r"^```yaml\n(.*?)^```", DOC, re.M | re.S)
    return [yaml.safe_load(block) for block in found if containing in block]


def _workflows() -> list[dict[str, Any]]:
    return _blocks("jobs:")


def _local_hook() -> dict[str, Any]:
    [config] = _blocks("repos:")
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    return dict(hook)


def _declared_hook() -> dict[str, Any]:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return dict(hook)


def case_repository(root: Path) -> Path:
    """An agency's repository: per store a `store.yml` (not a case) and a case folder of the same name in
    each store; Crystal Lighting's ticket is filed (`filed:`), Sunrise's not yet."""
    for slug, (name, client_id) in STORES.items():
        store = root / "cases" / slug
        store.mkdir(parents=True)
        (store / "store.yml").write_text(f"manager: 王经理\nstore_name: {name}\n", encoding="utf-8")
        case = base_case("carrier_failure")
        case |= {"case_id": f"{slug}-appeal-2026-11", "seller": {"store_name": name, "client_id": client_id}}
        if slug == "crystal-lighting":
            case = {"filed": FILED, **case}
        folder = store / "appeal-2026-11"
        for item in case["evidence"]:  # each store's own files: no evidence shared between sellers
            path = folder / item["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(evidence_file(case, item, path.suffix, note=name))
        write_case(folder, case)
    return root


def _tracked(root: Path) -> list[str]:
    """What `git ls-files` would list: every file, relative, with `/`."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _staged(hook: dict[str, Any], paths: list[str]) -> list[str]:
    """What pre-commit passes the hook: the paths its `files` matches and its `exclude` does not."""
    exclude = hook.get("exclude", "^$")
    return [p for p in paths if re.search(hook["files"], p) and not re.search(exclude, p)]


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A wheel built from this repository in a folder of its own, and a fresh venv holding the tool's
    dependencies but not the tool: the workflow's `pip install` must install it from the wheel."""
    base = tmp_path_factory.mktemp("wheel")
    dist, venv = base / "dist", base / "venv"
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)]
    subprocess.run(build, check=True, capture_output=True)
    [wheel] = dist.glob("ozon_urgent-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    subprocess.run([*pip, "install", "-q", str(wheel)], check=True, capture_output=True)
    subprocess.run([*pip, "uninstall", "-q", "-y", "ozon-urgent"], check=True, capture_output=True)
    return dist, venv


def _run_steps(workflow: dict[str, Any], repo: Path, dist: Path, venv: Path, today: str) -> list[Any]:
    """Each `run:` step in bash, as a runner would (its env: the workflow's, the job's, the step's), with
    the venv's pip and python first on PATH and pip told to find packages only in `dist`."""
    [job] = workflow["jobs"].values()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OZON_URGENT", "VIRTUAL"))}
    base |= {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "GITHUB_ACTIONS": "true", "OZON_URGENT_TODAY": today}
    base |= {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(dist), "LANG": "C.UTF-8"}
    base |= {k: str(v) for k, v in {**workflow.get("env", {}), **job.get("env", {})}.items()}
    done = []
    for step in job["steps"]:
        if "run" in step:
            env = base | {k: str(v) for k, v in step.get("env", {}).items()}
            done.append(
                subprocess.run(
                    ["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True
                )
            )
    return done


def test_the_workflows_pin_this_version_and_check_cases(tmp_path: Path) -> None:
    workflows = _workflows()
    assert len(workflows) == 2
    for workflow in workflows:
        keys: dict[Any, Any] = dict(workflow)
        triggers = keys["on"] if "on" in keys else keys[True]  # YAML 1.1 reads the key `on` as true
        assert {"push", "pull_request"} <= set(triggers)
        assert workflow["env"]["OZON_URGENT_VERSION"] == __version__
        [job] = workflow["jobs"].values()
        runs = [step["run"] for step in job["steps"] if "run" in step]
        assert runs[0] == 'pip install "ozon-urgent==${OZON_URGENT_VERSION}"'
        assert runs[1].startswith("ozon-urgent check cases/ ")
        assert "OZON_URGENT_TODAY" not in json.dumps(workflow)  # judged as of the real day


def test_the_workflows_run_in_a_case_repository(wheel_venv: tuple[Path, Path], tmp_path: Path) -> None:
    dist, venv = wheel_venv
    repo = case_repository(tmp_path / "agency")
    annotations, sarif = _workflows()
    installed, checked = _run_steps(annotations, repo, dist, venv, "2026-11-26")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (venv / "bin" / "ozon-urgent").is_file()  # installed from the wheel: pip had no index
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""  # no finding, and store.yml was never taken for a case
    # Months later: the filed case stays clean, the one never filed has aged (C160, C151) and fails.
    later = _run_steps(annotations, repo, dist, venv, "2027-06-01")[1]
    assert later.returncode == 1, later.stdout + later.stderr
    files = set(re.findall(r"^::(?:error|warning) file=([^,]+),", later.stdout, re.M))
    assert files == {"cases/sunrise-auto-parts/appeal-2026-11/case.yaml"}, later.stdout
    assert "title=C160" in later.stdout and "title=C151" in later.stdout
    # A YAML typo is a case that fails (exit 1), annotated on its line, not the tool failing (3).
    broken = repo / "cases" / "crystal-lighting" / "appeal-2026-11" / "case.yaml"
    broken.write_text(broken.read_text("utf-8").replace("scenario: ", "scenario: [", 1), encoding="utf-8")
    typo = _run_steps(annotations, repo, dist, venv, "2026-11-26")[1]
    assert typo.returncode == 1, typo.stdout + typo.stderr
    assert re.search(
        r"^::error file=cases/crystal-lighting/appeal-2026-11/case.yaml,line=\d+,title=Y003::",
        typo.stdout,
        re.M,
    )
    uploaded = _run_steps(sarif, repo, dist, venv, "2026-11-26")[1]
    assert uploaded.returncode == 1 and uploaded.stdout == ""
    results = json.loads((repo / "cases.sarif").read_text("utf-8"))["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"Y003"}


def test_the_hook_in_the_doc_is_the_declared_hook() -> None:
    local, declared = _local_hook(), _declared_hook()
    for key in ("id", "name", "entry", "files", "require_serial"):
        assert local[key] == declared[key], key
    assert local["language"] == declared["language"] == "python"
    assert local["additional_dependencies"] == [f"ozon-urgent=={__version__}"]  # from the package


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("cases/a/appeal-2026-11/case.yaml", True),
        ("cases/a/appeal-2026-11/case.yml", True),
        ("case.yaml", True),
        ("cases/a/appeal-2026-11/evidence/waybill.pdf", True),
        ("cases/a/appeal-2026-11/evidence/scans/photo.JPG", True),
        ("cases/a/store.yml", False),
        ("cases/a/appeal-2026-11/showcase.yaml", False),
        ("cases/a/appeal-2026-11/evidence/notes.txt", False),
        ("cases/a/appeal-2026-11/photo.jpg", False),
        (".pre-commit-config.yaml", False),
        (".github/workflows/cases.yml", False),
        ("ozon-urgent.toml", False),
    ],
)
def test_the_hook_is_passed_case_files_and_evidence_only(path: str, passed: bool) -> None:
    assert bool(_staged(_declared_hook(), [path])) is passed


def test_the_hook_passes_every_kind_of_evidence_file() -> None:
    paths = [f"cases/a/b/evidence/x{suffix}" for suffix in sorted(EVIDENCE_SUFFIXES)]
    assert _staged(_declared_hook(), paths) == paths
    assert _staged(_declared_hook(), [p.upper() for p in paths]) == []  # EVIDENCE/ is not evidence/


def _hook_command(hook: dict[str, Any], *args: str) -> list[str]:
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *args]
    assert command[0] == "ozon-urgent"
    return command[1:]


def test_the_hook_runs_on_what_pre_commit_passes(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = case_repository(tmp_path / "agency")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("OZON_URGENT_TODAY", "2027-06-01")  # long after: only the filed case is clean
    hook = _local_hook()
    staged = _staged(hook, _tracked(repo))
    assert not [p for p in staged if p.endswith("store.yml")]
    assert len([p for p in staged if p.endswith("case.yaml")]) == 2 and any("/evidence/" in p for p in staged)
    filed = [p for p in staged if p.startswith("cases/crystal-lighting/")]
    clean = run_cli(*_hook_command(hook, *filed))
    assert clean.exit_code == 0, clean.stdout + clean.stderr  # --strict: C160 would fail it unfiled
    aged = run_cli(*_hook_command(hook, *staged))
    assert aged.exit_code == 1 and "C160" in aged.stdout and "crystal-lighting" not in aged.stdout
    # An evidence file changed alone re-checks the case above it.
    [photo] = [p for p in filed if "/evidence/" in p][:1]
    assert run_cli(*_hook_command(hook, photo)).stdout.startswith("1 case(s) checked")


def test_the_hook_with_exclude_narrows_and_never_empties_into_a_usage_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = case_repository(tmp_path / "agency")
    monkeypatch.chdir(repo)
    hook = _local_hook() | {"args": ["--exclude", "sunrise-auto-parts"]}
    staged = _staged(hook, _tracked(repo))
    narrowed = run_cli(*_hook_command(hook, *staged))
    assert narrowed.exit_code == 0 and narrowed.stdout.startswith("1 case(s) checked"), narrowed.stdout
    only_excluded = [p for p in staged if p.startswith("cases/sunrise-auto-parts/")]
    nothing = run_cli(*_hook_command(hook, *only_excluded))
    assert nothing.exit_code == 0, nothing.stderr  # not 2 "no case files found"
    assert (
        nothing.stderr
        == f"nothing to check: every file named ({len(only_excluded)}) is left out by --exclude\n"
    )
    # A folder is another matter: asking to check one and finding no case in it is a usage error.
    emptied = run_cli("check", "--exclude", "cases", "cases/")
    assert emptied.exit_code == 2 and "no case files found" in emptied.stderr


def test_the_examples_pass_the_declared_hook_on_any_date(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples, as pre-commit stages them in this repository, pass the hook long after their date
    (they carry their own `as_of`)."""
    monkeypatch.setenv("OZON_URGENT_TODAY", "2027-06-01")
    monkeypatch.chdir(REPO)
    hook = _declared_hook()
    staged = _staged(hook, _tracked(REPO / "examples" / "cases"))
    staged = [f"examples/cases/{p}" for p in staged]
    result = run_cli(*_hook_command(hook, *staged))
    assert result.exit_code == 0, result.stdout + result.stderr
    cases = len(list((REPO / "examples" / "cases").glob("*/case.yaml")))
    assert result.stdout.endswith(f"{cases} case(s) checked, 0 failing: 0 error(s), 0 warning(s)\n")
