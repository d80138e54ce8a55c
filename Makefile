# piflow: the two commands a new machine needs are `make demo` and `make test`.
# Both install what they need: Debian packages (apt-get, as root or via sudo),
# a virtualenv in .venv with the pinned packages of requirements.lock.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
APT_PKGS := apktool libsmali-java apksigner zipalign aapt dexdump default-jdk-headless graphviz chromium fonts-wqy-zenhei
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint typecheck unit system-deps venv lock samples bench bench-traffic bench-sdk bench-batch bench-fuzz clean ref-apps bench-hybrid-real

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "piflow needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

system-deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The Order 24 check of the tracker sample: APK + its mitmdump capture (+ its declaration when present).
TRACKER := samples/tracker
TRACKER_DECL := $(wildcard $(TRACKER)/declaration.yaml)
# What the demo writes (reports); gitignored.
DEMO_OUT ?= demo-out

demo: venv
	@for apk in samples/*/*.apk; do \
	  echo; echo "=== piflow scan $$apk"; \
	  $(VENV)/bin/piflow scan -q "$$apk" || exit $$?; \
	done
	@echo; echo "=== piflow check $(TRACKER)/tracker.apk --capture $(TRACKER)/capture $(if $(TRACKER_DECL),--declaration $(TRACKER_DECL))"
	@$(VENV)/bin/piflow check $(TRACKER)/tracker.apk --capture $(TRACKER)/capture \
	  $(if $(TRACKER_DECL),--declaration $(TRACKER_DECL))
	@echo; echo "=== the same as a pull-request comment (--format markdown; also json, sarif; piflow report renders a saved result)"
	@$(VENV)/bin/piflow check $(TRACKER)/tracker.apk --capture $(TRACKER)/capture \
	  $(if $(TRACKER_DECL),--declaration $(TRACKER_DECL)) --format markdown
	@mkdir -p $(DEMO_OUT)
	@$(VENV)/bin/piflow check $(TRACKER)/tracker.apk --capture $(TRACKER)/capture \
	  $(if $(TRACKER_DECL),--declaration $(TRACKER_DECL)) --format html -o $(DEMO_OUT)/tracker-report.html
	@echo; echo "HTML report (open it in a browser, works offline): $(DEMO_OUT)/tracker-report.html"
	@echo; echo "=== piflow diff $(TRACKER)/tracker.apk samples/tracker-v2/tracker-v2.apk"
	@$(VENV)/bin/piflow diff -q $(TRACKER)/tracker.apk samples/tracker-v2/tracker-v2.apk

lint: venv
	$(VENV)/bin/ruff check analyzer addons policies tests bench

typecheck: venv
	$(VENV)/bin/mypy

# The 1.9 MB real app the budget tests scan (pip download from the package registry, cached, never committed).
ref-apps: venv
	$(PY) bench/run.py --fetch --apps uiautomator >/dev/null

unit: venv system-deps ref-apps
	PIFLOW_REQUIRE_REF_APPS=1 $(VENV)/bin/pytest -q

test: lint typecheck unit

samples: system-deps
	bash samples/build.sh

bench: venv system-deps
	$(PY) bench/run.py

# Traffic detection: recall/precision on the labelled corpus, cost per flow, mitmdump throughput.
bench-traffic: venv
	$(PY) bench/traffic.py

# Real SDK client libraries (PyPI and npm, bench-local installs) through a real mitmdump: recall/precision per SDK
# with and without a device profile, on the bench set and the held-out set. Scores the committed captures;
# `bench/sdk_traffic.py generate [--set heldout]` re-records them.
bench-sdk: venv
	$(PY) bench/sdk_traffic.py score

# Hostile and mutated inputs through the CLI (seed 17; about 15 min at this size): 0 hangs, 0 exit 3, 0 tracebacks.
bench-fuzz: venv system-deps
	$(PY) bench/fuzz.py --per-class 180

# Batch mode: APKs/min with 1 and 2 local Dask workers (median of 5), scaling ratio, peak RSS per worker.
bench-batch: venv
	$(PY) bench/run.py --fetch >/dev/null
	$(PY) bench/batch.py

# Real hybrid bundles (React Native production Metro bundle, Cordova prepared www, published npm packages):
# reads, owners, endpoints and sends against truth by construction. Scores the committed APKs;
# `bench/hybrid_real.py --build` remakes them (npm, node 20, apktool).
bench-hybrid-real: venv
	$(PY) bench/hybrid_real.py

lock: venv
	$(PIP) freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist $(DEMO_OUT) tests/artifacts
