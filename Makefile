# MECC Programme Manager: `make run` to try it, `make test` to check it. Both install what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test bench install system-packages python-packages npm-packages migrate demo lint format worker clean-db lock

help: ## This list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

run: install demo ## Install, migrate, load demo data and serve on http://127.0.0.1:8000 (SQLite, no Redis needed)
	DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

test: install ## Lint, check formatting and the floors of the house, then run the whole test suite (browser tests too)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings > /dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install ## The performance harness on PostgreSQL and Redis (BENCH_ARGS=--quick: 1M rows, under 3 minutes)
	@bash scripts/install-system-packages.sh bench
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(PY) -m bench.run $(BENCH_ARGS)

install: system-packages python-packages npm-packages

system-packages: ## Debian packages: Python venv, Node/npm, Chromium for browser tests, pango for PDFs
	@bash scripts/install-system-packages.sh

python-packages: $(VENV)/.installed
# The locked, hashed set (requirements-dev.lock = requirements.lock + test tools), the same one the Dockerfile uses.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@

lock: python-packages ## After changing requirements*.txt: pin every package with its hashes again
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock requirements.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --output-file requirements-dev.lock requirements-dev.txt

migrate: python-packages ## Apply the database migrations (DATABASE_URL, or the embedded SQLite)
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --no-input

demo: migrate ## Load the demo organisations and sign-ins (refuses without DEBUG)
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo

clean-db: ## Delete the embedded SQLite database and uploaded files of `make run` (never touches DATABASE_URL)
	rm -f db.sqlite3
	rm -rf media

npm-packages: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: python-packages
	$(VENV)/bin/ruff check .

format: python-packages ## Reformat the code in place
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: install ## A Celery worker and beat against REDIS_URL, as in production
	$(VENV)/bin/celery -A mecc worker --beat -l info
