"""Privacy as a difference: every page, list, figure, chart and export the owner sees is byte for byte the same
before and after a stranger fills their own journal with rows that would show if any query forgot its owner.

A search for the stranger's name would miss a leak into a count, an average, a chart or a pinned reframe, so the
stranger's rows sit at the owner's own hours with other strengths, urges and outcomes, every text carries a marker,
and their custom trigger has the owner's key with another label.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache

from attachment_app.lessons import library
from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    TriggerLogFactory,
    WeeklyReflectionFactory,
)
from journal.models import LessonRead, LogTag, UserSettings
from reminders.models import ReminderSettings
from tests.pages import seen

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday, week 2026-W48
HOURS = [7, 13, 19, 23]


def fill_journal(user, mark, strength, urge, outcome, lesson):
    """Five weeks of moments at fixed hours, with tags, pauses, reframes, notes, a custom trigger and a lesson read."""
    custom = CustomChoiceFactory(user=user, label="Work deadline" if mark == "OWNER" else "WORK DEADLINE")  # one key
    logs = []
    for day in range(0, 35, 2):
        for hour in HOURS:
            at = (NOW - timedelta(days=day)).replace(hour=hour)
            if at >= NOW:
                continue
            kind = custom.key if hour == 19 else ["slow_reply", "plans_changed", "social_media"][day % 3]
            logs.append(
                TriggerLogFactory(
                    user=user,
                    occurred_at=at,
                    trigger_kind=kind,
                    intensity=strength,
                    urge=urge,
                    acted_on=outcome,
                    what_happened=f"{mark} happened {day} {hour}",
                    story=f"{mark} story",
                    notes=f"{mark} notes",
                    intensity_after=max(0, strength - 3),
                )
            )
    for log in logs[::3]:
        LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="fear")
        LogTag.objects.create(log=log, kind=LogTag.Kind.HELPED, value="slow_breathing")
        PauseSessionFactory(user=user, log=log, started_at=log.occurred_at, finished=True, what_i_did=f"{mark} walked")
    PauseSessionFactory(user=user, started_at=NOW - timedelta(days=3), finished=True, what_i_did=f"{mark} alone")
    for pinned in (True, False):
        ReframeFactory(
            user=user,
            log=logs[0],
            pinned=pinned,
            anxious_thought=f"{mark} anxious",
            balanced_thought=f"{mark} balanced {pinned}",
        )
    for weeks_ago in range(3):
        WeeklyReflectionFactory(
            user=user,
            week_start=(NOW - timedelta(weeks=weeks_ago)).date() - timedelta(days=NOW.weekday()),
            noticed=f"{mark} noticed",
            helped=f"{mark} helped",
            intention=f"{mark} intention",
        )
    PauseSessionFactory(user=user, log=logs[0], started_at=NOW - timedelta(minutes=5), current=True)  # running
    LessonRead.objects.create(user=user, lesson_slug=lesson.slug)
    ReminderSettings.objects.create(user=user, daily_check_in=True, by_email=True)
    return logs


def owners_pages(owner_logs):
    log = owner_logs[-1]
    running = owner_logs[0].user.pauses.get(current=True)
    pause = log.pauses.first() or owner_logs[3].pauses.first()
    reframe = owner_logs[0].reframes.first()
    lesson = next(iter(library()))
    return [
        "/",
        "/journal/",
        f"/journal/?before={owner_logs[20].pk}",
        "/journal/?trigger=slow_reply",
        f"/journal/?trigger={owner_logs[0].user.custom_choices.get().key}",
        "/journal/log/",
        f"/journal/log/{log.pk}/",
        f"/journal/log/{log.pk}/edit/",
        f"/journal/log/{log.pk}/delete/",
        f"/journal/pause/{pause.pk}/",
        f"/journal/pause/{running.pk}/",
        "/journal/reframes/",
        f"/journal/reframes/new/?log={log.pk}",
        f"/journal/reframes/{reframe.pk}/",
        f"/journal/reframes/{reframe.pk}/delete/",
        "/journal/review/",
        "/journal/review/2026-W48/",
        "/journal/review/2026-W47/",
        "/journal/review/2026-W47/?weeks=4",
        "/journal/review/2026-W47/?weeks=12",
        "/journal/review/2026-W47/reflection/",
        "/journal/settings/",
        "/journal/settings/lock/",
        "/journal/export.json",
        "/journal/export.csv",
        "/journal/import/",
        "/lessons/",
        f"/lessons/{lesson.slug}/",
        "/reminders/",
        "/crisis/",
    ]


def everything_the_owner_sees(client, urls):
    cache.clear()  # a cached review would hide a leak
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = seen(response)
    return pages


def test_a_strangers_journal_changes_nothing_the_owner_sees(owner, owner_client, stranger):
    with time_machine.travel(NOW, tick=False):
        lessons = list(library())
        owner_logs = fill_journal(owner, "OWNER", strength=4, urge="text_again", outcome="no", lesson=lessons[0])
        pages = owners_pages(owner_logs)
        before = everything_the_owner_sees(owner_client, pages)

        fill_journal(stranger, "BOB", strength=9, urge="pull_away", outcome="yes", lesson=lessons[1])
        UserSettings.objects.filter(user=stranger).update(week_start=6)
        after = everything_the_owner_sees(owner_client, pages)

    assert len(pages) >= 30
    assert_same(before, after)


def test_an_older_strangers_journal_changes_nothing_either(stranger, owner, owner_client):
    """The stranger (and their rows) came first in every table, so a query that forgot its owner and takes the first row
    (or the lowest id) shows theirs."""
    with time_machine.travel(NOW, tick=False):
        lessons = list(library())
        fill_journal(stranger, "BOB", strength=9, urge="pull_away", outcome="yes", lesson=lessons[1])
        owner_logs = fill_journal(owner, "OWNER", strength=4, urge="text_again", outcome="no", lesson=lessons[0])
        pages = owners_pages(owner_logs)
        with_stranger = everything_the_owner_sees(owner_client, pages)
        stranger.delete()
        without = everything_the_owner_sees(owner_client, pages)

    assert_same(without, with_stranger)


def assert_same(without, with_stranger):
    for url, page in with_stranger.items():
        assert b"BOB" not in page, f"{url} shows the stranger's words"
        assert page == without[url], f"{url} changed when a stranger wrote in their own journal"
