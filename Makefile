# Local Offer assistant. Two commands matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON311 ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
SETUP_STAMP := $(VENV)/.installed
LOCALOFFER_SOURCE ?= knowledge
INDEX_DIR ?= var/index
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LOCALOFFER_SOURCE
export LOCALOFFER_INDEX_DIR := $(INDEX_DIR)

.PHONY: help setup index run test bench lint format clean

help:
	@echo "make run    set up, build the index from $$LOCALOFFER_SOURCE (default knowledge/) and start"
	@echo "make test   set up and run every test"
	@echo "make bench  measure retrieval and write docs/benchmarks.md"
	@echo "make lint   ruff check and format check"

setup: $(SETUP_STAMP)

# torch first, pinned to the CPU wheel on this machine's disk: any other torch would pull
# a multi-gigabyte CUDA build in through sentence-transformers.
$(SETUP_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON311) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

index: setup
	$(PY) -m indexer build --source $(LOCALOFFER_SOURCE) --out $(INDEX_DIR)

run: index
	@echo
	@echo "Index ready in $(INDEX_DIR). Try a search:"
	@echo "  $(PY) -m indexer search --index $(INDEX_DIR) --top-k 3 \"autism friendly swimming on saturdays\""

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m bench.retrieval

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var .pytest_cache
