"""'When' in one tap: now, 15 minutes or an hour ago, a time earlier today, or another day — in the person's zone."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from journal.models import TriggerLog

pytestmark = pytest.mark.django_db
NOON_IN_LONDON = datetime(2026, 7, 1, 11, 0, tzinfo=UTC)  # 12:00 British Summer Time


def log(client, **fields):
    return client.post("/journal/log/", {"trigger_kind": "slow_reply", "intensity": "6", **fields})


@pytest.fixture(autouse=True)
def noon():
    with time_machine.travel(NOON_IN_LONDON, tick=False):
        yield


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("now", datetime(2026, 7, 1, 11, 0, tzinfo=UTC)),
        ("15", datetime(2026, 7, 1, 10, 45, tzinfo=UTC)),
        ("60", datetime(2026, 7, 1, 10, 0, tzinfo=UTC)),
        ("", datetime(2026, 7, 1, 11, 0, tzinfo=UTC)),
    ],
)
def test_a_quick_choice_sets_the_time(owner_client, owner, when, expected):
    log(owner_client, when=when)
    assert TriggerLog.objects.get(user=owner).occurred_at == expected


def test_earlier_today_is_a_time_on_the_persons_own_day(owner_client, owner):
    log(owner_client, when="today", earlier_today="07:30")
    assert TriggerLog.objects.get(user=owner).occurred_at == datetime(2026, 7, 1, 6, 30, tzinfo=UTC)


def test_a_time_typed_for_today_counts_even_without_the_chip(owner_client, owner):
    log(owner_client, when="now", earlier_today="09:15")
    assert TriggerLog.objects.get(user=owner).occurred_at == datetime(2026, 7, 1, 8, 15, tzinfo=UTC)


def test_earlier_today_asks_for_the_time_and_keeps_the_rest(owner_client):
    response = log(owner_client, when="today", what_happened="No reply since lunch")
    content = response.content.decode()
    assert response.context["form"].errors["earlier_today"] == ["What time was it? Pick a time, or choose Now."]
    assert 'value="No reply since lunch"' in content
    assert not TriggerLog.objects.exists()


def test_a_time_later_today_is_refused_beside_its_field(owner_client):
    response = log(owner_client, when="today", earlier_today="18:00")
    content = response.content.decode()
    assert response.context["form"].errors["earlier_today"] == [
        "That time hasn't come yet today. Pick an earlier time."
    ]
    assert 'href="#id_earlier_today"' in content, "the summary links to the field to fix"
    assert not TriggerLog.objects.exists()


@pytest.mark.parametrize(
    ("earlier_today", "saved"),
    [("11:58", True), ("12:00", True), ("12:05", True), ("12:06", False)],  # a phone's clock may run 5 minutes fast
)
def test_a_time_up_to_five_minutes_ahead_is_still_now(owner_client, earlier_today, saved):
    log(owner_client, when="today", earlier_today=earlier_today)
    assert TriggerLog.objects.exists() is saved


def test_another_day_wins_over_the_quick_choices(owner_client, owner):
    log(owner_client, when="60", earlier_today="09:00", occurred_at="2026-06-28T22:10")
    assert TriggerLog.objects.get(user=owner).occurred_at == datetime(2026, 6, 28, 21, 10, tzinfo=UTC)


def test_a_made_up_choice_is_refused(owner_client):
    assert log(owner_client, when="9999999999").status_code == 200
    assert not TriggerLog.objects.exists()


def test_the_quick_choices_come_before_the_date_picker(owner_client):
    content = owner_client.get("/journal/log/").content.decode()
    chips = [content.index(f'value="{value}"') for value in ("now", "15", "60", "today")]
    assert chips == sorted(chips)
    assert chips[-1] < content.index('name="earlier_today"') < content.index('name="occurred_at"')
    assert re.search(r'value="now"[^>]*checked', content), "now is chosen until the person picks another"
