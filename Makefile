# vbgraph: every target does its own set-up on a fresh machine.
#   make run    ingest data/ into the embedded store and open the explorer
#   make test   the whole test suite (installs chromium/tesseract from Debian if missing)
#   make test-cluster  the server-mode suite on Neo4j 5 and a standalone ArcadeDB server
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_TEST := chromium fonts-dejavu-core tesseract-ocr tesseract-ocr-vie antiword poppler-utils libreoffice-writer-nogui
APT_CLUSTER := maven openjdk-17-jdk-headless
MVN_TIMEOUT ?= 900
PORT ?= 8501
DB ?= data/db

.PHONY: venv sysdeps-test sysdeps-cluster cluster-build run test test-cluster eval bench bench-scale clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

venv: $(STAMP)

# Debian packages from a list, installed when missing: $(call apt_install,PACKAGES)
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

# Debian packages the tests need (browser e2e, OCR, legacy .doc); skipped when present.
sysdeps-test:
	$(call apt_install,$(APT_TEST))

# Java 17 and Maven for the Neo4j launcher (cluster/neo4j).
sysdeps-cluster:
	$(call apt_install,$(APT_CLUSTER))

# Neo4j 5 Community and its dependencies from Maven Central into cluster/neo4j/target
# (the only download of test-cluster; the tests themselves fetch nothing).
cluster-build: sysdeps-cluster
	timeout $(MVN_TIMEOUT) mvn -q -B -Dstyle.color=never -f cluster/neo4j/pom.xml package

run: $(STAMP)
	$(BIN)/vbgraph ingest data/samples --db $(DB)
	$(BIN)/vbgraph app --host 127.0.0.1 --port $(PORT) --db $(DB)

test: $(STAMP) sysdeps-test
	$(BIN)/python -m pytest -q

test-cluster: $(STAMP) cluster-build
	$(BIN)/python -m cluster.run

eval: $(STAMP)
	$(BIN)/python -m bench.eval_gold
	$(BIN)/python -m bench.eval_phapdien
	$(BIN)/python -m bench.eval_generated

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

bench-scale: $(STAMP)
	$(BIN)/python -m bench.scale

clean:
	rm -rf data/db log tests/artifacts .pytest_cache cluster/neo4j/target
