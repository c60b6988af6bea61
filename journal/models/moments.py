"""Moments: a triggered moment with its tags, and a secure moment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from journal.choices import (
    ActedOn,
    BodySensation,
    Emotion,
    SoothingAction,
    TriggerKind,
    Urge,
    lesson_for,
    lesson_link_for,
)
from journal.models.person import CLOCK_SKEW, LOOKED_BACK_AFTER, ZERO_TO_TEN
from journal.querysets import MomentQuerySet
from journal.sealed import SealedCharField, SealedTextField


class NextStep(models.TextChoices):
    PAUSE = "pause", "Start a pause"
    BACK_TO_PAUSE = "back_to_pause", "Back to your pause"
    SAY_HOW_THE_PAUSE_WENT = "say_how_the_pause_went", "Say how your pause went"
    REFRAME = "reframe", "Write a reframe"
    FINISH_REFRAME = "finish_reframe", "Finish your reframe"


class TriggerLog(models.Model):
    # Indexed with its time below, not alone (see journal/querysets.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trigger_logs", db_index=False
    )
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


class SecureMoment(models.Model):
    """A time the person felt secure or handled something well: what earned security is built from.

    No intensity: it is not a moment to measure, only one to remember.
    """

    # Indexed with its time below, not alone (see journal/querysets.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secure_moments", db_index=False
    )
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
