"""The one owner of "the journal changed": any saved or deleted row moves the person's `journal_changed_at`, which
keys their cached weekly review (see `journal.views.review.review_body`), so the next look is fresh.

Work that changes many rows at once — bringing back a download, deleting an account — runs inside
`many_changes(user_id)`: the rows stay quiet and the journal is marked changed once at the end (a no-op when the
person is gone). Without it, deleting 50,000 moments would mean 50,000 updates.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save

from journal.models import (
    CustomChoice,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)

JOURNAL_MODELS = (TriggerLog, PauseSession, Reframe, WeeklyReflection, CustomChoice, SecureMoment)
_many_changes = ContextVar("many_changes", default=False)


@contextmanager
def many_changes(user_id):
    token = _many_changes.set(True)
    try:
        yield
    finally:
        _many_changes.reset(token)
    UserSettings.mark_changed(user_id)


def journal_changed(sender, instance, **kwargs):
    if not _many_changes.get():
        UserSettings.mark_changed(instance.user_id)


for model in JOURNAL_MODELS:
    post_save.connect(journal_changed, sender=model, dispatch_uid=f"journal-saved-{model.__name__}")
    post_delete.connect(journal_changed, sender=model, dispatch_uid=f"journal-deleted-{model.__name__}")
