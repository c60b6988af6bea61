"""Load and kill: 12 people log moments for 30 s against gunicorn while one worker is killed mid-run.

Each person signs in, then logs moment after moment through the real quick-log form, each with its own
idempotency key; when a request fails (the killed worker's connections drop) the phone would send the same
form again, so this does too. Afterwards every moment the server acknowledged must be in the database exactly
once, nothing sent may be missing after its retries, and no request may have failed with "database is locked".
Runs on SQLite (WAL) and, when one is reachable, on PostgreSQL. `make loadtest`; `.ci/run` runs it too.
"""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PEOPLE = int(os.environ.get("LOAD_PEOPLE", "12"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "30"))
PASSWORD = "load-test-password-123"
RETRIES = 8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url, static_root):
    return os.environ | {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-secret-" + "k" * 60,
        "JOURNAL_ENCRYPTION_KEYS": "load-test-journal-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "AXES_FAILURE_LIMIT": "1000",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    script = (
        "from django.contrib.auth.models import User\n"
        f"for n in range({PEOPLE}):\n"
        f"    User.objects.filter(username=f'load{{n}}').delete()\n"
        f"    User.objects.create_user(f'load{{n}}', password='{PASSWORD}')\n"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True)


class Person(threading.Thread):
    def __init__(self, number, base, stop):
        super().__init__(daemon=True)
        self.username, self.base, self.stop = f"load{number}", base, stop
        self.cookies, self.acknowledged, self.given_up, self.errors = {}, [], [], []

    def request(self, method, path, **kwargs):
        headers = {"X-Forwarded-Proto": "https", "Referer": self.base.replace("http://", "https://") + path}
        response = requests.request(
            method, self.base + path, cookies=self.cookies, headers=headers, allow_redirects=False, timeout=20, **kwargs
        )
        self.cookies |= response.cookies.get_dict()
        return response

    def csrf(self, path):
        page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def sign_in(self):
        token = self.csrf("/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD}
        assert self.request("POST", "/accounts/login/", data=data).status_code == 302

    def log_one(self):
        key = str(uuid.uuid4())
        for _attempt in range(RETRIES):
            try:
                token = self.csrf("/journal/log/")
                data = {"csrfmiddlewaretoken": token, "idempotency_key": key, "trigger_kind": "slow_reply"}
                response = self.request("POST", "/journal/log/", data=data | {"intensity": "6"})
            except (requests.ConnectionError, requests.Timeout, AttributeError) as error:
                self.errors.append(type(error).__name__)
                time.sleep(0.2)
                continue
            if response.status_code == 302 and "/journal/log/" in response.headers.get("Location", ""):
                self.acknowledged.append(key)
                return
            self.errors.append(str(response.status_code))
            time.sleep(0.2)
        self.given_up.append(key)

    def run(self):
        self.sign_in()
        while not self.stop.is_set():
            self.log_one()


def run_against(name, database_url, count_rows):
    static_root = Path(tempfile.mkdtemp(prefix="load-static-"))
    env = environment(database_url, static_root)
    prepare(env)
    port = free_port()
    log_path = static_root / "gunicorn.log"
    log = log_path.open("w")  # noqa: SIM115  (the server writes to it until it stops, below)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "attachment_app.wsgi", "-w", "3", "-b", f"127.0.0.1:{port}", "--timeout", "30"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port)
        stop = threading.Event()
        people = [Person(n, f"http://127.0.0.1:{port}", stop) for n in range(PEOPLE)]
        for person in people:
            person.start()
        time.sleep(SECONDS / 3)
        killed = kill_one_worker(server.pid)
        time.sleep(SECONDS * 2 / 3)
        stop.set()
        for person in people:
            person.join(timeout=60)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    log.close()
    server_log = log_path.read_text()

    acknowledged = {key for person in people for key in person.acknowledged}
    given_up = sum(len(person.given_up) for person in people)
    stored = count_rows()
    lost = len(acknowledged - set(stored))
    duplicated = len(stored) - len(set(stored))
    locked = server_log.count("database is locked")
    errors = sum(len(person.errors) for person in people)
    print(
        f"{name}: {len(acknowledged)} moments acknowledged by {PEOPLE} people in {SECONDS:.0f} s, worker {killed} "
        f"killed; {len(stored)} stored, {lost} lost, {duplicated} duplicated, {given_up} given up, "
        f'{locked} "database is locked", {errors} retried requests'
    )
    return lost == 0 and duplicated == 0 and given_up == 0 and locked == 0 and len(acknowledged) > PEOPLE


def wait_for(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def kill_one_worker(master):
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    if not children:
        raise SystemExit("no gunicorn worker to kill")
    os.kill(int(children[0]), signal.SIGKILL)
    return children[0]


def sqlite_rows(path):
    def count():
        with sqlite3.connect(path) as db:
            query = (
                "SELECT idempotency_key FROM journal_triggerlog JOIN auth_user ON auth_user.id = user_id "
                "WHERE username LIKE 'load%'"
            )
            return [str(uuid.UUID(key)) for (key,) in db.execute(query)]

    return count


def postgres_rows(url):
    def count():
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
            query = (
                "SELECT idempotency_key FROM journal_triggerlog JOIN auth_user ON auth_user.id = user_id "
                "WHERE username LIKE 'load%%'"
            )
            return [str(key) for (key,) in db.execute(query)]

    return count


def postgres_url():
    base = os.environ.get("CI_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        admin = base.replace("postgres://", "postgresql://")
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as db:
            db.execute("DROP DATABASE IF EXISTS loadtest")
            db.execute("CREATE DATABASE loadtest")
    except Exception as error:  # noqa: BLE001  (no server: the PostgreSQL run is skipped, and says so)
        print(f"PostgreSQL not reachable ({type(error).__name__}); skipping its load test.")
        return None
    return base.rsplit("/", 1)[0] + "/loadtest"


def main():
    results = []
    path = Path(tempfile.mkdtemp(prefix="load-")) / "load.sqlite3"
    results.append(run_against("SQLite (WAL)", f"sqlite:///{path}", sqlite_rows(path)))
    if url := postgres_url():
        results.append(run_against("PostgreSQL", url, postgres_rows(url)))
    if not all(results):
        raise SystemExit("Load test failed: see the lines above.")
    print("Load test passed.")


if __name__ == "__main__":
    main()
