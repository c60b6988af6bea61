"""What the review counts for each week, straight from the journal: a handful of grouped queries for a run of
consecutive weeks, whatever its length, giving each week's counts as plain JSON-ready data.

`journal.review.rollups` keeps these counts between looks; everything else in the review is worked out from them.
Each week's counts are a dict:

- "moments": moments, intensity_sum, peak, acted, held_back, and the drop in intensity (how strong at first minus
  how strong afterwards) by what the person did with the urge: acted_drop_sum over acted_measured moments that have
  both strengths, held_back_drop_sum over held_back_measured;
- "triggers": [trigger_kind, moments, intensity_sum] rows;
- "urges": [urge, acted, held_back, undecided] rows, and "pairs": [trigger_kind, urge, moments] rows;
- "pauses": started, completed, faded, drop_sum, drop_count (pauses are placed by when they started);
- "reframes" (finished ones) and "secure" (secure moments): how many;
- "tags": [kind, value, moments, drop_sum, measured] rows, the drop counted on moments with both strengths noted;
- "cells": [cell, moments] rows, cell = day_index * 4 + period, in local days and times of day.
"""

from collections import Counter, defaultdict
from datetime import datetime, time

from django.db import connection
from django.db.models import Count, F, IntegerField, Max, Q, Sum, Value
from django.db.models.expressions import RawSQL

from journal.choices import ActedOn, UrgePassed
from journal.models import LogTag, PauseSession, Reframe, SecureMoment, TriggerLog

# Times of day, in the order people think of them; `start` is the first local hour.
PERIODS = [("morning", "Morning", 6), ("afternoon", "Afternoon", 12), ("evening", "Evening", 18), ("night", "Night", 0)]
# (first local hour, period index) in the order of the day: 00:00 night, 06:00 morning, 12:00 afternoon, 18:00 evening.
PERIOD_STARTS = sorted((start, index) for index, (_, _, start) in enumerate(PERIODS))
CELLS_PER_WEEK = 7 * len(PERIODS)
ACTED = (ActedOn.YES, ActedOn.PARTLY)
NO_MOMENTS = dict.fromkeys(
    ["moments", "intensity_sum", "peak", "acted", "held_back", "acted_drop_sum", "acted_measured",
     "held_back_drop_sum", "held_back_measured"], 0
)  # fmt: skip
NO_PAUSES = {"started": 0, "completed": 0, "faded": 0, "drop_sum": 0, "drop_count": 0}


def bucket(model, field, boundaries):
    """The index i of the interval [boundaries[i], boundaries[i + 1]) that holds `model.field`, as SQL.

    Boundaries are instants computed in the person's zone (local midnights, local 6 am…), so the database buckets
    rows by local week or time of day with plain comparisons on the stored UTC times: exact across daylight-saving
    changes, the same SQL on SQLite and PostgreSQL, and no per-row time-zone conversion. Rows are filtered to
    [boundaries[0], boundaries[-1]) first. Written as one CASE in raw SQL because the ORM's Case() with dozens of
    When()s costs milliseconds to compile on every request.
    """
    if len(boundaries) == 2:
        return Value(0, output_field=IntegerField())
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(field)}"
    whens = " ".join(f"WHEN {column} < %s THEN {index}" for index in range(len(boundaries) - 2))
    params = [connection.ops.adapt_datetimefield_value(boundary) for boundary in boundaries[1:-1]]
    return RawSQL(f"CASE {whens} ELSE {len(boundaries) - 2} END", params, output_field=IntegerField())


def week_boundaries(weeks):
    return [week.starts_at for week in weeks] + [weeks[-1].ends_at]


def time_of_day_boundaries(weeks):
    """Local 00:00, 06:00, 12:00 and 18:00 of every day of `weeks`, in time order, each with its (day, period) cell;
    slot i belongs to week i // CELLS_PER_WEEK."""
    starts, cells = [], []
    for week in weeks:
        for day_index, day in enumerate(week.days):
            for hour, period in PERIOD_STARTS:
                starts.append(datetime.combine(day, time(hour), tzinfo=week.zone))
                cells.append(day_index * len(PERIODS) + period)
    return starts + [weeks[-1].ends_at], cells


