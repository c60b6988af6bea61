"""Values anyone can type into a URL or a form: "²" and "٣" are digits to Python but not ids, and a phone's
clock sends a time that may be nonsense."""

from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime

LARGEST_ID = 2**63 - 1


def whole_number(value, default=None):
    """`value` as a non-negative whole number written in ASCII digits that fits an id column, else `default`."""
    if not value or not (value.isascii() and value.isdecimal()):
        return default
    number = int(value)
    return number if number <= LARGEST_ID else default


def instant(value):
    """`value` as an aware datetime if it is an ISO 8601 date and time (a phone's clock, sent as UTC), else None."""
    try:
        moment = parse_datetime(value or "")
    except ValueError:
        return None
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
