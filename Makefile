# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
DEV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: one per core (pytest-xdist); TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= auto

.PHONY: run test lint format worker migrate seed clean security-report

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

migrate: $(STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV) $(BIN)/python manage.py seed_demo

## Serve on http://$(HOST):$(PORT) with a Celery worker and beat beside it (logs in var/celery.log).
run: seed
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C stops the server and the worker)"
	@$(DEV) bash -c 'trap "kill 0" EXIT; \
		$(BIN)/celery -A config worker --beat --concurrency=1 --loglevel=INFO > var/celery.log 2>&1 & \
		$(BIN)/daphne -b $(HOST) -p $(PORT) config.asgi:application'

## Lint, then the whole suite (browser tests skip without Chromium unless REQUIRE_BROWSER=1).
test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## Run the security regression tests and rewrite the results table in docs/security.md from their outcomes.
security-report: $(STAMP)
	$(BIN)/python -m pytest -q -m security --security-report docs/security.md $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
