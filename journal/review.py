"""The weekly review: every figure, chart and observation for one week (or a run of weeks) of one person.

All counting happens in the database, grouped by local week or by day and time of day (see `bucket`), so the
number of queries is fixed and the rows returned stay small whatever the history.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Count, F, IntegerField, Max, Q, Sum
from django.db.models.expressions import RawSQL

from attachment_app.lessons import library
from journal.choices import ActedOn, BodySensation, Emotion, SoothingAction, TriggerKind, Urge, UrgePassed, lesson_for
from journal.models import (
    CustomChoice,
    LogTag,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    choice_label,
)
from journal.weeks import Week, date_range_label

TREND_WEEKS = 8
MAX_WEEKS = 12
RECURRING_WEEKS = 4
# Fewer measured moments than this behind an average, and the review says "too few to tell" rather than rank it.
ENOUGH_TO_TELL = 3
BRIGHT_SIDE_SHOWN = 5
# Times of day, in the order people think of them; `start` is the first local hour.
PERIODS = [("morning", "Morning", 6), ("afternoon", "Afternoon", 12), ("evening", "Evening", 18), ("night", "Night", 0)]
ACTED = (ActedOn.YES, ActedOn.PARTLY)


@dataclass
class WeekTotals:
    week: Week
    moments: int = 0
    intensity_sum: int = 0
    peak: int | None = None
    acted: int = 0
    held_back: int = 0
    # The drop in intensity (how strong at first minus how strong afterwards) on moments that have both,
    # by what the person did with the urge.
    acted_drop_sum: int = 0
    acted_measured: int = 0
    held_back_drop_sum: int = 0
    held_back_measured: int = 0
    pauses_started: int = 0
    pauses_completed: int = 0
    urge_faded: int = 0
    urge_partly: int = 0
    drop_sum: int = 0
    drop_count: int = 0
    reframes: int = 0
    secure_moments: int = 0
    triggers: Counter = field(default_factory=Counter)
    trigger_intensity: Counter = field(default_factory=Counter)

    @property
    def average_intensity(self):
        return self.intensity_sum / self.moments if self.moments else None

    @property
    def average_drop(self):
        return self.drop_sum / self.drop_count if self.drop_count else None

    @property
    def faded_share(self):
        return self.urge_faded / self.pauses_completed if self.pauses_completed else None


@dataclass
class Figure:
    label: str
    value: float | None
    previous: float | None
    trend: list
    unit: str = ""
    decimals: int = 0

    @property
    def display(self):
        if self.value is None:
            return "–"
        return f"{self.value:.{self.decimals}f}{self.unit}"

    @property
    def change(self):
        """Plain words for the change from last week; never good or bad, just what moved."""
        if self.value is None or self.previous is None:
            return "nothing to compare with last week"
        difference = self.value - self.previous
        if abs(difference) < 10**-self.decimals / 2:
            return "same as last week"
        direction = "up" if difference > 0 else "down"
        if self.unit == "%":
            return f"{direction} from {self.previous:.0f}% last week"
        return f"{direction} {abs(difference):.{self.decimals}f} from last week"


@dataclass(frozen=True)
class Relief:
    """How much lower a feeling was afterwards, on average, over the moments where both strengths were noted."""

    label: str
    moments: int
    drop_sum: int

    @property
    def enough_to_tell(self):
        return self.moments >= ENOUGH_TO_TELL

    @property
    def average_drop(self):
        return self.drop_sum / self.moments if self.moments else None

    @property
    def moments_label(self):
        return f"{self.moments} moment{'s' if self.moments != 1 else ''}"

    @property
    def difference(self):
        """The average drop in words: "3.1 lower", "0.5 higher" or "about the same"."""
        drop = self.average_drop or 0
        if abs(drop) < 0.05:
            return "about the same"
        return f"{abs(drop):.1f} {'lower' if drop > 0 else 'higher'}"

    @property
    def change(self):
        """The average in words ("3.1 lower on average"), or "too few to tell" under ENOUGH_TO_TELL moments."""
        if not self.enough_to_tell:
            return "too few to tell"
        return f"{self.difference} on average"

    def ranking(self):
        """Sort key: the biggest average drop first; those with too few moments last, the most used of them first."""
        if self.enough_to_tell:
            return (0, -self.average_drop, -self.moments, self.label)
        return (1, 0, -self.moments, self.label)


@dataclass
class Review:
    week: Week
    weeks: int
    history: list
    figures: list
    triggers: list
    heatmap: list
    periods: list
    urges: list
    sensations: list
    helped: list
    evidence: list
    pairs: list
    recurring: list
    observations: list
    lessons: list
    bright_side: list

    @property
    def previous(self):
        """Totals for the week before the one shown."""
        return self.history[-2]

    @property
    def is_empty(self):
        return not any(
            totals.moments or totals.pauses_started or totals.reframes or totals.secure_moments
            for totals in self.summary_weeks
        )

    @property
    def secure_moments(self):
        """Secure moments saved in the weeks shown."""
        return sum(totals.secure_moments for totals in self.summary_weeks)

    @property
    def helped_too_few(self):
        return [relief for relief in self.helped if not relief.enough_to_tell]

    @property
    def has_evidence(self):
        return any(relief.moments for relief in self.evidence)

    enough_to_tell = ENOUGH_TO_TELL

    @property
    def summary_weeks(self):
        return self.history[-self.weeks :]

    @property
    def label(self):
        """The dates covered: one week's, or from the first shown week's start to the last one's end."""
        return date_range_label(self.summary_weeks[0].week.start, self.week.end - timedelta(days=1))


