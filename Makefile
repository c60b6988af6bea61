# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DEMO_HINT := Demo account (DEBUG only): sign in at http://127.0.0.1:8000/accounts/login/ as demo / demo-password-123

.PHONY: run test install browser loadtest mutants lint format check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(INSTALLED): $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $@

install: $(INSTALLED)

run: install
	$(PY) manage.py migrate --noinput
	@if $(PY) -c "from django.conf import settings; import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','attachment_app.settings'); django.setup(); raise SystemExit(0 if settings.DEBUG else 1)"; then \
		$(PY) manage.py seed_demo && echo "$(DEMO_HINT)"; fi
	@# The task worker and the reminder scheduler run beside the web server and stop with it (restart `make run`
	@# after changing task code: only the web server reloads itself).
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(PY) manage.py send_reminders --loop & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium and axe-core from npm; without them they are skipped with a message.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Could not install Chromium: browser tests will be skipped."; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --silent || echo "Could not install axe-core: accessibility checks will be skipped."; \
	fi

test: install browser
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

# 12 people logging for 30 s while a gunicorn worker is killed, on SQLite and PostgreSQL: 0 lost, 0 duplicated.
loadtest: install
	$(PY) tests/load/loadtest.py

# Mutation testing: mutmut changes journal/ and the lesson library one small fault at a time and runs the
# non-browser tests that reach the changed function. A whole run takes hours on two cores; pick modules with
# `make mutants MUTANTS="journal.weeks* journal.params*"`. Results stay in mutants/ (`.venv/bin/mutmut browse`).
MUTANTS ?=
mutants: install
	$(PY) -m pip install --quiet mutmut==3.8.1
	$(VENV)/bin/mutmut run $(MUTANTS)
	@$(VENV)/bin/mutmut results --all true | awk -F': ' 'NF == 2 { n[$$2]++ } END { \
		for (s in n) printf "%6d %s\n", n[s], s; \
		if (n["killed"] + n["survived"]) printf "score: %.1f%% of faults caught (killed / (killed + survived))\n", \
			100 * n["killed"] / (n["killed"] + n["survived"]) }'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles
