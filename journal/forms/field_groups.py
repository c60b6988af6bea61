"""Field groups (label or legend, help, errors, input) written in Python for the forms on the pages people wait on.

The output is exactly what Django's field.html and label.html write (tests/journal/test_form_rendering.py compares
them field by field); without their three template renders per field, the quick log, a moment's page and the
entries list take about half the time.
"""

from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from journal.forms.widgets import html_attrs

DJANGO_TEMPLATES = ("django/forms/field.html", "django/forms/label.html")  # what this writes without them


class FieldGroup(BoundField):
    def as_field_group(self):
        if (self.template_name, self.form.template_name_label) != DJANGO_TEMPLATES:
            return super().as_field_group()
        tag = "legend" if self.use_fieldset else "label"
        help_text = ""
        if self.help_text:
            help_id = format_html(' id="{}_helptext"', self.auto_id) if self.auto_id else ""
            help_text = format_html('<div class="helptext"{}>{}</div>', help_id, mark_safe(self.help_text))
        group = format_html(
            "{}\n\n{}\n{}\n{}",
            self.label_or_legend(tag) if self.label else "",
            help_text,
            self.errors if self.errors else "",
            self,
        )
        if self.use_fieldset:
            describedby = format_html(' aria-describedby="{}"', self.aria_describedby) if self.aria_describedby else ""
            group = format_html("<fieldset{}>\n  {}</fieldset>", describedby, group)
        return mark_safe(group.strip())

    def label_or_legend(self, tag):
        """BoundField.label_tag() without its template."""
        contents = self.label
        label_suffix = self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
        if label_suffix and contents and contents[-1] not in _(":?.!"):
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if not id_:
            return conditional_escape(contents)
        attrs = {}
        id_for_label = widget.id_for_label(id_)
        if id_for_label:
            attrs["for"] = id_for_label
        if self.field.required and hasattr(self.form, "required_css_class"):
            attrs["class"] = self.form.required_css_class
        return format_html("<{}{}>{}</{}>", tag, html_attrs(attrs), contents, tag)