def bucket(model, field, boundaries):
    """The index i of the interval [boundaries[i], boundaries[i + 1]) that holds `model.field`, as SQL.

    Boundaries are instants computed in the person's zone (local midnights, local 6 am…), so the database buckets
    rows by local week or time of day with plain comparisons on the stored UTC times: exact across daylight-saving
    changes, the same SQL on SQLite and PostgreSQL, and no per-row time-zone conversion. Rows are filtered to
    [boundaries[0], boundaries[-1]) first. Written as one CASE in raw SQL because the ORM's Case() with dozens of
    When()s costs milliseconds to compile on every request.
    """
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(field)}"
    whens = " ".join(f"WHEN {column} < %s THEN {index}" for index in range(len(boundaries) - 2))
    params = [connection.ops.adapt_datetimefield_value(boundary) for boundary in boundaries[1:-1]]
    return RawSQL(f"CASE {whens} ELSE {len(boundaries) - 2} END", params, output_field=IntegerField())


def week_boundaries(weeks):
    return [week.starts_at for week in weeks] + [weeks[-1].ends_at]


def _labels(user):
    """Label functions for trigger kinds and urges, the person's own ones included; built-in ones by dictionary."""
    custom = {choice.key: choice.label for choice in CustomChoice.objects.for_user(user)}

    def labeller(choices):
        built_in = dict(choices.choices)  # `choices.values` builds a new list on every use
        return lambda value: built_in.get(value) or choice_label(choices, value, custom)

    trigger_label, urge_label = labeller(TriggerKind), labeller(Urge)
    return trigger_label, lambda value: urge_label(value) if value else "No urge noted"


def _moments_by_week(user, boundaries):
    drop = F("intensity") - F("intensity_after")  # NULL, and so left out of sums, until "how strong now" is noted
    return (
        TriggerLog.objects.filter(user=user, occurred_at__gte=boundaries[0], occurred_at__lt=boundaries[-1])
        .annotate(week=bucket(TriggerLog, "occurred_at", boundaries))
        .values("week", "trigger_kind")
        .annotate(
            moments=Count("id"),
            intensity_sum=Sum("intensity"),
            peak=Max("intensity"),
            acted=Count("id", filter=Q(acted_on__in=ACTED)),
            held_back=Count("id", filter=Q(acted_on=ActedOn.NO)),
            acted_drop_sum=Sum(drop, filter=Q(acted_on__in=ACTED)),
            acted_measured=Count("intensity_after", filter=Q(acted_on__in=ACTED)),
            held_back_drop_sum=Sum(drop, filter=Q(acted_on=ActedOn.NO)),
            held_back_measured=Count("intensity_after", filter=Q(acted_on=ActedOn.NO)),
        )
        .order_by()
    )


def _pauses_by_week(user, boundaries):
    finished = Q(finished_at__isnull=False)
    measured = finished & Q(intensity_before__isnull=False, intensity_after__isnull=False)
    return (
        PauseSession.objects.filter(user=user, started_at__gte=boundaries[0], started_at__lt=boundaries[-1])
        .annotate(week=bucket(PauseSession, "started_at", boundaries))
        .values("week")
        .annotate(
            started=Count("id"),
            completed=Count("id", filter=finished),
            faded=Count("id", filter=finished & Q(urge_passed=UrgePassed.YES)),
            partly=Count("id", filter=finished & Q(urge_passed=UrgePassed.PARTLY)),
            drop_sum=Sum(F("intensity_before") - F("intensity_after"), filter=measured),
            drop_count=Count("id", filter=measured),
        )
        .order_by()
    )


