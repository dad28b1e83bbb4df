"""The README's snippets work as written: the Quick start right after `make demo`, the pre-commit and
GitHub Actions configurations a user copies."""

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

from kit.cli import RunCli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


def section(title: str) -> str:
    """The README's text under `## title`, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match[1]


def code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def test_the_make_commands_come_first() -> None:
    first = code_blocks(README, "sh")[0]
    assert [line.split()[:2] for line in first.splitlines()] == [["make", "demo"], ["make", "test"]]


def test_quick_start_works_as_written_right_after_make_demo(tmp_path: Path) -> None:
    """In a fresh terminal (the venv's bin not on PATH) in a folder holding the `.venv` that `make demo`
    made, the Quick start's lines run the tool: none is "command not found"."""
    venv = Path(sys.prefix)
    if venv == Path(sys.base_prefix) or not (venv / "bin" / "activate").is_file():
        pytest.skip("the tests do not run in a virtualenv, so there is no .venv to stand for make demo's")
    (tmp_path / ".venv").symlink_to(venv, target_is_directory=True)
    [block] = code_blocks(section("Quick start"), "sh")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "OZON_URGENT_TODAY")}
    env["PATH"] = "/usr/bin:/bin"  # a new terminal: nothing of the venv on it
    bare = subprocess.run(
        ["bash", "-c", "ozon-urgent --version"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert bare.returncode == 127, "ozon-urgent is on PATH without the venv: the test proves nothing"
    # Each line as typed; a failing command does not stop the next, as in a terminal.
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    script = "".join(f'{line}\necho "exit $? <- {line.split("#")[0].strip()}"\n' for line in lines)
    ran = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    exits = {command: int(code) for code, command in re.findall(r"^exit (\d+) <- (.*)$", ran.stdout, re.M)}
    assert "command not found" not in ran.stderr, ran.stderr
    assert 127 not in exits.values(), exits
    assert exits["ozon-urgent init carrier_failure -o case.yaml"] == 0, ran.stderr
    assert exits["ozon-urgent schema -o case.schema.json"] == 0, ran.stderr
    assert exits["ozon-urgent rules C150"] == 0, ran.stderr
    # The skeleton still has its TODOs: check and build name them (exit 1), they do not crash.
    assert exits["ozon-urgent check case.yaml"] == 1 and exits["ozon-urgent build case.yaml"] == 1
    assert (tmp_path / "case.yaml").is_file() and (tmp_path / "case.schema.json").is_file()


def _yaml_block(containing: str) -> dict[Any, Any]:
    import yaml

    [block] = [b for b in code_blocks(README, "yaml") if containing in b]
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


def _declared_hooks() -> dict[str, dict[str, Any]]:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return {hook["id"]: hook for hook in hooks}


def _staged(hook: dict[str, Any], paths: list[str]) -> list[str]:
    """What pre-commit passes the hook: the paths its `files` matches and its `exclude` does not."""
    exclude = hook.get("exclude", "^$")
    return [p for p in paths if re.search(hook["files"], p) and not re.search(exclude, p)]


def _example_files() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "examples" / "cases").rglob("*") if p.is_file())


