# Every target that needs the virtual environment runs scripts/bootstrap.sh first: it installs the
# missing Debian libraries and (re)installs .venv/ only when pyproject.toml changed, so it costs
# well under a second once done. `make test` therefore works straight from a fresh clone.

SHELL := /bin/bash
BIN := .venv/bin
DEMO_DIR := .demo-data
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help bootstrap run demo test lint format typecheck bench clean \
	package package-smoke install-desktop

help:
	@echo "make run        set everything up and start the app"
	@echo "make demo       same, on a demo database in $(DEMO_DIR)/ (filled on first use)"
	@echo "make test       set everything up; ruff, ruff format --check, mypy, pytest"
	@echo "make lint       ruff check"
	@echo "make format     ruff format + ruff check --fix"
	@echo "make typecheck  mypy crm_desktop"
	@echo "make bench      python -m benchmarks.run"
	@echo "make clean      remove .venv, caches, build output and $(DEMO_DIR)/"
	@echo "make package         build the one-folder bundle dist/crm-desktop/, then smoke-test it"
	@echo "make package-smoke   only the smoke test of an existing bundle (slow: not in make test)"
	@echo "make install-desktop menu entry, icons and AppStream data for this user (~/.local)"

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	$(BIN)/crm-desktop gui

demo: bootstrap
	@if [ ! -f $(DEMO_DIR)/crm.sqlite3 ]; then \
		echo "filling a demo database in $(DEMO_DIR)/"; \
		$(BIN)/crm-desktop --data-dir $(DEMO_DIR) demo --contacts 2000 --interactions 20000 || { \
			echo "demo fill failed: removing the partial $(DEMO_DIR)/crm.sqlite3" >&2; \
			rm -f $(DEMO_DIR)/crm.sqlite3 $(DEMO_DIR)/crm.sqlite3-wal $(DEMO_DIR)/crm.sqlite3-shm; \
			exit 1; }; \
	fi
	$(BIN)/crm-desktop --data-dir $(DEMO_DIR) gui

# All four checks run even when an earlier one fails, so one run shows every problem.
test: bootstrap
	@status=0; \
	echo "==> ruff check"; $(BIN)/ruff check . || status=1; \
	echo "==> ruff format --check"; $(BIN)/ruff format --check . || status=1; \
	echo "==> mypy crm_desktop"; $(BIN)/mypy crm_desktop || status=1; \
	echo "==> pytest"; QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)" >&2; fi; \
	exit $$status

lint: bootstrap
	$(BIN)/ruff check .

format: bootstrap
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: bootstrap
	$(BIN)/mypy crm_desktop

bench: bootstrap
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf .venv $(DEMO_DIR) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Packaging (see the README, "Install"). The bundle build and its smoke test are slow: never in `test`.
package: bootstrap
	@bash packaging/build.sh

package-smoke:
	@bash packaging/build.sh --smoke

install-desktop:
	@bash packaging/linux/install.sh
