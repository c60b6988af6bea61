"""How journal rows are asked for, in the product's words: `TriggerLog.objects.for_user(person).in_week(week)`.

Every interval is half-open, [start, end), and written once here: a moment at Monday 00:00 belongs to the week
that starts then, never to the one before.

Each timed model is indexed on (user, its time) and has no index on user alone: the pair serves every lookup by
person, and with a second index PostgreSQL's planner would sometimes read a person's whole history to find one
week (9.6 ms instead of 0.8 ms for one week of a 50,000-moment journal).
"""

from django.db import models
from django.utils import timezone


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class TimedQuerySet(OwnedQuerySet):
    """Rows placed in time by one field, `timed_by`."""

    timed_by = None

    def between(self, start, end):
        return self.filter(**{f"{self.timed_by}__gte": start, f"{self.timed_by}__lt": end})

    def in_week(self, week):
        return self.between(week.starts_at, week.ends_at)


class MomentQuerySet(TimedQuerySet):
    timed_by = "occurred_at"


class PauseQuerySet(TimedQuerySet):
    timed_by = "started_at"

    def open(self):
        return self.filter(finished_at__isnull=True)

    def running(self, now=None):
        return self.open().filter(ends_at__gt=now or timezone.now())

    def finished(self):
        return self.filter(finished_at__isnull=False)


class ReframeQuerySet(TimedQuerySet):
    timed_by = "created_at"

    def drafts(self):
        return self.filter(is_draft=True)

    def finished(self):
        return self.filter(is_draft=False)

    def for_the_pause_screen(self):
        return self.finished().filter(pinned=True)


class ReflectionQuerySet(OwnedQuerySet):
    def for_week(self, week):
        """The note written for `week` (at most one per person, see WeeklyReflection's constraint)."""
        return self.filter(week_start=week.start)
