# vbgraph: every target does its own set-up on a fresh machine.
#   make run    ingest data/ into the embedded store and open the explorer
#   make test   the whole test suite (installs chromium/tesseract from Debian if missing)
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_TEST := chromium fonts-dejavu-core tesseract-ocr tesseract-ocr-vie antiword poppler-utils libreoffice-writer-nogui
PORT ?= 8501
DB ?= data/db

.PHONY: venv sysdeps-test run test eval bench bench-scale clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

venv: $(STAMP)

# Debian packages the tests need (browser e2e, OCR, legacy .doc); skipped when present.
sysdeps-test:
	@missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: $(STAMP)
	$(BIN)/vbgraph ingest data/samples --db $(DB)
	$(BIN)/vbgraph app --host 127.0.0.1 --port $(PORT) --db $(DB)

test: $(STAMP) sysdeps-test
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python -m bench.eval_gold
	$(BIN)/python -m bench.eval_phapdien
	$(BIN)/python -m bench.eval_generated

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

bench-scale: $(STAMP)
	$(BIN)/python -m bench.scale

clean:
	rm -rf data/db log tests/artifacts .pytest_cache
