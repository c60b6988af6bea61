"""The journal: trigger logs, pauses, reframes and weekly reflections, every row owned by one user.

Times are stored in UTC and shown in the user's own zone (see `UserSettings.zone`).
"""

import hashlib
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from journal.choices import (
    DEFAULT_PAUSE_MINUTES,
    PAUSE_MINUTES,
    ActedOn,
    BodySensation,
    Emotion,
    SoothingAction,
    TriggerKind,
    UnsentChoice,
    Urge,
    UrgePassed,
    WeekStart,
    lesson_for,
    lesson_link_for,
)
from journal.querysets import MomentQuerySet, OwnedQuerySet, PauseQuerySet, ReframeQuerySet
from journal.sealed import SealedCharField, SealedTextField

LOCK_AFTER_MINUTES = [1, 5, 15, 30, 60]
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]
ZERO_TO_HUNDRED = [MinValueValidator(0), MaxValueValidator(100)]
# A moment older than this is looked back on: its page no longer leads with starting a pause.
LOOKED_BACK_AFTER = timedelta(days=1)
# A phone's clock may run a little ahead of the server's; a moment "now" must still save.
CLOCK_SKEW = timedelta(minutes=5)


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
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
        return self.time_zone in zoneinfo.available_timezones()

    @classmethod
    def for_user(cls, user):
        return cls.objects.get_or_create(user=user)[0]

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


class NextStep(models.TextChoices):
    PAUSE = "pause", "Start a pause"
    BACK_TO_PAUSE = "back_to_pause", "Back to your pause"
    SAY_HOW_THE_PAUSE_WENT = "say_how_the_pause_went", "Say how your pause went"
    REFRAME = "reframe", "Write a reframe"
    FINISH_REFRAME = "finish_reframe", "Finish your reframe"


class TriggerLog(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trigger_logs")
    occurred_at = models.DateTimeField("when", default=timezone.now)
    trigger_kind = models.CharField("what set it off", max_length=60)
    intensity = models.PositiveSmallIntegerField("how strong", validators=ZERO_TO_TEN)
    urge = models.CharField("the urge", max_length=60, blank=True)
    what_happened = SealedCharField("what happened", max_length=200, blank=True)
    story = SealedTextField("the story my mind is telling", max_length=1000, blank=True)
    urge_strength = models.PositiveSmallIntegerField(
        "how strong the urge is", null=True, blank=True, validators=ZERO_TO_TEN
    )
    acted_on = models.CharField(
        "did I act on the urge?", max_length=10, choices=ActedOn.choices, default=ActedOn.NOT_YET
    )
    intensity_after = models.PositiveSmallIntegerField(
        "how strong it is now", null=True, blank=True, validators=ZERO_TO_TEN
    )
    notes = SealedTextField(max_length=2000, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MomentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["user", "occurred_at"], name="log_user_occurred")]
        constraints = [
            models.UniqueConstraint(fields=["user", "idempotency_key"], name="unique_log_submission"),
            models.CheckConstraint(condition=models.Q(intensity__lte=10), name="log_intensity_0_10"),
        ]

    def __str__(self):
        return f"Moment {self.pk}"

    def get_absolute_url(self):
        return reverse("journal:log_detail", args=[self.pk])

    def clean(self):
        if self.occurred_at and self.occurred_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError({"occurred_at": "This can't be in the future. Pick a time up to now."})

    def tag_values(self, kind):
        return [tag.value for tag in self.tags.all() if tag.kind == kind]

    @property
    def sensations(self):
        return self.tag_values(LogTag.Kind.SENSATION)

    @property
    def emotions(self):
        return self.tag_values(LogTag.Kind.EMOTION)

    @property
    def helped(self):
        return self.tag_values(LogTag.Kind.HELPED)

    def set_tags(self, kind, values):
        self.tags.filter(kind=kind).exclude(value__in=values).delete()
        existing = set(self.tags.filter(kind=kind).values_list("value", flat=True))
        LogTag.objects.bulk_create(
            LogTag(log=self, kind=kind, value=value) for value in values if value not in existing
        )

    def is_looked_back_on(self, now=None):
        return self.occurred_at < (now or timezone.now()) - LOOKED_BACK_AFTER

    def next_step(self, running_pause=None, now=None):
        """What this moment's page leads with: the pause still running, saying how a pause went, then a reframe
        (finishing a draft first) once a pause is done or the moment is looked back on; else starting a pause."""
        if running_pause:
            return NextStep.BACK_TO_PAUSE
        if any(pause.is_unfinished for pause in self.pauses.all()):
            return NextStep.SAY_HOW_THE_PAUSE_WENT
        if self.draft_reframe:
            return NextStep.FINISH_REFRAME
        if self.last_finished_pause or self.is_looked_back_on(now):
            return NextStep.REFRAME
        return NextStep.PAUSE

    @property
    def draft_reframe(self):
        return next((reframe for reframe in self.reframes.all() if reframe.is_draft), None)

    @property
    def last_finished_pause(self):
        """The latest finished pause for this moment (reads the prefetched pauses when there are some)."""
        finished = [pause for pause in self.pauses.all() if pause.is_finished]
        return max(finished, key=lambda pause: pause.started_at, default=None)

    @property
    def lesson_links(self):
        """'slug#section' for the lessons that explain this moment: its trigger, its urge, then its tags.

        One link per lesson: the first choice that leads to a lesson picks the section.
        """
        links = [lesson_link_for(TriggerKind, self.trigger_kind)]
        if self.urge:
            links.append(lesson_link_for(Urge, self.urge))
        links += [tag.lesson_link for tag in self.tags.all()]
        by_slug = {}
        for link in links:
            by_slug.setdefault(link.partition("#")[0], link)
        return list(by_slug.values())

    @property
    def lesson_slugs(self):
        return [link.partition("#")[0] for link in self.lesson_links]


