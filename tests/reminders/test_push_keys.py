"""The VAPID key: from the environment, derived for development, absent (and push off) in production."""

import pytest
from py_vapid import Vapid

from reminders import push
from reminders.tasks import deliver
from tests.reminders.conftest import make_device

pytestmark = pytest.mark.django_db


def test_a_configured_key_is_used(settings):
    settings.VAPID_PRIVATE_KEY = "SNgGOdK4rZWSO_nhT_PBDAwn8OyAZpDrgmZ7Hlz2NG0"
    assert push.public_key() == push.public_key() != ""
    assert isinstance(push.vapid_key(), Vapid)


def test_development_derives_a_key_that_survives_restarts(settings):
    settings.VAPID_PRIVATE_KEY = ""
    settings.DEBUG = True
    first = push.public_key()
    assert first.startswith("B") and len(first) == 87  # 65 bytes, base64url
    assert push.public_key() == first
    settings.SECRET_KEY = "another-development-secret-key-that-is-long-enough-to-use-here"
    assert push.public_key() != first


def test_production_without_a_key_turns_push_off(settings, owner, owner_client, push_service):
    settings.VAPID_PRIVATE_KEY = ""
    settings.DEBUG = False
    make_device(owner)
    assert push.public_key() == ""
    assert not push.send_to_devices(owner, "/journal/")
    assert push_service.posts == []
    assert "not set up on this server" in owner_client.get("/reminders/").content.decode()


def test_the_vapid_key_command_makes_a_usable_key(settings):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("vapid_key", stdout=out)
    name, value = out.getvalue().strip().split("=", 1)
    settings.VAPID_PRIVATE_KEY = value
    assert name == "VAPID_PRIVATE_KEY"
    assert len(push.public_key()) == 87


def test_the_service_worker_brings_in_the_push_handlers(client):
    response = client.get("/sw.js")
    assert response["Content-Type"] == "text/javascript"
    assert 'importScripts("/static/js/sw-push.js")' in response.content.decode()


def test_deliver_names_no_channel_when_none_is_there(owner):
    class Planned:
        user, link, kind = owner, "/journal/", "check-in"

    assert deliver(Planned) == []
