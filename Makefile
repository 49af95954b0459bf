# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make demo   – environment, database, fictional demo data, server on 127.0.0.1:$(PORT)
#   make test   – the whole test suite (SQLite by default; PostgreSQL with DATABASE_URL)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench install messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency pins change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(BIN)/python -c "from xaydungdang.i18n_build import ensure_compiled; ensure_compiled()"

demo: $(STAMP)
	PORT=$(PORT) $(BIN)/xdd demo --port $(PORT)

# Browser tests run in their own pytest process: each restores the database from its serialized copy,
# which cannot be loaded over the content types that a flush by another transactional test (the race
# tests) re-creates with new ids in the same worker.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -rs --ignore=tests/e2e
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -rs tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

# Every benchmarks/*_bench.py in turn (each builds or reuses its cached data under var/bench/).
BENCHES := $(sort $(basename $(notdir $(wildcard benchmarks/*_bench.py))))

# Every benchmark runs even when an earlier one misses its budget; the target fails if any did.
bench: $(STAMP)
	failed=""; for bench in $(BENCHES); do echo "== benchmarks.$$bench"; \
	  $(BIN)/python -m benchmarks.$$bench || failed="$$failed $$bench"; done; \
	if [ -n "$$failed" ]; then echo "missed a budget:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) var test-results
