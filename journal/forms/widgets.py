"""The inputs journal forms share: chips, the 0–10 scale, a local date and time; and small helpers for fields."""

import functools
import uuid

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

ZERO_TO_TEN_CHOICES = [(n, str(n)) for n in range(11)]


def zero_to_ten(label, required=True):
    """A 0–10 strength, answered with one tap on the scale."""
    return forms.TypedChoiceField(
        label=label, choices=ZERO_TO_TEN_CHOICES, coerce=int, empty_value=None, required=required, widget=ScaleSelect
    )


def html_attrs(attrs):
    """Attributes as Django's widgets/attrs.html writes them, in order: `True` alone, `False` left out."""
    return format_html_join(
        "", "{}", ((format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
                   for name, value in attrs.items() if value is not False)
    )  # fmt: skip


def chip(option):
    """One choice as a tappable chip: a label wrapping its radio or checkbox."""
    attrs = option["attrs"]
    return format_html(
        '<label class="chip"{}><input type="{}" name="{}"{}{}><span>{}</span></label>',
        format_html(' for="{}"', attrs["id"]) if attrs.get("id") else "",
        option["type"],
        option["name"],
        format_html(' value="{}"', option["value"]) if option["value"] is not None else "",
        html_attrs(attrs),
        option["label"],
    )


@functools.lru_cache(maxsize=1024)
def options_html(widget_class, widget_attrs, choices, name, values, attrs):
    """A choice widget's options as HTML, kept per process: a person sees the same choices, mostly unchosen, each
    time they open the quick log or their entries."""
    widget = widget_class(attrs=dict(widget_attrs), choices=choices)
    return widget.write_options(widget.optgroups(name, list(values), dict(attrs)))


def frozen(choices):
    """Choices as tuples all the way down (a group's options may be a list), so they can key a cache."""
    return tuple(
        (key, tuple(map(tuple, label)) if isinstance(label, list | tuple) else label) for key, label in choices
    )


class KeptOptionsMixin:
    """Options written in Python by `write_options`, not with a template include each (a quick log has about forty
    chips), and kept."""

    def get_context(self, name, value, attrs):
        # ChoiceWidget's own context would build every option's context; they are needed only when not kept.
        context = super(ChoiceWidget, self).get_context(name, value, attrs)
        context["widget"]["options_html"] = options_html(
            type(self),
            tuple(self.attrs.items()),
            frozen(self.choices),
            name,
            tuple(context["widget"]["value"]),
            tuple((attrs or {}).items()),
        )
        return context


class ChipsMixin(KeptOptionsMixin):
    """Tappable chips in a row, written without a template at all."""

    row_class = "chips"
    after_row = ""

    @staticmethod
    def write_options(optgroups):
        options = (option for _group, group_options, _index in optgroups for option in group_options)
        return format_html_join("", "{}\n", ((chip(option),) for option in options))

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        row_id = format_html(' id="{}"', widget["attrs"]["id"]) if widget["attrs"].get("id") else ""
        return format_html(
            '<div{} class="{}">{}</div>{}', row_id, self.row_class, widget["options_html"], self.after_row
        )


class ChipSelect(ChipsMixin, forms.RadioSelect):
    pass


class ChipSelectMultiple(ChipsMixin, forms.CheckboxSelectMultiple):
    pass


class ScaleSelect(ChipSelect):
    row_class = "scale"
    after_row = mark_safe(
        '\n<div class="scale-ends" aria-hidden="true"><span>0 calm</span><span>10 overwhelming</span></div>'
    )


class KeptSelect(KeptOptionsMixin, forms.Select):
    """A drop-down list written as Django's select.html and select_option.html write it."""

    template_name = "journal/widgets/select.html"

    @staticmethod
    def write_options(optgroups):
        parts = []
        for group_name, options, _index in optgroups:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        option["value"],
                        html_attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append(mark_safe("\n  </optgroup>"))
        return mark_safe("".join(parts))


class WrittenInput:
    """An <input> written in Python as Django's input.html writes it, for the fields of the pages people wait on."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        given = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, given, html_attrs(widget["attrs"]))


class TextInput(WrittenInput, forms.TextInput):
    pass


class HiddenInput(WrittenInput, forms.HiddenInput):
    pass


class TimeInput(WrittenInput, forms.TimeInput):
    pass


class Textarea(forms.Textarea):
    """A <textarea> written in Python as Django's textarea.html writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>', name, html_attrs(widget["attrs"]), widget["value"] or ""
        )


class LocalDateTimeInput(WrittenInput, forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def new_submission_key():
    """A one-time key for a form, so a double tap or a resent form saves once (see `journal.submissions`)."""
    return str(uuid.uuid4())


def with_custom(choices, custom, list_name):
    """Built-in choices followed by the user's own for that list."""
    return [*choices, *[(choice.key, choice.label) for choice in custom if choice.list_name == list_name]]
