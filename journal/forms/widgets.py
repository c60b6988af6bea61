"""The inputs journal forms share: chips, the 0–10 scale, a local date and time; and small helpers for fields."""

import uuid

from django import forms

ZERO_TO_TEN_CHOICES = [(n, str(n)) for n in range(11)]


def zero_to_ten(label, required=True):
    """A 0–10 strength, answered with one tap on the scale."""
    return forms.TypedChoiceField(
        label=label, choices=ZERO_TO_TEN_CHOICES, coerce=int, empty_value=None, required=required, widget=ScaleSelect
    )


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
