# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
PY := $(VENV)/bin/python

.PHONY: demo test lint bench clean package translations

$(STAMP): pyproject.toml packaging/system-packages.sh
	bash packaging/system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,package]'  # package: PyInstaller, for make package and its test
	touch $(STAMP)

# The tests also check the workspace against real clients (GDAL's validator, QGIS)
TEST_STAMP := $(VENV)/.test-clients

$(TEST_STAMP): $(STAMP) packaging/system-packages.sh
	bash packaging/system-packages.sh --test
	touch $(TEST_STAMP)

# The translations the app loads (resources/i18n/*.qm, not committed), built with PySide6's lrelease
# from the committed .ts sources; packaging/update_translations.py updates the .ts from the code.
TS_FILES := $(wildcard resources/i18n/humanops_*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

demo: $(STAMP) translations
	$(VENV)/bin/humanops demo

test: $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The app as one folder that runs without Python (docs/packaging.md): dist/humanops/
package: $(STAMP) translations
	$(PY) packaging/build_bundle.py --dist dist --work build/pyinstaller

lint: $(STAMP)
	$(VENV)/bin/ruff check humanops tests benchmarks packaging

clean:
	rm -rf $(VENV)
