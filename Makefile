# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The lowest versions pyproject.toml allows, in a venv of their own (`make test-lowest`).
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed-test
# The test venvs are installed by uv: seconds where pip takes over a minute on a fresh clone, and it is
# the resolver that can pick each direct dependency's lowest allowed version. Bytecode is compiled at
# install, as pip does: where PYTHONDONTWRITEBYTECODE is set, every process of the suite would
# otherwise compile the libraries it imports again.
UV_INSTALL = $(BIN)/uv pip install -q --compile-bytecode
# pytest on every core, each test file on one worker: a module's fixtures (a PostgreSQL server, an
# OCR'd screenshot corpus) are made once, as in a serial run. Files go out in collection order, which
# tests/conftest.py starts with the longest (xdist would otherwise put the files of most tests first).
PYTEST_WORKERS ?= -n auto --dist loadfile --no-loadscope-reorder
SOURCES := src tests benchmarks examples tools

.PHONY: demo test test-lowest lint typecheck pytest bench clean golden fuzz ocr-engine

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install -q uv

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) --python $(BIN)/python -e '.[test]'
	touch $@ $(STAMP)

# Each direct dependency at the floor pyproject.toml gives it. A floor that another package's pin lifts
# (check-jsonschema pins ruamel.yaml) or that names a withdrawn release is not what runs: say so.
define CHECK_FLOORS
import sys, tomllib
from importlib.metadata import version
from packaging.requirements import Requirement
from packaging.version import Version
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = project["dependencies"] + [text for extra in project["optional-dependencies"].values() for text in extra]
lifted = []
for requirement in map(Requirement, wanted):
    floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    if requirement.marker is not None and not requirement.marker.evaluate({"extra": "test"}):
        continue
    if not floors or Version(version(requirement.name)) != Version(floors[0]):
        lifted.append(f"{requirement}: {version(requirement.name)} installed")
if lifted:
    sys.exit("not installed at the floor pyproject.toml gives:\n  " + "\n  ".join(lifted))
endef
export CHECK_FLOORS

$(LOWEST_STAMP): pyproject.toml | $(BIN)/uv
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(UV_INSTALL) --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	$(LOWEST)/bin/python -c "$$CHECK_FLOORS"
	touch $@

# The OCR engine's language models (and the `tesseract` program) that read screenshots for personal data:
# Tesseract 5 with its Russian data. As root on Debian/Ubuntu (CI, containers) they are installed here;
# anywhere else this names the command and stops `make test` (its OCR tests need the real engine), while
# `make demo` goes on: screenshots are then reported as not read (A217), never as clean.
ocr-engine:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>&1 | grep -qx rus; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing the OCR engine: apt-get install tesseract-ocr tesseract-ocr-rus"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-rus; \
	else \
		echo "ozon-urgent reads screenshots with Tesseract OCR (with its Russian data), which is not installed:" >&2; \
		echo "  Debian/Ubuntu:  sudo apt-get install tesseract-ocr tesseract-ocr-rus" >&2; \
		echo "  macOS:          brew install tesseract tesseract-lang" >&2; \
		echo "  Windows:        winget install UB-Mannheim.TesseractOCR  (tick Russian under additional languages)" >&2; \
		if [ "$(OCR_OPTIONAL)" = 1 ]; then \
			echo "until then, screenshots are reported as not read (A217)." >&2; \
		else \
			echo "then run make again." >&2; exit 1; \
		fi; \
	fi

demo: $(STAMP)
	@$(MAKE) --no-print-directory ocr-engine OCR_OPTIONAL=1
	@# The examples are dated November 2026 and say so (`as_of`), so the demo builds the same on any date.
	@# The demo keeps its own ledger in out/, so the example packs never appear among your own tickets.
	mkdir -p out
	$(BIN)/ozon-urgent build --force --out out --ledger out/demo-ledger.sqlite3 examples/cases

test: $(TEST_STAMP) ocr-engine
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q $(PYTEST_WORKERS)

# `make test` at the lowest versions pyproject.toml allows, so that no floor claims more than it has
# been tested with. mypy is left out: what it says depends on the annotations each library version
# ships, so its floor (and the stubs') is the lowest that passes `make test`'s mypy. The .venv is
# needed too: a test runs `make demo`'s build line, which names .venv/bin/ozon-urgent.
test-lowest: $(LOWEST_STAMP) $(STAMP) ocr-engine
	$(LOWEST)/bin/ruff check $(SOURCES)
	$(LOWEST)/bin/ruff format --check $(SOURCES)
	$(LOWEST)/bin/lint-imports --no-cache
	$(LOWEST)/bin/python -m pytest -q $(PYTEST_WORKERS)

# The long fault and fuzz campaign (make test runs a short one of each part), ~20 min on 2 cores, ending in
# its table; it fails when a figure that must be 0 is not. Knobs: FUZZ_SEED (20261129) picks the mutants,
# the hostile files and the kill points (a failure names it, to replay); FUZZ_MUTANTS (4000) case mutants
# through check and build; FUZZ_EVIDENCE (800) hostile evidence files; FUZZ_KILLS (150) SIGKILLs during
# builds; FUZZ_PAIRS (20) pairs of concurrent builds of one case; FUZZ_TIMEOUT (900) seconds one run may
# take before it counts as hung; FUZZ_CORPUS=DIR adds public sample files where available (nothing is
# downloaded); FUZZ_SECONDS (120) bounds the in-process check fuzz, FUZZ_FAULT_KILLS (5) and
# FUZZ_FAULT_PAIRS (2) the fault tests. See benchmarks/README.md.
# Both parts run whatever the first says, so the table is always printed.
fuzz: $(TEST_STAMP)
	@status=0; \
	FUZZ_MUTANTS=$${FUZZ_MUTANTS:-4000} FUZZ_SECONDS=$${FUZZ_SECONDS:-120} FUZZ_CONTENT=1 \
		$(BIN)/python -m pytest -q -s tests/test_fuzz.py tests/test_fuzz_faults.py || status=1; \
	$(BIN)/python tests/fuzz_campaign.py || status=1; \
	exit $$status

golden: $(TEST_STAMP)
	$(BIN)/python -m pytest -q --update-golden

bench: $(TEST_STAMP) ocr-engine
	$(BIN)/python benchmarks/check_many.py
	$(BIN)/python benchmarks/build_many.py
	$(BIN)/python benchmarks/agency_rebuild.py
	$(BIN)/python benchmarks/attachments.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/verdict_cache.py
	$(BIN)/python benchmarks/russian_gate.py
	$(BIN)/python benchmarks/seller_api_transport.py
	$(BIN)/python benchmarks/translate_offline.py
	$(BIN)/python benchmarks/ocr_screenshots.py
	$(BIN)/python benchmarks/privacy_gate.py --split heldout
	$(BIN)/python benchmarks/one_pass.py
	$(BIN)/python benchmarks/letters.py
	$(BIN)/python benchmarks/concurrent_builds.py

clean:
	rm -rf $(VENV) $(LOWEST) out build dist .mypy_cache .pytest_cache .ruff_cache
