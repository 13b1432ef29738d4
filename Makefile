# The two quick-start commands: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test install install-dev system-deps bench train eval-cv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e '.[web]'

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[all,test]'

## Set up and run detente's main job on the bundled sample (SQLite, no server).
demo: install
	$(BIN)/detente demo --db detente-demo.db

system-deps:
	bash scripts/setup-system.sh

## Set up everything (Python packages, PostgreSQL, Chromium) and run the whole test suite.
test: system-deps install-dev
	bash scripts/run-tests.sh $(PYTEST_ARGS)

## Train the learned classifiers from the development set and devset/extra (and the dev half of devset/relevance) into the package (deterministic).
train: install
	$(BIN)/python devset/build.py
	$(BIN)/python devset/build.py --root devset/extra
	$(BIN)/python devset/relevance/build.py --texts build/relevance-texts.jsonl
	$(BIN)/detente train devset --extra devset/extra --relevance devset/relevance/labels.jsonl --relevance-texts build/relevance-texts.jsonl

## Cross-validate by conflict on the development set (devset/extra trains every fold, never scored): held-out beside dev and rules alone.
eval-cv: install
	$(BIN)/detente eval --cv devset --extra devset/extra --plover ../shared/external/plover/PLOVER_GSR_CAMEO.txt

bench: install-dev
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) build *.egg-info detente-demo.db artifacts
