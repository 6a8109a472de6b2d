# kehoach developer menu. `make demo` and `make test` work from a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
PORT ?= 8000
HOST ?= 127.0.0.1
SINGLE := DJANGO_SETTINGS_MODULE=config.settings.single

.DEFAULT_GOAL := help
.PHONY: help venv system-deps messages test test-docparse check django-check lint fmt mypy imports openapi openapi-check migrations-check demo serve serve-single seed reset-local-db bench samples clean

help:
	@echo "make demo      set up everything (venv, SQLite, demo data) and serve http://127.0.0.1:8000 (PORT=… for another)"
	@echo "make serve-single  a small office's server: DEBUG off, SQLite, generated secret key (HOST=0.0.0.0 PORT=… DJANGO_ALLOWED_HOSTS=…)"
	@echo "make test      set up everything and run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set)"
	@echo "make check     every gate: ruff, mypy, import-linter, django check, migrations, OpenAPI drift, tests"
	@echo "make bench     run the benchmarks in bench/ (they print figures)"
	@echo "make samples   render sample documents to DOCX/PDF/PNG"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the browser tests and document conversion use; installed when we are root.
system-deps:
	@bash scripts/system-deps.sh

test: venv system-deps
	$(BIN)/pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

# docparse on its own, without Django settings: proves the library stands alone.
test-docparse: venv
	$(BIN)/pytest -p no:django docparse/tests $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

mypy: venv
	$(BIN)/mypy

imports: venv
	$(BIN)/lint-imports

migrations-check: venv
	$(MANAGE) makemigrations --check --dry-run

# Interface strings: collect the Vietnamese source strings into locale/en/…/django.po
# (translate the new empty entries), then compile the .mo that is committed beside it.
messages: venv
	$(MANAGE) makemessages -l en --no-location --ignore=.venv --ignore=docparse --ignore=var --ignore=bench --ignore='*/tests/*'
	$(MANAGE) compilemessages --ignore=.venv

openapi: venv
	$(MANAGE) spectacular --file openapi.yaml --validate

openapi-check: venv
	@$(MANAGE) spectacular --file $(VENV)/openapi.check.yaml --validate
	@diff -u openapi.yaml $(VENV)/openapi.check.yaml >/dev/null || { echo "openapi.yaml is out of date: run 'make openapi'" >&2; diff -u openapi.yaml $(VENV)/openapi.check.yaml | head -40; exit 1; }

# docparse's tests run once, without Django (test-docparse); the rest of the suite after them.
check: lint mypy imports migrations-check openapi-check django-check
	$(MAKE) test-docparse
	$(MAKE) test PYTEST_ARGS="kehoach $(PYTEST_ARGS)"

django-check: venv
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_SECRET_KEY=ci-check-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz DJANGO_ALLOWED_HOSTS=localhost $(MANAGE) check --deploy --fail-level ERROR

demo: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: venv
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Single-machine production (docs/operations.md): waitress, one process, jobs in its threads.
serve-single: venv
	$(SINGLE) $(MANAGE) migrate --noinput
	$(SINGLE) $(MANAGE) collectstatic --noinput -v 0
	$(SINGLE) $(BIN)/waitress-serve --listen=$(HOST):$(PORT) --threads=8 config.wsgi:application

reset-local-db: venv
	rm -f var/db.sqlite3 var/db.sqlite3-*
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

bench: venv
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/render_bench.py
	$(BIN)/python bench/results_bench.py

# Sample documents in every format profile: docs/samples/ (committed) and samples-out/ (seeds).
samples: venv
	$(BIN)/python -m kehoach.paperwork.make_samples

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
