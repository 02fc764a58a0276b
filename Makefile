# Kennisbank developer commands. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve serve-production test lint format messages clean elasticsearch \
	bench-search bench-wordforms bench-import bench-load bench-load-smoke

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

## The production topology on this machine, with the demo content (as root: starts PostgreSQL
## and Elasticsearch first): bin/serve-production runs gunicorn and the worker on
## http://$(HOST):$(PORT) with DEBUG off (README, "Production"). Ctrl-C stops both.
PRODUCTION_DATABASE_URL ?= postgres://kennisbank:kennisbank@127.0.0.1:5432/kennisbank
PRODUCTION_ENV = DATABASE_URL="$(PRODUCTION_DATABASE_URL)" ELASTICSEARCH_URL=http://127.0.0.1:9200 \
	DEBUG=false SECRET_KEY="$$(cat .secret_key)" HTTPS=off SECURE_COOKIES=false \
	HOST=$(HOST) PORT=$(PORT) KENNISBANK_PYTHON=$(BIN)/python
serve-production: install
	bash bin/postgres-start
	bash bin/elasticsearch-start
	@test -s .secret_key || (umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key)
	$(PRODUCTION_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(PRODUCTION_ENV) TASKS_BACKEND=immediate $(BIN)/python manage.py load_demo --admin
	$(PRODUCTION_ENV) bin/serve-production

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

## Import benchmark: new rows, dry run and re-imports on PostgreSQL (DATABASE_URL's server,
## its own database kb_import_bench; + Elasticsearch when ELASTICSEARCH_URL is set)
bench-import: install
	$(BIN)/python bench/import_bench.py $(BENCH_ARGS)

## Load: locust, 50 users for 2 minutes against gunicorn on its own database (PostgreSQL of
## DATABASE_URL, Elasticsearch when ELASTICSEARCH_URL is set); table in bench/results/
bench-load: install
	$(BIN)/python bench/load_bench.py $(BENCH_ARGS)

## The same scenario for 20 seconds with 10 users: fails on any error, not on timings (CI)
bench-load-smoke: install
	$(BIN)/python bench/load_bench.py --smoke $(BENCH_ARGS)

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
