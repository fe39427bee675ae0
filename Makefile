# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test lint typecheck translations i18n-update bench bench-quick dist clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup translations
	$(BIN)/python -m ui --demo

# Dutch UI strings: collect every tr() into the .ts, then compile it to the .qm the app loads.
i18n-update: setup
	$(BIN)/pyside6-lupdate $$(find ui -name '*.py' | sort) -source-language en \
		-target-language nl -locations none -no-obsolete -ts resources/i18n/expertise_nl.ts

translations: setup
	$(BIN)/pyside6-lrelease resources/i18n/expertise_nl.ts -qm resources/i18n/expertise_nl.qm

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

# The team tests start their own PostgreSQL; this installs the distribution's one if missing.
# One pytest-xdist worker per core (docs/ARCHITECTURE.md, "Tests in parallel").
test: setup lint typecheck translations
	$(BIN)/python -m tools.postgres ensure
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadfile

# Hub vs SQLite FTS5 on one generated corpus; results in bench/results/ (see bench/run.py).
bench: setup
	$(BIN)/python -m bench.run --sizes 1000,10000,100000

bench-quick: setup
	$(BIN)/python -m bench.run --sizes 1000,10000

# The partner build (build.spec): one folder under dist/, checked by its own --selftest.
# `make dist PACK=file.ekp` bundles a knowledge pack that the first start offers to import.
dist: setup translations
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	$(if $(PACK),PACK="$(abspath $(PACK))") $(BIN)/pyinstaller --noconfirm --clean \
		--distpath dist --workpath build/pyinstaller build.spec
	QT_QPA_PLATFORM=offscreen dist/expertise-hub/expertise-hub --selftest
	@du -sh dist/expertise-hub

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
