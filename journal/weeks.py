"""Weeks in the user's own time zone and week start.

A week is seven local days from its first day at midnight. URLs name weeks by ISO year and week number
(`2026-W47`). For Monday weeks that is exactly the ISO week; for Sunday weeks it is the week that starts on
the Sunday just before that ISO week's Monday (so `2026-W47` is Sunday 15 to Saturday 21 November 2026).
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from journal.choices import WeekStart

ISO_WEEK = re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})")
# Years a week in a URL may name: wide enough for any journal, far enough from year 1 and 9999 that moving a few
# weeks either way never leaves the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2999


@dataclass(frozen=True)
class Week:
    start: date
    zone: ZoneInfo

    @classmethod
    def containing(cls, moment, zone, week_start=WeekStart.MONDAY):
        """The week holding `moment` (an aware datetime, or a local date)."""
        day = moment.astimezone(zone).date() if isinstance(moment, datetime) else moment
        offset = (day.weekday() - week_start) % 7
        return cls(day - timedelta(days=offset), zone)

    @classmethod
    def current(cls, zone, week_start=WeekStart.MONDAY):
        return cls.containing(timezone.now(), zone, week_start)

    @classmethod
    def from_iso(cls, year, number, zone, week_start=WeekStart.MONDAY):
        monday = date.fromisocalendar(year, number, 1)
        return cls(monday if week_start == WeekStart.MONDAY else monday - timedelta(days=1), zone)

    @property
    def end(self):
        """The first local day after this week."""
        return self.start + timedelta(days=7)

    @property
    def starts_at(self):
        return datetime.combine(self.start, time.min, tzinfo=self.zone)

    @property
    def ends_at(self):
        return datetime.combine(self.end, time.min, tzinfo=self.zone)

    @property
    def hours(self):
        """167 or 169 in a week with a daylight-saving change, 168 otherwise."""
        return (self.ends_at.astimezone(UTC) - self.starts_at.astimezone(UTC)) / timedelta(hours=1)

    @property
    def days(self):
        return [self.start + timedelta(days=n) for n in range(7)]

    @property
    def iso(self):
        """(ISO year, ISO week) of the Monday inside this week."""
        monday = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
        year, number, _ = monday.isocalendar()
        return year, number

    @property
    def slug(self):
        year, number = self.iso
        return f"{year}-W{number:02d}"

    @property
    def label(self):
        return date_range_label(self.start, self.end - timedelta(days=1))

    @property
    def short_label(self):
        """The first day, for tight spaces: "16 Nov"."""
        return f"{self.start:%-d %b}"

    def shifted(self, weeks):
        return Week(self.start + timedelta(weeks=weeks), self.zone)

    @property
    def previous(self):
        return self.shifted(-1)

    @property
    def next(self):
        return self.shifted(1)


def date_range_label(first, last):
    """Dates from `first` to `last`, naming each month and year once: "16 – 22 Nov 2026", "30 Nov – 6 Dec 2026"."""
    if first.year != last.year:
        return f"{first:%-d %b %Y} – {last:%-d %b %Y}"
    if first.month != last.month:
        return f"{first:%-d %b} – {last:%-d %b %Y}"
    return f"{first:%-d} – {last:%-d %b %Y}"


class IsoWeekConverter:
    """`2026-W47` in a URL <-> (2026, 47). Weeks that do not exist (W54, W00, year 0001) do not match."""

    regex = r"\d{4}-W\d{2}"

    def to_python(self, value):
        match = ISO_WEEK.fullmatch(value)
        year, number = int(match["year"]), int(match["week"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"{year} is outside the years a journal covers")
        date.fromisocalendar(year, number, 1)  # ValueError -> no match -> 404
        return year, number

    def to_url(self, value):
        if isinstance(value, Week):
            return value.slug
        if isinstance(value, str):
            return value
        year, number = value
        return f"{year}-W{number:02d}"
