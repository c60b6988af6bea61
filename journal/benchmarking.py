"""What the benchmark commands share: the check that they run on a throwaway database, a real gunicorn worker
serving `journal.bench_site`, and a way to GET pages from it (or from Django's test client) as one signed-in
person, timing each request."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings

SERVER_SECRET_KEY = "bench-pages-only-" + "k" * 50
ROOT = Path(settings.BASE_DIR)
LOG_PATH = Path(tempfile.gettempdir()) / "bench-gunicorn.log"


def refuse_unless_throwaway(yes, fills):
    """Stop unless the database's name says it is a benchmark's ('bench') or the person passed --yes."""
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and not yes:
        raise CommandError(
            f"This fills the database '{name}' with {fills}. Point DATABASE_URL at a throwaway database whose name "
            "contains 'bench' (see the command's help), or pass --yes."
        )


def served(client):
    """Where requests go: a gunicorn worker (its base URL, as the context's value) or, with `client`, this process
    through Django's test client (None)."""
    return override_settings(ROOT_URLCONF="journal.bench_site", DEBUG=False) if client else GunicornServer()


class Fetcher:
    """GET a path as `person`, through gunicorn at `base_url` or, without one, through the test client."""

    def __init__(self, person, base_url):
        self.base_url = base_url
        client = Client(HTTP_HOST="127.0.0.1")
        with override_settings(SECRET_KEY=SERVER_SECRET_KEY if base_url else settings.SECRET_KEY):
            client.force_login(person)  # a session the server can read
        self.client = client
        self.session = requests.Session()
        self.session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)

    def __call__(self, path):
        started = time.perf_counter()
        if self.base_url:
            response = self.session.get(
                self.base_url + path, headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=30
            )
            status = response.status_code
        else:
            status = self.client.get(path).status_code
        elapsed = time.perf_counter() - started
        if status != 200:
            raise CommandError(f"{path} answered {status}")
        return elapsed


class GunicornServer:
    """One sync gunicorn worker serving journal.bench_site with DEBUG off, on a free local port."""

    def __enter__(self):
        self.static_root = tempfile.TemporaryDirectory(prefix="bench-pages-static-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = os.environ | {
            "DEBUG": "0",
            "SECRET_KEY": SERVER_SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": self.static_root.name,
            "JOURNAL_ENCRYPTION_KEYS": ",".join(settings.FERNET_KEYS),  # the worker must open what was built here
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        }
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput"]
        subprocess.run(collect, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        self.log = open(LOG_PATH, "w")  # noqa: SIM115 (closed in __exit__)
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "journal.bench_site:application()", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise CommandError("gunicorn did not start")

    def __exit__(self, *exc):
        self.server.terminate()
        self.server.wait(timeout=30)
        self.log.close()
        self.static_root.cleanup()
