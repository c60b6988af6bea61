"""Deleting an account removes every row tied to the person, in every table, and nothing of anyone else's."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    SecureMomentFactory,
    TriggerLogFactory,
    UserFactory,
    UserSettingsFactory,
    WeeklyReflectionFactory,
)
from journal.models import LessonRead, LogTag
from reminders.models import Notification, PushSubscription, ReminderSettings

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "calm-tides-42"
# Tables that belong to the site, not to any one person: signing up or writing never adds to them.
SHARED_TABLES = {
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
    "auth_user_user_permissions",
    "django_content_type",
    "journal_heartbeat",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",  # off (AXES_ENABLE_ACCESS_FAILURE_LOG); erase() clears it all the same
}


def row_counts():
    models = apps.get_models(include_auto_created=True)
    return {model._meta.db_table: model._base_manager.count() for model in models}


def a_full_life(user, marker):
    """One of everything a person can leave behind, including a failed sign-in and a second signed-in device."""
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name="testers")[0])
    log = TriggerLogFactory(user=user, what_happened=marker)
    LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="anxious")
    PauseSessionFactory(user=user, log=log)
    ReframeFactory(user=user)
    WeeklyReflectionFactory(user=user)
    SecureMomentFactory(user=user, what_happened=marker)
    CustomChoiceFactory(user=user)
    LessonRead.objects.create(user=user, lesson_slug="common-triggers")
    ReminderSettings.objects.create(user=user, daily_check_in=True)
    PushSubscription.objects.create(user=user, endpoint=f"https://fcm.googleapis.com/{marker}", p256dh="k", auth="a")
    Notification.plan(user, Notification.Kind.CHECK_IN, marker, timezone.now() + timedelta(hours=1), "/journal/")
    Client().post("/accounts/login/", {"username": user.username, "password": "not my password"})
    device = Client()
    device.force_login(user)
    assert device.get("/journal/review/").status_code == 200  # the review keeps each week's counts


def test_deleting_an_account_leaves_every_table_as_if_the_person_never_came(stranger):
    a_full_life(stranger, "stranger-marker")
    before_owner = row_counts()
    owner = UserFactory(username="alice")
    UserSettingsFactory(user=owner)
    a_full_life(owner, "owner-marker")

    grew = {table for table, count in row_counts().items() if count > before_owner[table]}
    assert grew == set(before_owner) - SHARED_TABLES, "every personal table is exercised by this test"

    client = Client()
    client.force_login(owner)
    refused = client.post("/accounts/delete/", {"password": "wrong"})
    assert "Nothing has been deleted" in refused.content.decode()
    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert "Your account is deleted" in response.content.decode()
    assert row_counts() == before_owner
    assert not User.objects.filter(username="alice").exists()
    assert Client().get("/journal/").status_code == 302


def test_the_strangers_rows_are_untouched(owner, stranger):
    a_full_life(stranger, "stranger-marker")
    a_full_life(owner, "owner-marker")
    client = Client()
    client.force_login(owner)
    client.post("/accounts/delete/", {"password": PASSWORD})

    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    assert AccessAttempt.objects.filter(username="bob").count() == 1
    assert [s.get_decoded()["_auth_user_id"] for s in Session.objects.all()] == [str(stranger.pk)]
    assert DBTaskResult.objects.count() == 1
    assert list(stranger.trigger_logs.values_list("what_happened", flat=True)) == ["stranger-marker"]
