"""The one owner of "the journal changed": any saved or deleted row moves the person's `journal_changed_at`, which
keys their cached weekly review (see `journal.views.review.review_body`), and refreshes the kept counts of the
week it was in, before and after an edit (see `journal.review.rollups`), so the next look is fresh.

Work that changes many rows at once — bringing back a download, deleting an account — runs inside
`many_changes(user_id)`: the rows stay quiet and the journal is marked changed once at the end (a no-op when the
person is gone) and every kept week forgotten. Without it, deleting 50,000 moments would mean 50,000 updates.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_save

from journal.models import (
    CustomChoice,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)
from journal.review import rollups

JOURNAL_MODELS = (TriggerLog, PauseSession, Reframe, WeeklyReflection, CustomChoice, SecureMoment)
# The rows the weekly review counts, and the time that places each in a week.
COUNTED_BY = {TriggerLog: "occurred_at", PauseSession: "started_at", Reframe: "created_at", SecureMoment: "occurred_at"}
_many_changes = ContextVar("many_changes", default=False)


@contextmanager
def many_changes(user_id):
    token = _many_changes.set(True)
    try:
        yield
    finally:
        _many_changes.reset(token)
    rollups.forget_all(user_id)
    UserSettings.mark_changed(user_id)


def remember_when_it_was(sender, instance, **kwargs):
    """Before an edit, the time the row had: moving a moment to another day changes two weeks."""
    if not instance._state.adding and not _many_changes.get():
        instance._counted_at = sender.objects.filter(pk=instance.pk).values_list(COUNTED_BY[sender], flat=True).first()


def journal_changed(sender, instance, **kwargs):
    if _many_changes.get():
        return
    UserSettings.mark_changed(instance.user_id)
    if field := COUNTED_BY.get(sender):
        rollups.refresh(instance.user_id, getattr(instance, field), getattr(instance, "_counted_at", None))


for model in COUNTED_BY:
    pre_save.connect(remember_when_it_was, sender=model, dispatch_uid=f"journal-saving-{model.__name__}")
for model in JOURNAL_MODELS:
    post_save.connect(journal_changed, sender=model, dispatch_uid=f"journal-saved-{model.__name__}")
    post_delete.connect(journal_changed, sender=model, dispatch_uid=f"journal-deleted-{model.__name__}")
