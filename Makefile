# Each target installs what it needs into .venv first, so a fresh clone needs
# nothing but Python 3.11+ and make.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo bytecode test lint screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

# An editable install leaves the reader's modules uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set Python then compiles every module it imports
# again on every start (60-odd ms of the first screen). pip compiles what it
# installs; this does the same for src/, only the files changed since.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src

demo: bytecode
	$(BIN)/tui-reader --demo

# The linters, the type checker and the import contract first (seconds), then the suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

bench: bytecode
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/big_category.py
	$(BIN)/python benchmarks/portal_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache
