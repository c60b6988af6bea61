"""Every way a person changes their journal makes the cached weekly review fresh at once.

One table: each write is made as the person makes it (through the page), a second after the review was cached.
The review served next must equal one computed from scratch (no cached page, no kept weekly counts), and for
writes the review shows, differ from before.
"""

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attachment_app.erasure import erase
from journal.factories import PauseSessionFactory, ReframeFactory, SecureMomentFactory, TriggerLogFactory
from journal.models import CustomChoice, WeekRollup
from tests.pages import seen

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # Friday of 2026-W47 (Monday 16 to Sunday 22 November)
REVIEW = "/journal/review/2026-W47/"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def journal(clock, owner):
    logs = [
        TriggerLogFactory(
            user=owner,
            occurred_at=NOW - timedelta(days=days),
            trigger_kind="slow_reply",
            intensity=6,
            urge="text_again",
        )
        for days in (1, 2, 3)
    ]
    PauseSessionFactory(user=owner, log=logs[0], started_at=logs[0].occurred_at, finished=True)
    unfinished = PauseSessionFactory(user=owner, log=logs[1], started_at=NOW - timedelta(hours=1), intensity_before=6)
    reframe = ReframeFactory(user=owner, log=logs[2], created_at=logs[2].occurred_at)
    choice = CustomChoice.objects.create(user=owner, list_name="trigger", key="my-the-commute", label="The commute")
    TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(days=2), trigger_kind=choice.key, intensity=5)
    secure = SecureMomentFactory(user=owner, occurred_at=NOW - timedelta(days=2))
    return {"log": logs[0], "pause": unfinished, "reframe": reframe, "choice": choice, "secure": secure}


def exported_moment(owner_client):
    export = json.loads(b"".join(owner_client.get("/journal/export.json").streaming_content))
    export["moments"] = [{**export["moments"][0], "intensity": 10, "what_happened": "Imported", "ref": 999999}]
    export["pauses"] = export["reframes"] = export["reflections"] = export["custom_choices"] = []
    return io.BytesIO(json.dumps(export).encode())


def edit(client, log, trigger_kind="slow_reply", intensity=6, days_ago=1):
    when = (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")
    return client.post(
        f"/journal/log/{log.pk}/edit/",
        {"trigger_kind": trigger_kind, "intensity": str(intensity), "occurred_at": when, "acted_on": "not_yet"},
    )


WRITES = {
    "log a moment": (
        True,
        lambda c, j: c.post("/journal/log/", {"trigger_kind": "work", "intensity": "9", "when": "60"}),
    ),
    "edit a moment": (True, lambda c, j: edit(c, j["log"], trigger_kind="friends", intensity=2, days_ago=1)),
    "move a moment to the week before": (True, lambda c, j: edit(c, j["log"], days_ago=8)),
    "add detail to a moment": (
        True,
        lambda c, j: c.post(
            f"/journal/log/{j['log'].pk}/", {"helped": ["slow_breathing"], "acted_on": "no", "intensity_after": "2"}
        ),
    ),
    "delete a moment": (True, lambda c, j: c.post(f"/journal/log/{j['log'].pk}/delete/")),
    "start a pause": (True, lambda c, j: c.post("/journal/pause/", {"minutes": "5", "log": j["log"].pk})),
    "finish a pause": (
        True,
        lambda c, j: c.post(f"/journal/pause/{j['pause'].pk}/finish/", {"intensity_after": "1", "urge_passed": "yes"}),
    ),
    "write a reframe": (
        True,
        lambda c, j: c.post(
            "/journal/reframes/new/",
            {"anxious_thought": "They are bored of me", "balanced_thought": "They had a long day"},
        ),
    ),
    "delete a reframe": (True, lambda c, j: c.post(f"/journal/reframes/{j['reframe'].pk}/delete/")),
    "save a secure moment": (
        True,
        lambda c, j: c.post("/journal/secure/", {"what_happened": "I asked for what I needed", "what_helped": ""}),
    ),
    "delete a secure moment": (True, lambda c, j: c.post(f"/journal/secure/{j['secure'].pk}/delete/")),
    "write the week's note": (
        True,
        lambda c, j: c.post(f"{REVIEW}reflection/", {"noticed": "Evenings", "helped": "", "intention": ""}),
    ),
    "import a journal": (
        True,
        lambda c, j: c.post("/journal/import/", {"file": exported_moment(c), "confirm": "on"}),
    ),
    "change the week's first day": (
        True,
        lambda c, j: c.post(
            "/journal/settings/", {"time_zone": "Europe/London", "week_start": "6", "default_pause_minutes": "20"}
        ),
    ),
    "change the time zone": (
        True,
        lambda c, j: c.post(
            "/journal/settings/", {"time_zone": "Pacific/Kiritimati", "week_start": "0", "default_pause_minutes": "20"}
        ),
    ),
    "remove a custom trigger": (
        False,  # its moments keep a label made from the key
        lambda c, j: c.post(f"/journal/settings/choices/{j['choice'].pk}/delete/"),
    ),
}


def review(client):
    """The review page's <main>: what the review shows, without the one-off 'Saved' message above it."""
    page = seen(client.get(REVIEW))
    return page[page.index(b"<main") : page.index(b"</main>")]


# In a test's transaction nothing commits, so kept weeks are counted again at the next look; with real commits, as
# on the server, the write itself counts its kept week again once committed. Both must give the same review.
COMMITS = [
    pytest.param(False, id="counted-at-the-next-look"),
    pytest.param(True, id="counted-on-commit", marks=pytest.mark.django_db(transaction=True)),
]


@pytest.mark.parametrize("committed", COMMITS)
@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_each_write_makes_the_cached_review_fresh(owner_client, journal, clock, write, committed):
    changes_review, make = WRITES[write]
    before = review(owner_client)
    assert review(owner_client) == before, "the second view comes from the cache"

    clock.shift(timedelta(seconds=1))
    response = make(owner_client, journal)
    assert response.status_code in (200, 302), response.status_code
    served = review(owner_client)
    cache.clear()
    WeekRollup.objects.all().delete()
    fresh = review(owner_client)

    assert served == fresh, f"after '{write}' the review was stale"
    if changes_review:
        assert served != before, f"'{write}' should show in the review"


def marks(queries):
    return [query["sql"] for query in queries if 'SET "journal_changed_at"' in query["sql"]]


def test_big_changes_mark_the_journal_once_not_once_a_row(owner_client, owner, journal, clock):
    TriggerLogFactory.create_batch(30, user=owner, occurred_at=NOW - timedelta(hours=2))
    with CaptureQueriesContext(connection) as imported:
        owner_client.post("/journal/import/", {"file": exported_moment(owner_client), "confirm": "on"})
    with CaptureQueriesContext(connection) as erased:
        erase(owner)
    assert len(marks(imported.captured_queries)) == 1, "34 deleted moments and one imported: one mark"
    assert len(marks(erased.captured_queries)) <= 1
