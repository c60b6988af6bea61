"""Per-week totals for a person — moments, pauses, reframes and secure moments — and the figures and averages
the review shows from them, all worked out from each week's counts (`journal.review.counts`)."""

from collections import Counter
from dataclasses import dataclass, field

from journal.weeks import Week

TREND_WEEKS = 8
MAX_WEEKS = 12
RECURRING_WEEKS = 4
# Fewer measured moments than this behind an average, and the review says "too few to tell" rather than rank it.
ENOUGH_TO_TELL = 3
BRIGHT_SIDE_SHOWN = 5


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

    @classmethod
    def from_counts(cls, week, counts):
        moments, pauses = counts["moments"], counts["pauses"]
        return cls(
            week,
            **(moments | {"peak": moments["peak"] if moments["moments"] else None}),
            pauses_started=pauses["started"],
            pauses_completed=pauses["completed"],
            urge_faded=pauses["faded"],
            drop_sum=pauses["drop_sum"],
            drop_count=pauses["drop_count"],
            reframes=counts["reframes"],
            secure_moments=counts["secure"],
            triggers=Counter({kind: moments for kind, moments, _ in counts["triggers"]}),
            trigger_intensity=Counter({kind: intensity for kind, _, intensity in counts["triggers"]}),
        )

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
