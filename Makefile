# Pitchwise — set up, run, test. Every target installs what it needs first.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3

.PHONY: install browser-deps load-deps demo serve test test-fast lint eval bench scale load clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian's chromium for the browser tests (tests/pages); installed when missing and root, quiet otherwise.
browser-deps:
	scripts/ensure-chromium.sh

# Debian's wrk for the load test (bench/load.py, tests/test_load.py); installed when missing and root.
load-deps:
	scripts/ensure-wrk.sh

demo: install
	$(BIN)/pitchwise demo

serve: install
	$(BIN)/pitchwise serve

# The whole suite, SQLite and a throwaway PostgreSQL cluster (installed if missing and root).
test: install browser-deps load-deps
	scripts/with-postgres.sh $(BIN)/pytest

test-fast: install browser-deps
	$(BIN)/pytest -m "not slow" -x -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check service indexing content_store personas
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

bench: install
	$(BIN)/python -m bench.recommend_latency

# Scale benchmark: 1k, 10k and 100k assets through HTTP against the floor (SCALE_ARGS="--replicas 2").
scale: install load-deps
	$(BIN)/python -m bench.scale $(SCALE_ARGS)

# Bounded load test: wrk against a real demo server for 120 s (LOAD_ARGS="--duration 30 --connections 4").
load: install load-deps
	$(BIN)/python -m bench.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache .mypy_cache .ruff_cache