def _reframes_by_week(user, boundaries):
    return (
        Reframe.objects.finished()
        .filter(user=user, created_at__gte=boundaries[0], created_at__lt=boundaries[-1])
        .annotate(week=bucket(Reframe, "created_at", boundaries))
        .values("week")
        .annotate(written=Count("id"))
        .order_by()
    )


def _secure_moments_by_week(user, boundaries):
    return (
        SecureMoment.objects.filter(user=user, occurred_at__gte=boundaries[0], occurred_at__lt=boundaries[-1])
        .annotate(week=bucket(SecureMoment, "occurred_at", boundaries))
        .values("week")
        .annotate(saved=Count("id"))
        .order_by()
    )


def _bright_side(user, start, end):
    """The latest secure moments of the weeks shown, newest first, a few at most."""
    return list(
        SecureMoment.objects.filter(user=user, occurred_at__gte=start, occurred_at__lt=end).order_by(
            "-occurred_at", "-id"
        )[:BRIGHT_SIDE_SHOWN]
    )


def _time_of_day_boundaries(weeks):
    """Local 00:00, 06:00, 12:00 and 18:00 of every day shown, in time order, each with its (day, period) cell."""
    starts, cells = [], []
    for week in weeks:
        for day_index, day in enumerate(week.days):
            for hour, period in ((0, 3), (6, 0), (12, 1), (18, 2)):
                starts.append(datetime.combine(day, time(hour), tzinfo=week.zone))
                cells.append(day_index * 4 + period)
    return starts + [weeks[-1].ends_at], cells


def _heatmap_counts(user, weeks):
    boundaries, cells = _time_of_day_boundaries(weeks)
    return [
        (cells[row["slot"]], row["moments"])
        for row in TriggerLog.objects.filter(user=user, occurred_at__gte=boundaries[0], occurred_at__lt=boundaries[-1])
        .annotate(slot=bucket(TriggerLog, "occurred_at", boundaries))
        .values("slot")
        .annotate(moments=Count("id"))
        .order_by()
    ]


def _urge_pairs(user, start, end):
    return (
        TriggerLog.objects.filter(user=user, occurred_at__gte=start, occurred_at__lt=end)
        .values("trigger_kind", "urge", "acted_on")
        .annotate(moments=Count("id"))
        .order_by()
    )


def _tags_by_week(user, boundaries):
    return (
        LogTag.objects.filter(log__user=user, log__occurred_at__gte=boundaries[0], log__occurred_at__lt=boundaries[-1])
        .annotate(week=bucket(TriggerLog, "occurred_at", boundaries))
        .values("week", "kind", "value")
        .annotate(
            moments=Count("id"),
            drop_sum=Sum(F("log__intensity") - F("log__intensity_after")),
            measured=Count("log__intensity_after"),
        )
        .order_by()
    )


def _weekly_totals(user, weeks):
    """Per-week totals for `weeks` (consecutive, oldest first), from four grouped queries."""
    boundaries = week_boundaries(weeks)
    totals = [WeekTotals(week) for week in weeks]
    for row in _moments_by_week(user, boundaries):
        week = totals[row["week"]]
        week.moments += row["moments"]
        week.intensity_sum += row["intensity_sum"]
        week.peak = max(week.peak or 0, row["peak"])
        week.acted += row["acted"]
        week.held_back += row["held_back"]
        week.acted_drop_sum += row["acted_drop_sum"] or 0
        week.acted_measured += row["acted_measured"]
        week.held_back_drop_sum += row["held_back_drop_sum"] or 0
        week.held_back_measured += row["held_back_measured"]
        week.triggers[row["trigger_kind"]] += row["moments"]
        week.trigger_intensity[row["trigger_kind"]] += row["intensity_sum"]
    for row in _pauses_by_week(user, boundaries):
        week = totals[row["week"]]
        week.pauses_started += row["started"]
        week.pauses_completed += row["completed"]
        week.urge_faded += row["faded"]
        week.urge_partly += row["partly"]
        week.drop_sum += row["drop_sum"] or 0
        week.drop_count += row["drop_count"]
    for row in _reframes_by_week(user, boundaries):
        totals[row["week"]].reframes += row["written"]
    for row in _secure_moments_by_week(user, boundaries):
        totals[row["week"]].secure_moments += row["saved"]
    return totals


