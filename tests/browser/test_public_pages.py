"""A newcomer on a phone: the home page, a lesson, signing up and out, and help one tap away on every page."""

import re

import pytest

from attachment_app.lessons import GLOSSARY_SLUG, library
from journal.models import UserSettings
from tests.browser.conftest import a_lesson, crisis_link, no_horizontal_scroll, screenshot


def first_lesson_with_practice():
    return next(lesson for lesson in library() if lesson.practice and lesson.slug != GLOSSARY_SLUG)


def test_a_newcomer_reads_a_lesson_signs_up_and_signs_out(new_context):
    page = new_context(timezone_id="Europe/Dublin").new_page()

    def arrive(url):
        page.wait_for_url(url)
        assert crisis_link(page).is_visible(), f"no crisis link in the footer of {page.url}"

    page.goto("/")
    arrive("**/")
    assert page.get_by_role("heading", level=1).is_visible()
    screenshot(page, "home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").tap()
    arrive("**/lessons/")
    lesson = first_lesson_with_practice()
    page.get_by_role("link", name=re.compile("^" + re.escape(lesson.title))).first.tap()
    arrive(f"**/lessons/{lesson.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == lesson.title
    practise = page.get_by_role("region", name="Practise this")
    assert practise.is_visible()
    assert practise.get_by_role("link").count() == len(lesson.practice)
    sources = page.get_by_role("region", name="Sources")
    assert sources.is_visible()
    assert sources.get_by_role("listitem").count() == len(lesson.sources)
    screenshot(page, "lesson")

    page.get_by_role("contentinfo").get_by_role("link", name="Create a free account").tap()
    arrive("**/accounts/signup/")
    for label, text in [
        ("^Username", "newcomer"),
        ("^Password:?$", "calm tides 2026"),
        ("^Password conf", "calm tides 2026"),
    ]:
        field = page.get_by_label(re.compile(label))
        field.tap()
        field.fill(text)
    page.get_by_role("button", name="Create my account").tap()
    arrive("**/journal/")
    assert page.get_by_role("contentinfo").get_by_role("button", name="Sign out").is_visible()
    # timezone.js filled in the device's zone, so the weeks line up with the person's days.
    assert UserSettings.objects.get(user__username="newcomer").time_zone == "Europe/Dublin"

    page.get_by_role("contentinfo").get_by_role("button", name="Sign out").tap()
    arrive("**/accounts/logout/")
    assert page.get_by_role("heading", level=1).inner_text() == "You are signed out"
    assert page.get_by_role("contentinfo").get_by_role("link", name="Sign in").is_visible()
    page.goto("/journal/")
    arrive(re.compile(r"/accounts/login/\?next=/journal/$"))


@pytest.mark.parametrize(
    "path",
    ["/", "/lessons/", "lesson", "/lessons/glossary/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"],
)
def test_crisis_help_is_one_tap_from_the_footer(page, path):
    page.goto(f"/lessons/{a_lesson().slug}/" if path == "lesson" else path)
    crisis_link(page).tap()
    page.wait_for_url("**/crisis/")
    assert page.get_by_role("heading", level=1).inner_text() == "Help right now"
    assert crisis_link(page).is_visible()


def test_crisis_help_is_in_the_footer_of_journal_pages(signed_in_page):
    page = signed_in_page
    for path in ("/journal/", "/journal/log/", "/journal/pause/", "/journal/reframes/", "/journal/review/"):
        page.goto(path)
        assert crisis_link(page).is_visible(), path


@pytest.mark.parametrize("width", [390, 360])
def test_no_sideways_scrolling_on_a_phone(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/", "/lessons/", f"/lessons/{a_lesson().slug}/", "/lessons/glossary/", "/crisis/"):
        page.goto(path)
        assert no_horizontal_scroll(page), f"{path} scrolls sideways at {width}px"


def test_no_lesson_scrolls_sideways_on_a_small_phone(page):
    page.set_viewport_size({"width": 360, "height": 800})
    wide = []
    for lesson in library():
        page.goto(f"/lessons/{lesson.slug}/")
        if not no_horizontal_scroll(page):
            wide.append(lesson.slug)
    assert wide == []
