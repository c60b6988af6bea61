"""Each week's counts are kept between looks: the review counts a week once, counts it again only after that week
changes, and is always the same as a review counted from scratch."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.factories import TriggerLogFactory
from journal.models import UserSettings, WeekRollup
from journal.review import rollups
from journal.review.counts import empty_week
from tests.pages import seen

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # Friday of 2026-W47 (Monday 16 to Sunday 22 November)
REVIEW = "/journal/review/2026-W47/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def history(owner):
    """A moment in each of the last ten weeks, stronger each week."""
    return [
        TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(weeks=weeks), intensity=10 - weeks, urge="text_again")
        for weeks in range(10)
    ]


def main_of(response):
    page = seen(response)
    return page[page.index(b"<main") : page.index(b"</main>")]


def from_scratch(client, url=REVIEW):
    cache.clear()
    WeekRollup.objects.all().delete()
    return main_of(client.get(url))


def journal_queries(queries):
    return [query["sql"] for query in queries if "journal_triggerlog" in query["sql"]]


def test_a_second_look_reads_the_kept_counts_and_counts_nothing_again(owner_client, history):
    first = main_of(owner_client.get(REVIEW))
    cache.clear()  # the page itself is no longer cached: only the counts are kept
    with CaptureQueriesContext(connection) as second:
        again = main_of(owner_client.get(REVIEW))
    assert again == first
    assert journal_queries(second.captured_queries) == [], "no moment is read or counted on a second look"


def test_logging_a_moment_counts_only_its_own_week_again(owner_client, owner, history, clock):
    owner_client.get(REVIEW)
    kept = dict(WeekRollup.objects.values_list("starts_at", "pk"))
    assert len(kept) == 8

    clock.shift(timedelta(seconds=1))
    owner_client.post("/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "now"})
    with CaptureQueriesContext(connection) as looked:
        served = main_of(owner_client.get(REVIEW))

    now_kept = dict(WeekRollup.objects.values_list("starts_at", "pk"))
    changed = {starts_at for starts_at, pk in now_kept.items() if kept.get(starts_at) != pk}
    assert len(changed) == 1 and min(changed) == max(kept), "only this week was counted again"
    assert len(journal_queries(looked.captured_queries)) == 3, "moments, their tags and times of day, for one week"
    assert served == from_scratch(owner_client)


def test_counts_are_not_kept_when_the_journal_changes_while_they_are_counted(owner, monkeypatch):
    counting = rollups.count_weeks

    def another_device_logs_meanwhile(user, weeks):
        counted = counting(user, weeks)
        TriggerLogFactory(user=user, occurred_at=NOW - timedelta(hours=1), intensity=9)
        return counted

    monkeypatch.setattr(rollups, "count_weeks", another_device_logs_meanwhile)
    week = UserSettings.for_user(owner).current_week()
    rollups.week_counts(owner, [week])
    assert not WeekRollup.objects.exists(), "counts that may be out of date are not kept"

    monkeypatch.setattr(rollups, "count_weeks", counting)
    (counts,) = rollups.week_counts(owner, [week])
    assert counts["moments"]["moments"] == 1


def test_kept_counts_stay_right_when_the_person_moves_zone_and_back(owner_client, owner, history, clock):
    owner_client.get(REVIEW)
    settings = {"week_start": "0", "default_pause_minutes": "20"}
    for write in (
        lambda: owner_client.post("/journal/settings/", {**settings, "time_zone": "Asia/Tokyo"}),
        lambda: owner_client.get(REVIEW),
        lambda: owner_client.post("/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "now"}),
        lambda: owner_client.post("/journal/settings/", {**settings, "time_zone": "Europe/London"}),
    ):
        clock.shift(timedelta(seconds=1))
        write()
    served = main_of(owner_client.get(REVIEW))
    assert served == from_scratch(owner_client)
    assert b"Moments logged" in served


def test_rebuilding_replaces_counts_that_went_wrong_and_keeps_the_recent_weeks(owner_client, owner, history):
    owner_client.get(REVIEW)
    WeekRollup.objects.update(counts=empty_week())
    out = io.StringIO()
    call_command("rebuild_rollups", stdout=out)
    assert "Counted the last 13 weeks again for 1 person." in out.getvalue()
    assert WeekRollup.objects.filter(user=owner).count() == 13

    cache.clear()
    with CaptureQueriesContext(connection) as looked:
        served = main_of(owner_client.get(REVIEW))
    assert journal_queries(looked.captured_queries) == [], "the rebuilt weeks are read, not counted again"
    assert served == from_scratch(owner_client)


def test_weeks_forgotten_apart_are_each_counted_again_and_kept(owner_client, owner, history, clock):
    owner_client.get(REVIEW)
    clock.shift(timedelta(seconds=1))
    for weeks_ago in (1, 5):  # two runs of forgotten weeks, with kept ones between
        TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(weeks=weeks_ago), intensity=9)
    assert WeekRollup.objects.count() == 6
    served = main_of(owner_client.get(REVIEW))
    assert WeekRollup.objects.count() == 8, "both runs of counted weeks are kept"
    assert served == from_scratch(owner_client)


def test_a_persons_kept_counts_go_with_their_account(owner_client, owner, stranger, history):
    TriggerLogFactory(user=stranger, occurred_at=NOW)
    owner_client.get(REVIEW)
    assert WeekRollup.objects.filter(user=owner).count() == 8
    owner.delete()
    assert not WeekRollup.objects.exists()


def test_rebuilding_says_how_many_people_it_counted_for(owner, stranger):
    out = io.StringIO()
    call_command("rebuild_rollups", "--weeks", "2", stdout=out)
    assert "Counted the last 2 weeks again for 2 people." in out.getvalue()
