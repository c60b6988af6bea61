"""A person's journal settings and the choices they add to the built-in lists."""

from django import forms

from attachment_app.crisis_lines import crisis_lines
from journal.forms.widgets import ChipSelect
from journal.models import CustomChoice, UserSettings
from journal.models.person import known_time_zones


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=[(zone, zone.replace("_", " ")) for zone in sorted(known_time_zones())],
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