def _moments(user, boundaries):
    return (
        TriggerLog.objects.for_user(user)
        .between(boundaries[0], boundaries[-1])
        .annotate(week=bucket(TriggerLog, "occurred_at", boundaries))
        .values("week", "trigger_kind", "urge", "acted_on")
        .annotate(
            moments=Count("id"),
            intensity_sum=Sum("intensity"),
            peak=Max("intensity"),
            # NULL, and so left out of the sum, until "how strong now" is noted.
            drop_sum=Sum(F("intensity") - F("intensity_after")),
            measured=Count("intensity_after"),
        )
        .order_by()
    )


def _pauses(user, boundaries):
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


def _how_many(queryset, model, field, boundaries):
    return (
        queryset.between(boundaries[0], boundaries[-1])
        .annotate(week=bucket(model, field, boundaries))
        .values("week")
        .annotate(n=Count("id"))
        .order_by()
    )


def _tags(user, boundaries):
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


def _cells(user, weeks):
    boundaries, cells = time_of_day_boundaries(weeks)
    return (
        (row["slot"] // CELLS_PER_WEEK, cells[row["slot"]], row["moments"])
        for row in TriggerLog.objects.for_user(user)
        .between(boundaries[0], boundaries[-1])
        .annotate(slot=bucket(TriggerLog, "occurred_at", boundaries))
        .values("slot")
        .annotate(moments=Count("id"))
        .order_by()
    )


def empty_week():
    return {
        "moments": dict(NO_MOMENTS), "triggers": [], "urges": [], "pairs": [], "pauses": dict(NO_PAUSES),
        "reframes": 0, "secure": 0, "tags": [], "cells": [],
    }  # fmt: skip


def _add_moments(week, rows):
    """Fold one week's rows of moments (one per trigger kind, urge and what was done with it) into its totals."""
    totals = week["moments"]
    triggers, urges, pairs = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0, 0]), Counter()
    for row in rows:
        moments, kind, urge = row["moments"], row["trigger_kind"], row["urge"]
        totals["moments"] += moments
        totals["intensity_sum"] += row["intensity_sum"]
        totals["peak"] = max(totals["peak"], row["peak"])
        triggers[kind][0] += moments
        triggers[kind][1] += row["intensity_sum"]
        done = "acted" if row["acted_on"] in ACTED else "held_back" if row["acted_on"] == ActedOn.NO else None
        if done:
            totals[done] += moments
            totals[f"{done}_drop_sum"] += row["drop_sum"] or 0
            totals[f"{done}_measured"] += row["measured"]
        if urge:
            urges[urge][{"acted": 0, "held_back": 1, None: 2}[done]] += moments
            pairs[kind, urge] += moments
    week["triggers"] = [[kind, *sums] for kind, sums in triggers.items()]
    week["urges"] = [[urge, *columns] for urge, columns in urges.items()]
    week["pairs"] = [[kind, urge, n] for (kind, urge), n in pairs.items()]


def count_weeks(user, weeks):
    """Each of `weeks`' counts (consecutive weeks, oldest first), from six grouped queries."""
    boundaries = week_boundaries(weeks)
    counts = [empty_week() for _ in weeks]
    rows = defaultdict(list)
    for row in _moments(user, boundaries):
        rows[row["week"]].append(row)
    for index, week_rows in rows.items():
        _add_moments(counts[index], week_rows)
    for row in _pauses(user, boundaries):
        counts[row.pop("week")]["pauses"] = row | {"drop_sum": row["drop_sum"] or 0}
    for row in _how_many(Reframe.objects.for_user(user).finished(), Reframe, "created_at", boundaries):
        counts[row["week"]]["reframes"] = row["n"]
    for row in _how_many(SecureMoment.objects.for_user(user), SecureMoment, "occurred_at", boundaries):
        counts[row["week"]]["secure"] = row["n"]
    for row in _tags(user, boundaries):
        counts[row["week"]]["tags"].append(
            [row["kind"], row["value"], row["moments"], row["drop_sum"] or 0, row["measured"]]
        )
    for week, cell, moments in _cells(user, weeks):
        counts[week]["cells"].append([cell, moments])
    return counts
