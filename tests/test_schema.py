"""`ozon-urgent schema` against an independent validator (check-jsonschema) and the committed copy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kit.repo import EXAMPLE_CASES, EXPECT, INVALID_EXAMPLES, REPO
from ozon_urgent.casefile.schema import schema_text

DOCS_SCHEMA = REPO / "docs" / "case.schema.json"
SCHEMA_ONLY = re.compile(r"^S\d{3}$")


def validate(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "case.schema.json"
    path.write_text(schema_text(), encoding="utf-8")
    return path


def test_every_valid_example_validates(schema_file: Path) -> None:
    result = validate(schema_file, EXAMPLE_CASES)
    assert result.returncode == 0, result.stdout + result.stderr


def _schema_only_invalid() -> list[Path]:
    chosen = []
    for path in INVALID_EXAMPLES:
        # cross-field rules (a range's order) have no JSON Schema form; such files say so
        text = path.read_text("utf-8", errors="replace")
        match = EXPECT.search(text)
        if match and all(SCHEMA_ONLY.match(c) for c in match[1].split()) and "# not-json-schema" not in text:
            chosen.append(path)
    return chosen


@pytest.mark.parametrize("path", _schema_only_invalid(), ids=lambda p: p.stem)
def test_schema_rejects_pure_schema_problems(schema_file: Path, path: Path) -> None:
    result = validate(schema_file, [path])
    # Rejected by the schema itself, not a file the validator failed to parse.
    assert result.returncode == 1 and "Schema validation errors were encountered." in result.stdout
    assert f"{path}::$" in result.stdout, result.stdout


def test_there_are_pure_schema_examples() -> None:
    assert len(_schema_only_invalid()) >= 3


def test_committed_schema_is_current(request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        DOCS_SCHEMA.write_text(schema_text(), encoding="utf-8")
    assert DOCS_SCHEMA.read_text("utf-8") == schema_text(), (
        "run `make golden`: docs/case.schema.json is stale"
    )
