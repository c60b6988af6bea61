import re
import uuid
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import PauseSession

pytestmark = pytest.mark.django_db


def start(client, **data):
    return client.post("/journal/pause/", {"idempotency_key": str(uuid.uuid4()), "minutes": "20", **data})


def test_start_page_offers_the_users_default_length(owner_client, owner):
    owner.journal_settings.default_pause_minutes = 10
    owner.journal_settings.save()
    content = owner_client.get("/journal/pause/").content.decode()
    assert re.search(r'value="10"[^>]*checked', content)


def test_a_pause_stores_its_end_time_on_the_server(owner_client, owner):
    response = start(owner_client, minutes="10")
    pause = PauseSession.objects.get(user=owner)
    assert response["Location"] == f"/journal/pause/{pause.pk}/"
    assert pause.ends_at - pause.started_at == timedelta(minutes=10)
    assert pause.is_running()


def test_the_countdown_survives_a_reload(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(minutes=5))
    content = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert re.search(r'class="js-remaining">(14:5\d|15:00)<', content)
    ends_at = re.search(r'data-ends-at="([^"]+)"', content).group(1)
    assert datetime.fromisoformat(ends_at) == pause.ends_at


def test_a_pause_from_a_moment_remembers_how_strong_it_was(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=8)
    start(owner_client, log=str(log.pk))
    pause = PauseSession.objects.get(user=owner)
    assert (pause.log, pause.intensity_before) == (log, 8)


def test_only_one_pause_runs_at_a_time(owner_client, owner):
    running = PauseSessionFactory(user=owner, started_at=timezone.now())
    response = start(owner_client)
    assert response["Location"] == f"/journal/pause/{running.pk}/"
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_two_tabs_starting_at_once_get_one_pause(owner_client, owner, monkeypatch):
    """The second tab checked for a running pause before the first saved: the database still refuses a second."""
    first = start(owner_client)
    running = PauseSession.objects.get(user=owner)
    assert first["Location"] == f"/journal/pause/{running.pk}/"
    monkeypatch.setattr(PauseSession.objects.__class__, "running", lambda self, now=None: self.none())

    second = start(owner_client)

    assert second["Location"] == f"/journal/pause/{running.pk}/"
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_the_database_allows_one_running_pause_per_person(owner, stranger):
    from django.db import IntegrityError, transaction

    PauseSessionFactory(user=owner, current=True)
    PauseSessionFactory(user=stranger, current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PauseSessionFactory(user=owner, current=True)


def test_a_finished_or_time_up_pause_makes_way_for_the_next(owner_client, owner):
    start(owner_client, minutes="5")
    first = PauseSession.objects.get(user=owner)
    owner_client.post(f"/journal/pause/{first.pk}/finish/", {"urge_passed": "yes", "intensity_after": "3"})
    start(owner_client)
    second = PauseSession.objects.exclude(pk=first.pk).get(user=owner)
    PauseSession.objects.filter(pk=second.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    third = start(owner_client)
    assert PauseSession.objects.filter(user=owner).count() == 3
    assert list(PauseSession.objects.filter(user=owner, current=True)) == [PauseSession.objects.latest("started_at")]
    assert third["Location"] == f"/journal/pause/{PauseSession.objects.latest('started_at').pk}/"


def test_a_pause_left_open_is_unfinished_not_lost(owner_client, owner):
    old = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(hours=3))
    assert old.is_unfinished
    start(owner_client)
    assert PauseSession.objects.filter(user=owner).count() == 2
    content = owner_client.get("/journal/").content.decode()
    assert "Pauses to finish" in content and "unfinished" in content
    assert "How did it go?" in owner_client.get(f"/journal/pause/{old.pk}/").content.decode()


def test_resending_the_start_form_starts_one_pause(owner_client, owner):
    key = str(uuid.uuid4())
    owner_client.post("/journal/pause/", {"idempotency_key": key, "minutes": "20"})
    owner_client.post("/journal/pause/", {"idempotency_key": key, "minutes": "20"})
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_finishing_records_how_it_went_and_updates_the_moment(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=8)
    pause = PauseSessionFactory(
        user=owner, log=log, intensity_before=8, started_at=timezone.now() - timedelta(minutes=25)
    )
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/finish/",
        {"intensity_after": "3", "urge_passed": "yes", "what_i_did": "Walked"},
    )
    assert response["Location"] == f"/journal/log/{log.pk}/"
    pause.refresh_from_db()
    log.refresh_from_db()
    assert pause.is_finished and not pause.stopped_early
    assert (pause.intensity_drop, pause.urge_passed, pause.what_i_did) == (5, "yes", "Walked")
    assert (log.intensity_after, log.acted_on) == (3, "no")


def test_stopping_early_is_recorded(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "5", "urge_passed": "partly"})
    pause.refresh_from_db()
    assert pause.stopped_early


def test_finishing_without_answers_keeps_the_pause_open(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    response = owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"what_i_did": "Breathed"})
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert re.search(r'<textarea name="what_i_did"[^>]*>\s*Breathed</textarea>', response.content.decode())
    pause.refresh_from_db()
    assert not pause.is_finished


def test_pause_page_shows_breathing_grounding_and_pinned_reframes(owner_client, owner):
    ReframeFactory(user=owner, pinned=True, balanced_thought="I am safe right now.")
    ReframeFactory(user=owner, pinned=False, balanced_thought="Not pinned.")
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    content = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert "breath-circle" in content and "Name five things you can see." in content
    assert "I am safe right now." in content and "Not pinned." not in content
    assert "pause.js" in content
