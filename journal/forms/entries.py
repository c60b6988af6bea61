"""Narrowing the list of entries by trigger, urge and dates."""

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from journal.choices import TriggerKind, Urge
from journal.forms.field_groups import FieldGroup
from journal.forms.widgets import KeptSelect, with_custom
from journal.models import CustomChoice


def local_midnight(day):
    """The start of `day` in the active (the user's) time zone."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class EntryFilterForm(forms.Form):
    bound_field_class = FieldGroup
    trigger = forms.ChoiceField(label="Trigger", required=False, widget=KeptSelect)
    urge = forms.ChoiceField(label="Urge", required=False, widget=KeptSelect)
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
