"""Small server-rendered charts. No inline styles (the CSP forbids them): colours come from CSS classes that hold
colour-blind-safe palettes for light and dark mode.

Words and numbers are HTML text, sized by the stylesheet in rem, so they grow with the person's text size and
wrap rather than overlap; only the bars are SVG (a rect's width is an attribute, which the CSP allows where an
inline style is not). Each chart is one image to assistive technology, named by its title and description; the
page puts a data table beside each one for screen readers and for people who prefer numbers.
"""

from itertools import count

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 320  # a bar's full length, in the units of its viewBox
_ids = count(1)


def _chart(kind, title, description, body):
    chart_id = f"chart-{next(_ids)}"
    return mark_safe(
        f'<div class="chart {kind}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<span class="visually-hidden" id="{chart_id}-title">{escape(title)}</span>'
        f'<span class="visually-hidden" id="{chart_id}-desc">{escape(description)}</span>'
        f"{body}</div>"
    )


def _bar(segments):
    """One bar as SVG: segments of (length out of WIDTH, css class), laid end to end."""
    rects, x = [], 0
    for length, css in segments:
        if length:
            rects.append(f'<rect class="{css}" x="{x}" y="0" width="{length}" height="14"></rect>')
            x += length
    return (
        f'<svg class="bar" viewBox="0 0 {WIDTH} 14" preserveAspectRatio="none" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(rects)}</svg>'
    )


def _bar_row(label, note, bar):
    return (
        f'<div class="bar-row"><span class="bar-label">{escape(label)}</span>'
        f'<span class="bar-note">{escape(note)}</span>{bar}</div>'
    )


def bars(rows, title, description, series="series-1", top=None):
    """Horizontal bars: rows of (label, value, text shown beside the label); `top` fixes the scale's end."""
    if not rows:
        return ""
    top = top or max(value for _, value, _ in rows) or 1
    body = "".join(
        _bar_row(label, note, _bar([(max(2, round(WIDTH * min(value, top) / top)), series)]))
        for label, value, note in rows
    )
    return _chart("bar-chart", title, description, body)


def split_bars(rows, title, description):
    """One bar per urge, split into acted on / held back / not decided: rows of (label, acted, held_back, undecided)."""
    if not rows:
        return ""
    top = max(sum(row[1:]) for row in rows) or 1
    body = "".join(
        _bar_row(
            label,
            str(sum(parts_of_bar)),
            _bar(
                (round(WIDTH * value / top), css)
                for value, css in zip(parts_of_bar, ("series-2", "series-3", "series-none"), strict=True)
            ),
        )
        for label, *parts_of_bar in rows
    )
    return _chart("bar-chart", title, description, body)


def heat_level(value, top):
    """0 for none, then 1–4 by share of the busiest cell."""
    if not value or not top:
        return 0
    return min(4, 1 + int(3 * value / top + 0.5)) if value < top else 4


def heatmap(rows, columns, title, description):
    """A grid of counts: rows of (row label, [count per column]); a CSS grid of shaded cells."""
    top = max((value for _, values in rows for value in values), default=0)
    cells = ['<span class="heat-corner"></span>']
    cells += [f'<span class="heat-column">{escape(name)}</span>' for name in columns]
    for label, values in rows:
        cells.append(f'<span class="heat-row">{escape(label)}</span>')
        for value in values:
            level = heat_level(value, top)
            cells.append(f'<span class="heat-cell heat-{level}">{value or ""}</span>')
    return _chart("heat-chart", title, description, f'<div class="heat-grid">{"".join(cells)}</div>')


def sparkline(values, title):
    """A small line over the last weeks; weeks with nothing to show leave a gap. Its name reads out the values."""
    width, height, pad = 96, 28, 3
    known = [value for value in values if value is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    spread = (high - low) or 1
    step = (width - 2 * pad) / max(1, len(values) - 1)
    points, segments = [], []
    for index, value in enumerate(values):
        if value is None:
            if points:
                segments.append(points)
            points = []
            continue
        y = height - pad - (value - low) / spread * (height - 2 * pad)
        points.append(f"{pad + index * step:.1f},{y:.1f}")
    if points:
        segments.append(points)
    lines = "".join(
        f'<polyline class="line-1" points="{" ".join(segment)}" stroke-width="2"></polyline>' for segment in segments
    )
    last = segments[-1][-1].split(",")
    dot = f'<circle class="series-1" cx="{last[0]}" cy="{last[1]}" r="2.5"></circle>'
    spoken = ", ".join("none" if value is None else f"{round(value, 1):g}" for value in values)
    name = escape(f"{title}, oldest first: {spoken}")
    return mark_safe(
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{name}" xmlns="http://www.w3.org/2000/svg"><title>{name}</title>{lines}{dot}</svg>'
    )
