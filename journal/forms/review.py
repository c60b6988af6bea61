"""The weekly reflection written beside the review."""

from django import forms

from journal.models import WeeklyReflection


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = WeeklyReflection
        fields = ["noticed", "helped", "intention"]
        widgets = {"noticed": forms.Textarea(attrs={"rows": 3}), "helped": forms.Textarea(attrs={"rows": 3})}
