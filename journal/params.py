"""Numbers from a URL's query string, which anyone can type: "²" and "٣" are digits to Python but not ids."""

LARGEST_ID = 2**63 - 1


def whole_number(value, default=None):
    """`value` as a non-negative whole number written in ASCII digits that fits an id column, else `default`."""
    if not value or not (value.isascii() and value.isdecimal()):
        return default
    number = int(value)
    return number if number <= LARGEST_ID else default
