"""Logging a moment: the quick log, its optional detail, editing all of it, and a secure moment."""

from datetime import datetime, timedelta

from django import forms
from django.db import transaction
from django.utils import timezone

from journal.choices import BodySensation, Emotion, SoothingAction, TriggerKind, Urge
from journal.forms.field_groups import FieldGroup
from journal.forms.widgets import (
    ChipSelect,
    ChipSelectMultiple,
    HiddenInput,
    LocalDateTimeInput,
    Textarea,
    TextInput,
    TimeInput,
    new_submission_key,
    with_custom,
    zero_to_ten,
)
from journal.models import CLOCK_SKEW, CustomChoice, LogTag, SecureMoment, TriggerLog

WHEN_CHOICES = [("now", "Now"), ("15", "15 min ago"), ("60", "1 hour ago"), ("today", "Earlier today")]


class QuickLogForm(forms.ModelForm):
    """The few taps that catch a moment: what set it off, how strong, the urge, and roughly when."""

    bound_field_class = FieldGroup

    idempotency_key = forms.UUIDField(widget=HiddenInput, required=False)
    trigger_kind = forms.ChoiceField(label="What set it off?", widget=ChipSelect)
    intensity = zero_to_ten("How strong is the feeling?")
    urge = forms.ChoiceField(label="What do you feel like doing?", required=False, widget=ChipSelect)
    when = forms.ChoiceField(label="When?", choices=WHEN_CHOICES, required=False, initial="now", widget=ChipSelect)
    earlier_today = forms.TimeField(
        label="Earlier today, at", required=False, widget=TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    occurred_at = forms.DateTimeField(
        label="Another day and time",
        required=False,
        widget=LocalDateTimeInput,
        help_text="This wins over the choices above.",
    )

    class Meta:
        model = TriggerLog
        fields = ["trigger_kind", "intensity", "urge", "what_happened", "occurred_at"]
        labels = {"what_happened": "What happened? (optional)"}
        widgets = {"what_happened": TextInput(attrs={"placeholder": "In a few words", "autocomplete": "off"})}

    def __init__(self, *args, custom_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        custom = list(custom_choices)
        self.fields["trigger_kind"].choices = with_custom(TriggerKind.choices, custom, CustomChoice.ListName.TRIGGER)
        self.fields["urge"].choices = with_custom(Urge.choices, custom, CustomChoice.ListName.URGE)
        if not self.instance.pk:
            self.initial.setdefault("idempotency_key", new_submission_key())

    def clean(self):
        cleaned = super().clean()
        if "occurred_at" not in cleaned or "earlier_today" not in cleaned:
            return cleaned  # a field already has an error to fix first
        now = timezone.now()
        if cleaned["occurred_at"]:
            return cleaned
        if cleaned["earlier_today"]:
            moment = datetime.combine(
                timezone.localdate(now), cleaned["earlier_today"], tzinfo=timezone.get_current_timezone()
            )
            if moment > now + CLOCK_SKEW:
                self.add_error("earlier_today", "That time hasn't come yet today. Pick an earlier time.")
            cleaned["occurred_at"] = moment
        elif cleaned.get("when") == "today":
            self.add_error("earlier_today", "What time was it? Pick a time, or choose Now.")
        else:
            minutes = int(cleaned["when"]) if cleaned.get("when", "").isdigit() else 0
            cleaned["occurred_at"] = now - timedelta(minutes=minutes)
        return cleaned


class SecureMomentForm(forms.ModelForm):
    """A time you felt secure or handled something well: one tap saves it now; words are optional."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    occurred_at = forms.DateTimeField(
        label="When was it?", required=False, widget=LocalDateTimeInput, help_text="Leave empty for now."
    )

    class Meta:
        model = SecureMoment
        fields = ["what_happened", "what_helped", "occurred_at"]
        labels = {"what_happened": "What happened? (optional)", "what_helped": "What helped? (optional)"}
        widgets = {
            "what_happened": forms.Textarea(
                attrs={"rows": 2, "placeholder": "For example: I waited for their reply and stayed calm"}
            ),
            "what_helped": forms.Textarea(attrs={"rows": 2, "placeholder": "For example: I reminded myself they care"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("idempotency_key", new_submission_key())

    def clean_occurred_at(self):
        return self.cleaned_data.get("occurred_at") or timezone.now()


class LogDetailForm(forms.ModelForm):
    """The optional detail of a moment, added on its entry page now or later."""

    bound_field_class = FieldGroup

    sensations = forms.MultipleChoiceField(
        label="What do you notice in your body?",
        choices=BodySensation.choices,
        required=False,
        widget=ChipSelectMultiple,
    )
    emotions = forms.MultipleChoiceField(
        label="What are you feeling?", choices=Emotion.choices, required=False, widget=ChipSelectMultiple
    )
    urge_strength = zero_to_ten("How strong is the urge?", required=False)
    intensity_after = zero_to_ten("How strong is the feeling now?", required=False)
    helped = forms.MultipleChoiceField(
        label="What helped?", choices=SoothingAction.choices, required=False, widget=ChipSelectMultiple
    )

    TAG_FIELDS = {
        "sensations": LogTag.Kind.SENSATION,
        "emotions": LogTag.Kind.EMOTION,
        "helped": LogTag.Kind.HELPED,
    }

    class Meta:
        model = TriggerLog
        fields = [
            "sensations",
            "emotions",
            "story",
            "urge_strength",
            "acted_on",
            "intensity_after",
            "helped",
            "notes",
        ]
        widgets = {
            "story": Textarea(attrs={"rows": 3}),
            "notes": Textarea(attrs={"rows": 3}),
            "acted_on": ChipSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name, kind in self.TAG_FIELDS.items():
                self.initial.setdefault(name, self.instance.tag_values(kind))

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():  # the week is counted again on commit: with its tags, not before them
            log = super().save()
            for name, kind in self.TAG_FIELDS.items():
                log.set_tags(kind, self.cleaned_data.get(name) or [])
        return log


class TriggerLogForm(QuickLogForm, LogDetailForm):
    """Everything about a moment, for editing it."""

    class Meta:
        model = TriggerLog
        fields = QuickLogForm.Meta.fields + LogDetailForm.Meta.fields
        labels = QuickLogForm.Meta.labels
        widgets = QuickLogForm.Meta.widgets | LogDetailForm.Meta.widgets
