"""The journal's forms, one module per part of the journal. Views import them from here."""

from journal.forms.entries import EntryFilterForm
from journal.forms.lock import LockSettingsForm, RemoveLockForm, UnlockForm
from journal.forms.logs import LogDetailForm, QuickLogForm, SecureMomentForm, TriggerLogForm
from journal.forms.pauses import PauseFinishForm, PauseStartForm, UnsentMessageForm
from journal.forms.reframes import ReframeForm
from journal.forms.review import ReflectionForm
from journal.forms.settings import CustomChoiceForm, SettingsForm
from journal.forms.widgets import new_submission_key

__all__ = [
    "CustomChoiceForm",
    "EntryFilterForm",
    "LockSettingsForm",
    "LogDetailForm",
    "PauseFinishForm",
    "PauseStartForm",
    "QuickLogForm",
    "ReflectionForm",
    "ReframeForm",
    "RemoveLockForm",
    "SecureMomentForm",
    "SettingsForm",
    "TriggerLogForm",
    "UnlockForm",
    "UnsentMessageForm",
    "new_submission_key",
]
