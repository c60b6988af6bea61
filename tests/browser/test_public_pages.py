import re

from tests.browser.conftest import no_horizontal_scroll, screenshot


def test_a_newcomer_reads_a_lesson_signs_up_and_signs_out(page, site):
    page.goto(site)
    assert page.get_by_role("heading", level=1).inner_text() == "A calm place for an anxious heart"
    assert no_horizontal_scroll(page)
    screenshot(page, "home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").tap()
    page.wait_for_url(f"{site}/lessons/")
    page.get_by_role("link", name=re.compile("^Common triggers")).tap()
    page.wait_for_url(f"{site}/lessons/common-triggers/")
    assert page.get_by_role("heading", level=1).inner_text() == "Common triggers"
    assert page.get_by_role("heading", name="Practise this").is_visible()
    assert page.get_by_role("heading", name="Sources").count() == 1
    assert no_horizontal_scroll(page)
    screenshot(page, "lesson")

    page.get_by_role("contentinfo").get_by_role("link", name="Create a free account").tap()
    page.fill("#id_username", "newcomer")
    page.fill("#id_password1", "calm tides 2026")
    page.fill("#id_password2", "calm tides 2026")
    page.get_by_role("button", name="Create my account").tap()
    page.wait_for_url(re.compile(r"/journal/"))
    assert "Welcome" in page.get_by_role("status").first.inner_text()

    page.get_by_role("button", name="Sign out").tap()
    page.wait_for_url(f"{site}/accounts/logout/")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "You are signed out"


def test_crisis_help_is_one_tap_from_every_page(page, site):
    for path in ("/", "/lessons/", "/lessons/practise-the-pause/", "/accounts/login/"):
        page.goto(site + path)
        page.get_by_role("link", name="Find help now").tap()
        page.wait_for_url(f"{site}/crisis/")
        assert page.get_by_role("heading", level=1).inner_text() == "Help right now"


def test_no_sideways_scrolling_on_a_small_phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("/", "/lessons/", "/lessons/attachment-theory/", "/lessons/glossary/", "/crisis/"):
        page.goto(site + path)
        assert no_horizontal_scroll(page), path
    context.close()
