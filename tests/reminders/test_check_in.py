"""The daily check-in: planned at the person's own local time, sent once, never in quiet hours."""

from datetime import UTC, datetime, time

import pytest
from django.core.management import call_command

from reminders.models import Notification, ReminderSettings
from reminders.schedule import plan_due_reminders
from reminders.tasks import send_notification
from tests.reminders.conftest import LONG_AGO, run_worker, travel

pytestmark = pytest.mark.django_db(transaction=True)

# Monday 23 November 2026: London is on UTC, New York five hours behind.
LONDON_SEVEN_PM = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)


def test_it_is_sent_once_at_the_persons_local_time(reminders, mailoutbox):
    with travel(datetime(2026, 11, 23, 18, 59, tzinfo=UTC)):
        assert plan_due_reminders() == 0
        run_worker()
    assert mailoutbox == []

    with travel(LONDON_SEVEN_PM):
        assert plan_due_reminders() == 1
        run_worker()
    assert [message.to for message in mailoutbox] == [["alice@example.org"]]

    with travel(datetime(2026, 11, 23, 19, 1, tzinfo=UTC)):
        assert plan_due_reminders() == 0
        run_worker()
    assert len(mailoutbox) == 1


def test_it_follows_each_persons_own_zone(reminders, stranger, mailoutbox):
    stranger.email = "bob@example.org"
    stranger.save()
    ReminderSettings.objects.create(
        user=stranger, daily_check_in=True, check_in_at=time(19, 0), by_email=True, changed_at=LONG_AGO
    )
    with travel(LONDON_SEVEN_PM):
        plan_due_reminders()
        run_worker()
    assert [message.to for message in mailoutbox] == [["alice@example.org"]]

    with travel(datetime(2026, 11, 24, 0, 0, tzinfo=UTC)):  # 19:00 in New York
        plan_due_reminders()
        run_worker()
    assert [message.to for message in mailoutbox] == [["alice@example.org"], ["bob@example.org"]]


def test_it_is_never_sent_twice_across_restarts(reminders, mailoutbox):
    with travel(LONDON_SEVEN_PM):
        call_command("send_reminders", verbosity=0)
        run_worker()
    notification = Notification.objects.get()

    # The scheduler restarts and runs again within the minute; a queue hands the same task to a second worker.
    with travel(datetime(2026, 11, 23, 19, 0, 40, tzinfo=UTC)):
        call_command("send_reminders", verbosity=0)
        send_notification.enqueue(notification.pk)
        run_worker()
        run_worker()

    assert len(mailoutbox) == 1
    assert Notification.objects.count() == 1


def test_a_worker_that_died_mid_send_does_not_send_it_again(reminders, mailoutbox):
    with travel(LONDON_SEVEN_PM):
        plan_due_reminders()
        notification = Notification.objects.get()
        Notification.objects.claim(notification.pk)  # what the first worker did before it was killed
        run_worker()
    assert mailoutbox == []


def test_a_check_in_inside_quiet_hours_waits_until_they_end(reminders, mailoutbox):
    ReminderSettings.objects.filter(pk=reminders.pk).update(check_in_at=time(7, 30))  # quiet until 08:00
    for minute in (30, 59):
        with travel(datetime(2026, 11, 23, 7, minute, tzinfo=UTC)):
            plan_due_reminders()
            run_worker()
    assert mailoutbox == []
    assert not Notification.objects.exists()
    with travel(datetime(2026, 11, 23, 8, 0, tzinfo=UTC)):
        plan_due_reminders()
        run_worker()
    assert len(mailoutbox) == 1


def test_a_late_worker_does_not_send_into_quiet_hours(reminders, mailoutbox):
    ReminderSettings.objects.filter(pk=reminders.pk).update(check_in_at=time(21, 45))
    with travel(datetime(2026, 11, 23, 21, 45, tzinfo=UTC)):
        plan_due_reminders()
    with travel(datetime(2026, 11, 23, 22, 5, tzinfo=UTC)):  # the worker was down until after 22:00
        run_worker()
    assert mailoutbox == []
    assert Notification.objects.get().outcome == "quiet hours"


def test_quiet_hours_are_the_persons_own(reminders, mailoutbox):
    ReminderSettings.objects.filter(pk=reminders.pk).update(quiet_from=time(18, 0), quiet_until=time(9, 0))
    with travel(LONDON_SEVEN_PM):
        plan_due_reminders()
        run_worker()
    assert mailoutbox == []


def test_it_is_not_sent_when_turned_off_before_its_turn(reminders, mailoutbox):
    with travel(LONDON_SEVEN_PM):
        plan_due_reminders()
        ReminderSettings.objects.filter(pk=reminders.pk).update(daily_check_in=False)
        run_worker()
    assert mailoutbox == []
    assert Notification.objects.get().outcome == "turned off"


def test_turning_it_on_after_its_time_waits_for_tomorrow(reminders, mailoutbox):
    ReminderSettings.objects.filter(pk=reminders.pk).update(changed_at=datetime(2026, 11, 23, 19, 10, tzinfo=UTC))
    with travel(datetime(2026, 11, 23, 19, 11, tzinfo=UTC)):
        assert plan_due_reminders() == 0
    with travel(datetime(2026, 11, 24, 19, 0, tzinfo=UTC)):
        assert plan_due_reminders() == 1


def test_a_missed_minute_is_caught_up_within_the_hour_only(reminders):
    with travel(datetime(2026, 11, 23, 19, 40, tzinfo=UTC)):
        assert plan_due_reminders() == 1
    with travel(datetime(2026, 11, 24, 20, 0, tzinfo=UTC)):
        assert plan_due_reminders() == 0
