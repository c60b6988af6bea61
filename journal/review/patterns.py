"""What the weeks shown hold: triggers and urges by name, times of day, body sensations, what helps, evidence
from the person's own log, the bright side, and the lessons that fit."""

import functools
from collections import Counter, defaultdict

from attachment_app.lessons import library
from journal.choices import BodySensation, SoothingAction, TriggerKind, Urge, lesson_for
from journal.models import CustomChoice, LogTag, SecureMoment, choice_label
from journal.review.counts import PERIODS
from journal.review.totals import BRIGHT_SIDE_SHOWN, Relief


def choice_labellers(user):
    """Label functions for trigger kinds and urges, the person's own ones included; built-in ones by dictionary.
    The person's own labels are read once, the first time one is needed (most weeks use only built-in choices)."""

    @functools.cache
    def custom():
        return {choice.key: choice.label for choice in CustomChoice.objects.for_user(user)}

    def labeller(choices):
        built_in = dict(choices.choices)  # `choices.values` builds a new list on every use
        return lambda value: built_in.get(value) or choice_label(choices, value, custom())

    trigger_label, urge_label = labeller(TriggerKind), labeller(Urge)
    return trigger_label, lambda value: urge_label(value) if value else "No urge noted"


def bright_side(user, start, end, saved):
    """The latest secure moments of the weeks shown (`saved` of them in all), newest first, a few at most."""
    if not saved:
        return []
    return list(
        SecureMoment.objects.for_user(user).between(start, end).order_by("-occurred_at", "-id")[:BRIGHT_SIDE_SHOWN]
    )


def week_heatmap(week_counts, week):
    """7 rows (days in the person's week order) × 4 periods (morning, afternoon, evening, night), summed over the
    weeks' counts."""
    counts = Counter()
    for one_week in week_counts:
        for cell, moments in one_week["cells"]:
            counts[cell] += moments
    return [
        (f"{day:%a}", [counts[day_index * len(PERIODS) + period] for period in range(len(PERIODS))])
        for day_index, day in enumerate(week.days)
    ]


def most_first(row):
    """Sort key for (label…, count) rows: the biggest count first, ties in alphabetical order."""
    return (-row[-1], *row[:-1])


def sensations_and_what_helps(shown_counts, summary):
    """Top body sensations, and what helps: each soothing action, and pausing, ranked by the average drop in
    intensity on the moments it was part of (how strong at first minus how strong afterwards).

    A pause counts its own before and after; a soothing action counts its moment's `intensity` and
    `intensity_after`. Moments without a "how strong now" can't say how much helped, so they are not counted.
    """
    counts = defaultdict(Counter)
    drop_sum, measured = Counter(), Counter()
    for kind, value, moments, drop, moments_measured in (row for week in shown_counts for row in week["tags"]):
        counts[kind][value] += moments
        if kind == LogTag.Kind.HELPED:
            drop_sum[value] += drop
            measured[value] += moments_measured
    sensations = sorted(
        ((BodySensation(value).label, n) for value, n in counts[LogTag.Kind.SENSATION].items()), key=most_first
    )[:5]
    helped = [
        Relief(SoothingAction(value).label, measured[value], drop_sum[value]) for value in counts[LogTag.Kind.HELPED]
    ]
    pauses = Relief("A pause", sum(w.drop_count for w in summary), sum(w.drop_sum for w in summary))
    if any(week.pauses_completed for week in summary):
        helped.append(pauses)
    return sensations, sorted(helped, key=Relief.ranking)


def evidence(summary):
    """From the person's own log: how much the feeling had dropped afterwards when they paused, when they held
    back from the urge, and when they acted on it."""
    return [
        Relief("After a pause", sum(w.drop_count for w in summary), sum(w.drop_sum for w in summary)),
        Relief(
            "When you held back", sum(w.held_back_measured for w in summary), sum(w.held_back_drop_sum for w in summary)
        ),
        Relief(
            "When you acted on the urge", sum(w.acted_measured for w in summary), sum(w.acted_drop_sum for w in summary)
        ),
    ]


def suggested_lessons(triggers, urges):
    lessons = library()
    slugs = []
    if triggers:
        slugs.append(lesson_for(TriggerKind, triggers[0][0]))
    if urges:
        slugs.append(lesson_for(Urge, urges[0][0]))
        if sum(urge[2] for urge in urges) > sum(urge[3] for urge in urges):
            slugs.append("practise-the-pause")
    return [lesson for slug in dict.fromkeys(slugs) if (lesson := lessons.get(slug))]
