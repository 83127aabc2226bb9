# Two commands do all the set-up on a fresh machine (Python 3.11, Node 20 + npm, Debian):
#   make book   -> .venv, Python packages, front-end assets, both editions of the book
#   make test   -> everything above, plus Chromium and the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# -n nitpicky, -W warnings are errors, --keep-going: report every problem at once.
JB_FLAGS := -n -W --keep-going
CHROMIUM ?= /usr/bin/chromium

.PHONY: book test test-deps test-unzipped test-fresh-clone handouts lint data sync-research vendor lab bench repro linkcheck clean mse-cache

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The widget manager and the widget fonts, served by the book itself.
vendor: _static/vendor/.stamp
_static/vendor/.stamp: node_modules/.installed scripts/vendor_assets.sh _config.yml
	scripts/vendor_assets.sh
	touch $@

references.bib: $(BIN)/.installed scripts/make_bib.py data/sources.csv data/raw/legal_sources.csv data/book_sources.csv
	$(BIN)/python scripts/make_bib.py

# The MSE chapter's heavy results (every two-way model, bootstraps, simulations) live in
# data/mse_cache/. The script recomputes them only when their inputs' digest changes.
mse-cache: $(BIN)/.installed
	nice $(BIN)/python scripts/build_mse_cache.py

book: $(BIN)/.installed vendor references.bib mse-cache
	scripts/build_book.sh

# Budgets and measurements (a script, not a test): build times, page weights, explainer latency.
bench: book test-deps
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench.py
	nice $(BIN)/python scripts/bench_mse.py

# Two clean builds must give identical figures and HTML (apart from documented volatile parts).
repro: $(BIN)/.installed vendor references.bib
	$(BIN)/python scripts/repro.py

# External links need internet: separate and non-blocking.
linkcheck: $(BIN)/.installed
	-$(BIN)/jupyter-book build . --builder linkcheck

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
test-deps: $(BIN)/.installed
	@if ! [ -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's 'chromium' package or set CHROMIUM=/path/to/chromium"; exit 1; fi; \
	fi
	@# pdftotext (poppler-utils) reads the handouts in tests/test_handouts.py.
	@if ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "pdftotext is missing: install Debian's 'poppler-utils' package"; exit 1; fi; \
	fi

# ruff (config in pyproject.toml); the same check runs in .pre-commit-config.yaml.
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: book test-deps handouts lint
	@# Test files run in parallel (pytest-xdist), each file on one worker: its fixtures stay shared.
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q -p no:cacheprovider -n auto --dist loadfile tests

# One A4 PDF per chapter per edition, printed by Chromium, into _build/handouts/ (and linked
# from the teacher edition's chapter pages).
handouts: book test-deps
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/make_handouts.py

# The book's source zip builds on its own (issue #16): unzip it into an empty temporary folder
# (no ../shared beside it) and run `make book` there (the student zip has no teacher notes, so
# it builds the student edition; the full tree is tested by test-fresh-clone). Slow (a fresh build): run in CI, not in `make test`.
test-unzipped: book
	@dir="$$(mktemp -d)"; trap 'rm -rf "$$dir"' EXIT; \
	  cd "$$dir" && unzip -q "$(CURDIR)/_build/html/_downloads/onzichtbaar-broncode.zip" && \
	  start=$$(date +%s) && $(MAKE) -C onzichtbaar book PYTHON=$(PYTHON) && \
	  test -f onzichtbaar/_build/html/index.html && \
	  echo "test-unzipped: make book in the unzipped source took $$(( $$(date +%s) - start )) s"

# What a fresh clone does: copy the tracked files (git ls-files) to an empty temporary
# folder, with no ../shared beside it, and run `make book` there. .ci/run calls it.
test-fresh-clone:
	scripts/test_fresh_clone.sh

# The tidy tables of the data package, rebuilt from data/raw/ and data/curation.json.
data: $(BIN)/.installed
	$(BIN)/python scripts/build_data.py

# Refresh the research copies (data/raw/, tests/fixtures/longread/) from the research
# desk beside the repository, on purpose; fails when it is absent. The build never reads it.
SHARED ?= ../shared
sync-research: $(BIN)/.installed
	$(BIN)/python scripts/sync_research.py --shared $(SHARED)

# JupyterLab with jupytext, so the MyST .md chapters open as notebooks.
lab: $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	$(BIN)/jupyter lab --ServerApp.open_browser=False

clean:
	rm -rf _build figures/*.svg figures/*.png figures/*.csv
