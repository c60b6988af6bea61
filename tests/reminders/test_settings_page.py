"""Choosing reminders: all off until turned on, kind errors that keep what was typed, and devices."""

import json
from datetime import time

import pytest
from django.test import Client

from reminders.models import PushSubscription, ReminderSettings
from tests.reminders.conftest import make_device

pytestmark = pytest.mark.django_db

CHOICES = {
    "check_in_at": "19:00",
    "quiet_from": "22:00",
    "quiet_until": "08:00",
    "email": "alice@example.org",
}
SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/abc123",
    "keys": {"p256dh": "BNc-public-key", "auth": "secret-auth"},
}


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_it_checks_sign_in(client):
    assert client.get("/reminders/").url.startswith("/accounts/login/")


def test_everything_is_off_until_chosen(owner_client, owner):
    page = owner_client.get("/reminders/").content.decode()
    assert "checked" not in page
    reminders = ReminderSettings.objects.get(user=owner)
    assert not (reminders.daily_check_in or reminders.heads_up or reminders.week_ready or reminders.by_email)
    assert (reminders.quiet_from, reminders.quiet_until) == (time(22), time(8))


def test_it_saves_the_chosen_reminders_and_address(owner_client, owner):
    chosen = {**CHOICES, "daily_check_in": "on", "week_ready": "on", "by_email": "on"}
    response = owner_client.post("/reminders/", chosen)
    assert response.status_code == 302
    reminders = ReminderSettings.objects.get(user=owner)
    assert (reminders.daily_check_in, reminders.heads_up, reminders.week_ready) == (True, False, True)
    owner.refresh_from_db()
    assert owner.email == "alice@example.org"


def test_a_check_in_inside_quiet_hours_is_refused_kindly(owner_client, owner):
    response = owner_client.post(
        "/reminders/", {**CHOICES, "daily_check_in": "on", "by_email": "on", "check_in_at": "23:15"}
    )
    page = response.content.decode()
    assert "inside your quiet hours" in page
    assert 'value="23:15"' in page
    assert not ReminderSettings.objects.get(user=owner).daily_check_in


def test_email_needs_an_address(owner_client, owner):
    response = owner_client.post("/reminders/", {**CHOICES, "email": "", "daily_check_in": "on", "by_email": "on"})
    assert "Add an e-mail address" in response.content.decode()
    assert not ReminderSettings.objects.get(user=owner).by_email


def test_a_reminder_needs_a_way_to_reach_you(owner_client, owner):
    response = owner_client.post("/reminders/", {**CHOICES, "heads_up": "on"})
    assert "so your reminders can reach you" in response.content.decode()
    make_device(owner)
    assert owner_client.post("/reminders/", {**CHOICES, "heads_up": "on"}).status_code == 302


@pytest.mark.parametrize("bad", ["25:00", "seven", "", "19:00:00:00"])
def test_a_bad_time_is_an_error_not_a_crash(owner_client, bad):
    response = owner_client.post("/reminders/", {**CHOICES, "check_in_at": bad, "daily_check_in": "on"})
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()


def test_the_settings_page_links_to_reminders(owner_client):
    assert 'href="/reminders/"' in owner_client.get("/journal/settings/").content.decode()


def test_the_page_offers_notifications_with_the_servers_key(owner_client):
    page = owner_client.get("/reminders/").content.decode()
    assert 'data-key="B' in page  # an uncompressed P-256 point starts with 0x04: "B" in base64url
    assert "js/push-subscribe.js" in page


def test_a_device_is_saved_for_the_signed_in_person(owner_client, owner):
    assert post_json(owner_client, "/reminders/device/", SUBSCRIPTION).status_code == 201
    saved = PushSubscription.objects.get()
    assert (saved.user, saved.endpoint, saved.p256dh, saved.auth) == (
        owner,
        SUBSCRIPTION["endpoint"],
        "BNc-public-key",
        "secret-auth",
    )
    post_json(owner_client, "/reminders/device/", SUBSCRIPTION)  # the same device again
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://127.0.0.1:6379/",  # our own machine
        "https://googleapis.com.evil.example/x",
        "https://example.org/push",
        "not a url",
    ],
)
def test_only_a_known_push_service_is_accepted(owner_client, endpoint):
    response = post_json(owner_client, "/reminders/device/", {**SUBSCRIPTION, "endpoint": endpoint})
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("body", ["", "[]", "null", '{"endpoint": 5}', '{"keys": "x"}'])
def test_a_garbled_device_is_refused_not_a_crash(owner_client, body):
    response = owner_client.post("/reminders/device/", body, content_type="application/json")
    assert response.status_code == 400


def test_saving_a_device_needs_the_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert post_json(client, "/reminders/device/", SUBSCRIPTION).status_code == 403


def test_forgetting_a_device_touches_only_your_own(owner_client, owner, stranger):
    mine, theirs = make_device(owner), make_device(stranger)
    post_json(owner_client, "/reminders/device/forget/", {"endpoint": theirs.subscription.endpoint})
    post_json(owner_client, "/reminders/device/forget/", {"endpoint": mine.subscription.endpoint})
    assert list(PushSubscription.objects.all()) == [theirs.subscription]