def _figures(history):
    def figure(label, value_of, **options):
        trend = [value_of(week) for week in history[-TREND_WEEKS:]]
        previous = value_of(history[-2]) if len(history) > 1 else None
        return Figure(label, trend[-1], previous, trend, **options)

    def share(week):
        return None if week.faded_share is None else round(100 * week.faded_share)

    return [
        figure("Moments logged", lambda w: w.moments),
        figure("Average intensity", lambda w: w.average_intensity, decimals=1),
        figure("Peak intensity", lambda w: w.peak),
        figure("Pauses started", lambda w: w.pauses_started),
        figure("Pauses completed", lambda w: w.pauses_completed),
        figure("Urge faded during a pause", share, unit="%"),
        figure("Average drop across a pause", lambda w: w.average_drop, decimals=1),
        figure("Urges acted on", lambda w: w.acted),
        figure("Urges held back", lambda w: w.held_back),
        figure("Reframes written", lambda w: w.reframes),
        figure("Secure moments saved", lambda w: w.secure_moments),
    ]


def _heatmap(cell_counts, week):
    """7 rows (days in the person's week order) × 4 periods (morning, afternoon, evening, night)."""
    counts = Counter()
    for cell, moments in cell_counts:
        counts[cell] += moments
    return [
        (f"{day:%a}", [counts[day_index * 4 + period] for period in range(4)])
        for day_index, day in enumerate(week.days)
    ]


LONG_DAY = {"Mon": "Monday", "Tue": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday", "Fri": "Friday",
            "Sat": "Saturday", "Sun": "Sunday"}  # fmt: skip


def _times(n):
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _when_they_came(heatmap, total):
    """Words for when moments clustered ("in the evenings, Sunday evenings most of all"), or "" if they didn't."""
    cells = sorted(
        ((count, day, period) for day, counts in heatmap for period, count in enumerate(counts)), reverse=True
    )
    (count, day, period), runner_up = cells[0], cells[1][0]
    # One cell of the 28 holding three times its share (and at least two moments) is a cluster worth naming;
    # so is one time of day holding 60% of the moments.
    cell = count >= 2 and count > runner_up and count * len(cells) >= 3 * total
    by_period = [sum(counts[p] for _, counts in heatmap) for p in range(len(PERIODS))]
    busiest_period = by_period.index(max(by_period))
    mostly = by_period[busiest_period] >= 2 and by_period[busiest_period] * 5 >= total * 3
    if mostly and cell and period == busiest_period:
        return f"in the {PERIODS[period][0]}s, {LONG_DAY[day]} {PERIODS[period][0]}s most of all"
    if cell:
        return f"on {LONG_DAY[day]} {PERIODS[period][0]}s"
    if mostly:
        return f"in the {PERIODS[busiest_period][0]}s"
    return ""


def _top_trigger_note(triggers, heatmap, total, trigger_label):
    key, count = triggers[0][0], triggers[0][2]
    tied = [other[0] for other in triggers[1:] if other[2] == count]
    if tied:
        note = (
            f"“{trigger_label(key)}” and “{trigger_label(tied[0]).lower()}” came up most often "
            f"({_times(count)} each, of {total} moments)"
        )
    elif total == 1:
        note = f"Your one moment came after “{trigger_label(key).lower()}”"
    elif count * 2 > total:
        note = f"Most moments came after “{trigger_label(key).lower()}” ({count} of {total})"
    else:
        note = f"“{trigger_label(key)}” came up most often ({count} of {total} moments)"
    when = _when_they_came(heatmap, total)
    return f"{note}, and they gathered {when}." if when else f"{note}."


def _change_note(summary, history):
    """How this week, or the run of weeks shown, compares with what came before; None when nothing moved much."""
    if len(summary) == 1:
        total = summary[0].moments
        earlier = [week.moments for week in history[:-1][-RECURRING_WEEKS:] if week.moments]
        if not (total and earlier):
            return None
        usual = sum(earlier) / len(earlier)
        if total <= usual * 0.7:
            return f"This week was quieter than the weeks before: {total} moments, against about {usual:.0f}."
        if total >= usual * 1.3:
            return (
                f"This week brought more moments than usual ({total}, against about {usual:.0f}). "
                "Hard weeks happen; noticing them is part of the work."
            )
        return None
    half = len(summary) // 2
    first = sum(week.moments for week in summary[:half]) / half
    last = sum(week.moments for week in summary[-half:]) / half
    if first and abs(last - first) >= 0.3 * first:
        return (
            f"Moments went from about {first:.0f} a week in the first {half} weeks "
            f"to about {last:.0f} a week in the last {half}."
        )
    return None


