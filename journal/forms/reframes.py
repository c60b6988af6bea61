"""Writing a reframe or practising a script, as a draft or finished."""

from django import forms
from django.db import models

from journal.forms.widgets import new_submission_key
from journal.models import Reframe, TriggerLog

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
