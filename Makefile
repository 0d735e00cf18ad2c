# storebook — `make help` lists the targets. Every target does its own set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
MONTH  ?=
JOBS   ?=
# Raw data folder as the workbook config sees it (STOREBOOK_RAW overrides).
RAW    := $(or $(STOREBOOK_RAW),data/raw)

.DEFAULT_GOAL := help
.PHONY: help setup sample ingest report test test-fast lab pair lint bench dictionary clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The spark extra is installed too: the engine-equivalence test runs in `make test`.
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@# Notebooks are committed without outputs: git strips them (nbstripout's filter) on every commit.
	@if git rev-parse --git-dir >/dev/null 2>&1; then $(BIN)/nbstripout --install; fi
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install storebook (with the dev tools), its bytecode compiled
	@# Where PYTHONDONTWRITEBYTECODE is set (container images often set it) Python keeps no
	@# bytecode of storebook's own modules, which an editable install leaves uncompiled: every
	@# process compiled them again (0.15 s of the report kernels' template, before any kernel
	@# starts). Compiled here (only what changed since: 0.03 s) they are read, wherever it is set.
	@$(BIN)/python -m compileall -q lib

sample: setup ## write the sample store into data/raw if it is empty
	@if [ -z "$$(find $(RAW) -type f ! -name .gitkeep 2>/dev/null | head -1)" ]; then \
		$(BIN)/storebook sample; \
	else echo "data/raw already holds exports: using them (the sample store is written only into an empty data/raw)"; fi

ingest: sample ## validate data/raw into data/processed (rejected rows listed by `storebook rejected`)
	$(BIN)/storebook ingest

report: ingest ## the monthly report pack for the last complete month (MONTH=YYYY-MM to choose)
	$(BIN)/storebook report $(if $(MONTH),--month $(MONTH)) $(if $(JOBS),--jobs $(JOBS))

test: setup ## run the whole test suite (what CI runs), listing its 25 slowest tests (the suite must stay under 20 min)
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=25

test-fast: setup ## the suite without notebook, browser and slow tests
	$(BIN)/python -m pytest -n 2 -m "not slow and not notebooks and not browser and not spark"

bench: setup ## benchmark vs DuckDB SQL and pandas at 1M/10M/50M order lines (SCALES=10M or SCALES=10M,50M to choose)
	$(BIN)/storebook bench $(if $(SCALES),--scales $(SCALES))

lab: setup ## open the notebooks in JupyterLab (the python3 kernel of .venv)
	$(BIN)/jupyter lab notebooks/

pair: setup ## sync each notebook with its py:percent script (edit either, then run this)
	$(BIN)/jupytext --sync notebooks/*.ipynb

lint: setup ## ruff over lib/ and tests/, and the notebooks' house rules
	$(BIN)/ruff check lib tests
	$(BIN)/python -m pytest -q tests/report/test_notebook_rules.py

dictionary: setup ## regenerate docs/data_dictionary.md from the schemas
	$(BIN)/storebook dictionary

clean: ## remove processed data and report outputs (raw data and .venv stay)
	find data/processed outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} + 2>/dev/null || true
