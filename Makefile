# The two commands of the quick start. Both work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_ORGS ?= 2000
# pytest-xdist workers for `make test` (auto: one per core). `--dist load`, not loadfile:
# pytest-django runs the tests that flush the database (the live servers) after all others,
# and loadfile would run them beside their file's other tests, wiping the taxonomy the
# migrations wrote before the tests that read it.
TEST_WORKERS ?= auto

.PHONY: run test install install-test browser lint schema messages bench-quick

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

## make run: install, migrate, load demo data into an empty database, serve at :8000
run: install
	$(BIN)/innocluster migrate --no-input
	$(BIN)/innocluster demo-data --if-empty --orgs $(DEMO_ORGS) --seed 1
	$(BIN)/innocluster serve

## make test: install test dependencies (and Chromium for the browser test), run everything
test: install-test browser
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load

browser:
	@scripts/ensure-chromium

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

schema: install
	$(BIN)/innocluster spectacular --file schema/openapi.yaml --validate --fail-on-warn

messages: install
	cd innocluster && ../$(BIN)/innocluster makemessages -l ru -l en --no-obsolete --no-location
	cd innocluster && ../$(BIN)/innocluster compilemessages

bench-quick: install-test
	for b in benchmarks/*.py; do $(BIN)/python $$b --quick || exit 1; done
