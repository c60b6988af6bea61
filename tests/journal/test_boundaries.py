"""Weeks and times of day at their exact edges, in the person's zone, with the clock frozen where it matters.

Each row is one instant a fault would misplace: a week that ends a microsecond early or late, an evening that
starts at 19:00, a night that ends at 05:00, a daylight-saving change that shifts a period by an hour.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from journal.choices import WeekStart
from journal.factories import TriggerLogFactory
from journal.models import TriggerLog, UserSettings
from journal.review import build_review
from journal.weeks import Week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TICK = timedelta(microseconds=1)


def local(day, hour, minute=0, second=0, micro=0):
    return datetime.combine(day, time(hour, minute, second, micro), tzinfo=LONDON)


def where_it_falls(user, instant):
    """(the week's first day, the weekday, the period) the review puts a lone moment at `instant` in; the weeks
    either side must not count it too."""
    TriggerLog.objects.filter(user=user).delete()
    TriggerLogFactory(user=user, occurred_at=instant)
    settings = UserSettings.objects.get(user=user)
    week = Week.containing(instant, LONDON, settings.week_start)

    def cells(shown):
        heatmap = build_review(user, shown, 1).heatmap
        return [(day, period) for day, counts in heatmap for period, n in enumerate(counts) if n]

    def moments(shown):
        return build_review(user, shown, 1).history[-1].moments

    assert (moments(week.previous), moments(week), moments(week.next)) == (0, 1, 0), f"{instant} in the figures"
    assert cells(week.previous) == cells(week.next) == [], f"{instant} is counted in a neighbouring week"
    (day, period), *more = cells(week)
    assert not more, f"{instant} is counted more than once"
    return week.start, day, ["morning", "afternoon", "evening", "night"][period]


WEDNESDAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("instant", "period"),
    [
        (local(WEDNESDAY, 0, 0), "night"),
        (local(WEDNESDAY, 5, 59, 59, 999999), "night"),
        (local(WEDNESDAY, 6, 0), "morning"),
        (local(WEDNESDAY, 11, 59, 59, 999999), "morning"),
        (local(WEDNESDAY, 12, 0), "afternoon"),
        (local(WEDNESDAY, 17, 59, 59, 999999), "afternoon"),
        (local(WEDNESDAY, 18, 0), "evening"),
        (local(WEDNESDAY, 23, 59, 59, 999999), "evening"),
    ],
    ids=lambda value: f"{value:%H:%M:%S.%f}" if isinstance(value, datetime) else value,
)
def test_times_of_day_start_on_the_hour(owner, instant, period):
    assert where_it_falls(owner, instant) == (date(2026, 11, 16), "Wed", period)


@pytest.mark.parametrize(
    ("instant", "week_start", "day"),
    [
        (local(date(2026, 11, 22), 23, 59, 59, 999999), date(2026, 11, 16), "Sun"),
        (local(date(2026, 11, 23), 0, 0), date(2026, 11, 23), "Mon"),
    ],
    ids=["sunday-last-microsecond", "monday-midnight"],
)
def test_monday_midnight_starts_the_new_week(owner, instant, week_start, day):
    assert where_it_falls(owner, instant)[:2] == (week_start, day)


def test_a_sunday_week_turns_at_sunday_midnight(owner):
    UserSettings.objects.filter(user=owner).update(week_start=WeekStart.SUNDAY)
    saturday_night = local(date(2026, 11, 21), 23, 59, 59, 999999)
    assert where_it_falls(owner, saturday_night)[:2] == (date(2026, 11, 15), "Sat")
    assert where_it_falls(owner, saturday_night + TICK)[:2] == (date(2026, 11, 22), "Sun")


@pytest.mark.parametrize(
    ("instant", "period"),
    [
        (local(date(2026, 3, 29), 0, 59), "night"),  # the last minute before the clocks go forward
        (local(date(2026, 3, 29), 2, 0), "night"),  # 01:00 UTC, the first minute after
        (local(date(2026, 3, 29), 5, 59), "night"),
        (local(date(2026, 3, 29), 6, 0), "morning"),  # 05:00 UTC: morning begins at local 06:00
        (local(date(2026, 3, 29), 18, 0), "evening"),
        (local(date(2026, 10, 25), 1, 30).replace(fold=1), "night"),  # the second 01:30, after the clocks go back
        (local(date(2026, 10, 25), 5, 59), "night"),
        (local(date(2026, 10, 25), 6, 0), "morning"),  # 06:00 UTC now
        (local(date(2026, 10, 25), 17, 59), "afternoon"),
        (local(date(2026, 10, 25), 18, 0), "evening"),
    ],
    ids=lambda value: f"{value:%m-%d %H:%M}{'b' if value.fold else ''}" if isinstance(value, datetime) else value,
)
def test_periods_follow_the_local_clock_on_daylight_saving_days(owner, instant, period):
    assert where_it_falls(owner, instant)[1:] == ("Sun", period)


def test_this_week_turns_over_at_the_persons_own_midnight(owner_client, owner):
    """At Sunday 23:59 in London the review is of 'this week'; a minute later that week has become 'last week'."""
    TriggerLogFactory(user=owner, occurred_at=local(date(2026, 11, 22), 20, 0), trigger_kind="milestone")
    with time_machine.travel(local(date(2026, 11, 22), 23, 59), tick=False):
        assert "<h1>This week</h1>" in owner_client.get("/journal/review/").content.decode()
    with time_machine.travel(local(date(2026, 11, 23), 0, 0), tick=False):
        page = owner_client.get("/journal/review/").content.decode()
        assert "<h1>Last week</h1>" in page and "16 – 22 Nov 2026" in page


@pytest.mark.parametrize(
    ("instant", "glance"),
    [
        (local(date(2026, 11, 22), 23, 59, 59, 999999), "Nothing logged yet this week"),
        (local(date(2026, 11, 23), 0, 0), "You logged <strong>1</strong> moment"),
    ],
    ids=["sunday-last-microsecond", "monday-midnight"],
)
def test_the_home_glance_counts_from_monday_midnight(owner_client, owner, instant, glance):
    TriggerLogFactory(user=owner, occurred_at=instant)
    with time_machine.travel(local(date(2026, 11, 23), 0, 30), tick=False):
        page = owner_client.get("/").content.decode()
    assert glance in page


def test_a_sunday_week_is_still_this_week_on_monday(owner_client, owner):
    """On its second day a Sunday-to-Saturday week is 'this week' (on its first, the review shows the week before)."""
    UserSettings.objects.filter(user=owner).update(week_start=WeekStart.SUNDAY)
    TriggerLogFactory(user=owner, occurred_at=local(date(2026, 11, 22), 10, 0), trigger_kind="milestone")
    with time_machine.travel(local(date(2026, 11, 23), 12, 0), tick=False):
        review = owner_client.get("/journal/review/").content.decode()
        home = owner_client.get("/").content.decode()
    assert "<h1>This week</h1>" in review and "22 – 28 Nov 2026" in review
    assert "You logged <strong>1</strong> moment" in home


def test_the_week_picker_finds_a_sunday_in_the_sunday_week_it_starts(owner_client, owner):
    UserSettings.objects.filter(user=owner).update(week_start=WeekStart.SUNDAY)
    response = owner_client.get("/journal/review/", {"date": "2026-11-22"})
    assert response["Location"] == "/journal/review/2026-W48/"  # Sunday 22 to Saturday 28 November
