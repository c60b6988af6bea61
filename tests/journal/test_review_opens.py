"""The review opens on the week worth reading: the one that just ended, until the new one has something in it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from journal.factories import TriggerLogFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")  # the owner's zone; weeks start on Monday
MONDAY = datetime(2026, 11, 23, tzinfo=LONDON)  # week 48 starts; week 47 ran 16–22 November


def opened(client, when):
    with time_machine.travel(when, tick=False):
        return client.get("/journal/review/").content.decode()


@pytest.fixture
def last_week(owner):
    return TriggerLogFactory(user=owner, occurred_at=MONDAY - timedelta(days=2), trigger_kind="slow_reply")


def test_at_the_start_of_the_week_it_opens_on_the_week_that_just_ended(owner_client, last_week):
    page = opened(owner_client, MONDAY)
    assert "<h1>Last week</h1>" in page and "16 – 22 Nov 2026" in page
    assert 'href="/journal/review/2026-W48/">This week so far →</a>' in page


def test_the_first_day_still_opens_on_last_week_even_with_a_moment_today(owner_client, owner, last_week):
    TriggerLogFactory(user=owner, occurred_at=MONDAY + timedelta(hours=9))
    assert "<h1>Last week</h1>" in opened(owner_client, MONDAY + timedelta(hours=20))


def test_one_second_before_the_week_ends_it_still_opens_on_the_week_itself(owner_client, owner, last_week):
    page = opened(owner_client, MONDAY - timedelta(seconds=1))
    assert "<h1>This week</h1>" in page and "This week so far" not in page


def test_once_the_new_week_has_a_moment_and_a_day_has_passed_it_opens_on_it(owner_client, owner, last_week):
    TriggerLogFactory(user=owner, occurred_at=MONDAY + timedelta(days=1, hours=8))
    page = opened(owner_client, MONDAY + timedelta(days=1, hours=9))
    assert "<h1>This week</h1>" in page and "23 – 29 Nov 2026" in page
    assert "This week so far" not in page


def test_while_the_new_week_is_empty_it_keeps_opening_on_last_week(owner_client, last_week):
    assert "<h1>Last week</h1>" in opened(owner_client, MONDAY + timedelta(days=3))


def test_the_week_boundary_is_the_persons_own(owner_client, owner, last_week):
    # 23:30 on Sunday in London is already Monday in Tokyo: a Tokyo person's new week has begun.
    owner.journal_settings.time_zone = "Asia/Tokyo"
    owner.journal_settings.save()
    page = opened(owner_client, MONDAY - timedelta(minutes=30))
    assert "<h1>Last week</h1>" in page


def test_a_week_asked_for_by_name_opens_as_asked(owner_client, last_week):
    with time_machine.travel(MONDAY, tick=False):
        page = owner_client.get("/journal/review/2026-W48/").content.decode()
    assert "<h1>This week</h1>" in page and "This week so far" not in page


def test_a_future_week_says_it_hasnt_happened_yet(owner_client, last_week):
    with time_machine.travel(MONDAY, tick=False):
        page = owner_client.get("/journal/review/2026-W50/").content.decode()
    assert "This week hasn&#x27;t happened yet" in page or "This week hasn't happened yet" in page
    assert "A quiet week" not in page
