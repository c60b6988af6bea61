"""The "your week is ready" note comes on the first morning of the person's own week, once."""

from datetime import UTC, datetime, time

import pytest

from journal.choices import WeekStart
from journal.models import UserSettings
from reminders.models import Notification, ReminderSettings
from reminders.schedule import plan_due_reminders
from tests.reminders.conftest import LONG_AGO, travel

pytestmark = pytest.mark.django_db


@pytest.fixture
def week_ready(owner):
    owner.email = "alice@example.org"
    owner.save()
    return ReminderSettings.objects.create(user=owner, week_ready=True, by_email=True, changed_at=LONG_AGO)


def planned_at(moment):
    with travel(moment):
        plan_due_reminders()
    return list(Notification.objects.values_list("key", "link"))


def test_it_comes_on_monday_morning_for_a_monday_week(week_ready):
    assert planned_at(datetime(2026, 11, 23, 8, 59, tzinfo=UTC)) == []
    assert planned_at(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == [
        ("week-ready:2026-W47", "/journal/review/2026-W47/")
    ]
    assert planned_at(datetime(2026, 11, 23, 9, 30, tzinfo=UTC)) == [
        ("week-ready:2026-W47", "/journal/review/2026-W47/")
    ]


def test_it_comes_on_sunday_morning_for_a_sunday_week(week_ready, owner):
    UserSettings.objects.filter(user=owner).update(week_start=WeekStart.SUNDAY)
    assert planned_at(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == []
    # The week that ends on Saturday 28 November is the one the URLs call 2026-W48 for Sunday weeks.
    assert planned_at(datetime(2026, 11, 29, 9, 0, tzinfo=UTC)) == [
        ("week-ready:2026-W48", "/journal/review/2026-W48/")
    ]


def test_it_waits_for_the_end_of_longer_quiet_hours(week_ready):
    ReminderSettings.objects.filter(pk=week_ready.pk).update(quiet_until=time(10, 30))
    assert planned_at(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == []
    assert planned_at(datetime(2026, 11, 23, 10, 30, tzinfo=UTC)) == [
        ("week-ready:2026-W47", "/journal/review/2026-W47/")
    ]


def test_nothing_is_planned_for_people_who_did_not_ask(owner):
    ReminderSettings.objects.create(user=owner, changed_at=LONG_AGO)
    assert planned_at(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == []
