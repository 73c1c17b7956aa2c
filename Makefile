# The two commands everyone meets: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= var/demo.db
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-next-year test-package lint format i18n bench dist package clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "DutyDesk needs Python 3.11 or newer"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	@mkdir -p $(dir $(DB))
	@test -f $(DB) || $(BIN)/dutydesk demo $(DB)
	@echo "演示登录 Demo login: 工号 admin / 密码 demo1234 (officer 1001, leader 2001, auditor audit)"
	$(BIN)/dutydesk gui --db $(DB)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The same core, command-line and report tests with the process clock a year ahead
# (libfaketime): nothing may depend on the wall clock.
test-next-year: $(STAMP)
	QT_QPA_PLATFORM=offscreen faketime -f '+365d' $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/core tests/cli tests/reports

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy dutydesk reports ui  # strict for dutydesk and reports (pyproject.toml)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

i18n: $(STAMP)
	$(BIN)/python resources/translations/build.py

# Every figure of issue 18 against its same-run baseline on a generated 10-year database
# (BENCH_ARGS="--db PATH" measures a copy of an existing one), then the README's table.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.readme

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet pyinstaller
	$(BIN)/pyinstaller --noconfirm packaging/dutydesk.spec

# dist/dutydesk_<version>_<arch>.deb from the PyInstaller folder (needs dpkg-deb).
package: dist
	$(BIN)/python packaging/linux/build_deb.py

# Installs the package on this machine, runs it, removes it (root and dpkg; CI does this).
test-package: package
	DUTYDESK_DEB="$$(ls dist/dutydesk_*.deb | tail -n 1)" QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/packaging

clean:
	rm -rf build dist .pytest_cache .ruff_cache
