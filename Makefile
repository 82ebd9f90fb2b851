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

.PHONY: install regenerate check-generated lint format test contract contract-mutants mock bench clean

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

CONTRACT_ARGS ?=
RECORD ?=

contract: $(PY_STAMP) ## contract suites against our mocks, one run, one summary (API=fusion for one; LICENSEKIT_<API>_URL for a live target; RECORD=dir keeps HAR/VCR)
	@mkdir -p reports
	@echo "contract: API=$(API); collecting the suites, then starting the mocks / preflighting the targets"
	$(BIN)/pytest contract_tests --ignore=contract_tests/mutants --api $(API) -p no:cacheprovider \
	  --junitxml=reports/contract.xml -o junit_suite_name=contract $(if $(RECORD),--record $(RECORD)) $(CONTRACT_ARGS)

contract-mutants: $(PY_STAMP) ## proof the suites catch defects: each planted-defect mock must fail its suite
	@mkdir -p reports
	$(BIN)/pytest contract_tests/mutants -s -p no:cacheprovider --junitxml=reports/contract-mutants.xml

BENCH_ARGS ?=

bench: install ## benchmarks (not part of test): writes bench/results.md; installs wrk with apt-get if missing
	$(PY) -m bench.run $(BENCH_ARGS)

mock: $(PY_STAMP) ## serve the mocks on loopback (API=fusion for one); prints "<api> <url>" per mock
	$(PY) -m licensekit serve --api $(API)

clean:
	rm -rf $(VENV) node_modules reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
