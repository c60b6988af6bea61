"""The heads-up comes half an hour before a time of week that has really kept being hard, and only then."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.factories import TriggerLogFactory, UserFactory, UserSettingsFactory
from reminders.hard_times import TimeOfWeek, often_hard
from reminders.models import Notification, ReminderSettings
from reminders.schedule import plan_due_reminders
from tests.reminders.conftest import LONG_AGO, travel

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Sunday 29 November 2026; the four Sundays before it are 22, 15, 8 and 1 November (London is on UTC then).
SUNDAY = datetime(2026, 11, 29, tzinfo=UTC)
EARLIER_SUNDAYS = [SUNDAY - timedelta(weeks=n) for n in (1, 2, 3, 4)]


@pytest.fixture
def heads_up(owner):
    owner.email = "alice@example.org"
    owner.save()
    return ReminderSettings.objects.create(user=owner, heads_up=True, by_email=True, changed_at=LONG_AGO)


def moments(user, sundays, hour=19, per_evening=1):
    for sunday in sundays:
        for n in range(per_evening):
            TriggerLogFactory(user=user, occurred_at=sunday.replace(hour=hour, minute=n))


def planned_at(moment):
    with travel(moment):
        plan_due_reminders()
    return list(Notification.objects.filter(kind=Notification.Kind.HEADS_UP).values_list("key", "due_at", "link"))


def test_it_comes_30_minutes_before_a_time_hard_in_3_of_the_last_4_weeks(heads_up, owner):
    moments(owner, [EARLIER_SUNDAYS[0], EARLIER_SUNDAYS[1], EARLIER_SUNDAYS[3]])
    assert planned_at(SUNDAY.replace(hour=17, minute=29)) == []
    assert planned_at(SUNDAY.replace(hour=17, minute=30)) == [
        ("heads-up:2026-11-29T18:00+00:00", SUNDAY.replace(hour=17, minute=30), "/")
    ]


def test_two_weeks_out_of_four_is_not_a_pattern(heads_up, owner):
    moments(owner, EARLIER_SUNDAYS[:2])
    assert planned_at(SUNDAY.replace(hour=17, minute=30)) == []


def test_many_moments_in_one_evening_are_not_a_pattern(heads_up, owner):
    moments(owner, EARLIER_SUNDAYS[:1], per_evening=6)
    assert planned_at(SUNDAY.replace(hour=17, minute=30)) == []


def test_moments_at_another_time_of_day_do_not_count(heads_up, owner):
    moments(owner, EARLIER_SUNDAYS, hour=17)  # Sunday afternoons
    assert planned_at(SUNDAY.replace(hour=17, minute=30)) == []


def test_only_the_persons_own_moments_count(heads_up, owner, stranger):
    moments(stranger, EARLIER_SUNDAYS)
    assert planned_at(SUNDAY.replace(hour=17, minute=30)) == []
    moments(owner, EARLIER_SUNDAYS)
    assert [key for key, _, _ in planned_at(SUNDAY.replace(hour=17, minute=31))] == ["heads-up:2026-11-29T18:00+00:00"]


def test_days_and_times_are_the_persons_own():
    tokyo = ZoneInfo("Asia/Tokyo")
    user = UserFactory(username="kaito", email="kaito@example.org")
    UserSettingsFactory(user=user, time_zone="Asia/Tokyo")
    ReminderSettings.objects.create(user=user, heads_up=True, by_email=True, changed_at=LONG_AGO)
    for sunday in EARLIER_SUNDAYS[:3]:  # 19:00 on Sunday in Tokyo is 10:00 UTC
        TriggerLogFactory(user=user, occurred_at=datetime.combine(sunday.date(), time(19), tokyo))
    assert planned_at(datetime(2026, 11, 29, 8, 30, tzinfo=UTC)) == [
        ("heads-up:2026-11-29T18:00+09:00", datetime(2026, 11, 29, 8, 30, tzinfo=UTC), "/")
    ]


def test_a_heads_up_that_would_fall_in_quiet_hours_is_not_sent(heads_up, owner):
    for sunday in EARLIER_SUNDAYS:  # Sunday nights just after midnight: the heads-up would be 23:30 on Saturday
        TriggerLogFactory(user=owner, occurred_at=sunday.replace(hour=1))
    for minute in (30, 45, 59):
        assert planned_at(datetime(2026, 11, 28, 23, minute, tzinfo=UTC)) == []


def test_the_settings_page_names_the_hard_times_it_found(owner):
    moments(owner, EARLIER_SUNDAYS[1:])
    assert often_hard(owner, LONDON, SUNDAY.date()) == [TimeOfWeek(6, 18)]
    assert TimeOfWeek(6, 18).label == "Sunday evenings"
