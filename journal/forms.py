import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

from django import forms
from django.db import models
from django.utils import timezone

from attachment_app.crisis_lines import crisis_lines
from journal.choices import (
    PAUSE_MINUTES,
    BodySensation,
    Emotion,
    SoothingAction,
    TriggerKind,
    UnsentChoice,
    Urge,
    UrgePassed,
)
from journal.models import (
    CLOCK_SKEW,
    CustomChoice,
    LogTag,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)

ZERO_TO_TEN_CHOICES = [(n, str(n)) for n in range(11)]


def zero_to_ten(label, required=True):
    """A 0–10 strength, answered with one tap on the scale."""
    return forms.TypedChoiceField(
        label=label, choices=ZERO_TO_TEN_CHOICES, coerce=int, empty_value=None, required=required, widget=ScaleSelect
    )


def local_midnight(day):
    """The start of `day` in the active (the user's) time zone."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class ChipSelect(forms.RadioSelect):
    template_name = "journal/widgets/chips.html"
    option_template_name = "journal/widgets/chip.html"


class ChipSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "journal/widgets/chips.html"
    option_template_name = "journal/widgets/chip.html"


class ScaleSelect(ChipSelect):
    template_name = "journal/widgets/scale.html"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def new_submission_key():
    """A one-time key for a form, so a double tap or a resent form saves once (see `journal.submissions`)."""
    return str(uuid.uuid4())


def with_custom(choices, custom, list_name):
    """Built-in choices followed by the user's own for that list."""
    return [*choices, *[(choice.key, choice.label) for choice in custom if choice.list_name == list_name]]


WHEN_CHOICES = [("now", "Now"), ("15", "15 min ago"), ("60", "1 hour ago"), ("today", "Earlier today")]


