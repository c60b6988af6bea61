"""Care first: a moment at its strongest (9–10), or words that hint at dying or self-harm, lead with care.

Every free-text field of a moment, a pause, a reframe, a weekly note and a secure moment is read (see
`WRITTEN_FIELDS`), and so are a moment's trigger and urge, which may be the person's own words. When an entry
needs care, the page shows the care panel first (templates/_care_panel.html) and no praise.
"""

from journal.distress import mentions_distress
from journal.models import PauseSession, Reframe, SecureMoment, TriggerLog, WeeklyReflection

PEAK_INTENSITY = 9

WRITTEN_FIELDS = {
    TriggerLog: ("trigger_kind", "urge", "what_happened", "story", "notes"),
    PauseSession: ("what_i_did", "unsent_message"),
    Reframe: ("anxious_thought", "alternatives", "balanced_thought", "script_instead", "script_try"),
    WeeklyReflection: ("noticed", "helped", "intention"),
    SecureMoment: ("what_happened", "what_helped"),
}
STRENGTH_FIELDS = {
    TriggerLog: ("intensity", "intensity_after"),
    PauseSession: ("intensity_before", "intensity_after"),
}


def needs_care(entry):
    """True for an entry felt at 9–10, or whose words may mean thoughts of dying or of self-harm."""
    strengths = [getattr(entry, name) for name in STRENGTH_FIELDS.get(type(entry), ())]
    if any(strength is not None and strength >= PEAK_INTENSITY for strength in strengths):
        return True
    return mentions_distress(*(getattr(entry, name) for name in WRITTEN_FIELDS[type(entry)]))


def moment_needs_care(log):
    """A moment needs care if it does, or if anything written about it since does (its pauses and reframes)."""
    return needs_care(log) or any(needs_care(entry) for entry in [*log.pauses.all(), *log.reframes.all()])


def pause_needs_care(pause):
    return needs_care(pause) or (pause.log is not None and needs_care(pause.log))
