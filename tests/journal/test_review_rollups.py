"""Each week's counts are kept between looks: the review counts a week once, counts it again only after that week
changes, and is always the same as a review counted from scratch."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from journal.factories import PauseSessionFactory, TriggerLogFactory
from journal.models import TriggerLog, UserSettings, WeekRollup
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


KEEPS_A_WEEK = r'INSERT (OR IGNORE )?INTO "journal_weekrollup"'


def kept_weeks():
    return dict(WeekRollup.objects.values_list("starts_at", "pk"))


@pytest.mark.django_db(transaction=True)  # committed for real, as on the server: the week is counted on commit
def test_logging_a_moment_counts_its_kept_week_again_so_the_next_look_reads_only_kept_counts(
    owner_client, owner, history, clock
):
    owner_client.get(REVIEW)
    kept = kept_weeks()
    assert len(kept) == 8

    clock.shift(timedelta(seconds=1))
    owner_client.post("/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "now"})
    counted_again = {starts_at for starts_at, pk in kept_weeks().items() if kept.get(starts_at) != pk}
    assert counted_again == {max(kept)}, "only this week was counted again, by the write itself"

    with CaptureQueriesContext(connection) as looked:
        served = main_of(owner_client.get(REVIEW))
    assert journal_queries(looked.captured_queries) == [], "the first look after logging counts nothing"
    assert served == from_scratch(owner_client)


@pytest.mark.django_db(transaction=True)
def test_a_moment_saved_with_what_helped_is_counted_again_with_it(owner_client, owner, history, clock):
    owner_client.get(REVIEW)
    clock.shift(timedelta(seconds=1))
    moment = history[0]
    details = {"sensations": ["racing_heart"], "emotions": ["fear"], "helped": ["slow_breathing"]}
    owner_client.post(f"/journal/log/{moment.pk}/", {**details, "intensity_after": "2", "acted_on": "no"})

    cache.clear()
    with CaptureQueriesContext(connection) as looked:
        served = main_of(owner_client.get(REVIEW))
    assert journal_queries(looked.captured_queries) == []
    assert b"Slow breathing" in served and b"Racing heart" in served
    assert served == from_scratch(owner_client), "the week was counted after its tags were saved, not before"


@pytest.mark.django_db(transaction=True)
@pytest.mark.django_db(transaction=True)
def test_finishing_a_pause_counts_its_week_once_for_the_pause_and_its_moment(owner_client, owner, history, clock):
    pause = PauseSessionFactory(user=owner, log=history[0], started_at=NOW - timedelta(minutes=30), intensity_before=7)
    owner_client.get(REVIEW)
    clock.shift(timedelta(seconds=1))
    with CaptureQueriesContext(connection) as finishing:
        owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "2", "urge_passed": "yes"})
    kept = [sql for sql in (query["sql"] for query in finishing.captured_queries) if re.match(KEEPS_A_WEEK, sql)]
    assert len(kept) == 1, "the pause and the moment it answers are one change, and their week is counted once"
    assert main_of(owner_client.get(REVIEW)) == from_scratch(owner_client)


@pytest.mark.django_db(transaction=True)
def test_a_count_that_fails_after_the_write_loses_nothing_and_the_next_look_counts_again(
    owner_client, owner, history, clock, monkeypatch, caplog
):
    owner_client.get(REVIEW)
    clock.shift(timedelta(seconds=1))

    def database_hiccup(user, weeks):
        raise OperationalError("database is locked")

    monkeypatch.setattr(rollups, "count_weeks", database_hiccup)
    saved = owner_client.post(
        "/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "now", "what_happened": "Private words"}
    )
    assert saved.status_code == 302, "the moment is saved and the person moves on"
    assert TriggerLog.objects.filter(user=owner, intensity=9).exists()
    assert "database is locked" in caplog.text and "Private words" not in caplog.text

    monkeypatch.undo()
    assert main_of(owner_client.get(REVIEW)) == from_scratch(owner_client)


@pytest.mark.django_db(transaction=True)
def test_a_week_nobody_has_looked_at_is_left_to_be_counted_when_someone_does(owner_client, owner, history, clock):
    owner_client.post("/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "now"})
    assert not WeekRollup.objects.exists(), "a write does not pay to count weeks nobody reads"


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


def test_a_week_kept_in_another_zone_that_starts_at_the_same_instant_is_not_read_as_this_zones(owner_client, owner):
    """Monday 23 March 2026 starts at 00:00 UTC in both UTC and London, but London's week ends an hour earlier
    (clocks go forward on the Sunday): a moment at 23:30 UTC that Sunday is in UTC's week and London's next."""
    UserSettings.objects.filter(user=owner).update(time_zone="UTC")
    TriggerLogFactory(user=owner, occurred_at=datetime(2026, 3, 29, 23, 30, tzinfo=UTC), intensity=9)
    week = "/journal/review/2026-W13/"
    assert b"Moments logged" in main_of(owner_client.get(week))
    assert WeekRollup.objects.filter(user=owner, time_zone="UTC").count() == 8

    UserSettings.objects.filter(user=owner).update(time_zone="Europe/London", journal_changed_at=NOW)
    in_london = main_of(owner_client.get(week))
    assert b"Nothing was logged this week" in in_london
    assert in_london == from_scratch(owner_client, week)
