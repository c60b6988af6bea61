"""Per-week totals for a person: moments, pauses, reframes and secure moments, each counted by local week in one
grouped query (see `bucket`), so the number of queries is fixed whatever the history."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, IntegerField, Max, Q, Sum
from django.db.models.expressions import RawSQL

from journal.choices import ActedOn, UrgePassed
from journal.models import PauseSession, Reframe, SecureMoment, TriggerLog
from journal.weeks import Week

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


def _moments_by_week(user, boundaries):
    drop = F("intensity") - F("intensity_after")  # NULL, and so left out of sums, until "how strong now" is noted
    return (
        TriggerLog.objects.for_user(user)
        .between(boundaries[0], boundaries[-1])
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
        PauseSession.objects.for_user(user)
        .between(boundaries[0], boundaries[-1])
        .annotate(week=bucket(PauseSession, "started_at", boundaries))
        .values("week")
        .annotate(
            started=Count("id"),
            completed=Count("id", filter=finished),
            faded=Count("id", filter=finished & Q(urge_passed=UrgePassed.YES)),
            drop_sum=Sum(F("intensity_before") - F("intensity_after"), filter=measured),
            drop_count=Count("id", filter=measured),
        )
        .order_by()
    )


def _reframes_by_week(user, boundaries):
    return (
        Reframe.objects.for_user(user)
        .finished()
        .between(boundaries[0], boundaries[-1])
        .annotate(week=bucket(Reframe, "created_at", boundaries))
        .values("week")
        .annotate(written=Count("id"))
        .order_by()
    )


def _secure_moments_by_week(user, boundaries):
    return (
        SecureMoment.objects.for_user(user)
        .between(boundaries[0], boundaries[-1])
        .annotate(week=bucket(SecureMoment, "occurred_at", boundaries))
        .values("week")
        .annotate(saved=Count("id"))
        .order_by()
    )


def weekly_totals(user, weeks):
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
        week.drop_sum += row["drop_sum"] or 0
        week.drop_count += row["drop_count"]
    for row in _reframes_by_week(user, boundaries):
        totals[row["week"]].reframes += row["written"]
    for row in _secure_moments_by_week(user, boundaries):
        totals[row["week"]].secure_moments += row["saved"]
    return totals


def figures(history):
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
