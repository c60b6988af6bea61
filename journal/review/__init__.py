"""The weekly review: every figure, chart and observation for one week (or a run of weeks) of one person.

`build_review` is the one entry point. It reads each week's counts (`counts`, kept between looks by `rollups`),
and from them works out per-week totals (`totals`), the weeks' patterns (`patterns`) and the sentences about them
(`observations`). Counting happens in the database, grouped by local week and by day and time of day, and only for
weeks not already kept, so a look costs a few small queries whatever the history.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, Sum

from journal.choices import TriggerKind, UrgePassed
from journal.models import PauseSession, TriggerLog, UserSettings, choice_label
from journal.review.counts import PERIODS
from journal.review.observations import observations, recurring
from journal.review.patterns import (
    bright_side,
    choice_labellers,
    evidence,
    most_first,
    sensations_and_what_helps,
    suggested_lessons,
    week_heatmap,
)
from journal.review.rollups import week_counts
from journal.review.totals import ENOUGH_TO_TELL, MAX_WEEKS, TREND_WEEKS, WeekTotals, figures
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
    counts = week_counts(user, all_weeks)
    history = [WeekTotals.from_counts(*pair) for pair in zip(all_weeks, counts, strict=True)]
    summary, shown_counts = history[-weeks:], counts[-weeks:]
    trigger_label, urge_label = choice_labellers(user)

    trigger_counts, trigger_intensity = Counter(), Counter()
    for totals in summary:
        trigger_counts.update(totals.triggers)
        trigger_intensity.update(totals.trigger_intensity)
    triggers = sorted(
        ((key, trigger_label(key), count, trigger_intensity[key] / count) for key, count in trigger_counts.items()),
        key=lambda trigger: (-trigger[2], trigger[1]),
    )

    urge_totals = defaultdict(lambda: [0, 0, 0])
    pairs = Counter()
    for one_week in shown_counts:
        for urge, *columns in one_week["urges"]:
            urge_totals[urge] = [total + n for total, n in zip(urge_totals[urge], columns, strict=True)]
        for trigger_kind, urge, moments in one_week["pairs"]:
            pairs[trigger_kind, urge] += moments
    urges = sorted(
        (
            (key, urge_label(key), acted, held_back, undecided)
            for key, (acted, held_back, undecided) in urge_totals.items()
        ),
        key=lambda urge: (-(urge[2] + urge[3] + urge[4]), urge[1]),
    )

    named_pairs = ((trigger_label(t), urge_label(u), n) for (t, u), n in pairs.items() if n >= 2)
    top_pairs = sorted(named_pairs, key=most_first)[:3]

    sensations, helped = sensations_and_what_helps(shown_counts, summary)
    heatmap = week_heatmap(shown_counts, week)

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
        recurring=recurring(history, counts, trigger_label),
        observations=observations(summary, history, triggers, heatmap, trigger_label),
        lessons=suggested_lessons(triggers, urges),
        bright_side=bright_side(
            user, all_weeks[-weeks].starts_at, week.ends_at, sum(totals.secure_moments for totals in summary)
        ),
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
