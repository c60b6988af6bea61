"""Secure moments: saved in one tap, kept private, cared for when the words are hard, and shown in the review as
the week's bright side and counted week by week."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from journal.factories import SecureMomentFactory, TriggerLogFactory
from journal.models import SecureMoment, UserSettings
from journal.review import build_review
from journal.weeks import Week
from tests.journal.test_care import PRAISE, leads_with_care

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEEK_47 = Week(date(2026, 11, 16), LONDON)
THURSDAY_EVENING = datetime(2026, 11, 19, 20, 30, tzinfo=UTC)


def at(day, hour):
    return datetime(2026, 11, day, hour, tzinfo=LONDON)


def key_on_home(client):
    content = client.get("/").content.decode()
    form = re.search(r'<form method="post" action="/journal/secure/".*?</form>', content, re.S).group(0)
    return re.search(r'name="idempotency_key" value="([^"]+)"', form).group(1)


def test_one_tap_on_home_saves_a_secure_moment_now(owner_client, owner):
    with time_machine.travel(THURSDAY_EVENING, tick=False):
        key = key_on_home(owner_client)
        response = owner_client.post("/journal/secure/", {"idempotency_key": key}, follow=True)
    saved = SecureMoment.objects.get(user=owner)
    assert (saved.occurred_at, saved.what_happened, saved.what_helped) == (THURSDAY_EVENING, "", "")
    content = response.content.decode()
    assert "Saved. Moments like this are what feeling secure is built from." in content
    assert "A moment you felt secure." in content


def test_a_double_tap_saves_once(owner_client, owner):
    key = key_on_home(owner_client)
    for _ in range(2):
        owner_client.post("/journal/secure/", {"idempotency_key": key, "what_happened": "Stayed calm"})
    assert SecureMoment.objects.filter(user=owner).count() == 1


def test_the_home_page_offers_it_only_when_signed_in(client):
    assert 'action="/journal/secure/"' not in client.get("/").content.decode()


def test_words_and_an_earlier_time_in_the_persons_own_zone(owner_client, owner):
    UserSettings.objects.filter(user=owner).update(time_zone="America/New_York")
    owner_client.post(
        "/journal/secure/",
        {
            "what_happened": "Told them I missed them, simply",
            "what_helped": "Slow breath",
            "occurred_at": "2026-11-18T21:15",
        },
    )
    saved = SecureMoment.objects.get(user=owner)
    assert saved.occurred_at == datetime(2026, 11, 19, 2, 15, tzinfo=UTC)
    content = owner_client.get("/journal/secure/").content.decode()
    assert "Told them I missed them, simply" in content and "Slow breath" in content


def test_a_refused_form_keeps_what_was_typed(owner_client, owner):
    response = owner_client.post(
        "/journal/secure/", {"what_happened": "Waited well", "what_helped": "A walk", "occurred_at": "2999-01-01T10:00"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "This can&#x27;t be in the future. Pick a time up to now." in content
    assert "Waited well" in content and "A walk" in content
    assert not SecureMoment.objects.exists()


@pytest.mark.parametrize("field", ["what_happened", "what_helped"])
def test_words_of_distress_lead_with_care_and_no_praise(owner_client, owner, field):
    response = owner_client.post("/journal/secure/", {field: "I felt calm but I want to die"}, follow=True)
    assert response.redirect_chain[-1][0] == SecureMoment.objects.get(user=owner).get_absolute_url()
    assert leads_with_care(response)
    assert not any(praise in response.content.decode() for praise in PRAISE)
    assert "Moments like this" not in response.content.decode()


def test_an_ordinary_secure_moment_has_no_care_panel(owner_client, owner):
    moment = SecureMomentFactory(user=owner)
    assert "care-panel" not in owner_client.get(moment.get_absolute_url()).content.decode()


def test_the_list_is_the_owners_newest_first(owner_client, owner, stranger):
    SecureMomentFactory(user=owner, occurred_at=at(16, 9), what_happened="older calm")
    SecureMomentFactory(user=owner, occurred_at=at(18, 9), what_happened="newer calm")
    SecureMomentFactory(user=stranger, what_happened="the stranger's calm")
    content = owner_client.get("/journal/secure/").content.decode()
    assert content.index("newer calm") < content.index("older calm")
    assert "the stranger's calm" not in content


def test_deleting_asks_first_then_removes_it(owner_client, owner):
    moment = SecureMomentFactory(user=owner, what_happened="keep or not")
    assert "Delete this secure moment?" in owner_client.get(f"/journal/secure/{moment.pk}/delete/").content.decode()
    assert SecureMoment.objects.filter(pk=moment.pk).exists()
    response = owner_client.post(f"/journal/secure/{moment.pk}/delete/")
    assert response["Location"] == "/journal/secure/"
    assert not SecureMoment.objects.filter(pk=moment.pk).exists()


def review_of(user, weeks=1):
    return build_review(user, WEEK_47, weeks)


def test_the_review_shows_the_weeks_bright_side(owner_client, owner):
    SecureMomentFactory(user=owner, occurred_at=at(17, 9), what_happened="Trusted the quiet", what_helped="Breath")
    SecureMomentFactory(user=owner, occurred_at=at(22, 23), what_happened="Asked kindly for a call")
    SecureMomentFactory(user=owner, occurred_at=at(23, 1), what_happened="next week's calm")  # Monday after
    content = owner_client.get("/journal/review/2026-W47/").content.decode()
    bright = content[content.index('id="bright-heading"') : content.index('id="figures-heading"')]
    assert "You saved <strong>2</strong> secure moments this week" in bright
    assert bright.index("Asked kindly for a call") < bright.index("Trusted the quiet")
    assert "What helped:</span> Breath" in bright
    assert "next week's calm" not in content
    assert "A quiet week" not in content  # a week with only secure moments is not an empty one


def test_secure_moments_are_counted_week_by_week(owner_client, owner, stranger):
    for day, count in ((2, 1), (9, 3), (16, 2)):
        for hour in range(count):
            SecureMomentFactory(user=owner, occurred_at=at(day, 9 + hour))
    SecureMomentFactory(user=stranger, occurred_at=at(18, 9))
    figures = {figure.label: figure for figure in review_of(owner).figures}
    assert figures["Secure moments saved"].trend == [0, 0, 0, 0, 0, 1, 3, 2]
    assert figures["Secure moments saved"].change == "down 1 from last week"
    assert [totals.secure_moments for totals in review_of(owner, weeks=4).summary_weeks] == [0, 1, 3, 2]
    table = owner_client.get("/journal/review/2026-W47/?weeks=4").content.decode()
    assert '<th scope="col">Secure moments</th>' in table


def test_a_strangers_secure_moments_change_nothing(owner, stranger):
    SecureMomentFactory(user=owner, occurred_at=at(18, 9))
    before = review_of(owner)
    for hour in range(5):
        SecureMomentFactory(user=stranger, occurred_at=at(18, 10 + hour), what_happened="bob's calm")
    after = review_of(owner)
    assert (
        (after.secure_moments, [m.pk for m in after.bright_side])
        == (before.secure_moments, [m.pk for m in before.bright_side])
        == (1, [SecureMoment.objects.get(user=owner).pk])
    )
    assert review_of(stranger).secure_moments == 5


def test_the_cached_review_changes_when_a_secure_moment_is_saved_or_deleted(owner_client, owner):
    TriggerLogFactory(user=owner, occurred_at=at(18, 9))
    assert "No secure moments saved this week" in owner_client.get("/journal/review/2026-W47/").content.decode()
    owner_client.post(
        "/journal/secure/", {"what_happened": "Let them have their evening", "occurred_at": "2026-11-18T20:00"}
    )
    content = owner_client.get("/journal/review/2026-W47/").content.decode()
    assert "Let them have their evening" in content
    owner_client.post(f"/journal/secure/{SecureMoment.objects.get().pk}/delete/")
    assert "No secure moments saved this week" in owner_client.get("/journal/review/2026-W47/").content.decode()


def test_the_review_query_count_stays_fixed_with_more_secure_moments(
    owner_client, owner, django_assert_num_queries, django_assert_max_num_queries
):
    SecureMomentFactory(user=owner, occurred_at=at(18, 9))
    with django_assert_max_num_queries(18) as few:
        owner_client.get("/journal/review/2026-W47/")
    for day in range(16, 23):
        for hour in (9, 14, 20):
            SecureMomentFactory(user=owner, occurred_at=at(day, hour))
    with django_assert_num_queries(len(few.captured_queries)):
        content = owner_client.get("/journal/review/2026-W47/").content.decode()
    assert "You saved <strong>22</strong>" in content and "See all your secure moments" in content


def test_each_of_several_secure_moments_opens_as_itself(owner_client, owner):
    first, second = SecureMomentFactory.create_batch(2, user=owner, what_happened="a")
    second.what_happened = "The second one"
    second.save()
    assert "The second one" in owner_client.get(f"/journal/secure/{second.pk}/").content.decode()
