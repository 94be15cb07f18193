# Karier ASN assistant. `make run` starts it, `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run chat test lint typecheck pytest bench load eval postgres-binaries docker-test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: the Telegram bot with TELEGRAM_BOT_TOKEN set, otherwise the console chat
run: install
	$(BIN)/karierbot run

## chat: the console chat; AS=hr or AS=admin for the HR commands
AS ?= employee
chat: install
	$(BIN)/karierbot chat --as $(AS)

## test: lint, type-check and the whole suite (SQLite and a throw-away PostgreSQL)
test: install postgres-binaries lint typecheck pytest

lint: install
	$(BIN)/ruff check bot tests benchmarks

typecheck: install
	$(BIN)/mypy bot

pytest: install
	$(BIN)/pytest -q

## eval: the shared sample and every held-out set (a new heldout_questions_N.yaml joins by itself)
EVAL_SETS = ../shared/eval/questions.yaml $(sort $(wildcard tests/content/heldout_questions*.yaml))
eval: install
	@for set in $(EVAL_SETS); do echo "== $$set"; $(BIN)/karierbot eval "$$set" || exit 1; done

load: install
	$(BIN)/python -m benchmarks.load

bench: install
	$(BIN)/python -m benchmarks.search
	$(BIN)/python -m benchmarks.broadcast
	$(BIN)/python -m benchmarks.reports

# The tests start their own PostgreSQL server; install the Debian package where it is missing.
postgres-binaries:
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing PostgreSQL (Debian package) for the tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

## docker-test: build the image, run `karierbot check` and a console chat in it (skipped without Docker)
docker-test:
	.ci/docker-test

## clean: the virtualenv and caches; data/ (the database) stays
clean:
	rm -rf $(VENV) *.egg-info build .pytest_cache .mypy_cache .ruff_cache .hypothesis
