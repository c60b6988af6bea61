"""Times of the week that have often been hard for someone lately, for the heads-up reminder.

A time is a day of the week and a time of day (the weekly review's periods), in the person's own zone. It counts
as often hard when moments came in it in at least 3 of the 4 weeks before: a pattern that keeps coming back,
not one bad evening, however many moments that evening held.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from journal.models import TriggerLog
from journal.review.counts import PERIODS

WEEKS_LOOKED_AT = 4
WEEKS_NEEDED = 3
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PERIOD_STARTS = sorted(start for _, _, start in PERIODS)
PERIOD_NAME = {start: name for name, _, start in PERIODS}


@dataclass(frozen=True, order=True)
class TimeOfWeek:
    weekday: int
    period_start: int

    @classmethod
    def of(cls, local_moment):
        return cls(local_moment.weekday(), max(start for start in PERIOD_STARTS if start <= local_moment.hour))

    @property
    def label(self):
        """ "Sunday evenings"."""
        return f"{DAY_NAMES[self.weekday]} {PERIOD_NAME[self.period_start]}s"


def often_hard(user, zone, today):
    """The times of week that held moments in at least 3 of the 4 weeks before `today` (a local date)."""
    first_day = today - timedelta(weeks=WEEKS_LOOKED_AT)
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(today, time.min, tzinfo=zone)
    weeks_with_moments = defaultdict(set)
    moments = TriggerLog.objects.for_user(user).between(start, end)
    for occurred_at in moments.values_list("occurred_at", flat=True):
        local = occurred_at.astimezone(zone)
        weeks_with_moments[TimeOfWeek.of(local)].add((local.date() - first_day).days // 7)
    return sorted(when for when, weeks in weeks_with_moments.items() if len(weeks) >= WEEKS_NEEDED)


def next_period_start(local_moment):
    """The start of the next time of day after `local_moment`: 06:00, 12:00, 18:00 or midnight."""
    for hour in PERIOD_STARTS:
        if hour > local_moment.hour:
            return datetime.combine(local_moment.date(), time(hour), tzinfo=local_moment.tzinfo)
    return datetime.combine(local_moment.date() + timedelta(days=1), time.min, tzinfo=local_moment.tzinfo)
