# Kennisbank developer commands. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint format messages clean elasticsearch bench-search bench-wordforms

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Kennisbank needs Python 3.11; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

install: $(BIN)/.installed

## Install, migrate, load the demo content and serve http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Kennisbank runs at http://$(HOST):$(PORT)/"
	@echo "  Editor: http://$(HOST):$(PORT)/beheer/  (demo login printed above by load_demo)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the test suite (SQLite unless DATABASE_URL points elsewhere; on SQLite the test
## database is a file, so that concurrency tests get a connection per thread), in
## TEST_WORKERS processes (pytest-xdist; default one per core, 0 for a single process).
## Each worker has a test database of its own (test-db.sqlite3_gw0, test_kennisbank_gw0, ...);
## --dist loadgroup: tests/browser and tests/production each run in one worker (tests/conftest.py).
TEST_WORKERS ?= auto
test: install
	SQLITE_TEST_FILE="$${SQLITE_TEST_FILE:-$(CURDIR)/test-db.sqlite3}" \
		$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

## Start a local Elasticsearch 8.19 (as root; see bin/elasticsearch-start), then
## run with ELASTICSEARCH_URL=http://127.0.0.1:9200
elasticsearch:
	bash bin/elasticsearch-start

## Search benchmark: synthetic initiatives, latency per engine (see bench/README.md)
bench-search: install
	$(BIN)/python bench/search_bench.py $(BENCH_ARGS)

## Dutch word forms: recall and precision per engine on held-out samples (see README, Search)
bench-wordforms: install
	$(BIN)/python bench/wordforms.py $(BENCH_ARGS)

## Style, and the layers: no import against the direction of README's "Architecture"
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Update and compile the Dutch catalogues (needs GNU gettext): the project's in
## initiatieven/locale, the accounts app's own in accounts/locale
messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --no-location -i .venv -i "*/migrations/*" -i tests -i bench -i accounts
	cd accounts && ../$(BIN)/python ../manage.py makemessages -l nl --no-obsolete --no-location -i "migrations/*"
	$(BIN)/python manage.py compilemessages -i .venv

clean:
	rm -rf $(VENV) staticfiles