def _observations(summary, history, triggers, heatmap, trigger_label):
    """Two or three plain sentences: what set things off and when, how pausing went, what changed."""
    notes = []
    total = sum(week.moments for week in summary)
    if triggers:
        notes.append(_top_trigger_note(triggers, heatmap, total, trigger_label))
    completed = sum(week.pauses_completed for week in summary)
    faded = sum(week.urge_faded for week in summary)
    if completed == 1 and faded:
        notes.append("You paused once, and the urge faded.")
    elif completed:
        notes.append(
            f"When you paused, the urge faded {_times(faded)} out of {completed}."
            if faded
            else f"You finished {completed} pause{'s' if completed != 1 else ''}. Staying with a hard feeling counts, "
            "even when the urge stays."
        )
    acted = sum(week.acted for week in summary)
    held_back = sum(week.held_back for week in summary)
    if held_back and not completed:
        notes.append(f"You held back from the urge {_times(held_back)} out of {acted + held_back}.")
    if change := _change_note(summary, history):
        notes.append(change)
    return notes[:3]


def _keys_tied_first(counts):
    top = max(counts.values(), default=0)
    return [key for key, n in counts.items() if n == top and n]


def _recurring(history, tag_rows, trigger_label):
    """A trigger or an emotion that was the most common one in at least three of the last four weeks."""
    recent = history[-RECURRING_WEEKS:]
    first_recent = len(history) - len(recent)
    emotions_by_week = defaultdict(Counter)
    for row in tag_rows:
        if row["kind"] == LogTag.Kind.EMOTION and row["week"] >= first_recent:
            emotions_by_week[row["week"]][row["value"]] += row["moments"]
    trigger_firsts = Counter(key for week in recent for key in _keys_tied_first(week.triggers))
    emotion_firsts = Counter(key for counts in emotions_by_week.values() for key in _keys_tied_first(counts))

    def often(weeks):
        return f"each of the last {weeks} weeks" if weeks == len(recent) else f"{weeks} of the last {len(recent)} weeks"

    notices = []
    for key, weeks in sorted(trigger_firsts.items(), key=lambda item: (-item[1], item[0]))[:1]:
        if weeks >= 3:
            notices.append(f"“{trigger_label(key)}” was your most common trigger in {often(weeks)}.")
    for value, weeks in sorted(emotion_firsts.items(), key=lambda item: (-item[1], item[0]))[:1]:
        if weeks >= 3:
            notices.append(f"Feeling {Emotion(value).label.lower()} came up most in {often(weeks)}.")
    return notices


def _most_first(row):
    """Sort key for (label…, count) rows: the biggest count first, ties in alphabetical order."""
    return (-row[-1], *row[:-1])


def _tag_summaries(tag_rows, first_shown, summary):
    """Top body sensations, and what helps: each soothing action, and pausing, ranked by the average drop in
    intensity on the moments it was part of (how strong at first minus how strong afterwards).

    A pause counts its own before and after; a soothing action counts its moment's `intensity` and
    `intensity_after`. Moments without a "how strong now" can't say how much helped, so they are not counted.
    """
    counts = defaultdict(Counter)
    drop_sum, measured = Counter(), Counter()
    for row in tag_rows:
        if row["week"] < first_shown:
            continue
        counts[row["kind"]][row["value"]] += row["moments"]
        if row["kind"] == LogTag.Kind.HELPED:
            drop_sum[row["value"]] += row["drop_sum"] or 0
            measured[row["value"]] += row["measured"]
    sensations = sorted(
        ((BodySensation(value).label, n) for value, n in counts[LogTag.Kind.SENSATION].items()), key=_most_first
    )[:5]
    helped = [
        Relief(SoothingAction(value).label, measured[value], drop_sum[value]) for value in counts[LogTag.Kind.HELPED]
    ]
    pauses = Relief("A pause", sum(w.drop_count for w in summary), sum(w.drop_sum for w in summary))
    if any(week.pauses_completed for week in summary):
        helped.append(pauses)
    return sensations, sorted(helped, key=Relief.ranking)


def _evidence(summary):
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


