# phoihop — the two commands are `make demo` and `make test`; the rest serve development and CI.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PHOIHOP := $(BIN)/phoihop
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# The public address every absolute URL (pages, feeds, sitemaps, e-mails, the Wagtail Site) starts with.
# Set it yourself behind a proxy; otherwise it is the address the server listens on.
PHOIHOP_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: install demo run serve worker test test-postgres test-browser lint format messages check-messages clean help

help:
	@echo "make demo    install, migrate an SQLite database, load the demo story, serve http://$(HOST):$(PORT) with the worker"
	@echo "make test    the full test suite (SQLite; browser tests need Debian's chromium)"
	@echo "make run     serve without demo data (with the worker)"
	@echo "make worker  run the background task worker alone"
	@echo "make lint    ruff + mypy + the layers (imports and templates) + message catalogue check"

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# Only the commands that serve or load the site see it; the test suite pins its own.
demo run serve worker: export PHOIHOP_BASE_URL := $(PHOIHOP_BASE_URL)
# The demo offers two-factor sign-in but does not force it, so the printed logins work as they are.
PHOIHOP_DEMO_REQUIRE_2FA ?= 0
demo: export PHOIHOP_REQUIRE_2FA := $(PHOIHOP_DEMO_REQUIRE_2FA)
# The demo is shown to newcomers: DEBUG off, so 403/404/500 are the site's Vietnamese pages, not Django's
# debug pages (#15). Static files (WhiteNoise) and the public media are served all the same.
PHOIHOP_DEMO_DEBUG ?= 0
demo: export DEBUG := $(PHOIHOP_DEMO_DEBUG)

demo: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) demo
	@$(MAKE) --no-print-directory serve

run: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) migrate --no-input -v 0
	@$(MAKE) --no-print-directory serve

# The worker runs beside the web server (its log in var/worker.log) and stops with it.
serve:
	@mkdir -p var; DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) start_periodic >>var/worker.log 2>&1; \
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) db_worker --no-startup-delay >>var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "phoihop: $(PHOIHOP_BASE_URL)/ (listening on $(HOST):$(PORT); admin: $(PHOIHOP_BASE_URL)/admin/, worker log: var/worker.log)  — Ctrl-C to stop"; \
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) runserver --noreload $(HOST):$(PORT)

worker: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) start_periodic
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) db_worker

# --reuse-db keeps the test database between runs (new migrations are still applied).
test: install
	$(BIN)/pytest --reuse-db $(PYTEST_ARGS)

# PostgreSQL's test database outlives the clone on a shared server: always build it afresh.
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest --create-db -m "not browser" $(PYTEST_ARGS)

test-browser: install
	PHOIHOP_REQUIRE_BROWSER=1 $(BIN)/pytest --reuse-db -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python scripts/check_template_layers.py
	$(BIN)/python scripts/check_messages.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the catalogues after changing strings (needs GNU gettext: apt-get install gettext).
messages: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PHOIHOP) makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=var --ignore=templates/wagtailadmin
	$(BIN)/python scripts/check_messages.py --compile

clean:
	rm -rf $(VENV) var/phoihop.sqlite3* var/test.sqlite3*
