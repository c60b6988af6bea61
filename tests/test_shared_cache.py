"""CACHE_URL: Django's own Redis backend when set, a per-process cache otherwise; the review is shared through it.

`.ci/run` runs this file again with CACHE_URL pointing at the Redis server on 127.0.0.1:6379 when one is there.
"""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache.backends.redis import RedisCache

from journal.factories import TriggerLogFactory

CACHE_URL = os.environ.get("CACHE_URL", "")


def cache_backend(**env):
    environment = {key: value for key, value in os.environ.items() if key != "CACHE_URL"} | env
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_cache_url_chooses_djangos_own_redis_backend():
    assert cache_backend(CACHE_URL="redis://127.0.0.1:6379/5") == "django.core.cache.backends.redis.RedisCache"


def test_without_cache_url_each_process_keeps_its_own():
    assert cache_backend() == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.skipif(not CACHE_URL.startswith("redis"), reason="CACHE_URL is not Redis (.ci/run sets it)")
@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)  # a Wednesday: this week has a moment
def test_a_review_cached_by_one_worker_is_read_by_another(owner_client, owner):
    TriggerLogFactory(user=owner, what_happened="No reply since lunch.")
    first = owner_client.get("/journal/review/").content.decode()
    another_worker = RedisCache(settings.CACHES["default"]["LOCATION"], {})  # its own connection, as a process has
    keys = another_worker._cache.get_client().keys(":1:review:*")  # Django's key format: prefix:version:key
    bodies = [another_worker.get(key.decode().removeprefix(":1:")) for key in keys]
    assert len(bodies) == 1
    assert "Moments logged" in bodies[0]
    assert bodies[0] in first
