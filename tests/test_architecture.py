"""The import contracts of pyproject.toml break the build when a layer is crossed (docs/architecture.md)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kit.repo import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# One deliberate crossing per contract: (file, the import added to it, what the report must say).
VIOLATIONS = {
    "checks-import-the-ticket": (
        "checks/ids_empty.py",
        "from ozon_urgent.ticket.content import ID_LABELS",
        "ozon_urgent.checks is not allowed to import ozon_urgent.ticket",
    ),
    "core-imports-the-cli": (
        "pipeline/build.py",
        "from ozon_urgent.cli.exit import fail",
        "ozon_urgent.pipeline is not allowed to import ozon_urgent.cli",
    ),
    "siblings-import-each-other": (
        "seller_api/pull.py",
        "from ozon_urgent.translation.glossary import TARGET_LANG",
        "ozon_urgent.seller_api is not allowed to import ozon_urgent.translation",
    ),
    "core-imports-typer": (
        "ticket/render.py",
        "import typer",
        "ozon_urgent.ticket is not allowed to import typer",
    ),
    "ledger-reads-a-case": (
        "ledger/records.py",
        "from ozon_urgent.casefile.loader import load_case",
        "ozon_urgent.ledger is not allowed to import ozon_urgent.casefile",
    ),
    "ledger-renders": (
        "ledger/status.py",
        "import jinja2",
        "ozon_urgent.ledger is not allowed to import jinja2",
    ),
    "bottom-imports-upwards": (
        "safe_files.py",
        "from ozon_urgent import i18n",
        "ozon_urgent.safe_files is not allowed to import ozon_urgent.i18n",
    ),
}


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's own contracts over the package copied into `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(REPO / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("src")
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "src" / "ozon_urgent", copy / "ozon_urgent", ignore=skip)
    return copy


def test_the_tree_as_it_is_keeps_every_contract(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize("name", list(VIOLATIONS))
def test_a_crossed_layer_breaks_the_build(tree: Path, name: str) -> None:
    module, line, report = VIOLATIONS[name]
    target = tree / "ozon_urgent" / module
    original = target.read_text("utf-8")
    head, _, rest = original.partition("\nfrom __future__ import annotations\n")
    target.write_text(f"{head}\nfrom __future__ import annotations\n\n{line}\n{rest}", "utf-8")
    try:
        result = _lint(tree)
    finally:
        target.write_text(original, "utf-8")
    assert result.returncode == 1
    assert report in result.stdout, result.stdout


def test_no_module_needs_itself_through_another() -> None:
    """No import cycle, lazy imports inside functions included (ticket.render and ticket.template_gate
    once needed each other): every module imports without its importers."""
    import grimp

    graph = grimp.build_graph("ozon_urgent")
    cycles = sorted(
        " -> ".join((module, *chain))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if (chain := graph.find_shortest_chain(importer=imported, imported=module))
    )
    assert cycles == []


def test_only_the_cli_prints() -> None:
    """Below cli/ nothing writes to the terminal: the core returns data, raises, or logs (cli.debug_notes
    shows the notes under OZON_URGENT_DEBUG=1)."""
    import ast

    package = REPO / "src" / "ozon_urgent"
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in ("cli", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            printing = (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
            )
            stream = (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in (("sys", "stdout"), ("sys", "stderr"))
            )
            if printing or stream:
                found.append(f"{path.relative_to(package)}:{getattr(node, 'lineno', '?')}")
    assert found == []


_START = "<!-- modules: generated from the docstrings; `make golden` rewrites this list -->\n"
_END = "<!-- modules: end -->\n"


def _module_list() -> str:
    """Every module of the package, package by package, with the first paragraph of its docstring."""
    source = REPO / "src" / "ozon_urgent"
    groups: dict[str, list[str]] = {}
    for path in sorted(source.rglob("*.py")):
        if path.name in {"__init__.py", "__main__.py"}:
            continue
        relative = path.relative_to(source)
        package = f"{relative.parent}/" if relative.parent != Path(".") else "ozon_urgent"
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        first = " ".join(doc.split("\n\n", 1)[0].split())
        assert first, f"{relative} has no docstring to describe it"
        groups.setdefault(package, []).append(f"- `{path.stem}`: {first}")
    lines = []
    for package, modules in groups.items():
        lines += [f"**{package}**", "", *modules, ""]
    return "\n".join(lines)


def test_the_architecture_names_every_module(request: pytest.FixtureRequest) -> None:
    doc_path = REPO / "docs" / "architecture.md"
    doc = doc_path.read_text("utf-8")
    assert _START in doc and _END in doc, "docs/architecture.md lost its module list markers"
    head, rest = doc.split(_START, 1)
    _, tail = rest.split(_END, 1)
    expected = f"{head}{_START}\n{_module_list()}\n{_END}{tail}"
    if request.config.getoption("--update-golden"):
        doc_path.write_text(expected, encoding="utf-8")
    assert doc == expected, "docs/architecture.md's module list is out of date: run `make golden`"
