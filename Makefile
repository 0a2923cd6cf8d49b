# Two commands for a newcomer: `make demo` and `make test`. uv is used from the PATH if present,
# otherwise installed once into .tools/ of this checkout (never into your own Python).
PYTHON ?= python3
UV_HOME := .tools/uv
UV := $(shell command -v uv 2>/dev/null || echo $(UV_HOME)/bin/uv)

.PHONY: demo test sync lint typecheck check uv-path
demo: $(UV)
	$(UV) run --locked ansinh demo

test: $(UV)
	$(UV) run --locked pytest

sync: $(UV)
	$(UV) sync --locked

lint: $(UV)
	$(UV) run --locked ruff check .

typecheck: $(UV)
	$(UV) run --locked mypy

check: $(UV)
	$(UV) run --locked ansinh manage check
	$(UV) run --locked ansinh manage makemigrations --check --dry-run

uv-path: $(UV)
	@echo $(UV)

$(UV_HOME)/bin/uv:
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/python -m pip install --quiet --disable-pip-version-check uv
