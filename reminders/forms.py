from django import forms
from django.utils import timezone

from reminders.models import PushSubscription, ReminderSettings


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ReminderSettingsForm(forms.ModelForm):
    email = forms.EmailField(
        label="Your e-mail address",
        required=False,
        help_text="Only for reminders and password resets. Reminders never say anything from your journal.",
    )

    class Meta:
        model = ReminderSettings
        fields = ["daily_check_in", "check_in_at", "heads_up", "week_ready", "by_email", "quiet_from", "quiet_until"]
        widgets = {"check_in_at": TimeInput, "quiet_from": TimeInput, "quiet_until": TimeInput}
        help_texts = {
            "heads_up": "Half an hour before a time of the week that had moments in 3 of the last 4 weeks.",
            "week_ready": "On the first morning of your week.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].initial = user.email

    def clean(self):
        cleaned = super().clean()
        check_in_at = cleaned.get("check_in_at")
        if cleaned.get("daily_check_in") and check_in_at and "quiet_from" in cleaned and "quiet_until" in cleaned:
            quiet = ReminderSettings(quiet_from=cleaned["quiet_from"], quiet_until=cleaned["quiet_until"])
            if quiet.is_quiet(check_in_at):
                self.add_error("check_in_at", "That time is inside your quiet hours. Pick another time.")
        if cleaned.get("by_email") and not cleaned.get("email"):
            self.add_error("email", "Add an e-mail address, or untick e-mail.")
        wanted = any(cleaned.get(name) for name in ("daily_check_in", "heads_up", "week_ready"))
        on_a_device = PushSubscription.objects.filter(user=self.user).exists()
        if wanted and not cleaned.get("by_email") and not on_a_device:
            raise forms.ValidationError(
                "Choose e-mail, or turn on notifications on this device, so your reminders can reach you."
            )
        return cleaned

    def save(self, commit=True):
        reminders = super().save(commit=False)
        reminders.changed_at = timezone.now()
        if self.cleaned_data["email"] and self.cleaned_data["email"] != self.user.email:
            self.user.email = self.cleaned_data["email"]
            self.user.save(update_fields=["email"])
        if commit:
            reminders.save()
        return reminders
