# Pitchwise — set up, run, test. Every target installs what it needs first.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3

.PHONY: install demo serve test test-fast lint eval bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: install
	$(BIN)/pitchwise demo

serve: install
	$(BIN)/pitchwise serve

# The whole suite, SQLite and a throwaway PostgreSQL cluster (installed if missing and root).
test: install
	scripts/with-postgres.sh $(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not slow" -x -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check service indexing content_store personas
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

bench: install
	$(BIN)/python bench/recommend_latency.py

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache .mypy_cache .ruff_cache
