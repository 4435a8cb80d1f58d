# The two set-up commands of the README:
#   make demo   installs newstrace and analyses the example article
#   make test   installs the test dependencies (Python and system) and runs the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/venezuela-syndicated.txt

.PHONY: demo test install install-test system-deps bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[datasette]"

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

system-deps:
	bash scripts/system-deps.sh

demo: install
	$(BIN)/newstrace analyze $(EXAMPLE) --format report

test: install-test system-deps
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/speed_table.py

eval: install-test
	$(BIN)/python benchmarks/dev_report.py

clean:
	rm -rf $(VENV) build *.egg-info newstrace.db
