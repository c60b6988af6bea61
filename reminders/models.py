"""Reminders people choose, the devices they let us notify, and one row for every notification ever planned.

A notification's row is written before its task is queued, under a key unique per person ("check-in:2026-11-23",
"pause-over:42"), and the task claims the row before it sends. So however often the scheduler runs, a worker
restarts or a task is delivered twice, each notification goes out at most once.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

# A reminder that could not go out on time (the worker was down) is still welcome this late, and no later.
STILL_WELCOME_FOR = timedelta(hours=1)


class ReminderSettingsQuerySet(models.QuerySet):
    def wanted(self):
        """People who have turned on at least one reminder."""
        return self.filter(models.Q(daily_check_in=True) | models.Q(heads_up=True) | models.Q(week_ready=True))


class ReminderSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings")
    daily_check_in = models.BooleanField("A gentle check-in each day", default=False)
    check_in_at = models.TimeField("Check in at", default=time(19, 0))
    heads_up = models.BooleanField("A heads-up before a time that is often hard for me", default=False)
    week_ready = models.BooleanField("A note when my week is ready to look back on", default=False)
    by_email = models.BooleanField("Send them by e-mail", default=False)
    quiet_from = models.TimeField("Quiet from", default=time(22, 0))
    quiet_until = models.TimeField("Quiet until", default=time(8, 0))
    # Reminders due before a change was saved are not sent, so turning one on never sends it "late" at once.
    changed_at = models.DateTimeField(default=timezone.now)

    objects = ReminderSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self):
        return f"Reminder settings for user {self.user_id}"

    @classmethod
    def for_user(cls, user):
        return cls.objects.get_or_create(user=user)[0]

    @property
    def any_wanted(self):
        return self.daily_check_in or self.heads_up or self.week_ready

    def is_quiet(self, local_time):
        """Quiet hours may run past midnight (22:00–08:00) or not (13:00–15:00); equal ends mean none."""
        if self.quiet_from <= self.quiet_until:
            return self.quiet_from <= local_time < self.quiet_until
        return local_time >= self.quiet_from or local_time < self.quiet_until

    def after_quiet_hours(self, local_moment):
        """`local_moment`, or the end of the quiet hours it falls in."""
        if not self.is_quiet(local_moment.time()):
            return local_moment
        end = datetime.combine(local_moment.date(), self.quiet_until, tzinfo=local_moment.tzinfo)
        return end if end > local_moment else end + timedelta(days=1)

    def wants(self, kind):
        return {
            Notification.Kind.CHECK_IN: self.daily_check_in,
            Notification.Kind.HEADS_UP: self.heads_up,
            Notification.Kind.WEEK_READY: self.week_ready,
        }.get(kind, False)


class PushSubscription(models.Model):
    """One browser on one device that agreed to show our notifications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Push subscription {self.pk}"

    def as_subscription_info(self):
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class NotificationQuerySet(models.QuerySet):
    def claim(self, pk):
        """Mark the notification as handled and return it, or None if someone handled it already."""
        if not self.filter(pk=pk, handled_at__isnull=True).update(handled_at=timezone.now()):
            return None
        return self.select_related("user").get(pk=pk)


class Notification(models.Model):
    class Kind(models.TextChoices):
        CHECK_IN = "check-in", "Daily check-in"
        HEADS_UP = "heads-up", "Heads-up before a hard time"
        WEEK_READY = "week-ready", "Your week is ready"
        PAUSE_OVER = "pause-over", "Your pause is over"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=80)
    due_at = models.DateTimeField()
    link = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    # Where it went ("email, push") or why it did not go ("quiet hours"); never anything from the journal.
    outcome = models.CharField(max_length=80, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_key")]
        indexes = [models.Index(fields=["user", "due_at"], name="notification_user_due")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.key})"

    @classmethod
    def plan(cls, user, kind, key, due_at, link):
        """Record a notification and queue its sending for `due_at`, once per key; True if it is new."""
        from reminders.tasks import send_notification

        with transaction.atomic():
            notification, created = cls.objects.get_or_create(
                user=user, key=f"{kind}:{key}", defaults={"kind": kind, "due_at": due_at, "link": link}
            )
            if created:
                run_after = due_at if due_at > timezone.now() else None
                transaction.on_commit(lambda: send_notification.using(run_after=run_after).enqueue(notification.pk))
        return created

    def is_stale(self, now):
        return now > self.due_at + STILL_WELCOME_FOR
