"""What follows a moment: a pause, a reframe, and the week's note."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from journal.choices import (
    PAUSE_MINUTES,
    ActedOn,
    UnsentChoice,
    UrgePassed,
)
from journal.models.moments import TriggerLog
from journal.models.person import ZERO_TO_HUNDRED, ZERO_TO_TEN
from journal.querysets import PauseQuerySet, ReflectionQuerySet, ReframeQuerySet
from journal.sealed import SealedCharField, SealedTextField


class PauseSession(models.Model):
    # Indexed with its time below, not alone (see journal/querysets.py).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pauses", db_index=False)
    log = models.ForeignKey(TriggerLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="pauses")
    minutes = models.PositiveSmallIntegerField(choices=[(m, f"{m} minutes") for m in PAUSE_MINUTES])
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    intensity_before = models.PositiveSmallIntegerField(null=True, blank=True, validators=ZERO_TO_TEN)
    intensity_after = models.PositiveSmallIntegerField(
        "how strong it is now", null=True, blank=True, validators=ZERO_TO_TEN
    )
    urge_passed = models.CharField("did the urge fade?", max_length=10, choices=UrgePassed.choices, blank=True)
    what_i_did = SealedCharField("what I did", max_length=300, blank=True)
    # Written during the pause instead of being sent; it waits here until the time is up. We never send it.
    unsent_message = SealedTextField("the message you want to send", max_length=2000, blank=True)
    unsent_choice = models.CharField(
        "what you did with the message", max_length=12, choices=UnsentChoice.choices, blank=True
    )
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    # True only on the pause whose timer is running for the person now (None otherwise): the database lets one
    # exist per person, so two tabs tapping "Start" at once can never start two pauses.
    current = models.BooleanField(null=True, default=None, editable=False)

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "started_at"], name="pause_user_started"),
            # Open pauses are a handful among thousands: this index holds only them, so finding one stays quick.
            # Ascending like pause_user_started, or SQLite (without statistics) prefers that one for newest-first.
            models.Index(
                fields=["user", "started_at"], condition=models.Q(finished_at__isnull=True), name="pause_user_open"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "idempotency_key"], name="unique_pause_submission"),
            models.UniqueConstraint(fields=["user", "current"], name="one_running_pause_per_person"),
        ]

    def __str__(self):
        return f"Pause {self.pk}"

    def save(self, *args, **kwargs):
        if self.ends_at is None:
            self.ends_at = self.started_at + timedelta(minutes=self.minutes)
        super().save(*args, **kwargs)

    @property
    def is_finished(self):
        return self.finished_at is not None

    def is_running(self, now=None):
        return not self.is_finished and self.ends_at > (now or timezone.now())

    @property
    def is_unfinished(self):
        """Time is up but nobody said how it went: shown as unfinished, never dropped."""
        return not self.is_finished and self.ends_at <= timezone.now()

    @property
    def stopped_early(self):
        return self.is_finished and self.finished_at < self.ends_at

    def end_time(self, reported=None, now=None):
        """When the pause ended: the time the phone reports (it may send it later, having had no signal) when that
        lies between the start and now; otherwise now."""
        now = now or timezone.now()
        return reported if reported and self.started_at <= reported <= now else now

    @transaction.atomic  # the pause and its moment change together, and their week is counted again once
    def finish(self, at=None):
        """Close the pause with the answers given (set on it before): it ends at `at` (see end_time) or now, and only
        once, so sending "how it went" again changes the answers, never when it ended. Its moment takes the answers
        the person has not given there already."""
        if not self.is_finished:
            self.finished_at = at or timezone.now()
        self.current = None
        self.save()
        if self.log:
            self.answer_its_moment()

    def answer_its_moment(self):
        """A finished pause answers two of its moment's questions, unless the person answered them already."""
        log, changed = self.log, []
        if log.intensity_after is None:
            log.intensity_after = self.intensity_after
            changed.append("intensity_after")
        if self.urge_passed == UrgePassed.YES and log.acted_on == ActedOn.NOT_YET:
            log.acted_on = ActedOn.NO
            changed.append("acted_on")
        if changed:
            log.save(update_fields=[*changed, "updated_at"])

    def seconds_left(self, now=None):
        return max(0, int((self.ends_at - (now or timezone.now())).total_seconds()))

    @property
    def intensity_drop(self):
        if self.intensity_before is None or self.intensity_after is None:
            return None
        return self.intensity_before - self.intensity_after


class Reframe(models.Model):
    # Indexed with its time below, not alone (see journal/querysets.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reframes", db_index=False
    )
    log = models.ForeignKey(TriggerLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="reframes")
    lesson_slug = models.CharField("lesson", max_length=80, blank=True)
    anxious_thought = SealedCharField("the anxious thought", max_length=500, blank=True)
    alternatives = SealedTextField("what else could be true?", max_length=1000, blank=True)
    balanced_thought = SealedCharField("a more balanced thought", max_length=500, blank=True)
    believability_before = models.PositiveSmallIntegerField(
        "how much I believe the anxious thought (0–100)", null=True, blank=True, validators=ZERO_TO_HUNDRED
    )
    believability_after = models.PositiveSmallIntegerField(
        "how much I believe it now (0–100)", null=True, blank=True, validators=ZERO_TO_HUNDRED
    )
    script_instead = SealedCharField("instead of saying…", max_length=300, blank=True)
    script_try = SealedCharField("try saying…", max_length=300, blank=True)
    pinned = models.BooleanField("pin it to my pause screen", default=False)
    # Kept with only some of its parts (often just the anxious thought), to finish later.
    is_draft = models.BooleanField("draft", default=False)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReframeQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="reframe_user_created")]
        constraints = [models.UniqueConstraint(fields=["user", "idempotency_key"], name="unique_reframe_submission")]

    def __str__(self):
        return f"Reframe {self.pk}"

    @property
    def is_script(self):
        """A practised script: words to say, with no anxious thought behind them written down."""
        return bool(self.script_try) and not self.anxious_thought

    @property
    def steadying_words(self):
        """What the pause screen and the moment show: the balanced thought, or the words to try saying."""
        return self.balanced_thought or self.script_try


class WeeklyReflection(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    week_start = models.DateField()
    noticed = SealedTextField("what I noticed", max_length=1000, blank=True)
    helped = SealedTextField("what helped", max_length=1000, blank=True)
    intention = SealedCharField("one intention for next week", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start"]
        constraints = [models.UniqueConstraint(fields=["user", "week_start"], name="one_reflection_per_week")]

    def __str__(self):
        return f"Reflection for week of {self.week_start}"

    @property
    def is_empty(self):
        return not (self.noticed or self.helped or self.intention)
