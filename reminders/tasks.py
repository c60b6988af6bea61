"""The background task that sends one planned notification, run by a worker (`manage.py db_worker`)."""

from django.utils import timezone
from django_tasks import task

from journal.models import PauseSession, UserSettings
from reminders import mail, push
from reminders.models import Notification, ReminderSettings


@task()
def send_notification(notification_id):
    """Send once: the first run claims the row, any later run (a retry, a second worker) finds it claimed."""
    notification = Notification.objects.claim(notification_id)
    if notification is None:
        return "already handled"
    reason = why_not_now(notification, timezone.now())
    channels = [] if reason else deliver(notification)
    notification.outcome = reason or ", ".join(channels) or "nowhere to send"
    notification.save(update_fields=["outcome"])
    return notification.outcome


def why_not_now(notification, now):
    """Why a notification is no longer wanted when its turn comes, or "" if it is."""
    if notification.is_stale(now):
        return "too late"
    if notification.kind == Notification.Kind.PAUSE_OVER:
        pause = PauseSession.objects.filter(user=notification.user, pk=notification.key.split(":")[1]).first()
        return "" if pause and not pause.is_finished else "pause already finished"
    reminders = ReminderSettings.for_user(notification.user)
    if not reminders.wants(notification.kind):
        return "turned off"
    if reminders.is_quiet(now.astimezone(UserSettings.for_user(notification.user).zone).time()):
        return "quiet hours"
    return ""


def deliver(notification):
    """Push to every device that allows it; e-mail too for reminders, if the person chose e-mail."""
    channels = []
    if push.send_to_devices(notification.user, notification.link):
        channels.append("push")
    wants_email = notification.kind != Notification.Kind.PAUSE_OVER
    if wants_email and ReminderSettings.for_user(notification.user).by_email and notification.user.email:
        mail.send_reminder(notification.user, notification.link)
        channels.append("email")
    return channels