class LogTag(models.Model):
    """One body sensation, emotion or soothing action noted on a trigger log."""

    class Kind(models.TextChoices):
        SENSATION = "sensation", "Body sensation"
        EMOTION = "emotion", "Emotion"
        HELPED = "helped", "What helped"

    CHOICES = {Kind.SENSATION: BodySensation, Kind.EMOTION: Emotion, Kind.HELPED: SoothingAction}

    log = models.ForeignKey(TriggerLog, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["log", "kind", "value"], name="unique_tag_per_log")]

    def __str__(self):
        return f"{self.kind}: {self.value}"

    @property
    def label(self):
        return self.CHOICES[self.kind](self.value).label

    @property
    def lesson_link(self):
        return lesson_link_for(self.CHOICES[self.kind], self.value)

    @property
    def lesson_slug(self):
        return lesson_for(self.CHOICES[self.kind], self.value)


class PauseSession(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pauses")
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
            models.Index(
                fields=["user", "-started_at"], condition=models.Q(finished_at__isnull=True), name="pause_user_open"
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

    def seconds_left(self, now=None):
        return max(0, int((self.ends_at - (now or timezone.now())).total_seconds()))

    @property
    def intensity_drop(self):
        if self.intensity_before is None or self.intensity_after is None:
            return None
        return self.intensity_before - self.intensity_after


class Reframe(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reframes")
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

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start"]
        constraints = [models.UniqueConstraint(fields=["user", "week_start"], name="one_reflection_per_week")]

    def __str__(self):
        return f"Reflection for week of {self.week_start}"

    @property
    def is_empty(self):
        return not (self.noticed or self.helped or self.intention)


class SecureMoment(models.Model):
    """A time the person felt secure or handled something well: what earned security is built from.

    No intensity: it is not a moment to measure, only one to remember.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secure_moments")
    occurred_at = models.DateTimeField("when", default=timezone.now)
    what_happened = SealedTextField("what happened", max_length=1000, blank=True)
    what_helped = SealedTextField("what helped", max_length=1000, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = MomentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["user", "occurred_at"], name="secure_user_occurred")]
        constraints = [models.UniqueConstraint(fields=["user", "idempotency_key"], name="unique_secure_submission")]

    def __str__(self):
        return f"Secure moment {self.pk}"

    def get_absolute_url(self):
        return reverse("journal:secure_detail", args=[self.pk])

    def clean(self):
        if self.occurred_at and self.occurred_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError({"occurred_at": "This can't be in the future. Pick a time up to now."})


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
