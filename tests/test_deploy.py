"""Production settings: refuse a weak secret, and pass Django's deployment checklist."""

import os
import subprocess
import sys

from django.conf import settings

SECRET = "k3J9x-Qe7v!pL2m@Zr8sT4w#Yb6nHc1dF5gA0uEo_Vi9Xq3Ky7Rj2Ns5Mh8Pt4Lw6"


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment |= {"JOURNAL_ENCRYPTION_KEYS": "a-journal-key-for-the-deploy-tests"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="example.org",
        EMAIL_URL="smtp+tls://app:secret@mail.example.org:587",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_no_mail_server_is_set():
    result = manage("check", "--deploy", DEBUG="0", SECRET_KEY=SECRET, ALLOWED_HOSTS="example.org")
    assert "mail.W001" in result.stderr + result.stdout


def test_static_files_are_collected_compressed_and_hashed(tmp_path):
    env = {"DEBUG": "0", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.org", "STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--noinput", **env)
    assert result.returncode == 0, result.stderr
    css = [path.name for path in (tmp_path / "css").iterdir()]
    assert any(name.startswith("site.") and name.endswith(".css.gz") and name != "site.css.gz" for name in css)
    assert (tmp_path / "staticfiles.json").exists()


def test_production_refuses_to_start_without_a_real_secret_key():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_journal_encryption_key():
    result = manage("check", DEBUG="0", SECRET_KEY=SECRET, ALLOWED_HOSTS="example.org", JOURNAL_ENCRYPTION_KEYS="")
    assert result.returncode != 0
    assert "JOURNAL_ENCRYPTION_KEYS" in result.stderr
