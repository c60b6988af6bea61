"""Care first: a moment that needs care opens its page with the care panel, tap-to-call numbers and no praise."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal.care import STRENGTH_FIELDS, WRITTEN_FIELDS, needs_care
from journal.choices import TriggerKind, Urge
from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import Reframe, TriggerLog, WeeklyReflection

pytestmark = pytest.mark.django_db

DISTRESS = "Everyone would be better off without me"
PRAISE = ("Well done", "That took courage", "Saved.", "Reframe saved", "Detail saved")


def first_thing_in_main(response):
    """The opening tag of the first element inside <main>, e.g. '<section class="care-panel" ...>'."""
    return re.search(r"<main\b[^>]*>\s*(<[^>]+>)", response.content.decode()).group(1)


def leads_with_care(response):
    return 'class="care-panel"' in first_thing_in_main(response)


def praise_in(response):
    page = response.content.decode()
    return [words for words in PRAISE if words in page]


def log_a_moment(client, **fields):
    data = {"idempotency_key": str(uuid.uuid4()), "trigger_kind": "slow_reply", "intensity": "6", **fields}
    return client.post("/journal/log/", data, follow=True)


# Which fields are read -------------------------------------------------------------------------------------


def test_every_free_text_field_is_read():
    """A text field added to these models later must be read for distress too, or named here as not free text."""
    not_free_text = {"lesson_slug"}
    for model, read in WRITTEN_FIELDS.items():
        text_fields = {
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, models.CharField | models.TextField) and not field.choices
        }
        assert text_fields - not_free_text == set(read), model.__name__


@pytest.mark.parametrize(
    ("model", "field"), [(model, field) for model, fields in WRITTEN_FIELDS.items() for field in fields]
)
def test_words_of_distress_in_any_field_need_care(model, field):
    assert needs_care(model(**{field: "I can't go on like this"}))
    assert not needs_care(model(**{field: "A slow reply. Busy day."}))


@pytest.mark.parametrize(
    ("model", "field"), [(model, field) for model, fields in STRENGTH_FIELDS.items() for field in fields]
)
def test_a_moment_at_9_or_10_needs_care(model, field):
    assert needs_care(model(**{field: 9})) and needs_care(model(**{field: 10}))
    assert not needs_care(model(**{field: 8}))


def test_the_built_in_triggers_and_urges_are_not_mistaken_for_distress():
    for choices, field in ((TriggerKind, "trigger_kind"), (Urge, "urge")):
        for value, label in choices.choices:
            assert not needs_care(TriggerLog(intensity=5, **{field: value})), value
            assert not needs_care(TriggerLog(intensity=5, what_happened=label)), label


# The quick log ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"what_happened": DISTRESS},
        {"what_happened": "i just wanna disappear"},
        {"what_happened": "I don’t want to be here anymore"},
        {"intensity": "9"},
        {"intensity": "10"},
    ],
)
def test_saving_a_moment_that_needs_care_leads_with_care_not_praise(owner_client, fields):
    response = log_a_moment(owner_client, **fields)
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_an_ordinary_moment_gets_praise_and_no_care_panel(owner_client):
    response = log_a_moment(owner_client, what_happened="No reply since noon")
    assert "Saved. Well done for noticing." in response.content.decode()
    assert "care-panel" not in response.content.decode()


def test_the_panel_has_numbers_to_tap_for_the_persons_country(owner_client, owner):
    owner.journal_settings.country = "NZ"
    owner.journal_settings.save()
    content = log_a_moment(owner_client, what_happened=DISTRESS).content.decode()
    panel = content[content.index('class="care-panel"') : content.index("</section>", content.index("care-panel"))]
    assert 'href="tel:1737"' in panel and 'href="sms:1737"' in panel  # a person to talk to now
    assert 'href="tel:111"' in panel  # the emergency number
    assert 'href="tel:999"' not in panel and "time zone" not in panel


def test_without_a_chosen_country_the_panel_says_it_went_by_the_time_zone(owner_client):
    # alice is in Europe/London and has not chosen a country
    content = log_a_moment(owner_client, what_happened=DISTRESS).content.decode()
    assert 'href="tel:116123"' in content and 'href="tel:999"' in content
    assert "going by your time zone" in content and "Choose your country" in content


def test_with_no_country_and_an_unlisted_zone_the_panel_points_to_a_helpline_finder(owner_client, owner):
    owner.journal_settings.time_zone = "Asia/Tokyo"
    owner.journal_settings.save()
    content = log_a_moment(owner_client, what_happened=DISTRESS).content.decode()
    assert 'href="https://findahelpline.com"' in content
    assert "local emergency number" in content and "tel:" not in content


def test_the_care_panel_costs_no_queries(owner_client, owner, django_assert_num_queries):
    calm = TriggerLogFactory(user=owner, intensity=5, what_happened="A slow reply")
    peak = TriggerLogFactory(user=owner, intensity=5, what_happened=DISTRESS)
    with CaptureQueriesContext(connection) as calm_queries:
        owner_client.get(f"/journal/log/{calm.pk}/")
    with django_assert_num_queries(len(calm_queries)):
        assert leads_with_care(owner_client.get(f"/journal/log/{peak.pk}/"))


def test_detail_with_words_of_distress_leads_with_care(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=5, what_happened="A slow reply")
    response = owner_client.post(
        f"/journal/log/{log.pk}/", {"acted_on": "not_yet", "story": "No point in anything"}, follow=True
    )
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_detail_saved_with_htmx_reloads_the_whole_page_to_lead_with_care(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=5, what_happened="A slow reply")
    response = owner_client.post(
        f"/journal/log/{log.pk}/",
        {"acted_on": "not_yet", "notes": "i cant do this anymore"},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == f"/journal/log/{log.pk}/"


# The pause -------------------------------------------------------------------------------------------------


def test_a_pause_for_a_moment_at_10_opens_with_care(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=10)
    pause = PauseSessionFactory(user=owner, log=log, intensity_before=10, started_at=timezone.now())
    response = owner_client.get(f"/journal/pause/{pause.pk}/")
    assert leads_with_care(response)
    assert 'role="timer"' in response.content.decode()  # the pause still works beneath it


def test_finishing_a_pause_with_words_of_distress_leads_with_care_not_praise(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(minutes=25))
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/finish/",
        {"intensity_after": "4", "urge_passed": "no", "what_i_did": "Thought about hurting myself"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/journal/pause/{pause.pk}/"
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_finishing_a_pause_still_at_9_leads_with_care_on_the_moment(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=7)
    pause = PauseSessionFactory(user=owner, log=log, started_at=timezone.now() - timedelta(minutes=25))
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "9", "urge_passed": "no"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/journal/log/{log.pk}/"
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_a_message_kept_during_a_pause_with_words_of_distress_leads_with_care(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/message/", {"unsent_message": f"{DISTRESS}. Goodbye."}, follow=True
    )
    assert leads_with_care(response)
    assert "Kept." not in response.content.decode()
    assert 'role="timer"' in response.content.decode()  # the pause goes on beneath it


def test_an_ordinary_pause_gets_its_thanks(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(minutes=25))
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "3", "urge_passed": "yes"}, follow=True
    )
    assert "That took courage" in response.content.decode() and not leads_with_care(response)


# Reframes and the weekly note ------------------------------------------------------------------------------


def reframe(client, **fields):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "anxious_thought": "They are going off me",
        "balanced_thought": "They are busy",
        **fields,
    }
    return client.post("/journal/reframes/new/", data, follow=True)


def test_a_reframe_with_words_of_distress_leads_with_care_not_praise(owner_client, owner):
    response = reframe(owner_client, anxious_thought="Nobody would miss me if I was gone")
    saved = Reframe.objects.get(user=owner)
    assert response.redirect_chain[-1][0] == f"/journal/reframes/{saved.pk}/"
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_a_reframe_of_a_moment_with_words_of_distress_leads_with_care_on_the_moment(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=4, what_happened="A slow reply")
    response = reframe(owner_client, log=str(log.pk), alternatives="I want to die")
    assert response.redirect_chain[-1][0] == f"/journal/log/{log.pk}/"
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_an_ordinary_reframe_is_saved_with_a_thank_you_and_no_panel(owner_client):
    response = reframe(owner_client)
    assert [message.message for message in response.context["messages"]] == ["Reframe saved."]
    assert not leads_with_care(response)


def test_editing_a_reframe_into_distress_leads_with_care(owner_client, owner):
    saved = ReframeFactory(user=owner)
    response = owner_client.post(
        f"/journal/reframes/{saved.pk}/",
        {"anxious_thought": "I'm such a burden", "balanced_thought": "They are busy"},
        follow=True,
    )
    assert leads_with_care(response)
    assert praise_in(response) == []


def test_a_weekly_note_with_words_of_distress_leads_with_care(owner_client, owner):
    response = owner_client.post(
        "/journal/review/2026-W47/reflection/", {"noticed": "What's the point of living"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/journal/review/2026-W47/reflection/"
    assert leads_with_care(response)
    assert WeeklyReflection.objects.get(user=owner).noticed == "What's the point of living"


def test_a_weekly_note_saved_with_htmx_reloads_the_whole_page_to_lead_with_care(owner_client):
    response = owner_client.post(
        "/journal/review/2026-W47/reflection/", {"intention": "Stop self-harming"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == "/journal/review/2026-W47/reflection/"


def test_an_ordinary_weekly_note_goes_back_to_the_week(owner_client):
    response = owner_client.post("/journal/review/2026-W47/reflection/", {"noticed": "Calmer evenings"})
    assert response["Location"] == "/journal/review/2026-W47/"
