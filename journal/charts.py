"""Small server-rendered SVG charts. No inline styles (the CSP forbids them): colours come from CSS classes
that hold colour-blind-safe palettes for light and dark mode. Text has no size here: the stylesheet sizes it in
rem, so it grows with the person's text size rather than staying at a fixed number of pixels. Every chart is
named by its <title> and <desc>; the page puts a data table beside each one for screen readers and for people
who prefer numbers.
"""

from itertools import count

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 320
# A bar's row: its label's baseline, then the bar. The room above the label and between label and bar lets the
# text grow to about twice its usual size before it meets a bar.
ROW_HEIGHT = 42
LABEL_BASELINE = 15
BAR_TOP = 22
_ids = count(1)


def _svg(height, title, description, body):
    chart_id = f"chart-{next(_ids)}"
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _fit(label, width):
    """`label` cut to about `width` user units of text at the usual size, so it stays clear of the number beside it."""
    chars = max(4, int(width / 6.8))
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _row_label(label, note, y):
    """A bar's label on the left and its figure on the right, above the bar."""
    room = WIDTH - 8 - 7 * len(note)
    return (
        f'<text x="0" y="{y + LABEL_BASELINE}">{escape(_fit(label, room))}</text>'
        f'<text x="{WIDTH}" y="{y + LABEL_BASELINE}" text-anchor="end">{escape(note)}</text>'
    )


def bars(rows, title, description, series="series-1", top=None):
    """Horizontal bars: rows of (label, value, text shown at the bar's end); `top` fixes the scale's end."""
    if not rows:
        return ""
    top = top or max(value for _, value, _ in rows) or 1
    parts = []
    for index, (label, value, note) in enumerate(rows):
        y = index * ROW_HEIGHT
        width = max(2, round(WIDTH * min(value, top) / top))
        parts.append(
            _row_label(label, note, y)
            + f'<rect class="{series}" x="0" y="{y + BAR_TOP}" width="{width}" height="14" rx="3"></rect>'
        )
    return _svg(len(rows) * ROW_HEIGHT, title, description, "".join(parts))


def split_bars(rows, title, description):
    """One bar per urge, split into acted on / held back / not decided: rows of (label, acted, held_back, undecided)."""
    if not rows:
        return ""
    top = max(sum(row[1:]) for row in rows) or 1
    parts = []
    for index, (label, *parts_of_bar) in enumerate(rows):
        y = index * ROW_HEIGHT
        x = 0
        parts.append(_row_label(label, str(sum(parts_of_bar)), y))
        for value, css in zip(parts_of_bar, ("series-2", "series-3", "series-none"), strict=True):
            width = round(WIDTH * value / top)
            if width:
                parts.append(f'<rect class="{css}" x="{x}" y="{y + BAR_TOP}" width="{width}" height="14"></rect>')
                x += width
    return _svg(len(rows) * ROW_HEIGHT, title, description, "".join(parts))


def heat_level(value, top):
    """0 for none, then 1–4 by share of the busiest cell."""
    if not value or not top:
        return 0
    return min(4, 1 + int(3 * value / top + 0.5)) if value < top else 4


def heatmap(rows, columns, title, description):
    """A grid of counts: rows of (row label, [count per column])."""
    top = max((value for _, values in rows for value in values), default=0)
    label_width, cell_width, cell_height, header = 40, (WIDTH - 40) // len(columns), 30, 20
    parts = [
        f'<text x="{label_width + i * cell_width + cell_width / 2:.0f}" y="13" class="column-label" '
        f'text-anchor="middle">{escape(name)}</text>'
        for i, name in enumerate(columns)
    ]
    for r, (label, values) in enumerate(rows):
        y = header + r * cell_height
        parts.append(f'<text x="0" y="{y + 19}">{escape(label)}</text>')
        for c, value in enumerate(values):
            x = label_width + c * cell_width
            level = heat_level(value, top)
            parts.append(
                f'<rect class="heat-{level}" x="{x + 1}" y="{y + 1}" width="{cell_width - 2}" '
                f'height="{cell_height - 2}" rx="4"></rect>'
            )
            if value:
                parts.append(
                    f'<text class="heat-ink-{level}" x="{x + cell_width / 2:.0f}" y="{y + 20}" '
                    f'text-anchor="middle">{value}</text>'
                )
    return _svg(header + len(rows) * cell_height, title, description, "".join(parts))


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
