"""Weeks in the person's own zone: boundaries, daylight saving, Sunday or Monday starts, far-off zones."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from journal.choices import WeekStart
from journal.weeks import IsoWeekConverter, Week

LONDON = ZoneInfo("Europe/London")


def test_late_evening_on_the_last_day_belongs_to_that_week():
    # Sunday 29 March 2026, 23:30 in London (BST, UTC+1) is 22:30 UTC.
    moment = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)
    week = Week.containing(moment, LONDON)
    assert week.start == date(2026, 3, 23)
    assert week.starts_at <= moment < week.ends_at
    assert not week.next.starts_at <= moment


def test_a_week_with_the_spring_change_has_167_hours_and_the_autumn_one_169():
    assert Week.containing(date(2026, 3, 29), LONDON).hours == 167
    assert Week.containing(date(2026, 10, 25), LONDON).hours == 169
    assert Week.containing(date(2026, 11, 23), LONDON).hours == 168


def test_sunday_weeks_start_on_sunday_and_are_named_by_the_iso_week_after():
    monday_week = Week.containing(date(2026, 11, 22), LONDON, WeekStart.MONDAY)
    sunday_week = Week.containing(date(2026, 11, 22), LONDON, WeekStart.SUNDAY)
    assert monday_week.start == date(2026, 11, 16) and monday_week.slug == "2026-W47"
    assert sunday_week.start == date(2026, 11, 22) and sunday_week.slug == "2026-W48"
    assert Week.from_iso(2026, 48, LONDON, WeekStart.SUNDAY) == sunday_week
    assert sunday_week.label == "22 – 28 Nov 2026"


def test_the_same_instant_falls_in_different_weeks_far_east_and_far_west():
    # Sunday 22 Nov 2026, 12:00 UTC is already Monday 01:00 in Tonga (UTC+13) but Sunday 02:00 in Honolulu (UTC−10).
    instant = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    tonga = Week.containing(instant, ZoneInfo("Pacific/Tongatapu"))
    honolulu = Week.containing(instant, ZoneInfo("Pacific/Honolulu"))
    assert tonga.start == date(2026, 11, 23)
    assert honolulu.start == date(2026, 11, 16)
    assert tonga.starts_at.astimezone(UTC) == datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
    assert honolulu.ends_at.astimezone(UTC) == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_week_labels_across_months_and_years():
    assert Week(date(2026, 11, 30), LONDON).label == "30 Nov – 6 Dec 2026"
    assert Week(date(2026, 12, 28), LONDON).label == "28 Dec 2026 – 3 Jan 2027"
    assert Week(date(2026, 12, 28), LONDON).slug == "2026-W53"


@pytest.mark.parametrize("text", ["2026-W00", "2026-W54", "2025-W53", "0001-W01", "9999-W52"])
def test_weeks_that_do_not_exist_do_not_convert(text):
    with pytest.raises(ValueError):
        IsoWeekConverter().to_python(text)


def test_converter_round_trip():
    converter = IsoWeekConverter()
    assert converter.to_python("2026-W47") == (2026, 47)
    assert converter.to_url((2026, 7)) == "2026-W07"
    assert converter.to_url(Week(date(2026, 11, 16), LONDON)) == "2026-W47"
