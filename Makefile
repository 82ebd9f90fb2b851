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

.PHONY: help install regenerate check-breaking check-generated lint format test contract contract-mutants mutation mock bench docs browser screenshot clean

install: $(PY_STAMP) $(NODE_STAMP) ## venv with pinned Python packages, and the pinned Node tools

help: ## list the targets and what each does
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-zA-Z][a-zA-Z_-]*:[^=]*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "make: npm (Node.js) was not found on PATH. licensekit needs Node.js 22.12+ (or 20.19+) with npm for its" >&2; \
	  echo "pinned Node tools (Redocly CLI, Prism). Install it from https://nodejs.org/en/download (or e.g." >&2; \
	  echo "'apt-get install nodejs npm', 'brew install node', 'winget install OpenJS.NodeJS.LTS'), then run make again." >&2; \
	  exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

regenerate: $(PY_STAMP) $(NODE_STAMP) ## rewrite generated/ from specs/, then say what each spec edit since the last commit breaks
	$(PY) codegen/regenerate.py
	@$(PY) codegen/spec_diff.py --base HEAD

BASE ?= HEAD
check-breaking: $(PY_STAMP) $(NODE_STAMP) ## fail on a breaking spec change since BASE=<git ref> unless the version bump and CHANGELOG cover it
	$(PY) codegen/spec_diff.py --base $(BASE) --check

check-generated: $(PY_STAMP) ## fail when generated/ (or the client layer's tolerance table) has drifted from specs/
	$(PY) codegen/regenerate.py --check

lint: install ## ruff, mypy on hand-written code, the import layering (lint-imports), Redocly on the specs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	redocly lint --config specs/redocly.yaml --format stylish specs/cloudcockpit.yaml specs/fusion.yaml specs/partner-center.yaml

format: $(PY_STAMP) ## ruff: fix what it can, then format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# tests/ runs on every core (pytest-xdist; a file's tests stay on one worker, so a module's fixture, e.g.
# the wheel build, runs once); contract_tests/ then runs as one session of its own, as `make contract`
# does: one summary, its coverage rules last, the mutants' kill-rate table.
XDIST ?= -n auto --dist loadfile

test: install check-generated lint browser ## everything: spec checks, property tests, mocks, client layer, contract suites
	$(BIN)/pytest tests $(XDIST)
	$(BIN)/pytest contract_tests

CONTRACT_ARGS ?=
RECORD ?=
STRICT ?=
BASELINE ?=
UPDATE_BASELINE ?=
MIN_COVERAGE ?=
_yes = $(filter 1 yes true,$(1))

contract: $(PY_STAMP) ## contract suites against our mocks, one run, one summary, reports/contract.html (API=fusion for one; LICENSEKIT_<API>_URL for a live target; RECORD=dir keeps HAR/VCR; STRICT=1, BASELINE=file, UPDATE_BASELINE=1; MIN_COVERAGE=statuses=100,...)
	@mkdir -p reports
	@echo "contract: API=$(API); collecting the suites, then starting the mocks / preflighting the targets"
	@# make's own exit status is 2 for any failed target: say which failure it was on the last line
	@$(BIN)/pytest contract_tests --ignore=contract_tests/mutants --api $(API) -p no:cacheprovider \
	  --junitxml=reports/contract.xml -o junit_suite_name=contract --findings reports/findings.json \
	  --reports reports $(if $(RECORD),--record $(RECORD)) $(if $(call _yes,$(STRICT)),--strict-findings) \
	  $(if $(BASELINE),--baseline $(BASELINE)) $(if $(call _yes,$(UPDATE_BASELINE)),--update-baseline) \
	  $(if $(MIN_COVERAGE),--min-coverage $(MIN_COVERAGE)) $(CONTRACT_ARGS); \
	status=$$?; \
	case $$status in \
	  0) ;; \
	  1) echo "contract: some tests failed (pytest exit 1; make exits 2)" >&2 ;; \
	  4) echo "contract: stopped before any test ran: the preflight or the options (pytest exit 4; make exits 2)" >&2 ;; \
	  *) echo "contract: pytest exit $$status (make exits 2)" >&2 ;; \
	esac; \
	exit $$status

contract-mutants: $(PY_STAMP) ## proof the suites catch defects: each planted-defect mock must fail its suite
	@mkdir -p reports
	$(BIN)/pytest contract_tests/mutants -s -p no:cacheprovider --junitxml=reports/contract-mutants.xml

MUTATION_STAMP := $(VENV)/.mutation-installed
$(MUTATION_STAMP): $(PY_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,mutation]'
	touch $@

MODULES ?=
QUICK ?=
mutation: $(MUTATION_STAMP) $(NODE_STAMP) ## mutation scores (mutmut) of the modules that decide verdicts, into reports/mutation.md; QUICK=1 only those changed since BASE, MODULES=a.py,b.py (not part of test)
	$(PY) -m mutation.run $(if $(QUICK),--changed $(BASE)) $(if $(MODULES),--only $(MODULES))

BENCH_ARGS ?=

bench: install ## benchmarks (not part of test): writes bench/results.md; installs wrk with apt-get if missing
	$(PY) -m bench.run $(BENCH_ARGS)

DOCS_DIR ?= build/docs

docs: $(NODE_STAMP) ## one self-contained HTML reference per API (Redocly), into build/docs/: it requests nothing from anyone
	@mkdir -p $(DOCS_DIR)
	@for api in cloudcockpit fusion partner-center; do \
	  redocly build-docs specs/$$api.yaml --config specs/redocly.yaml --inlineBundle --output $(DOCS_DIR)/$$api.html \
	    > $(DOCS_DIR)/.$$api.log 2>&1 || { cat $(DOCS_DIR)/.$$api.log; exit 1; }; \
	  $(PYTHON) codegen/offline_docs.py $(DOCS_DIR)/$$api.html || exit 1; \
	  echo "$(DOCS_DIR)/$$api.html"; \
	done

CHROMIUM ?= /usr/bin/chromium

browser: ## Chromium for the page tests (tests/browser.py): Debian's package, installed with apt-get when missing (root)
	@if [ -x "$(CHROMIUM)" ]; then \
	  echo "browser: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "browser: installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "browser: no Chromium at $(CHROMIUM) and no way to install it here (needs root and apt-get);" \
	       "the page tests will be skipped with that reason" >&2; \
	fi

screenshot: $(PY_STAMP) browser ## docs/images/report.png, the README's picture of the HTML report (a contract run's page)
	$(MAKE) contract API=fusion
	$(PY) -m tests.reports.offline screenshot reports/contract.html docs/images/report.png

mock: $(PY_STAMP) ## serve the mocks on loopback (API=fusion for one); prints "<api> <url>" per mock
	$(PY) -m licensekit serve --api $(API)

clean: ## remove the venv, node_modules, build output and caches
	rm -rf $(VENV) node_modules reports build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
