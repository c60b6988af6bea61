import re
import uuid

import pytest
from django.utils import timezone
from django.utils.html import escape

from attachment_app.lessons import library
from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
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


# Drafts, scripts and textareas -------------------------------------------------------------------------------


def test_a_draft_keeps_only_the_anxious_thought(owner_client, owner):
    response = owner_client.post(
        "/journal/reframes/new/", {"anxious_thought": "They are going to leave me.", "draft": "1"}, follow=True
    )
    reframe = Reframe.objects.get(user=owner)
    assert (reframe.is_draft, reframe.anxious_thought, reframe.balanced_thought) == (
        True,
        "They are going to leave me.",
        "",
    )
    content = response.content.decode()
    assert [message.message for message in response.context["messages"]] == ["Draft kept. Finish it whenever you like."]
    drafts = content[content.index("Drafts to finish") : content.index("Ideas from the lessons")]
    assert "They are going to leave me." in drafts and f"/journal/reframes/{reframe.pk}/" in drafts


def test_without_the_draft_button_a_reframe_needs_its_balanced_thought(owner_client):
    response = owner_client.post("/journal/reframes/new/", {"anxious_thought": "They are going to leave me."})
    content = response.content.decode()
    assert response.context["form"].errors["balanced_thought"] == [
        "Write a balanced thought, or save this as a draft to finish later."
    ]
    assert re.search(r"<textarea[^>]*>\s*They are going to leave me.</textarea>", content)
    assert not Reframe.objects.exists()


def test_even_a_draft_needs_the_anxious_thought(owner_client):
    response = owner_client.post("/journal/reframes/new/", {"alternatives": "Busy day", "draft": "1"})
    assert "Please check the form" in response.content.decode() and "Busy day" in response.content.decode()
    assert not Reframe.objects.exists()


def test_finishing_a_draft_later(owner_client, owner):
    draft = ReframeFactory(user=owner, is_draft=True, balanced_thought="")
    form = owner_client.get(f"/journal/reframes/{draft.pk}/").content.decode()
    assert "<h1>Finish your reframe</h1>" in form
    owner_client.post(
        f"/journal/reframes/{draft.pk}/", {"anxious_thought": draft.anxious_thought, "balanced_thought": "Busy."}
    )
    draft.refresh_from_db()
    assert not draft.is_draft and draft.balanced_thought == "Busy."
    assert "Save as a draft" in form
    assert "Save as a draft" not in owner_client.get(f"/journal/reframes/{draft.pk}/").content.decode()


def test_a_pinned_draft_stays_off_the_pause_screen(owner_client, owner):
    ReframeFactory(user=owner, is_draft=True, pinned=True, anxious_thought="draft words", balanced_thought="")
    ReframeFactory(user=owner, pinned=True, balanced_thought="finished words")
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    content = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert "finished words" in content and "draft words" not in content


def test_practise_this_script_opens_a_form_that_asks_only_for_the_script(owner_client, owner):
    lesson = next(lesson for lesson in library() if lesson.scripts)
    lesson_page = owner_client.get(f"/lessons/{lesson.slug}/").content.decode()
    link = re.search(r'href="(/journal/reframes/new/\?lesson=[^"]+&amp;script=0)"', lesson_page).group(1)
    form = owner_client.get(link.replace("&amp;", "&")).content.decode()
    script = lesson.scripts[0]
    assert "<h1>Practise a script</h1>" in form
    assert re.search(r'<textarea name="script_try"[^>]*required[^>]*>', form)
    assert not re.search(r'<textarea name="(anxious|balanced)_thought"[^>]*required', form)
    assert 'name="kind" value="script"' in form

    response = owner_client.post(
        "/journal/reframes/new/",
        {"kind": "script", "lesson_slug": lesson.slug, "script_instead": script.instead, "script_try": "My words."},
    )
    assert response.status_code == 302
    reframe = Reframe.objects.get(user=owner)
    assert (reframe.script_try, reframe.is_draft, reframe.is_script) == ("My words.", False, True)
    listed = owner_client.get("/journal/reframes/").content.decode()
    assert "My words." in listed and "Balanced thought:" not in listed


