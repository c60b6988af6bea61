"""Every journal URL asked for with another person's objects is a 404; signed out, it asks you to sign in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    SecureMomentFactory,
    TriggerLogFactory,
)

pytestmark = pytest.mark.django_db


def journal_patterns():
    resolver = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "journal")
    return [p for p in resolver.url_patterns if isinstance(p, URLPattern)]


@pytest.fixture
def strangers_objects(stranger):
    log = TriggerLogFactory(user=stranger, what_happened="bob's private words")
    return {
        "log": log,
        "pause": PauseSessionFactory(user=stranger, log=log),
        "reframe": ReframeFactory(user=stranger),
        "choice": CustomChoiceFactory(user=stranger),
        "secure": SecureMomentFactory(user=stranger, what_happened="bob's private calm"),
    }


OBJECT_FOR_URL = {
    "log_detail": "log",
    "log_edit": "log",
    "log_delete": "log",
    "pause_detail": "pause",
    "pause_finish": "pause",
    "pause_message": "pause",
    "reframe_edit": "reframe",
    "reframe_pin": "reframe",
    "reframe_delete": "reframe",
    "custom_choice_delete": "choice",
    "secure_detail": "secure",
    "secure_delete": "secure",
}


def test_every_url_with_an_id_is_covered():
    with_ids = {p.name for p in journal_patterns() if "pk" in p.pattern.converters}
    assert with_ids == set(OBJECT_FOR_URL)


@pytest.mark.parametrize("name", sorted(OBJECT_FOR_URL))
def test_another_users_object_is_404(owner_client, strangers_objects, name):
    url = reverse(f"journal:{name}", kwargs={"pk": strangers_objects[OBJECT_FOR_URL[name]].pk})
    answers = {
        "intensity_after": "1",
        "urge_passed": "yes",
        "trigger_kind": "slow_reply",
        "intensity": "1",
        "anxious_thought": "x",
        "balanced_thought": "y",
    }
    statuses = {owner_client.get(url).status_code, owner_client.post(url, answers).status_code}
    assert statuses <= {404, 405} and 404 in statuses
    strangers_objects["log"].refresh_from_db()
    assert strangers_objects["log"].what_happened == "bob's private words"
    strangers_objects["secure"].refresh_from_db()  # still there: not deleted by the stranger's POST


def test_pause_and_reframe_forms_refuse_another_users_moment(owner_client, strangers_objects):
    log_id = strangers_objects["log"].pk
    assert owner_client.get(f"/journal/pause/?log={log_id}").status_code == 404
    assert owner_client.post("/journal/pause/", {"minutes": "20", "log": log_id}).status_code == 404
    assert owner_client.get(f"/journal/reframes/new/?log={log_id}").status_code == 404


def test_lists_exports_and_review_show_nothing_of_another_user(owner_client, strangers_objects):
    for url in (
        "/journal/",
        "/journal/reframes/",
        "/journal/export.json",
        "/journal/export.csv",
        "/journal/review/",
        "/journal/settings/",
        "/journal/log/",
        "/journal/secure/",
    ):
        response = owner_client.get(url)
        content = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert "private words" not in content and "private calm" not in content, url
        assert "Work deadline" not in content, url


@pytest.mark.parametrize("pattern", journal_patterns(), ids=lambda p: p.name)
def test_signed_out_visitors_are_sent_to_sign_in(client, strangers_objects, pattern):
    kwargs = {}
    if "pk" in pattern.pattern.converters:
        kwargs["pk"] = strangers_objects[OBJECT_FOR_URL[pattern.name]].pk
    if "week" in pattern.pattern.converters:
        kwargs["week"] = (2026, 47)
    url = reverse(f"journal:{pattern.name}", kwargs=kwargs)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
