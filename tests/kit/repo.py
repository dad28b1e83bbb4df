"""Where the repository's own test inputs are: the shipped examples and the golden packs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
EXAMPLE_CASES = sorted((REPO / "examples" / "cases").glob("*/case.yaml"))
INVALID_EXAMPLES = sorted((REPO / "examples" / "invalid").glob("*.yaml"))
# An invalid example names the codes it must raise in a comment: `# expect: S003, C150`.
EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