def test_a_script_without_words_to_try_keeps_what_was_typed(owner_client):
    response = owner_client.post("/journal/reframes/new/", {"kind": "script", "script_instead": "Why ignore me?"})
    content = response.content.decode()
    assert "Please check the form" in content and "Why ignore me?" in content
    assert not Reframe.objects.exists()


@pytest.mark.parametrize("query", ["", "?lesson=communicating-needs&script=0"])
def test_every_text_of_a_reframe_is_a_textarea(owner_client, query):
    form = owner_client.get(f"/journal/reframes/new/{query}").content.decode()
    for name in ("anxious_thought", "alternatives", "balanced_thought", "script_instead", "script_try"):
        assert f'<textarea name="{name}"' in form
    assert 'type="text"' not in form.split("<main", 1)[1]


def test_a_starter_from_a_lesson_fills_in_every_part_and_a_script_both_lines(owner_client):
    lesson = next(lesson for lesson in library() if lesson.reframes)
    starter = lesson.reframes[0]
    content = owner_client.get(f"/journal/reframes/new/?lesson={lesson.slug}&reframe=0").content.decode()
    for part in (starter.anxious, starter.alternatives, starter.balanced):
        assert escape(part) in content
    lesson = next(lesson for lesson in library() if lesson.scripts)
    script = lesson.scripts[0]
    content = owner_client.get(f"/journal/reframes/new/?lesson={lesson.slug}&script=0").content.decode()
    assert escape(script.instead) in content and escape(script.try_saying) in content


@pytest.mark.parametrize("kind", ["reframe", "script"])
def test_asking_for_a_starter_one_past_a_lessons_last_gives_an_empty_form(owner_client, kind):
    lesson = next(lesson for lesson in library() if lesson.reframes and lesson.scripts)
    past_the_last = len(lesson.reframes if kind == "reframe" else lesson.scripts)
    response = owner_client.get("/journal/reframes/new/", {"lesson": lesson.slug, kind: past_the_last})
    assert response.status_code == 200
    starters = ("anxious_thought", "alternatives", "balanced_thought", "script_instead", "script_try")
    assert not any(response.context["form"].initial.get(name) for name in starters)


def test_a_reframe_of_a_moment_points_to_the_fear_of_abandonment_lesson_unless_one_was_chosen(owner_client, owner):
    log = TriggerLogFactory(user=owner)
    initial = owner_client.get("/journal/reframes/new/", {"log": log.pk}).context["form"].initial
    assert (initial["log"], initial["lesson_slug"]) == (log.pk, "reframing-fear-of-abandonment")


def test_a_lessons_script_keeps_the_lesson_it_came_from(owner_client):
    lesson = next(lesson for lesson in library() if lesson.scripts)
    initial = owner_client.get("/journal/reframes/new/", {"lesson": lesson.slug, "script": 0}).context["form"].initial
    assert (initial["lesson_slug"], initial["kind"]) == (lesson.slug, "script")


def test_editing_a_script_opens_it_as_a_script(owner_client, owner):
    script = ReframeFactory(user=owner, anxious_thought="", balanced_thought="", script_try="Can we talk tonight?")
    form = owner_client.get(f"/journal/reframes/{script.pk}/").context["form"]
    assert form.is_script
    assert form["kind"].value() == "script"


def test_a_reframe_of_a_moment_starts_from_its_story_unless_a_lesson_gave_the_thought(owner_client, owner):
    log = TriggerLogFactory(user=owner, story="x" * 600)
    initial = owner_client.get("/journal/reframes/new/", {"log": log.pk}).context["form"].initial
    assert initial["anxious_thought"] == "x" * 500, "as much of the story as the box holds"
    lesson = next(lesson for lesson in library() if lesson.reframes)
    asked = {"log": log.pk, "lesson": lesson.slug, "reframe": 0}
    initial = owner_client.get("/journal/reframes/new/", asked).context["form"].initial
    assert (initial["anxious_thought"], initial["lesson_slug"]) == (lesson.reframes[0].anxious, lesson.slug)
