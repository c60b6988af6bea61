"""Each person's settings, their own choices, the lessons they have read, and the database heartbeat."""

import functools
import hashlib
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from journal.choices import (
    DEFAULT_PAUSE_MINUTES,
    PAUSE_MINUTES,
    WeekStart,
)
from journal.querysets import OwnedQuerySet
from journal.weeks import Week

LOCK_AFTER_MINUTES = [1, 5, 15, 30, 60]
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]
ZERO_TO_HUNDRED = [MinValueValidator(0), MaxValueValidator(100)]
# A moment older than this is looked back on: its page no longer leads with starting a pause.
LOOKED_BACK_AFTER = timedelta(days=1)
# A phone's clock may run a little ahead of the server's; a moment "now" must still save.
CLOCK_SKEW = timedelta(minutes=5)


@functools.cache
def known_time_zones():
    """The zone names this server knows, read once per process: listing them walks the time zone files on disk."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError("Choose a time zone from the list.")


class UserSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_settings")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    week_start = models.PositiveSmallIntegerField(choices=WeekStart.choices, default=WeekStart.MONDAY)
    default_pause_minutes = models.PositiveSmallIntegerField(
        choices=[(minutes, f"{minutes} minutes") for minutes in PAUSE_MINUTES], default=DEFAULT_PAUSE_MINUTES
    )
    # Whose crisis lines come first. The person chooses it; settings suggest one from the time zone.
    country = models.CharField("your country", max_length=2, blank=True, default="")
    # Moved on every change to the journal; the cached weekly review is keyed by it (see journal.signals).
    journal_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The app lock (journal/lock.py): a 4–8 digit PIN kept as a password hash, and how long a quiet spell locks.
    lock_pin = models.CharField(max_length=128, blank=True, default="", editable=False)
    lock_after_minutes = models.PositiveSmallIntegerField(
        "lock after", choices=[(m, f"{m} minutes idle") for m in LOCK_AFTER_MINUTES], default=5
    )

    class Meta:
        verbose_name_plural = "user settings"

    def __str__(self):
        return f"Settings for user {self.user_id}"

    @property
    def zone(self):
        """The person's zone; UTC while the stored name is not one this server knows (settings say so)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def zone_is_known(self):
        return self.time_zone in known_time_zones()

    @classmethod
    def for_user(cls, user):
        return cls.objects.get_or_create(user=user)[0]

    def current_week(self):
        """The person's week now: in their zone, starting on their own first day."""
        return Week.current(self.zone, self.week_start)

    def week_containing(self, moment):
        return Week.containing(moment, self.zone, self.week_start)

    @property
    def has_lock(self):
        return bool(self.lock_pin)

    def set_lock_pin(self, pin):
        self.lock_pin = make_password(pin)

    def check_lock_pin(self, pin):
        return self.has_lock and check_password(pin, self.lock_pin)

    @classmethod
    def mark_changed(cls, user_id):
        cls.objects.filter(user_id=user_id).update(journal_changed_at=timezone.now())


class CustomChoice(models.Model):
    """A trigger kind or urge a person adds for themselves; it sits beside the built-in ones."""

    class ListName(models.TextChoices):
        TRIGGER = "trigger", "Trigger"
        URGE = "urge", "Urge"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="custom_choices")
    list_name = models.CharField(max_length=10, choices=ListName.choices)
    label = models.CharField(max_length=40)
    key = models.SlugField(max_length=60, allow_unicode=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name", "key"], name="unique_custom_choice_per_user")
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self.key_for(self.label)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(label):
        """A stable key in any script; a label of only emoji or symbols gets a short fingerprint instead."""
        slug = slugify(label, allow_unicode=True)[:30].strip("-")
        if not slug:
            slug = hashlib.blake2s(label.strip().casefold().encode(), digest_size=5).hexdigest()
        return f"my-{slug}"


class LessonRead(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_read")
    lesson_slug = models.CharField(max_length=80)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson_slug"], name="lesson_read_once")]

    def __str__(self):
        return self.lesson_slug


class Heartbeat(models.Model):
    """One row that /healthz rewrites: a full disk or a read-only database can still answer a SELECT."""

    beat_at = models.DateTimeField()

    def __str__(self):
        return f"Heartbeat at {self.beat_at}"

    @classmethod
    def beat(cls):
        cls.objects.update_or_create(pk=1, defaults={"beat_at": timezone.now()})


def choice_label(choices, value, custom_labels=None):
    """Label for a built-in choice of `choices`, or for one of the user's own (`custom_labels` by key)."""
    if value in choices.values:
        return choices(value).label
    return (custom_labels or {}).get(value, value.removeprefix("my-").replace("-", " ").capitalize())
