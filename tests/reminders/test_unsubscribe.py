"""Leaving reminder e-mails: from the link or the mail app's one-click button, without signing in."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from reminders.mail import unsubscribe_token
from reminders.models import ReminderSettings
from reminders.schedule import plan_due_reminders
from tests.reminders.conftest import LONG_AGO, run_worker, travel


@pytest.fixture
def stop_url(reminders, owner):
    return f"/reminders/stop/{unsubscribe_token(owner)}/"


def by_email(user):
    return ReminderSettings.objects.get(user=user).by_email


@pytest.mark.django_db(transaction=True)
def test_the_link_in_a_real_email_works_without_signing_in(reminders, owner, mailoutbox):
    with travel(datetime(2026, 11, 23, 19, 0, tzinfo=UTC)):
        plan_due_reminders()
        run_worker()
    stop_url = mailoutbox[0].message()["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)
    assert "Stop reminder e-mails?" in client.get(stop_url).content.decode()
    response = client.post(stop_url, {"List-Unsubscribe": "One-Click"})
    assert "No more reminder e-mails" in response.content.decode()
    assert not by_email(owner)


@pytest.mark.django_db
def test_opening_the_link_only_asks(stop_url, owner):
    Client().get(stop_url)  # mail scanners open links too
    assert by_email(owner)


@pytest.mark.django_db
def test_it_stops_only_that_persons_emails(stop_url, owner, stranger):
    ReminderSettings.objects.create(user=stranger, daily_check_in=True, by_email=True, changed_at=LONG_AGO)
    Client(enforce_csrf_checks=True).post(stop_url)
    assert (by_email(owner), by_email(stranger)) == (False, True)
    assert ReminderSettings.objects.get(user=owner).daily_check_in  # push and other choices stay as they were


@pytest.mark.django_db
@pytest.mark.parametrize("change", [lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), lambda t: "x" + t])
def test_a_tampered_link_changes_nothing(stop_url, owner, change):
    token = stop_url.split("/")[3]
    response = Client().post(f"/reminders/stop/{change(token)}/")
    assert response.status_code == 404
    assert "doesn't work" in response.content.decode()
    assert by_email(owner)


@pytest.mark.django_db
def test_a_token_from_another_purpose_is_refused(owner, reminders):
    from django.core import signing

    response = Client().post(f"/reminders/stop/{signing.dumps(owner.pk)}/")
    assert response.status_code == 404
    assert by_email(owner)
