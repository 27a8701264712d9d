# One entry point for every chore; CI runs `make test` (see .ci/run).
PY := .venv/bin/python
PIP := .venv/bin/pip
FLASK := .venv/bin/flask --app aid
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run serve test test-fast lint format check train eval bench load install install-dev system-deps

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

.venv/installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q -r requirements.txt
	touch $@

.venv/installed-dev: requirements-dev.txt requirements.txt .venv/installed
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: .venv/installed  ## create the venv with the runtime dependencies

install-dev: .venv/installed-dev  ## add the test and development dependencies

system-deps:  ## install Debian chromium and PostgreSQL when missing
	scripts/system-deps.sh

run: install  ## serve on http://127.0.0.1:5000 (SQLite, the committed model)
	$(FLASK) run --host 127.0.0.1 --port 5000

serve: run

test: install-dev system-deps  ## run every test: unit, API, rules, browser and PostgreSQL
	scripts/with-postgres.sh $(PY) -m pytest -q $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

test-fast: install-dev  ## unit, API and rule tests only (no browser, no PostgreSQL)
	$(PY) -m pytest -q -m "not browser and not postgres" $(PYTEST_ARGS)

lint: install-dev  ## ruff
	.venv/bin/ruff check aid tests bench scripts

format: install-dev  ## ruff format
	.venv/bin/ruff format aid tests bench

check: lint  ## lint, knowledge check, model card current, dependency audit
	$(FLASK) check-knowledge
	.venv/bin/pip-audit -r requirements.txt

train: install  ## retrain the classifier from the synthetic cohort (fixed seed)
	$(FLASK) train-model

eval: install-dev  ## evaluate on the public vignettes: likelihood model, classifier, blend
	$(FLASK) evaluate

bench: install-dev  ## latency, HTTP throughput, growth and start-up benchmarks (needs wrk)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk)
	$(PY) bench/run_all.py

load: install-dev  ## 60 s at 16 connections against gunicorn on loopback (needs wrk)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk)
	$(PY) bench/load.py 60
