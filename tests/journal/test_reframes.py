import re
import uuid

import pytest

from attachment_app.lessons import library
from journal.factories import ReframeFactory, TriggerLogFactory
from journal.models import Reframe

pytestmark = pytest.mark.django_db

THOUGHTS = {"anxious_thought": "They are pulling away.", "balanced_thought": "They had a long day."}


def test_write_a_reframe_for_a_moment(owner_client, owner):
    log = TriggerLogFactory(user=owner, story="They are bored of me")
    form = owner_client.get(f"/journal/reframes/new/?log={log.pk}").content.decode()
    assert "They are bored of me" in form
    response = owner_client.post(
        "/journal/reframes/new/",
        {**THOUGHTS, "log": log.pk, "believability_before": "90", "believability_after": "40", "lesson_slug": ""},
    )
    assert response["Location"] == f"/journal/log/{log.pk}/"
    reframe = Reframe.objects.get(user=owner)
    assert (reframe.log, reframe.believability_before, reframe.believability_after) == (log, 90, 40)


def test_adopt_a_starter_reframe_from_a_lesson(owner_client, owner):
    lesson = next(lesson for lesson in library() if lesson.reframes)
    starter = lesson.reframes[0]
    content = owner_client.get(f"/journal/reframes/new/?lesson={lesson.slug}&reframe=0").content.decode()
    assert starter.anxious.replace("'", "&#x27;") in content or starter.anxious in content
    assert lesson.title in content


def test_adopt_a_script_from_a_lesson(owner_client):
    lesson = next(lesson for lesson in library() if lesson.scripts)
    content = owner_client.get(f"/journal/reframes/new/?lesson={lesson.slug}&script=0").content.decode()
    assert re.search(r'<textarea name="script_try"[^>]*required[^>]*>', content)
    assert "<h1>Practise a script</h1>" in content


@pytest.mark.parametrize(
    "query",
    ["lesson=nope&reframe=0", "lesson=common-triggers&reframe=99", "lesson=common-triggers&reframe=x", "log=abc"],
)
def test_unknown_lesson_or_index_just_gives_a_blank_form(owner_client, query):
    assert owner_client.get(f"/journal/reframes/new/?{query}").status_code == 200


def test_believability_is_0_to_100_and_errors_keep_the_text(owner_client):
    response = owner_client.post("/journal/reframes/new/", {**THOUGHTS, "believability_before": "150"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "They are pulling away." in content
    assert not Reframe.objects.exists()


def test_a_reframe_cannot_link_to_someone_elses_moment(owner_client, stranger):
    their_log = TriggerLogFactory(user=stranger)
    response = owner_client.post("/journal/reframes/new/", {**THOUGHTS, "log": their_log.pk})
    assert response.status_code == 200
    assert not Reframe.objects.exists()


def test_resent_reframe_is_saved_once(owner_client, owner):
    data = {**THOUGHTS, "idempotency_key": str(uuid.uuid4())}
    owner_client.post("/journal/reframes/new/", data)
    owner_client.post("/journal/reframes/new/", data)
    assert Reframe.objects.filter(user=owner).count() == 1


def test_edit_pin_and_delete(owner_client, owner):
    reframe = ReframeFactory(user=owner)
    owner_client.post(f"/journal/reframes/{reframe.pk}/", {**THOUGHTS})
    reframe.refresh_from_db()
    assert reframe.balanced_thought == "They had a long day."
    owner_client.post(f"/journal/reframes/{reframe.pk}/pin/")
    reframe.refresh_from_db()
    assert reframe.pinned
    response = owner_client.post(f"/journal/reframes/{reframe.pk}/pin/", headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in response.content.decode()
    assert "Delete this reframe?" in owner_client.get(f"/journal/reframes/{reframe.pk}/delete/").content.decode()
    owner_client.post(f"/journal/reframes/{reframe.pk}/delete/")
    assert not Reframe.objects.exists()


def test_reframes_page_lists_mine_pinned_first_and_the_lesson_starters(owner_client, owner):
    ReframeFactory(user=owner, balanced_thought="Second")
    ReframeFactory(user=owner, balanced_thought="First", pinned=True)
    content = owner_client.get("/journal/reframes/").content.decode()
    assert content.index("First") < content.index("Second")
    assert "Ideas from the lessons" in content and "Make it mine" in content
