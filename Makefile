# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
PY := $(VENV)/bin/python

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml packaging/system-packages.sh
	bash packaging/system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The tests also check the workspace against real clients (GDAL's validator, QGIS)
TEST_STAMP := $(VENV)/.test-clients

$(TEST_STAMP): $(STAMP) packaging/system-packages.sh
	bash packaging/system-packages.sh --test
	touch $(TEST_STAMP)

demo: $(STAMP)
	$(VENV)/bin/humanops demo

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check humanops tests benchmarks

clean:
	rm -rf $(VENV)
