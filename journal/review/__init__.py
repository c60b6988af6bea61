"""The weekly review: every figure, chart and observation for one week (or a run of weeks) of one person.

`build_review` is the one entry point; it gathers per-week totals (`totals`), the week's patterns (`patterns`)
and the sentences about them (`observations`). All counting happens in the database, grouped by local week or by
day and time of day, so the number of queries is fixed and the rows returned stay small whatever the history.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, Sum

from journal.choices import ActedOn, TriggerKind, UrgePassed
from journal.models import PauseSession, TriggerLog, UserSettings, choice_label
from journal.review.observations import observations, recurring
from journal.review.patterns import (
    bright_side,
    choice_labellers,
    evidence,
    heatmap_counts,
    most_first,
    sensations_and_what_helps,
    suggested_lessons,
    tags_by_week,
    urge_pairs,
    week_heatmap,
)
from journal.review.totals import (
    ACTED,
    ENOUGH_TO_TELL,
    MAX_WEEKS,
    PERIODS,
    RECURRING_WEEKS,
    TREND_WEEKS,
    figures,
    week_boundaries,
    weekly_totals,
)
from journal.weeks import Week, date_range_label

__all__ = ["ENOUGH_TO_TELL", "MAX_WEEKS", "PERIODS", "Review", "build_review", "week_at_a_glance"]


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


def build_review(user, week, weeks=1):
    """Everything the review page shows for `week` (and the `weeks` - 1 weeks before it when asked)."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    span = max(TREND_WEEKS, weeks + 1)
    all_weeks = [week.shifted(-k) for k in range(span - 1, -1, -1)]
    shown_weeks = all_weeks[-weeks:]
    history = weekly_totals(user, all_weeks)
    start, end = shown_weeks[0].starts_at, week.ends_at
    trigger_label, urge_label = choice_labellers(user)

    summary = history[-weeks:]
    trigger_counts, trigger_intensity = Counter(), Counter()
    for totals in summary:
        trigger_counts.update(totals.triggers)
        trigger_intensity.update(totals.trigger_intensity)
    triggers = sorted(
        ((key, trigger_label(key), count, trigger_intensity[key] / count) for key, count in trigger_counts.items()),
        key=lambda trigger: (-trigger[2], trigger[1]),
    )
    pair_rows = list(urge_pairs(user, start, end))

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
    top_pairs = sorted(named_pairs, key=most_first)[:3]

    tag_weeks = all_weeks[-max(weeks, RECURRING_WEEKS) :]
    skipped = len(all_weeks) - len(tag_weeks)
    tag_rows = [row | {"week": row["week"] + skipped} for row in tags_by_week(user, week_boundaries(tag_weeks))]
    sensations, helped = sensations_and_what_helps(tag_rows, span - weeks, summary)
    heatmap = week_heatmap(heatmap_counts(user, shown_weeks), week)

    return Review(
        week=week,
        weeks=weeks,
        history=history,
        figures=figures(history),
        triggers=triggers,
        heatmap=heatmap,
        periods=[label for _, label, _ in PERIODS],
        urges=urges,
        sensations=sensations,
        helped=helped,
        evidence=evidence(summary),
        pairs=top_pairs,
        recurring=recurring(history, tag_rows, trigger_label),
        observations=observations(summary, history, triggers, heatmap, trigger_label),
        lessons=suggested_lessons(triggers, urges),
        bright_side=bright_side(user, start, end),
    )


def week_at_a_glance(user, user_settings=None):
    """This week in a sentence or two, for the home page: two small queries (three without `user_settings`)."""
    user_settings = user_settings or UserSettings.for_user(user)
    week = user_settings.current_week()
    by_trigger = list(
        TriggerLog.objects.for_user(user)
        .in_week(week)
        .values("trigger_kind")
        .annotate(moments=Count("id"), intensity_sum=Sum("intensity"))
        .order_by()
    )
    moments = sum(row["moments"] for row in by_trigger)
    top = min(by_trigger, key=lambda row: (-row["moments"], row["trigger_kind"]), default=None)
    pauses = (
        PauseSession.objects.for_user(user)
        .in_week(week)
        .finished()
        .aggregate(completed=Count("id"), faded=Count("id", filter=Q(urge_passed=UrgePassed.YES)))
    )
    return {
        "week": week,
        "moments": moments,
        "average_intensity": sum(row["intensity_sum"] for row in by_trigger) / moments if moments else None,
        "top_trigger": top and choice_label(TriggerKind, top["trigger_kind"]),
        "pauses_completed": pauses["completed"],
        "urge_faded": pauses["faded"],
    }
