"""What is due now, in each person's own time zone, and what starts the notification at a pause's end.

`plan_due_reminders()` is the scheduler's one job; `manage.py send_reminders` runs it (once for cron or a
systemd timer, every minute with `--loop`). It only plans: each notification gets its row and its task, and a
worker sends it. Reminders are gentle by design: never in quiet hours, at most one of each kind a day (a week for
the week note), and nothing counts what was missed.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from journal.models import UserSettings
from journal.weeks import Week
from reminders.hard_times import TimeOfWeek, next_period_start, often_hard
from reminders.models import STILL_WELCOME_FOR, Notification, PushSubscription, ReminderSettings

HEADS_UP_BEFORE = timedelta(minutes=30)
WEEK_NOTE_AT = time(9, 0)
Kind = Notification.Kind


@dataclass(frozen=True)
class Due:
    kind: str
    key: str
    due_at: datetime
    link: str


def plan_due_reminders(now=None):
    """Plan every reminder due at `now`; returns how many new ones were planned."""
    now = now or timezone.now()
    planned = 0
    for reminders in ReminderSettings.objects.wanted().select_related("user"):
        journal_settings = UserSettings.for_user(reminders.user)
        for due in due_reminders(reminders, journal_settings, now):
            planned += Notification.plan(reminders.user, due.kind, due.key, due.due_at, due.link)
    return planned


def due_reminders(reminders, journal_settings, now):
    local_now = now.astimezone(journal_settings.zone)
    if reminders.is_quiet(local_now.time()):
        return []
    candidates = []
    if reminders.daily_check_in:
        candidates.append(check_in(reminders, local_now))
    if reminders.week_ready:
        candidates.append(week_note(reminders, journal_settings, local_now))
    if reminders.heads_up:
        candidates.append(heads_up(reminders.user, local_now))
    return [
        due
        for due in candidates
        if due and reminders.changed_at <= due.due_at <= now and now - due.due_at < STILL_WELCOME_FOR
    ]


def check_in(reminders, local_now):
    today = local_now.date()
    due_at = reminders.after_quiet_hours(datetime.combine(today, reminders.check_in_at, tzinfo=local_now.tzinfo))
    return Due(Kind.CHECK_IN, today.isoformat(), due_at, reverse("journal:entries"))


def week_note(reminders, journal_settings, local_now):
    week = Week.containing(local_now, local_now.tzinfo, journal_settings.week_start).previous
    due_at = reminders.after_quiet_hours(datetime.combine(week.end, WEEK_NOTE_AT, tzinfo=local_now.tzinfo))
    return Due(Kind.WEEK_READY, week.slug, due_at, reverse("journal:review_week", args=[week]))


def heads_up(user, local_now):
    """Due 30 minutes before a time of week that has often been hard lately, if one is coming up."""
    hard_time_starts = next_period_start(local_now)
    due_at = hard_time_starts - HEADS_UP_BEFORE
    if local_now < due_at or TimeOfWeek.of(hard_time_starts) not in often_hard(
        user, local_now.tzinfo, hard_time_starts.date()
    ):
        return None
    return Due(Kind.HEADS_UP, hard_time_starts.isoformat(timespec="minutes"), due_at, reverse("home"))


def plan_pause_end(pause):
    """A pause started on a device that allows notifications says when it is over, even with the tab closed."""
    if not PushSubscription.objects.filter(user=pause.user).exists():
        return False
    link = reverse("journal:pause_detail", args=[pause.pk]) + "#finish"
    return Notification.plan(pause.user, Kind.PAUSE_OVER, str(pause.pk), pause.ends_at, link)
