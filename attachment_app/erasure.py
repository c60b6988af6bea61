"""Deleting an account: the journal cascades with the user; what refers to them only by name or inside data goes too."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from journal.signals import many_changes

SESSION_USER_KEY = "_auth_user_id"
NOTIFICATION_TASK = "reminders.tasks.send_notification"


def erase(user):
    """Remove every row tied to the person, in one transaction: all or nothing."""
    with transaction.atomic(), many_changes(user.pk):
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=user.get_username()).delete()
        Session.objects.filter(pk__in=sessions_of(user)).delete()
        DBTaskResult.objects.filter(pk__in=notification_tasks_of(user)).delete()
        get_user_model().objects.filter(pk=user.pk).delete()


def sessions_of(user):
    """Sessions on the person's other devices: a session names its user only inside its encoded data."""
    user_id = str(user.pk)
    return [
        session.pk
        for session in Session.objects.only("session_key", "session_data").iterator(chunk_size=2000)
        if str(session.get_decoded().get(SESSION_USER_KEY)) == user_id
    ]


def notification_tasks_of(user):
    notification_ids = set(user.notifications.values_list("pk", flat=True))
    if not notification_ids:
        return []
    queued = DBTaskResult.objects.filter(task_path=NOTIFICATION_TASK).only("id", "args_kwargs")
    return [task.pk for task in queued.iterator(chunk_size=2000) if set(task.args_kwargs["args"]) & notification_ids]
