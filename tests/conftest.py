import os

import pytest

from attachment_app.lessons import library
from journal.factories import UserFactory, UserSettingsFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def owner(db):
    user = UserFactory(username="alice")
    UserSettingsFactory(user=user, time_zone="Europe/London")
    return user


@pytest.fixture
def stranger(db):
    user = UserFactory(username="bob")
    UserSettingsFactory(user=user, time_zone="America/New_York")
    return user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture(autouse=True)
def lessons_read_afresh_while_mutmut_watches():
    """mutmut learns which tests use a function by watching each test once ("stats"). The lesson library is
    parsed once and kept, so it would see only the first test read a lesson, and run only that test against a
    fault in the parsing. While it watches, each test starts without the library."""
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        library.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory):
    """On SQLite, test in a file, as the app runs: an in-memory test database is shared between the live server's
    threads in SQLite's shared-cache mode, where a reader meeting a writer fails at once ("database table is
    locked") instead of waiting as WAL does, so the browser tests would fail where a person never could."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
