"""Small things a person sees at once: labels that read as sentences, dates with their year, no stray '---------'
chip, and a confirmation or error that appears where the person is looking."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from journal.factories import PauseSessionFactory, TriggerLogFactory
from journal.models import UserSettings

pytestmark = pytest.mark.django_db


def test_a_choice_reads_as_part_of_a_sentence(owner_client, owner):
    log = TriggerLogFactory(user=owner, urge="text_again", acted_on="no")
    PauseSessionFactory(user=owner, log=log, finished_at=log.occurred_at, urge_passed="partly")
    entries = owner_client.get("/journal/").content.decode()
    detail = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    for page in (entries, detail):
        assert "no, I held back" in page
        assert "no, i held back" not in page
    assert "the urge faded: partly" in detail


def at(moment):
    """A fixture that sets the clock before the person signs in, so the session is as fresh as the moment."""

    @pytest.fixture
    def clock():
        with time_machine.travel(moment, tick=False):
            yield

    return clock


late_november = at(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
new_year_in_london = at(datetime(2027, 1, 1, 0, 30, tzinfo=UTC))


def test_dates_from_another_year_show_the_year(late_november, owner_client, owner):
    TriggerLogFactory(user=owner, occurred_at=datetime(1990, 1, 1, 9, 0, tzinfo=UTC))
    TriggerLogFactory(user=owner, occurred_at=datetime(2026, 11, 19, 18, 30, tzinfo=UTC))
    content = owner_client.get("/journal/").content.decode()
    assert "Mon 1 Jan 1990, 09:00" in content
    assert "Thu 19 Nov, 18:30" in content, "this year's dates stay short"


def test_this_year_is_the_persons_own_year(new_year_in_london, owner_client, owner):
    UserSettings.objects.filter(user=owner).update(time_zone="America/New_York")  # still 31 December 2026 there
    TriggerLogFactory(user=owner, occurred_at=datetime(2026, 12, 31, 22, 0, tzinfo=UTC))
    assert "Thu 31 Dec, 17:00" in owner_client.get("/journal/").content.decode()


def test_settings_offers_no_empty_chip(owner_client):
    content = owner_client.get("/journal/settings/").content.decode()
    assert "---------" not in content
    refused = owner_client.post("/journal/settings/choices/", {"label": "Work deadline"}).content.decode()
    assert "---------" not in refused
    assert not re.search(r'name="list_name"[^>]*checked', refused), "nothing is chosen for the person"


def test_detail_saved_is_said_beside_the_save_button(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=5)
    response = owner_client.post(f"/journal/log/{log.pk}/", {"acted_on": "no"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/journal/log/{log.pk}/#detail")
    content = response.content.decode()
    detail = content[content.index('id="detail"') :]
    assert detail.index("Detail saved.") < detail.index("Save detail</button>")
    top = content[content.index('id="messages"') : content.index('id="main"')]
    assert "Detail saved." not in top, "said once, where the person is looking"


def test_the_first_field_to_fix_is_linked_and_focused(owner_client):
    content = owner_client.post("/journal/log/", {"what_happened": "kept"}).content.decode()
    summary = content[content.index('class="form-errors"') :]
    assert summary.index('href="#id_trigger_kind"') < summary.index('href="#id_intensity"')
    assert "js/form-errors" in content
    assert "js/form-errors" not in owner_client.get("/journal/log/").content.decode()
