# juece: `make demo` runs a whole decision; `make test` runs the suite. Both install what they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := fonts-arphic-uming fonts-wqy-zenhei fonts-hanazono fonts-symbola libgs-common poppler-utils chromium \
	libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless
FONT_FILES := /usr/share/fonts/truetype/arphic/uming.ttc /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc \
	/usr/share/fonts/truetype/hanazono/HanaMinB.ttf /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf \
	/usr/share/java/preflight.jar /usr/share/color/icc/ghostscript/srgb.icc
# python-ldap (FAB's LDAP sign-in) builds from source; slapd and the client tools serve the LDAP test
LDAP_PACKAGES := libldap2-dev libsasl2-dev gcc python3-dev slapd ldap-utils
LDAP_FILES := /usr/include/ldap.h /usr/include/sasl/sasl.h /usr/sbin/slapd /usr/sbin/slapadd /usr/bin/ldapsearch
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__PARALLELISM := 4

.PHONY: demo stack test up lint lock deps fonts ldap clean mutation

demo: deps ## one decision from launch to a verified archive PDF under out/
	$(PY) -m juece.demo.run

stack: deps ## the same decision on the production shape: CeleryExecutor + Redis, PostgreSQL (metadata and records), S3 on loopback, two workers with homes of their own
	$(PY) -m juece.demo.run --stack celery --home .airflow/stack

test: deps ## the whole suite (unit, DAG integrity, integration with real Airflow)
	$(PY) -m pytest -q

up: deps ## interactive airflow standalone with the demo users (Ctrl-C stops it)
	$(PY) -m juece.demo.up

lint: deps ## ruff on everything; mypy --strict on the domain, the services and the spec (the typed core)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy plugins/juece/domain plugins/juece/services plugins/juece/spec

deps: $(STAMP) fonts

$(STAMP): requirements.lock pyproject.toml | ldap
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "juece needs Python 3.11"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

fonts: ## Debian fonts (embedded in the archive), poppler (PDF to PNG), chromium (browser tests), PDFBox Preflight (PDF/A check)
	@missing=0; for f in $(FONT_FILES); do [ -f $$f ] || missing=1; done; \
	command -v pdftoppm >/dev/null || missing=1; \
	[ -x /usr/bin/chromium ] || missing=1; \
	command -v java >/dev/null || missing=1; \
	if [ $$missing = 1 ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEBIAN_PACKAGES); \
	fi

ldap: ## headers python-ldap builds against; slapd for the LDAP sign-in test, preseeded unconfigured so no system daemon starts
	@missing=0; for f in $(LDAP_FILES); do [ -e $$f ] || missing=1; done; \
	command -v gcc >/dev/null || missing=1; \
	if [ $$missing = 1 ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo 'slapd slapd/no_configuration boolean true' | $$SUDO debconf-set-selections; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(LDAP_PACKAGES); \
	fi

lock: ## regenerate the pinned lock file from the current venv
	$(PY) -m pip freeze --exclude-editable | grep -v '^juece' > requirements.lock

MUTMUT := mutmut==3.8.1
MUTATION_DIR := build/mutation
MUTATE ?= src/juece/domain/* src/juece/spec/*
CHILDREN ?= 2

mutation: deps ## mutation score of domain/ and spec/ under their unit tests, with the survivors (slow; not in `make test` or CI). One file, one test process at a time: make mutation MUTATE=src/juece/domain/expert_review/panel.py CHILDREN=1
	$(PY) -m pip install --quiet $(MUTMUT)
	rm -rf $(MUTATION_DIR) && mkdir -p $(MUTATION_DIR)/src/juece
	cp -r plugins/juece/. $(MUTATION_DIR)/src/juece/
	cp -r tests templates $(MUTATION_DIR)/
	find $(MUTATION_DIR) -name __pycache__ -prune -exec rm -rf {} +
	{ cat pyproject.toml tests/mutation/mutmut.toml; \
	  printf 'only_mutate = [%s]\n' "$$(set -f; printf '"%s", ' $(MUTATE))"; } > $(MUTATION_DIR)/pyproject.toml
	cd $(MUTATION_DIR) && $(CURDIR)/$(VENV)/bin/mutmut run --max-children $(CHILDREN) > run.log 2>&1 || { tail -40 run.log; exit 1; }
	cd $(MUTATION_DIR) && $(CURDIR)/$(VENV)/bin/mutmut export-cicd-stats > /dev/null
	cd $(MUTATION_DIR) && $(CURDIR)/$(VENV)/bin/mutmut results > survivors.txt
	$(PY) tests/mutation/report.py $(MUTATION_DIR) $(CURDIR)/$(VENV)/bin/mutmut

clean:
	rm -rf .airflow out test-artifacts
