"""Reminders are tested through the real task engine: notifications are planned, queued and sent by a worker.

`run_worker()` runs what `manage.py db_worker --batch` runs (or an RQ burst worker when TASKS_REDIS_URL is set,
as `.ci/run` does). Push services are replaced at the HTTP boundary: pywebpush encrypts and posts as usual, and
the fake service keeps each request, which a test decrypts with the device's own key, as a phone would.
"""

import base64
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, time

import http_ece
import pytest
import requests
import time_machine
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from reminders.models import PushSubscription, ReminderSettings

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def run_worker():
    """Run every task that is due now, as a worker process would, then stop."""
    if isinstance(task_backends["default"], DatabaseBackend):
        from django_tasks_db.management.commands.db_worker import Worker

        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(20),
            excluded_queue_names=[],
        ).run()
    else:
        import django_rq
        from django_tasks_rq import Job
        from rq import SimpleWorker

        django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker).work(burst=True, with_scheduler=True)


@pytest.fixture(autouse=True)
def vapid_key(settings):
    """Tests run with DEBUG off, like production, so they need a VAPID key as production does."""
    settings.VAPID_PRIVATE_KEY = "SNgGOdK4rZWSO_nhT_PBDAwn8OyAZpDrgmZ7Hlz2NG0"  # made by `manage.py vapid_key`


@pytest.fixture(autouse=True)
def empty_redis_queue():
    """With RQ, each test starts with an empty queue (the database backend empties with the test database)."""
    if os.environ.get("TASKS_REDIS_URL"):
        import django_rq

        django_rq.get_connection("default").flushdb()


def travel(moment):
    return time_machine.travel(moment, tick=False)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Device:
    """A browser that agreed to notifications: its subscription row and the private key only it holds."""

    subscription: PushSubscription
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    def read(self, body):
        return json.loads(http_ece.decrypt(body, private_key=self.private_key, auth_secret=self.auth))


def make_device(user, endpoint=None):
    private_key = ec.generate_private_key(ec.SECP256R1())
    public = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    auth = os.urandom(16)
    subscription = PushSubscription.objects.create(
        user=user,
        endpoint=endpoint or f"https://fcm.googleapis.com/fcm/send/{get_random_string(24)}",
        p256dh=b64(public),
        auth=b64(auth),
    )
    return Device(subscription, private_key, auth)


class FakePushService:
    """Takes the HTTP POSTs pywebpush makes; answers 201 unless told an endpoint is gone."""

    def __init__(self):
        self.posts = []
        self.answers = {}

    def post(self, url, data=None, headers=None, timeout=None, **kwargs):
        self.posts.append((url, data, headers))
        response = requests.Response()
        response.status_code = self.answers.get(url, 201)
        response._content = b""
        return response

    def messages_for(self, device):
        return [device.read(data) for url, data, _ in self.posts if url == device.subscription.endpoint]


@pytest.fixture
def push_service(monkeypatch):
    service = FakePushService()
    monkeypatch.setattr(requests, "post", service.post)
    return service


@pytest.fixture
def device(owner):
    return make_device(owner)


@pytest.fixture
def reminders(owner):
    """The owner (Europe/London) wants a 19:00 check-in by e-mail, with the default quiet hours 22:00–08:00."""
    owner.email = "alice@example.org"
    owner.save()
    return ReminderSettings.objects.create(
        user=owner, daily_check_in=True, check_in_at=time(19, 0), by_email=True, changed_at=LONG_AGO
    )
