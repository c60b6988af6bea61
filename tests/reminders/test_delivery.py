"""What leaves the server: a fixed line and a link, by e-mail and push, and never anything from the journal."""

from datetime import UTC, datetime

import pytest

from journal.factories import CustomChoiceFactory, ReframeFactory, TriggerLogFactory
from reminders.models import Notification, PushSubscription, ReminderSettings
from reminders.schedule import plan_due_reminders
from tests.reminders.conftest import make_device, run_worker, travel

pytestmark = pytest.mark.django_db(transaction=True)

SEVEN_PM = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
MARKERS = ["Zephyrine", "MARKER-what-happened", "MARKER-story", "MARKER-notes", "MARKER-thought", "alice"]


@pytest.fixture
def full_journal(owner):
    """A journal whose every kind of text carries a marker, and a person whose name is one."""
    owner.first_name = "Zephyrine"
    owner.save()
    CustomChoiceFactory(user=owner, label="MARKER-trigger")
    TriggerLogFactory(
        user=owner,
        occurred_at=datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
        trigger_kind="my-marker-trigger",
        what_happened="MARKER-what-happened",
        story="MARKER-story",
        notes="MARKER-notes",
    )
    ReframeFactory(user=owner, anxious_thought="MARKER-thought")
    return MARKERS + ["MARKER-trigger", "marker-trigger"]


def send_check_in():
    with travel(SEVEN_PM):
        plan_due_reminders()
        run_worker()


def test_the_email_says_one_line_and_a_link(reminders, mailoutbox):
    send_check_in()
    (message,) = mailoutbox
    assert message.subject == "Secure Base: a moment for you"
    lines = [line for line in message.body.splitlines() if line]
    assert lines[:2] == ["Secure Base: a moment for you", "http://127.0.0.1:8000/journal/"]


def test_every_email_has_one_click_unsubscribe_headers(reminders, mailoutbox):
    send_check_in()
    (message,) = mailoutbox
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop_url = headers["List-Unsubscribe"].strip("<>")
    assert stop_url.startswith("http://127.0.0.1:8000/reminders/stop/")
    assert stop_url in message.body


def test_email_and_push_carry_nothing_from_the_journal(reminders, owner, full_journal, push_service, mailoutbox):
    device = make_device(owner)
    send_check_in()
    (message,) = mailoutbox
    assert push_service.messages_for(device) == [{"title": "Secure Base: a moment for you", "url": "/journal/"}]
    email = message.message()
    del email["To"]  # the address it goes to is the person's own
    everything_sent = email.as_string() + str(push_service.messages_for(device))
    for marker in full_journal:
        assert marker.lower() not in everything_sent.lower()


def test_the_privacy_check_would_see_journal_text(reminders, owner, full_journal, mailoutbox, monkeypatch):
    """The test above searches the real encoded e-mail: text put into a reminder is found there."""
    from reminders import mail

    monkeypatch.setattr(mail, "SUBJECT", "Zephyrine: MARKER-story")
    send_check_in()
    assert "marker-story" in mailoutbox[0].message().as_string().lower()


def test_push_goes_to_every_device_and_not_to_others(reminders, owner, stranger, push_service):
    phone, laptop, strangers = make_device(owner), make_device(owner), make_device(stranger)
    send_check_in()
    assert len(push_service.messages_for(phone)) == len(push_service.messages_for(laptop)) == 1
    assert push_service.messages_for(strangers) == []
    assert Notification.objects.get().outcome == "push, email"


@pytest.mark.parametrize("status", [404, 410])
def test_a_device_the_push_service_no_longer_knows_is_forgotten(reminders, owner, push_service, status):
    gone, kept = make_device(owner), make_device(owner)
    push_service.answers[gone.subscription.endpoint] = status
    send_check_in()
    assert list(PushSubscription.objects.all()) == [kept.subscription]


def test_a_push_service_hiccup_keeps_the_device_and_still_sends_the_email(reminders, owner, push_service, mailoutbox):
    device = make_device(owner)
    push_service.answers[device.subscription.endpoint] = 503
    send_check_in()
    assert PushSubscription.objects.filter(pk=device.subscription.pk).exists()
    assert len(mailoutbox) == 1
    assert Notification.objects.get().outcome == "email"


def test_push_only_when_email_is_off(reminders, owner, push_service, mailoutbox):
    ReminderSettings.objects.filter(pk=reminders.pk).update(by_email=False)
    device = make_device(owner)
    send_check_in()
    assert mailoutbox == []
    assert len(push_service.messages_for(device)) == 1
