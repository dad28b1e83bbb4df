# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint typecheck pytest bench clean golden fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

demo: $(STAMP)
	@# The examples are dated November 2026; a fixed "today" keeps the demo reproducible. The demo keeps
	@# its own ledger in out/, so the example packs never appear among your own tickets.
	mkdir -p out
	OZON_URGENT_TODAY=2026-11-26 $(BIN)/ozon-urgent build --force --out out --ledger out/demo-ledger.sqlite3 examples/cases

test: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

# The mutation fuzzer with a large budget (make test runs it with a small one); FUZZ_SEED picks the mutants.
fuzz: $(TEST_STAMP)
	FUZZ_MUTANTS=$${FUZZ_MUTANTS:-50000} FUZZ_SECONDS=$${FUZZ_SECONDS:-900} FUZZ_CONTENT=1 \
		$(BIN)/python -m pytest -q -s tests/test_fuzz.py

golden: $(TEST_STAMP)
	$(BIN)/python -m pytest -q --update-golden

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/check_many.py
	$(BIN)/python benchmarks/build_many.py
	$(BIN)/python benchmarks/attachments.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/verdict_cache.py
	$(BIN)/python benchmarks/russian_gate.py
	$(BIN)/python benchmarks/seller_api_transport.py

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
