"""The review's words: two or three plain sentences on what set things off and when, how pausing went and
what changed, and the trigger or feeling that keeps coming back."""

from collections import Counter

from journal.choices import Emotion
from journal.models import LogTag
from journal.review.counts import PERIODS
from journal.review.totals import RECURRING_WEEKS

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
            moments = "one moment" if total == 1 else f"{total} moments"
            return f"This week was quieter than the weeks before: {moments}, against about {usual:.0f}."
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
        first_weeks, last_weeks = ("first week", "last week") if half == 1 else (f"first {half} weeks", f"last {half}")
        return (
            f"Moments went from about {first:.0f} a week in the {first_weeks} "
            f"to about {last:.0f} a week in the {last_weeks}."
        )
    return None


def observations(summary, history, triggers, heatmap, trigger_label):
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


def recurring(history, week_counts, trigger_label):
    """A trigger or an emotion that was the most common one in at least three of the last four weeks."""
    recent = history[-RECURRING_WEEKS:]
    emotions_by_week = [
        Counter({value: n for kind, value, n, *_ in week["tags"] if kind == LogTag.Kind.EMOTION})
        for week in week_counts[-RECURRING_WEEKS:]
    ]
    trigger_firsts = Counter(key for week in recent for key in _keys_tied_first(week.triggers))
    emotion_firsts = Counter(key for counts in emotions_by_week for key in _keys_tied_first(counts))

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
