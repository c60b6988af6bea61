"""Each form that adds to the journal carries its own one-time key, so a double tap or a resent form saves once."""

import re

import pytest

from journal.models import PauseSession, Reframe, SecureMoment

pytestmark = pytest.mark.django_db

FORMS = {
    "pause": ("/journal/pause/", {"minutes": "20"}, PauseSession),
    "secure moment": ("/journal/secure/", {"what_happened": "Stayed calm"}, SecureMoment),
    "reframe": (
        "/journal/reframes/new/",
        {"anxious_thought": "They will leave.", "balanced_thought": "They are busy."},
        Reframe,
    ),
}


def submission_key(client, path):
    return re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', client.get(path).content.decode()).group(1)


@pytest.mark.parametrize(("path", "answers", "model"), FORMS.values(), ids=FORMS.keys())
def test_the_page_carries_a_fresh_key_so_a_resent_form_saves_once(owner_client, owner, path, answers, model):
    first, second = submission_key(owner_client, path), submission_key(owner_client, path)
    assert first != second, "each form its own key"
    for _ in range(2):
        owner_client.post(path, {"idempotency_key": first, **answers})
    assert model.objects.filter(user=owner).count() == 1
