# Two commands do everything on a fresh machine:
#   make run   - set up .venv, import the sample notes in highlights/, list the deck, start a review
#   make test  - set up .venv and run the test suite
# TORCH_SPEC picks the torch build (default: the CPU wheel pinned for these machines).

PYTHON ?= python3
VENV ?= .venv
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin

.PHONY: setup run test lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -q -e ".[dev]"
	# byte-compile the package: an editable install does not, and with
	# PYTHONDONTWRITEBYTECODE set every command would compile it again on start
	$(BIN)/python -m compileall -q studykit
	touch $@

run: setup
	$(BIN)/studykit import highlights/
	$(BIN)/studykit books
	@echo "To type plain 'studykit ...' in this shell: source $(VENV)/bin/activate"
	$(BIN)/studykit review
	@echo "studykit is in $(BIN). To type plain 'studykit ...': source $(VENV)/bin/activate"

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check studykit tests bench exercises

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
