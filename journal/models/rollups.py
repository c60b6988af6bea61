"""Kept counts: what the weekly review reads instead of counting years of history on every look."""

from django.conf import settings
from django.db import models


class WeekRollupQuerySet(models.QuerySet):
    def covering(self, user_id, instant):
        """Every kept week of this person's that holds `instant`, in whatever zone it was counted."""
        return self.filter(user_id=user_id, starts_at__lte=instant, ends_at__gt=instant)


class WeekRollup(models.Model):
    """One person's counts for one week in their zone (see `journal.review.counts`), kept until something timed
    inside [starts_at, ends_at) is saved or deleted (`journal.signals`); the next look counts that week again."""

    # The unique constraint below starts with user, so the foreign key needs no index of its own.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    time_zone = models.CharField(max_length=64)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    counts = models.JSONField()

    objects = WeekRollupQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "time_zone", "starts_at"], name="rollup_one_per_week_and_zone")
        ]

    def __str__(self):
        return f"Counts for the week from {self.starts_at:%Y-%m-%d %H:%M} UTC ({self.time_zone})"
