import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from journal.factories import CustomChoiceFactory, TriggerLogFactory
from journal.forms import QuickLogForm
from journal.models import TriggerLog

pytestmark = pytest.mark.django_db


def submission_key(response):
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def test_quick_log_needs_sign_in(client):
    response = client.get("/journal/log/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_moment_is_saved_with_taps_only(owner_client, owner):
    key = submission_key(owner_client.get("/journal/log/"))
    response = owner_client.post(
        "/journal/log/",
        {"idempotency_key": key, "trigger_kind": "slow_reply", "intensity": "7", "urge": "text_again"},
    )
    log = TriggerLog.objects.get(user=owner)
    assert response.status_code == 302 and response["Location"] == f"/journal/log/{log.pk}/"
    assert (log.trigger_kind, log.intensity, log.urge, log.acted_on) == (
        "slow_reply",
        7,
        "text_again",
        "not_yet",
    )
    assert abs(log.occurred_at - timezone.now()) < timedelta(seconds=5)


def test_a_resent_form_saves_once(owner_client, owner):
    data = {"idempotency_key": str(uuid.uuid4()), "trigger_kind": "slow_reply", "intensity": "5"}
    first = owner_client.post("/journal/log/", data)
    second = owner_client.post("/journal/log/", data)
    assert TriggerLog.objects.filter(user=owner).count() == 1
    assert first["Location"] == second["Location"]


def test_the_same_key_from_another_user_is_their_own_moment(owner_client, stranger, client):
    data = {"idempotency_key": str(uuid.uuid4()), "trigger_kind": "slow_reply", "intensity": "5"}
    owner_client.post("/journal/log/", data)
    client.force_login(stranger)
    client.post("/journal/log/", data)
    assert TriggerLog.objects.count() == 2


def test_errors_keep_what_was_typed(owner_client):
    response = owner_client.post(
        "/journal/log/",
        {"trigger_kind": "slow_reply", "intensity": "11", "what_happened": "No reply since noon"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please check the form" in content
    assert 'value="No reply since noon"' in content
    assert re.search(r'value="slow_reply"[^>]*checked', content)
    assert not TriggerLog.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"intensity": "5"},
        {"trigger_kind": "slow_reply"},
        {"trigger_kind": "slow_reply", "intensity": "-1"},
        {"trigger_kind": "made_up", "intensity": "5"},
        {"trigger_kind": "slow_reply", "intensity": "5", "urge": "made_up"},
        {"trigger_kind": "slow_reply", "intensity": "5", "what_happened": "x" * 201},
        {"trigger_kind": "slow_reply", "intensity": "5", "occurred_at": "not a date"},
        {"trigger_kind": "slow_reply", "intensity": "abc"},
    ],
)
def test_bad_input_is_refused_without_a_500(owner_client, data):
    response = owner_client.post("/journal/log/", data)
    assert response.status_code == 200
    assert not TriggerLog.objects.exists()


def test_when_is_read_in_the_users_time_zone(owner_client, owner):
    # alice is in Europe/London; 2026-07-01 09:30 there is 08:30 UTC (summer time).
    owner_client.post(
        "/journal/log/", {"trigger_kind": "slow_reply", "intensity": "4", "occurred_at": "2026-07-01T09:30"}
    )
    log = TriggerLog.objects.get(user=owner)
    assert log.occurred_at == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)


def test_a_moment_cannot_be_in_the_future(owner_client):
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = owner_client.post(
        "/journal/log/", {"trigger_kind": "slow_reply", "intensity": "4", "occurred_at": tomorrow}
    )
    assert "This can&#x27;t be in the future. Pick a time up to now." in response.content.decode()
    assert not TriggerLog.objects.exists()


def test_custom_triggers_sit_beside_the_built_in_ones(owner_client, owner):
    CustomChoiceFactory(user=owner, label="Work deadline")
    content = owner_client.get("/journal/log/").content.decode()
    assert "Slow or no reply" in content and "Work deadline" in content
    owner_client.post("/journal/log/", {"trigger_kind": "my-work-deadline", "intensity": "6"})
    assert TriggerLog.objects.get(user=owner).trigger_kind == "my-work-deadline"


def test_another_users_custom_trigger_is_not_offered(owner_client, stranger):
    CustomChoiceFactory(user=stranger, label="Secret thing")
    assert "Secret thing" not in owner_client.get("/journal/log/").content.decode()
    owner_client.post("/journal/log/", {"trigger_kind": "my-secret-thing", "intensity": "6"})
    assert not TriggerLog.objects.exists()


def test_quick_log_uses_a_fixed_number_of_queries(owner_client, owner, django_assert_num_queries):
    TriggerLogFactory.create_batch(5, user=owner)
    CustomChoiceFactory.create_batch(3, user=owner)
    # session, user, settings, custom choices
    with django_assert_num_queries(4):
        owner_client.get("/journal/log/")
    data = {"idempotency_key": str(uuid.uuid4()), "trigger_kind": "slow_reply", "intensity": "5"}
    # session, user, settings, custom choices, the intensity check constraint (3 with its savepoint),
    # an earlier submission with this key?, the insert in its own savepoint (3), marking the journal changed and
    # forgetting the kept counts of the moment's week
    with django_assert_num_queries(13):
        owner_client.post("/journal/log/", data)


def test_two_taps_that_race_past_the_check_save_one_moment(owner_client, owner, stranger, monkeypatch):
    """The other tap's moment is written after this tap looked for it and before this tap writes: the database's
    one-key-per-person rule refuses the twin and this tap shows the other's moment, without a second "Saved"."""
    data = {"idempotency_key": str(uuid.uuid4()), "trigger_kind": "slow_reply", "intensity": "5", "when": "60"}
    TriggerLogFactory(user=owner, occurred_at=timezone.now() - timedelta(minutes=5), what_happened="logged since")
    TriggerLogFactory(user=stranger, occurred_at=timezone.now(), idempotency_key=data["idempotency_key"])
    unsaved = QuickLogForm.save

    def other_tap_writes_first(form, commit=True):
        log = unsaved(form, commit=commit)
        TriggerLog.objects.create(
            user=owner,
            trigger_kind="slow_reply",
            intensity=5,
            occurred_at=log.occurred_at,
            idempotency_key=data["idempotency_key"],  # the same form, sent twice
        )
        return log

    monkeypatch.setattr(QuickLogForm, "save", other_tap_writes_first)
    response = owner_client.post("/journal/log/", data, follow=True)

    twin = TriggerLog.objects.get(user=owner, idempotency_key=data["idempotency_key"])
    assert response.redirect_chain == [(f"/journal/log/{twin.pk}/", 302)]
    assert "Saved." not in response.content.decode()
    assert TriggerLog.objects.filter(user=owner).count() == 2
