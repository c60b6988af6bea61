from typing import NamedTuple

from django import template
from django.urls import reverse

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
