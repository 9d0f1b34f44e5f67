# Dabble: `make run` serves the app (with the demo org), `make test` runs every test, `make bench` writes build/bench/report.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON_READY := $(VENV)/.installed
NPM_READY := node_modules/.installed
UI_BUILD := designer_ui/dist/assets/dabble.js
UI_SOURCES := $(shell find designer_ui/src -type f) designer_ui/vite.config.js designer_ui/package.json

.PHONY: run test bench lint format setup clean

run: setup
	$(BIN)/dabble serve --demo

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

bench: $(PYTHON_READY)
	$(BIN)/python -m bench

lint: $(PYTHON_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(PYTHON_READY)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

setup: $(PYTHON_READY) $(UI_BUILD)

# The venv, with Dabble installed editable and the test tools (re-run when pyproject.toml changes).
$(PYTHON_READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# npm packages from the lock file (the designer_ui workspace).
$(NPM_READY): package.json package-lock.json designer_ui/package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(UI_BUILD): $(NPM_READY) $(UI_SOURCES)
	npm run build --silent

clean:
	rm -rf $(VENV) node_modules designer_ui/dist build .pytest_cache .ruff_cache .hypothesis
