"""Reframes that fit the moment, by thumb on a 360×740 phone: keep just the anxious thought as a draft and finish
it later; practise a lesson's script with only the script asked for."""

import re

import pytest

from attachment_app.lessons import library
from journal.models import Reframe
from tests.browser.conftest import no_horizontal_scroll, screenshot, sign_in


@pytest.fixture
def page(small_phone_page, owner):
    sign_in(small_phone_page, owner.username)
    return small_phone_page


def test_keep_only_the_anxious_thought_and_finish_it_later(page, owner):
    page.goto("/journal/reframes/new/")
    page.get_by_role("textbox", name=re.compile("anxious thought", re.I)).fill("They are going to leave me.")
    page.get_by_role("button", name="Save as a draft").tap()
    page.wait_for_url("**/journal/reframes/")
    drafts = page.get_by_role("region", name="Drafts to finish")
    assert "They are going to leave me." in drafts.inner_text()
    assert Reframe.objects.get(user=owner).is_draft
    assert no_horizontal_scroll(page)

    drafts.get_by_role("link", name=re.compile("^Finish it")).tap()
    assert page.get_by_role("heading", level=1).inner_text() == "Finish your reframe"
    page.get_by_role("textbox", name=re.compile("balanced thought", re.I)).fill("They said they'd call tonight.")
    page.get_by_role("button", name="Save reframe").tap()
    page.wait_for_url("**/journal/reframes/")
    reframe = Reframe.objects.get(user=owner)
    assert not reframe.is_draft and reframe.balanced_thought == "They said they'd call tonight."
    assert page.get_by_role("region", name="Drafts to finish").count() == 0


def test_practise_a_lessons_script(page, owner):
    lesson = next(lesson for lesson in library() if lesson.scripts)
    page.goto(f"/lessons/{lesson.slug}/")
    page.get_by_role("link", name=re.compile("^Practise this script")).first.tap()
    page.wait_for_url(re.compile(r"/journal/reframes/new/\?lesson="))
    assert page.get_by_role("heading", level=1).inner_text() == "Practise a script"
    words = page.get_by_role("textbox", name=re.compile("try saying", re.I))
    assert words.input_value() == lesson.scripts[0].try_saying
    assert page.get_by_role("textbox", name=re.compile("anxious thought", re.I)).is_hidden()  # optional, folded
    assert no_horizontal_scroll(page)
    screenshot(page, "practise-a-script-360")

    words.fill("I miss you. Could we talk tonight?")
    page.get_by_role("button", name="Save the script").tap()
    page.wait_for_url("**/journal/reframes/")
    reframe = Reframe.objects.get(user=owner)
    assert (reframe.script_try, reframe.is_draft, reframe.lesson_slug) == (
        "I miss you. Could we talk tonight?",
        False,
        lesson.slug,
    )
