"""The journal: trigger logs, pauses, reframes, weekly reflections and secure moments, every row owned by one
person. Times are stored in UTC and shown in the person's own zone (see `UserSettings.zone`).
"""

from journal.models.follow_ups import PauseSession, Reframe, WeeklyReflection
from journal.models.moments import LogTag, NextStep, SecureMoment, TriggerLog
from journal.models.person import (
    CLOCK_SKEW,
    LOCK_AFTER_MINUTES,
    LOOKED_BACK_AFTER,
    ZERO_TO_HUNDRED,
    ZERO_TO_TEN,
    CustomChoice,
    Heartbeat,
    LessonRead,
    UserSettings,
    choice_label,
    validate_time_zone,
)
from journal.models.rollups import WeekRollup

__all__ = [
    "CLOCK_SKEW",
    "LOCK_AFTER_MINUTES",
    "LOOKED_BACK_AFTER",
    "ZERO_TO_HUNDRED",
    "ZERO_TO_TEN",
    "CustomChoice",
    "Heartbeat",
    "LessonRead",
    "LogTag",
    "NextStep",
    "PauseSession",
    "Reframe",
    "SecureMoment",
    "TriggerLog",
    "UserSettings",
    "WeekRollup",
    "WeeklyReflection",
    "choice_label",
    "validate_time_zone",
]
