"""A saved change to someone's journal moves their `journal_changed_at`, so their cached weekly review is rebuilt.

Deletes are not watched here: deleting an account cascades through every row, and a signal per row would make
that slow. The views that delete one thing mark the journal changed themselves (`UserSettings.mark_changed`).
"""

from django.db.models.signals import post_save

from journal.models import (
    CustomChoice,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)


def journal_changed(sender, instance, **kwargs):
    UserSettings.mark_changed(instance.user_id)


for model in (TriggerLog, PauseSession, Reframe, WeeklyReflection, CustomChoice, SecureMoment):
    post_save.connect(journal_changed, sender=model, dispatch_uid=f"journal-changed-{model.__name__}")