def test_pre_commit_snippet_is_a_working_config_for_the_declared_hook() -> None:
    """The snippet parses, names only hooks `.pre-commit-hooks.yaml` declares, and its local hook is that
    hook: the same entry, and the same files once restricted to `cases/` (a case file, or a file in an
    `evidence/` folder)."""
    config = _yaml_block("repos:")
    declared = _declared_hooks()
    assert config["repos"], "no repos"
    for repo in config["repos"]:
        assert set(repo) <= {"repo", "rev", "hooks"} and repo["hooks"]
        assert repo["repo"] == "local" or "rev" in repo, "a remote repo needs a rev"
        for hook in repo["hooks"]:
            assert hook["id"] in declared, f"{hook['id']} is not in .pre-commit-hooks.yaml"
    [local] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    ours = declared[local["id"]]
    assert local["entry"] == ours["entry"] and local["name"] == ours["name"]
    assert local.get("args", []) == ours.get("args", [])
    assert local["require_serial"] == ours["require_serial"]
    # `unsupported` is pre-commit ≥ 4.4's name for running what is on PATH; older versions stop with a
    # clear message instead of an unknown-language error.
    assert local["language"] == "unsupported"
    assert tuple(map(int, config["minimum_pre_commit_version"].split("."))) >= (4, 4, 0)
    # The user's layout: the examples as they would sit under cases/, and files the hook must leave alone.
    paths = [f"cases/{Path(p).relative_to('examples/cases')}" for p in _example_files()]
    paths += ["cases/notes.txt", "cases/a/photo.jpg", ".github/workflows/ci.yml", "docs/logo.png", "x.yaml"]
    assert _staged(local, paths) == [p for p in _staged(ours, paths) if p.startswith("cases/")]
    assert "cases/a/photo.jpg" not in _staged(local, paths)
    assert any(p.endswith("/evidence/buyer-chat.jpg") for p in _staged(local, paths))


@pytest.mark.parametrize("today", [None, "2027-06-01"], ids=["the clock", "2027"])
def test_pre_commit_hook_passes_the_examples_on_any_date(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, today: str | None
) -> None:
    """The hook's entry as `.pre-commit-hooks.yaml` defines it (with its args), given the example files
    as pre-commit stages them, passes, today or long after the examples' date."""
    monkeypatch.delenv("OZON_URGENT_TODAY")
    if today:
        monkeypatch.setenv("OZON_URGENT_TODAY", today)
    hook = _declared_hooks()["ozon-urgent-check"]
    command = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    assert command[0] == "ozon-urgent"
    staged = _staged(hook, _example_files())
    assert any(p.endswith("case.yaml") for p in staged) and any("/evidence/" in p for p in staged)
    monkeypatch.chdir(REPO)
    result = run_cli(*command[1:], *staged)
    assert result.exit_code == 0, result.stdout + result.stderr
    cases = len(list((REPO / "examples" / "cases").glob("*/case.yaml")))
    assert result.stdout.endswith(f"{cases} case(s) checked, 0 failing: 0 error(s), 0 warning(s)\n")


def test_github_actions_snippet_is_a_workflow_that_passes_on_any_date(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    workflow = _yaml_block("jobs:")
    # YAML 1.1 (PyYAML) reads the key `on` as true; GitHub reads it as "on". Either way it must be there.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers and {"push", "pull_request"} <= set(triggers)
    [job] = workflow["jobs"].values()
    assert job["runs-on"] and job["steps"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    [check] = [run for run in runs if run.startswith("ozon-urgent check")]
    # No pinned date: the examples carry their own, and a seller's cases keep their deadline warnings.
    assert all("OZON_URGENT_TODAY" not in str(step.get("env", {})) for step in job["steps"])
    monkeypatch.delenv("OZON_URGENT_TODAY")
    monkeypatch.setenv("OZON_URGENT_TODAY", "2027-06-01")  # long after the examples' date
    monkeypatch.chdir(REPO)
    args = shlex.split(check)[1:]
    args[args.index("--output") + 1] = str(tmp_path / "cases.sarif")  # not into the checkout
    result = run_cli(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    sarif = json.loads((tmp_path / "cases.sarif").read_text("utf-8"))
    levels = {r["level"] for run in sarif["runs"] for r in run["results"]}
    assert levels <= {"note"}, levels


def test_the_policy_section_names_every_setting_with_its_default() -> None:
    """The README's policy example holds every key of data/policy.toml, the one home of the defaults, and
    shows each number as it is there (the lists and tables are examples, not defaults)."""
    import tomllib

    from ozon_urgent.policy import Policy, default_policy

    [block] = code_blocks(section("Policy"), "toml")
    shown = tomllib.loads(block)
    assert set(shown) == set(Policy.model_fields)
    defaults = default_policy().model_dump()
    assert {k: v for k, v in shown.items() if isinstance(v, int)} == {
        k: v for k, v in defaults.items() if isinstance(v, int)
    }
