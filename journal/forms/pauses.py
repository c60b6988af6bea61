"""A pause: starting it, the message kept instead of sent, and how it went."""

from django import forms

from journal.choices import PAUSE_MINUTES, UnsentChoice, UrgePassed
from journal.forms.widgets import ChipSelect, new_submission_key, zero_to_ten
from journal.models import PauseSession


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
