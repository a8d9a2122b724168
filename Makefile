# The two commands a newcomer needs: `make run` serves the demo site, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

# The demo runs with the production settings, on plain HTTP on the loopback address.
DEMO_ENV = DJANGO_SETTINGS_MODULE=jetportal.settings.production \
	DJANGO_SECRET_KEY="$$(cat .local/secret_key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
	DJANGO_HTTPS=0 \
	SHOW_SAMPLE_NOTICE=1

.PHONY: vnu run test ci install install-test messages makemessages static lint migrations-check benchmark stack stack-stop stack-test lock clean

run: install .local/secret_key messages
	@$(DEMO_ENV) $(MANAGE) migrate --noinput
	@$(DEMO_ENV) $(MANAGE) collectstatic --noinput -v0
	@$(DEMO_ENV) $(MANAGE) load_demo
	@$(DEMO_ENV) $(MANAGE) demo_admin
	@echo
	@echo "  The JET Portal demo is at http://127.0.0.1:$(PORT)/en/organisations/ (日本語: http://127.0.0.1:$(PORT)/ja/organisations/)"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (Ctrl+C stops the server)"
	@echo
	@$(DEMO_ENV) PORT=$(PORT) $(BIN)/gunicorn --config jetportal/gunicorn.conf.py jetportal.wsgi

test: install-test messages
	$(BIN)/pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

.local/secret_key:
	mkdir -p .local
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Compiled catalogues are build products (git-ignored): build them whenever a .po changes.
messages: install
	$(MANAGE) compilemessages --ignore=$(VENV) -v0

# Refresh the .po files after changing interface strings (then translate, then `make messages`).
makemessages: install
	$(MANAGE) makemessages -l ja --ignore=$(VENV) --ignore=staticfiles --no-location --no-obsolete
	$(MANAGE) makemessages -l ja -d djangojs --ignore=$(VENV) --ignore=staticfiles --no-location --no-obsolete

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

# The production shape on this machine (deploy/stack.py): nginx with TLS on 127.0.0.1:8443
# (HTTP on 8080 redirects), two gunicorn hosts (8101, 8102), PostgreSQL, Redis, one shared folder.
stack: install .local/secret_key messages
	@$(BIN)/python deploy/stack.py start

stack-stop:
	@$(PYTHON) deploy/stack.py stop

# The stack's own tests: they start a stack of their own (fresh database) and stop it.
stack-test: install-test messages
	$(BIN)/pytest -m stack -p no:cacheprovider

# The W3C Nu Html Checker for tests/test_html_valid.py: npm's vnu-jar (runs on Java), kept in
# the git-ignored .local/vnu. CI installs it; without it the valid-HTML test is skipped locally.
VNU_VERSION := 26.9.27
VNU_JAR := .local/vnu/node_modules/vnu-jar/build/dist/vnu.jar
vnu: $(VNU_JAR)
$(VNU_JAR):
	mkdir -p .local/vnu
	cd .local/vnu && npm install --no-save --no-audit --no-fund --ignore-scripts --prefix . vnu-jar@$(VNU_VERSION)
	test -f $@

benchmark: install .local/secret_key messages
	$(BIN)/python scripts/benchmark.py

# Re-pin after changing requirements.in (review the diff before committing).
lock: install-test
	$(BIN)/pip freeze

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
