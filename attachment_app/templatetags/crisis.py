from typing import NamedTuple

from django import template

from attachment_app.crisis_lines import crisis_lines

register = template.Library()


class Place(NamedTuple):
    country: object  # a crisis_lines.Country, or None when we don't know
    guessed: bool
    fallback: object


@register.simple_tag
def lines_for_person(journal_settings):
    """The lines for someone's chosen country; else for the one their time zone suggests, marked as a guess."""
    lines = crisis_lines()
    if chosen := lines.get(journal_settings.country):
        return Place(chosen, False, lines.fallback)
    return Place(lines.suggested_for_zone(journal_settings.time_zone), True, lines.fallback)