class QuickLogForm(forms.ModelForm):
    """The few taps that catch a moment: what set it off, how strong, the urge, and roughly when."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    trigger_kind = forms.ChoiceField(label="What set it off?", widget=ChipSelect)
    intensity = zero_to_ten("How strong is the feeling?")
    urge = forms.ChoiceField(label="What do you feel like doing?", required=False, widget=ChipSelect)
    when = forms.ChoiceField(label="When?", choices=WHEN_CHOICES, required=False, initial="now", widget=ChipSelect)
    earlier_today = forms.TimeField(
        label="Earlier today, at", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
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
        widgets = {"what_happened": forms.TextInput(attrs={"placeholder": "In a few words", "autocomplete": "off"})}

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
            "story": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "acted_on": ChipSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name, kind in self.TAG_FIELDS.items():
                self.initial.setdefault(name, self.instance.tag_values(kind))

    def save(self, commit=True):
        log = super().save(commit=commit)
        if commit:
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


class EntryFilterForm(forms.Form):
    trigger = forms.ChoiceField(label="Trigger", required=False)
    urge = forms.ChoiceField(label="Urge", required=False)
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, custom_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        custom = list(custom_choices)
        self.fields["trigger"].choices = [
            ("", "Any trigger"),
            *with_custom(TriggerKind.choices, custom, CustomChoice.ListName.TRIGGER),
        ]
        self.fields["urge"].choices = [
            ("", "Any urge"),
            *with_custom(Urge.choices, custom, CustomChoice.ListName.URGE),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned

    def filter(self, logs):
        if not self.is_valid():
            return logs
        data = self.cleaned_data
        if data["trigger"]:
            logs = logs.filter(trigger_kind=data["trigger"])
        if data["urge"]:
            logs = logs.filter(urge=data["urge"])
        # A day at either end of the calendar means "no limit" (in some zones its midnight lies outside it).
        if data["since"] and data["since"] > date.min + timedelta(days=1):
            logs = logs.filter(occurred_at__gte=local_midnight(data["since"]))
        if data["until"] and data["until"] < date.max - timedelta(days=1):
            logs = logs.filter(occurred_at__lt=local_midnight(data["until"] + timedelta(days=1)))
        return logs

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())


class PauseStartForm(forms.ModelForm):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    minutes = forms.TypedChoiceField(
        label="How long?", choices=[(m, f"{m} min") for m in PAUSE_MINUTES], coerce=int, widget=ChipSelect
    )
    log = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PauseSession
        fields = ["minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("idempotency_key", new_submission_key())


class PauseFinishForm(forms.ModelForm):
    """How the pause went. Ended early, it asks one thing: did the urge pass? When the time is up, the rest too,
    and what to do with the message written during the pause.

    Early, the other questions are optional and hidden on the page, ready to show the moment the time is up (a
    phone's clock may be a few seconds ahead of ours, so what they send is still saved).
    """

    urge_passed = forms.ChoiceField(label="Did the urge fade?", choices=UrgePassed.choices, widget=ChipSelect)
    intensity_after = zero_to_ten("How strong is the feeling now?")
    unsent_choice = forms.ChoiceField(
        label="What will you do with it?", choices=UnsentChoice.choices, required=False, widget=ChipSelect
    )

    AT_THE_END = ("intensity_after", "what_i_did", "unsent_message", "unsent_choice")

    class Meta:
        model = PauseSession
        fields = ["urge_passed", "intensity_after", "what_i_did", "unsent_message", "unsent_choice"]
        labels = {"unsent_message": "Your message"}
        widgets = {
            "what_i_did": forms.Textarea(attrs={"rows": 2, "placeholder": "For example: walked round the block"}),
            "unsent_message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, early, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.unsent_message:
            del self.fields["unsent_message"], self.fields["unsent_choice"]
        if early:
            for name in self.AT_THE_END:
                if name in self.fields:
                    self.fields[name].required = False

    @property
    def asks_about_message(self):
        return "unsent_choice" in self.fields

    def clean(self):
        cleaned = super().clean()
        for name in self.AT_THE_END:  # a question the form did not send keeps its stored answer (the message!)
            field = self.fields.get(name)
            if field and field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name)):
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class UnsentMessageForm(forms.ModelForm):
    """The message a person wants to send, kept on the pause instead; once the time is up, what they do with it."""

    unsent_choice = forms.ChoiceField(
        label="What will you do with it?", choices=UnsentChoice.choices, required=False, widget=ChipSelect
    )

    class Meta:
        model = PauseSession
        fields = ["unsent_message", "unsent_choice"]
        labels = {"unsent_message": "The message you want to send"}
        widgets = {"unsent_message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"unsent_message": "Only you see it. We never send anything."}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "message_%s")  # the finish form on the same page has its own message box
        super().__init__(*args, **kwargs)
        if self.instance.is_running():
            del self.fields["unsent_choice"]  # it waits: nothing to decide until the time is up


PERCENT_INPUT = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100, "step": 5})


class ReframeForm(forms.ModelForm):
    """A reframe, or a practised script. Saved as a draft, only the first words are needed: the anxious thought
    (or, for a script, what to try saying); finished, a reframe needs its balanced thought too."""

    class Kind(models.TextChoices):
        THOUGHT = "thought", "Reframe a thought"
        SCRIPT = "script", "Practise a script"

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.CharField(widget=forms.HiddenInput, required=False)  # anything but "script" is a thought
    NEEDED = {
        (Kind.THOUGHT, True): ["anxious_thought"],
        (Kind.THOUGHT, False): ["anxious_thought", "balanced_thought"],
        (Kind.SCRIPT, True): ["script_try"],
        (Kind.SCRIPT, False): ["script_try"],
    }

    class Meta:
        model = Reframe
        fields = [
            "anxious_thought",
            "believability_before",
            "alternatives",
            "balanced_thought",
            "believability_after",
            "script_instead",
            "script_try",
            "lesson_slug",
            "log",
            "pinned",
        ]
        widgets = {
            "anxious_thought": forms.Textarea(attrs={"rows": 2}),
            "alternatives": forms.Textarea(attrs={"rows": 3}),
            "balanced_thought": forms.Textarea(attrs={"rows": 2}),
            "script_instead": forms.Textarea(attrs={"rows": 2}),
            "script_try": forms.Textarea(attrs={"rows": 2}),
            "believability_before": PERCENT_INPUT,
            "believability_after": PERCENT_INPUT,
            "lesson_slug": forms.HiddenInput,
            "log": forms.HiddenInput,
        }
        labels = {"script_instead": "Instead of saying", "script_try": "Try saying"}
        help_texts = {
            "alternatives": "List two or three other reasons this could be happening.",
            "script_try": "A kind, direct way to say what you need.",
        }

    def __init__(self, *args, user, as_draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["log"].queryset = TriggerLog.objects.for_user(user)
        self.as_draft = as_draft
        if not self.instance.pk:
            self.initial.setdefault("idempotency_key", new_submission_key())
        if self.instance.is_script:
            self.initial.setdefault("kind", self.Kind.SCRIPT)
        for name in self.NEEDED[(self.chosen_kind, as_draft)]:
            self.fields[name].required = True
        self.fields["balanced_thought"].error_messages["required"] = (
            "Write a balanced thought, or save this as a draft to finish later."
        )

    @property
    def chosen_kind(self):
        return self.Kind.SCRIPT if self["kind"].value() == self.Kind.SCRIPT else self.Kind.THOUGHT

    @property
    def is_script(self):
        return self.chosen_kind == self.Kind.SCRIPT

    def save(self, commit=True):
        self.instance.is_draft = self.as_draft
        return super().save(commit)


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=[(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())],
        help_text="Weeks and times in your journal follow this zone.",
    )
    country = forms.ChoiceField(
        label="Your country",
        choices=lambda: [("", "Not chosen yet"), *crisis_lines().choices],
        required=False,
        help_text="So the help numbers you see first are the ones where you are.",
    )

    class Meta:
        model = UserSettings
        fields = ["time_zone", "country", "week_start", "default_pause_minutes"]
        labels = {"week_start": "Your week starts on", "default_pause_minutes": "Default pause length"}
        widgets = {"week_start": ChipSelect, "default_pause_minutes": ChipSelect}


class CustomChoiceForm(forms.ModelForm):
    class Meta:
        model = CustomChoice
        fields = ["list_name", "label"]
        labels = {"list_name": "Add it to", "label": "Name"}
        widgets = {"list_name": ChipSelect, "label": forms.TextInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["list_name"].choices = CustomChoice.ListName.choices  # no "---------" chip
        self.instance.user = user

    def clean(self):
        cleaned = super().clean()
        label, list_name = cleaned.get("label", "").strip(), cleaned.get("list_name")
        if label and list_name:
            self.instance.key = CustomChoice.key_for(label)
            mine = CustomChoice.objects.for_user(self.instance.user).filter(list_name=list_name)
            if mine.filter(key=self.instance.key).exists():
                raise forms.ValidationError("You already have one with that name. Try another.")
        return cleaned


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = WeeklyReflection
        fields = ["noticed", "helped", "intention"]
        widgets = {"noticed": forms.Textarea(attrs={"rows": 3}), "helped": forms.Textarea(attrs={"rows": 3})}


class PinField(forms.CharField):
    def __init__(self, **kwargs):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*", "class": "pin-input"}
        super().__init__(min_length=4, max_length=8, widget=forms.PasswordInput(attrs=attrs), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.isascii() and value.isdigit()):
            raise forms.ValidationError("Use digits only, 4 to 8 of them.")
        return value


class UnlockForm(forms.Form):
    pin = PinField(label="Your PIN")
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class LockSettingsForm(forms.ModelForm):
    pin = PinField(label="Choose a PIN (4 to 8 digits)")
    pin_again = PinField(label="The same PIN again")

    class Meta:
        model = UserSettings
        fields = ["lock_after_minutes"]
        labels = {"lock_after_minutes": "Lock after"}
        widgets = {"lock_after_minutes": ChipSelect}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pin") and cleaned.get("pin_again") and cleaned["pin"] != cleaned["pin_again"]:
            self.add_error("pin_again", "The two PINs are different. Type the same one twice.")
        return cleaned

    def save(self, commit=True):
        self.instance.set_lock_pin(self.cleaned_data["pin"])
        return super().save(commit)


class RemoveLockForm(forms.Form):
    pin = PinField(label="Your current PIN")

    def __init__(self, *args, journal_settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.journal_settings = journal_settings

    def clean_pin(self):
        if not self.journal_settings.check_lock_pin(self.cleaned_data["pin"]):
            raise forms.ValidationError("That PIN is not right. The lock stays on.")
        return self.cleaned_data["pin"]
