"""The journal lock: setting a PIN, unlocking with it, and removing it."""

from django import forms

from journal.forms.widgets import ChipSelect
from journal.models import UserSettings


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
