"""A pause finished with no signal is sent later with the moment it ended on the phone; the server believes that
time when it lies between the pause's start and now, so an early end stays early and asks one question."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from journal.factories import PauseSessionFactory

pytestmark = pytest.mark.django_db
STARTED = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture
def pause(owner):
    return PauseSessionFactory(user=owner, minutes=20, started_at=STARTED, intensity_before=8, current=True)


def finish(client, pause, **answers):
    return client.post(f"/journal/pause/{pause.pk}/finish/", answers)


def test_ended_early_on_the_phone_and_sent_an_hour_later(owner_client, pause):
    ended = STARTED + timedelta(minutes=7)
    with time_machine.travel(STARTED + timedelta(hours=1), tick=False):
        response = finish(owner_client, pause, urge_passed="partly", ended_on_phone_at=ended.isoformat())
    pause.refresh_from_db()
    assert response.status_code == 302
    assert pause.finished_at == ended
    assert pause.stopped_early and pause.urge_passed == "partly", "one answer is enough for an early end"


@pytest.mark.parametrize(
    "reported",
    ["", "nonsense", "2026-13-45T99:00:00Z", (STARTED - timedelta(minutes=1)).isoformat(), "2027-01-01T00:00:00Z"],
    ids=["none", "nonsense", "impossible", "before-the-start", "in-the-future"],
)
def test_a_time_that_cant_be_right_means_now(owner_client, pause, reported):
    now = STARTED + timedelta(minutes=30)
    with time_machine.travel(now, tick=False):
        finish(owner_client, pause, urge_passed="yes", intensity_after="3", ended_on_phone_at=reported)
    pause.refresh_from_db()
    assert pause.finished_at == now and not pause.stopped_early


def test_sent_twice_the_pause_keeps_its_first_end(owner_client, pause):
    first = STARTED + timedelta(minutes=21)
    with time_machine.travel(STARTED + timedelta(minutes=40), tick=False):
        finish(owner_client, pause, urge_passed="yes", intensity_after="2", ended_on_phone_at=first.isoformat())
        again = (STARTED + timedelta(minutes=39)).isoformat()
        finish(owner_client, pause, urge_passed="yes", intensity_after="2", ended_on_phone_at=again)
    pause.refresh_from_db()
    assert pause.finished_at == first


def test_a_time_without_an_offset_is_utc_whatever_the_persons_zone(client, stranger):
    pause = PauseSessionFactory(user=stranger, minutes=20, started_at=STARTED, current=True)
    client.force_login(stranger)  # in New York, five hours behind UTC in November
    with time_machine.travel(STARTED + timedelta(hours=1), tick=False):
        finish(client, pause, urge_passed="partly", ended_on_phone_at="2026-11-20T18:07:00")
    pause.refresh_from_db()
    assert pause.finished_at == STARTED + timedelta(minutes=7)