def _suggested_lessons(triggers, urges):
    lessons = library()
    slugs = []
    if triggers:
        slugs.append(lesson_for(TriggerKind, triggers[0][0]))
    if urges:
        slugs.append(lesson_for(Urge, urges[0][0]))
        if sum(urge[2] for urge in urges) > sum(urge[3] for urge in urges):
            slugs.append("practise-the-pause")
    return [lesson for slug in dict.fromkeys(slugs) if (lesson := lessons.get(slug))]


def build_review(user, user_settings, week, weeks=1):
    """Everything the review page shows for `week` (and the `weeks` - 1 weeks before it when asked)."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    span = max(TREND_WEEKS, weeks + 1)
    all_weeks = [week.shifted(-k) for k in range(span - 1, -1, -1)]
    shown_weeks = all_weeks[-weeks:]
    history = _weekly_totals(user, all_weeks)
    start, end = shown_weeks[0].starts_at, week.ends_at
    trigger_label, urge_label = _labels(user)

    summary = history[-weeks:]
    trigger_counts, trigger_intensity = Counter(), Counter()
    for totals in summary:
        trigger_counts.update(totals.triggers)
        trigger_intensity.update(totals.trigger_intensity)
    triggers = sorted(
        ((key, trigger_label(key), count, trigger_intensity[key] / count) for key, count in trigger_counts.items()),
        key=lambda trigger: (-trigger[2], trigger[1]),
    )
    pair_rows = list(_urge_pairs(user, start, end))

    urge_totals = defaultdict(lambda: [0, 0, 0])
    pairs = Counter()
    for row in pair_rows:
        if not row["urge"]:
            continue
        column = 0 if row["acted_on"] in ACTED else 1 if row["acted_on"] == ActedOn.NO else 2
        urge_totals[row["urge"]][column] += row["moments"]
        pairs[(row["trigger_kind"], row["urge"])] += row["moments"]
    urges = sorted(
        (
            (key, urge_label(key), acted, held_back, undecided)
            for key, (acted, held_back, undecided) in urge_totals.items()
        ),
        key=lambda urge: (-(urge[2] + urge[3] + urge[4]), urge[1]),
    )

    named_pairs = ((trigger_label(t), urge_label(u), n) for (t, u), n in pairs.items() if n >= 2)
    top_pairs = sorted(named_pairs, key=_most_first)[:3]

    tag_weeks = all_weeks[-max(weeks, RECURRING_WEEKS) :]
    skipped = len(all_weeks) - len(tag_weeks)
    tag_rows = [row | {"week": row["week"] + skipped} for row in _tags_by_week(user, week_boundaries(tag_weeks))]
    sensations, helped = _tag_summaries(tag_rows, span - weeks, summary)
    heatmap = _heatmap(_heatmap_counts(user, shown_weeks), week)

    return Review(
        week=week,
        weeks=weeks,
        history=history,
        figures=_figures(history),
        triggers=triggers,
        heatmap=heatmap,
        periods=[label for _, label, _ in PERIODS],
        urges=urges,
        sensations=sensations,
        helped=helped,
        evidence=_evidence(summary),
        pairs=top_pairs,
        recurring=_recurring(history, tag_rows, trigger_label),
        observations=_observations(summary, history, triggers, heatmap, trigger_label),
        lessons=_suggested_lessons(triggers, urges),
        bright_side=_bright_side(user, start, end),
    )


def week_at_a_glance(user, user_settings=None):
    """This week in a sentence or two, for the home page: two small queries (three without `user_settings`)."""
    user_settings = user_settings or UserSettings.for_user(user)
    week = Week.current(user_settings.zone, user_settings.week_start)
    by_trigger = list(
        TriggerLog.objects.filter(user=user, occurred_at__gte=week.starts_at, occurred_at__lt=week.ends_at)
        .values("trigger_kind")
        .annotate(moments=Count("id"), intensity_sum=Sum("intensity"))
        .order_by()
    )
    moments = sum(row["moments"] for row in by_trigger)
    top = min(by_trigger, key=lambda row: (-row["moments"], row["trigger_kind"]), default=None)
    pauses = PauseSession.objects.filter(
        user=user, started_at__gte=week.starts_at, started_at__lt=week.ends_at, finished_at__isnull=False
    ).aggregate(completed=Count("id"), faded=Count("id", filter=Q(urge_passed=UrgePassed.YES)))
    return {
        "week": week,
        "moments": moments,
        "average_intensity": sum(row["intensity_sum"] for row in by_trigger) / moments if moments else None,
        "top_trigger": top and choice_label(TriggerKind, top["trigger_kind"]),
        "pauses_completed": pauses["completed"],
        "urge_faded": pauses["faded"],
    }
