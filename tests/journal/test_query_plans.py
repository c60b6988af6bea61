"""The pages people wait on read a person's rows through narrow indexes, never by scanning a table, so their cost
does not grow with a long history (manage.py bench_pages measures it). The plans are SQLite's on a database
without planner statistics, as every fresh one is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal.factories import PauseSessionFactory, TriggerLogFactory

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")


@pytest.fixture
def history(owner, stranger):
    now = timezone.now()
    logs = [TriggerLogFactory(user=owner, occurred_at=now - timedelta(hours=hours)) for hours in range(1, 50)]
    TriggerLogFactory.create_batch(5, user=stranger)
    for log in logs[::5]:
        PauseSessionFactory(user=owner, log=log, started_at=log.occurred_at, finished=True)
    PauseSessionFactory(user=owner, log=logs[-1], started_at=logs[-1].occurred_at)  # long ago, never finished
    return logs


def plans_of(client, path):
    """Each journal query the page makes, with SQLite's plan for it."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    plans = []
    for query in queries.captured_queries:
        if "journal_" in query["sql"] and query["sql"].startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plans.append((query["sql"], " / ".join(row[-1] for row in cursor.fetchall())))
    return plans


def pages(logs):
    oldest_but_twenty = sorted(logs, key=lambda log: log.occurred_at)[20]
    return [
        "/journal/log/",
        logs[0].get_absolute_url(),
        "/journal/",
        f"/journal/?before={oldest_but_twenty.pk}",
        f"/journal/?after={oldest_but_twenty.pk}",
    ]


def test_no_page_people_wait_on_scans_a_journal_table(owner_client, history):
    for path in pages(history):
        for sql, plan in plans_of(owner_client, path):
            assert "SCAN journal_" not in plan, (path, sql, plan)


def test_moments_are_read_through_the_person_and_time_index(owner_client, history):
    for path in pages(history)[2:]:
        plans = [plan for sql, plan in plans_of(owner_client, path) if 'FROM "journal_triggerlog" WHERE' in sql]
        assert any("USING INDEX log_user_occurred" in plan for plan in plans), (path, plans)


def test_open_pauses_are_found_in_their_own_index(owner_client, history):
    for path in (history[0].get_absolute_url(), "/journal/"):
        plans = [plan for sql, plan in plans_of(owner_client, path) if '"finished_at" IS NULL' in sql]
        assert plans, path
        assert all("USING INDEX pause_user_open" in plan for plan in plans), (path, plans)


def test_counting_a_week_for_the_review_reads_only_that_persons_weeks(owner_client, history):
    """With nothing kept yet, the review counts eight weeks: each count reads the (user, time) index, no table."""
    plans = plans_of(owner_client, "/journal/review/?weeks=1")
    counted = [plan for sql, plan in plans if "CASE WHEN" in sql]
    assert counted, "the review counted its weeks"
    for plan in counted:
        assert "SCAN journal_" not in plan, plan
    assert any("USING INDEX log_user_occurred" in plan for plan in counted), counted
