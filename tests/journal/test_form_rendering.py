"""The quick log, a moment's page and the entries list write their fields in Python (journal.forms.field_groups,
and chips kept per process in journal.forms.widgets) for speed; what a person gets must not change."""

import re
from datetime import datetime

import pytest
from django import forms
from django.forms import BoundField

from journal.choices import Emotion, TriggerKind
from journal.factories import CustomChoiceFactory, TriggerLogFactory
from journal.forms import EntryFilterForm, LogDetailForm, QuickLogForm, TriggerLogForm
from journal.forms.lock import PinField
from journal.forms.widgets import (
    HiddenInput,
    KeptSelect,
    LocalDateTimeInput,
    Textarea,
    TextInput,
    TimeInput,
    zero_to_ten,
)
from journal.models import CustomChoice, LogTag


@pytest.fixture
def journal_forms(owner):
    custom = [CustomChoiceFactory(user=owner, list_name=CustomChoice.ListName.TRIGGER, label="A long silence")]
    log = TriggerLogFactory(user=owner)
    log.set_tags(LogTag.Kind.EMOTION, [Emotion.FEAR])
    return [
        QuickLogForm(custom_choices=custom),
        QuickLogForm({"trigger_kind": "nope", "intensity": "11", "when": "today"}, custom_choices=custom),
        LogDetailForm(instance=log),
        LogDetailForm({"urge_strength": "12", "emotions": [Emotion.FEAR, "nope"]}, instance=log),
        TriggerLogForm(instance=log, custom_choices=custom),
        EntryFilterForm(),
        EntryFilterForm({"trigger": "nope", "since": "2026-02-02", "until": "2026-02-01"}),
    ]


def test_each_field_reads_exactly_as_djangos_own_templates_write_it(journal_forms):
    fields_with_errors = 0
    for form in journal_forms:
        for field in form:
            as_django_writes_it = BoundField(form, field.field, field.name).as_field_group()
            assert str(field.as_field_group()) == str(as_django_writes_it), (type(form).__name__, field.name)
            fields_with_errors += bool(field.errors)
    assert fields_with_errors >= 4


def chosen(html, name):
    return re.findall(rf'name="{name}" value="([^"]+)"[^>]* checked', html)


def test_kept_chips_show_each_form_its_own_choice():
    first = str(QuickLogForm({"trigger_kind": "slow_reply"})["trigger_kind"])
    second = str(QuickLogForm({"trigger_kind": "plans_changed"})["trigger_kind"])
    again = str(QuickLogForm({"trigger_kind": "slow_reply"})["trigger_kind"])
    assert chosen(first, "trigger_kind") == ["slow_reply"] == chosen(again, "trigger_kind")
    assert chosen(second, "trigger_kind") == ["plans_changed"]
    assert chosen(str(QuickLogForm()["trigger_kind"]), "trigger_kind") == []


@pytest.mark.parametrize("value", ["", "slow_reply", "not-a-choice", None])
def test_kept_drop_downs_read_exactly_as_djangos(value):
    choices = [("", "Any trigger"), *TriggerKind.choices, ("Yours", [("a-long-silence", "A long silence")])]
    attrs = {"id": "id_trigger", "aria-invalid": "true"}
    kept = KeptSelect(choices=choices).render("trigger", value, attrs)
    assert kept == forms.Select(choices=choices).render("trigger", value, attrs)


@pytest.mark.parametrize("value", ["", 'A <b>bold</b> & "quoted" day', None])
@pytest.mark.parametrize(
    ("written", "djangos"),
    [
        (TextInput(attrs={"placeholder": "In a few words"}), forms.TextInput(attrs={"placeholder": "In a few words"})),
        (HiddenInput(), forms.HiddenInput()),
        (Textarea(attrs={"rows": 3}), forms.Textarea(attrs={"rows": 3})),
    ],
)
def test_written_inputs_read_exactly_as_djangos(written, djangos, value):
    attrs = {"id": "id_story", "required": True, "aria-invalid": "true", "disabled": False}
    assert written.render("story", value, attrs) == djangos.render("story", value, attrs)


