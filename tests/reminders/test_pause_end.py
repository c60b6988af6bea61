"""A pause started on a device that allows notifications says when it is over, once, even with the tab closed."""

from datetime import UTC, datetime, timedelta

import pytest

from journal.models import PauseSession
from reminders.models import Notification, PushSubscription
from tests.reminders.conftest import run_worker, travel

pytestmark = pytest.mark.django_db(transaction=True)

# 23:00 on a Monday: inside the default quiet hours, which are for reminders, not for a pause you started.
STARTED = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)


def start_pause(client, key="6f1c2a7e-4b7e-4c59-9d0a-2a4f0c1e9b11"):
    with travel(STARTED):
        client.post("/journal/pause/", {"minutes": "20", "idempotency_key": key})
    return PauseSession.objects.get()


def test_the_push_arrives_at_the_end_and_only_then(owner_client, device, push_service):
    pause = start_pause(owner_client)
    with travel(STARTED + timedelta(minutes=19, seconds=59)):
        run_worker()
    assert push_service.messages_for(device) == []

    with travel(pause.ends_at):
        run_worker()
    assert push_service.messages_for(device) == [
        {"title": "Secure Base: a moment for you", "url": f"/journal/pause/{pause.pk}/#finish"}
    ]


def test_it_is_sent_once(owner_client, device, push_service):
    start_pause(owner_client)
    pause = start_pause(owner_client)  # the same form sent twice (a double tap) is one pause
    with travel(pause.ends_at + timedelta(seconds=5)):
        run_worker()
        run_worker()
    assert len(push_service.messages_for(device)) == 1
    assert Notification.objects.count() == 1


def test_opening_it_lands_on_the_finish_form(owner_client, device, push_service):
    pause = start_pause(owner_client)
    with travel(pause.ends_at):
        run_worker()
        (message,) = push_service.messages_for(device)
        page = owner_client.get(message["url"]).content.decode()
    assert 'id="finish"' in page
    assert f'action="/journal/pause/{pause.pk}/finish/"' in page


def test_a_pause_stopped_early_sends_nothing(owner_client, device, push_service):
    pause = start_pause(owner_client)
    with travel(STARTED + timedelta(minutes=5)):
        owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "3", "urge_passed": "yes"})
    with travel(pause.ends_at):
        run_worker()
    assert push_service.messages_for(device) == []
    assert Notification.objects.get().outcome == "pause already finished"


def test_without_a_device_nothing_is_planned(owner_client, push_service):
    start_pause(owner_client)
    assert not Notification.objects.exists()


def test_it_never_goes_by_email(owner_client, owner, device, push_service, mailoutbox):
    owner.email = "alice@example.org"
    owner.save()
    pause = start_pause(owner_client)
    with travel(pause.ends_at):
        run_worker()
    assert mailoutbox == []


def test_the_pause_page_says_a_notification_will_come(owner_client, device, push_service):
    pause = start_pause(owner_client)
    with travel(STARTED + timedelta(minutes=1)):
        page = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert "A notification will come to your devices when it ends" in page
    assert "Turn on notifications</a>" not in page


def test_without_a_device_the_pause_page_says_how_to_get_one(owner_client, push_service):
    pause = start_pause(owner_client)
    with travel(STARTED + timedelta(minutes=1)):
        page = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert "A notification will come" not in page
    assert 'href="/reminders/#device-heading">Turn on notifications</a>' in page


def test_a_notification_planned_for_an_earlier_pause_says_nothing_about_this_one(owner_client, device, push_service):
    start_pause(owner_client)
    PushSubscription.objects.all().delete()  # notifications turned off on the only device
    with travel(STARTED + timedelta(hours=1)):
        second_key = "0e6a5d3c-1f5e-4a3b-8d7c-9b2a1c0d3e4f"
        owner_client.post("/journal/pause/", {"minutes": "20", "idempotency_key": second_key})
        second = PauseSession.objects.latest("started_at")
        page = owner_client.get(f"/journal/pause/{second.pk}/").content.decode()
    assert Notification.objects.count() == 1, "the first pause's"
    assert "A notification will come" not in page
