"""The README's snippets work as written: the Quick start right after `make demo`, the pre-commit and
GitHub Actions configurations a user copies."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert exits["ozon-urgent init carrier_failure -o my-case/case.yaml"] == 0, ran.stderr
    assert exits["ozon-urgent schema -o my-case/case.schema.json"] == 0, ran.stderr
    assert exits["ozon-urgent rules C150"] == 0, ran.stderr
    # The skeleton still has its TODOs: check and build name them (exit 1), they do not crash.
    assert (
        exits["ozon-urgent check my-case/case.yaml"] == 1
        and exits["ozon-urgent build my-case/case.yaml"] == 1
    )
    assert (tmp_path / "my-case" / "case.yaml").is_file() and (
        tmp_path / "my-case" / "case.schema.json"
    ).is_file()


def test_the_ci_short_version_is_the_workflow_of_docs_ci() -> None:
    """The README's two CI lines are the `run:` steps of the GitHub Actions workflow in docs/ci.md, which
    tests/test_ci.py runs in a generated case repository."""
    import yaml

    ci = (REPO / "docs" / "ci.md").read_text("utf-8")
    [workflow] = [yaml.safe_load(b) for b in code_blocks(ci, "yaml") if "--format github" in b]
    [job] = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    [block] = [b for b in code_blocks(section("Agencies and CI"), "sh")]
    assert block.splitlines() == runs


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
