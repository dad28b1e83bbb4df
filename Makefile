# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint typecheck pytest bench clean golden fuzz ocr-engine

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

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

bench: $(TEST_STAMP) ocr-engine
	$(BIN)/python benchmarks/check_many.py
	$(BIN)/python benchmarks/build_many.py
	$(BIN)/python benchmarks/attachments.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/verdict_cache.py
	$(BIN)/python benchmarks/russian_gate.py
	$(BIN)/python benchmarks/seller_api_transport.py
	$(BIN)/python benchmarks/translate_offline.py
	$(BIN)/python benchmarks/ocr_screenshots.py
	$(BIN)/python benchmarks/privacy_gate.py --split heldout

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
