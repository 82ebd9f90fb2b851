# licensekit: specs in, clients and mocks derived, tests holding them together.
# Every target bootstraps what it needs (venv, Python packages, Node tools) from the pinned files.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
API    ?= all
export PATH := $(abspath $(BIN)):$(abspath node_modules/.bin):$(PATH)

PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: install regenerate check-generated lint format test contract mock bench clean

install: $(PY_STAMP) $(NODE_STAMP) ## venv with pinned Python packages, and the pinned Node tools

$(PY_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

regenerate: $(PY_STAMP) ## rewrite generated/ from specs/
	$(PY) codegen/regenerate.py

check-generated: $(PY_STAMP) ## fail when generated/ has drifted from specs/
	$(PY) codegen/regenerate.py --check

lint: install ## ruff, mypy on hand-written code, Redocly on the specs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	redocly lint --config specs/redocly.yaml --format stylish specs/cloudcockpit.yaml specs/fusion.yaml specs/partner-center.yaml

format: $(PY_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install check-generated lint ## everything: spec checks, property tests, mocks, client layer, contract suites
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