def test_written_time_inputs_read_exactly_as_djangos():
    at = datetime(2026, 12, 7, 9, 5)
    assert TimeInput(attrs={"type": "time"}, format="%H:%M").render("t", at.time()) == forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"
    ).render("t", at.time())
    assert LocalDateTimeInput().render("d", at) == forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    ).render("d", at)


def pin_form(data=None):
    class PinForm(forms.Form):  # built in the test, so the field is made while the test runs
        pin = PinField()

    return PinForm(data)


def strength_form(data=None):
    class StrengthForm(forms.Form):
        needed = zero_to_ten("How strong?")
        optional = zero_to_ten("How strong now?", required=False)

    return StrengthForm(data)


def test_a_new_pin_field_asks_a_phone_for_its_number_pad_and_is_never_shown_or_remembered():
    html = str(pin_form({"pin": "1234"})["pin"])
    assert re.search(r'<input type="password" name="pin"', html), "the PIN is never shown, even when sent back"
    assert 'value="1234"' not in html
    for attr in ['inputmode="numeric"', 'autocomplete="off"', 'pattern="[0-9]*"', 'class="pin-input"', "required"]:
        assert attr in html
    assert 'minlength="4"' in html and 'maxlength="8"' in html


@pytest.mark.parametrize(("pin", "valid"), [("1234", True), ("12345678", True), ("123", False), ("123456789", False)])
def test_a_new_pin_field_takes_4_to_8_digits(pin, valid):
    assert pin_form({"pin": pin}).is_valid() is valid


def test_a_new_strength_is_a_whole_number_from_0_to_10_on_a_scale_of_eleven_taps():
    form = strength_form({"needed": "0", "optional": "10"})
    assert form.is_valid() and form.cleaned_data == {"needed": 0, "optional": 10}
    unanswered = strength_form({"needed": "5", "optional": ""})
    assert unanswered.is_valid() and unanswered.cleaned_data["optional"] is None
    assert "needed" in strength_form({"needed": "", "optional": "3"}).errors
    assert "needed" in strength_form({"needed": "11"}).errors
    html = str(strength_form()["needed"])
    assert len(re.findall(r'type="radio"', html)) == 11
    assert 'value="0"' in html and 'value="10"' in html


def test_a_new_local_time_input_keeps_its_attributes_and_writes_minutes():
    widget = LocalDateTimeInput(attrs={"max": "2026-02-01T10:00", "class": "when"})
    html = widget.render("when", datetime(2026, 2, 1, 9, 5, 30))
    assert 'type="datetime-local"' in html and 'value="2026-02-01T09:05"' in html
    assert 'max="2026-02-01T10:00"' in html and 'class="when"' in html


def test_a_chip_is_a_label_wrapping_its_input_and_tied_to_it_by_id():
    chips = re.findall(r'<label class="chip".*?</label>', str(QuickLogForm()["trigger_kind"]))
    assert chips[0] == (
        '<label class="chip" for="id_trigger_kind_0"><input type="radio" name="trigger_kind" value="slow_reply"'
        ' required id="id_trigger_kind_0"><span>Slow or no reply</span></label>'
    )
    assert '</label>\n<label class="chip"' in str(QuickLogForm()["trigger_kind"]), "one chip to a line"
    checked = re.findall(r'<label class="chip".*?</label>', str(QuickLogForm()["when"]))[0]
    assert checked.endswith(' id="id_when_0" checked><span>Now</span></label>')


def test_a_chip_in_a_form_without_ids_has_no_for():
    chips = re.findall(r'<label class="chip".*?</label>', str(QuickLogForm(auto_id=False)["trigger_kind"]))
    assert chips[0] == (
        '<label class="chip"><input type="radio" name="trigger_kind" value="slow_reply" required>'
        "<span>Slow or no reply</span></label>"
    )


def test_a_moments_detail_opens_with_its_own_tags_chosen(owner_client, owner):
    log = TriggerLogFactory(user=owner)
    log.set_tags(LogTag.Kind.EMOTION, [Emotion.FEAR])
    page = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    assert re.search(r'value="fear" id="id_emotions_\d+" checked>', page)
    assert not re.search(r'value="sadness" id="id_emotions_\d+" checked>', page)
