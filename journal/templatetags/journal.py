from typing import NamedTuple

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from attachment_app.lessons import library
from journal.choices import TriggerKind, Urge
from journal.forms import new_submission_key
from journal.models import choice_label

register = template.Library()


@register.filter
def trigger_label(value, custom_labels=None):
    return choice_label(TriggerKind, value, custom_labels)


@register.filter
def urge_label(value, custom_labels=None):
    return choice_label(Urge, value, custom_labels) if value else ""


class LessonSection(NamedTuple):
    lesson: object
    anchor: str

    @property
    def url(self):
        return f"{reverse('lesson_detail', args=[self.lesson.slug])}#{self.anchor}"


@register.simple_tag
def lessons_for(log):
    """The lesson sections that explain a trigger log, in the order they matter."""
    lessons = library()
    sections = (link.partition("#")[::2] for link in log.lesson_links)
    return [LessonSection(lesson, anchor) for slug, anchor in sections if (lesson := lessons.get(slug))]


@register.simple_tag
def lesson_titled(slug):
    return library().get(slug)


@register.simple_tag
def submission_key():
    """A fresh one-time key for a one-button form (see journal.submissions.save_once)."""
    return new_submission_key()


@register.filter
def clock(seconds):
    """1187 -> '19:47'."""
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def mid_sentence(label):
    """A choice label as it reads inside a sentence: 'No, I let it pass' -> 'no, I let it pass'."""
    label = str(label)
    first_word = label.split(" ", 1)[0].rstrip(",.")
    if not label or first_word == "I" or first_word.isupper():
        return label
    return label[0].lower() + label[1:]


@register.filter
def moment_time(value):
    """'Mon 1 Jan, 09:00' this year; 'Mon 1 Jan 1990, 09:00' any other year, in the person's zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    pattern = "D j M, H:i" if local.year == timezone.localdate().year else "D j M Y, H:i"
    return date_format(local, pattern)
