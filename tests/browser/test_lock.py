"""The app lock on a 360×740 phone, by touch and keyboard, without JavaScript too."""

import pytest

from journal.factories import TriggerLogFactory
from tests.browser.conftest import no_horizontal_scroll, screenshot, sign_in

MARKER = "owner-private-marker"


def turn_on_the_lock(page):
    page.goto("/journal/settings/")
    page.get_by_role("link", name="Set up the app lock").tap()
    page.get_by_label("Choose a PIN (4 to 8 digits)").fill("2468")
    page.get_by_label("The same PIN again").fill("2468")
    page.get_by_role("button", name="Turn on the lock").tap()
    page.get_by_text("Your PIN is set").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lock_and_unlock_with_a_thumb(new_context, owner, axe, scheme):
    TriggerLogFactory(user=owner, what_happened=MARKER)
    page = new_context(bypass_csp=True, color_scheme=scheme).new_page()
    sign_in(page, owner.username)
    turn_on_the_lock(page)
    page.goto("/journal/")
    lock = page.get_by_role("button", name="Lock your journal now")
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    assert lock.bounding_box()["y"] < nav["y"] + 44, "Lock sits in the menu row, not on a line of its own"
    assert lock.bounding_box()["height"] >= 44

    lock.tap()
    page.get_by_role("heading", name="Your journal is locked").wait_for()
    assert MARKER not in page.content()
    assert no_horizontal_scroll(page)
    screenshot(page, f"unlock-{scheme}")
    axe(page)

    page.get_by_label("Your PIN").fill("2468")
    page.keyboard.press("Enter")
    page.wait_for_url("**/journal/")
    assert MARKER in page.content()


def test_the_lock_works_without_javascript(new_context, owner):
    TriggerLogFactory(user=owner, what_happened=MARKER)
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, owner.username)
    turn_on_the_lock(page)
    page.get_by_role("button", name="Lock your journal now").click()
    page.goto("/journal/review/")
    assert page.get_by_role("heading", name="Your journal is locked").is_visible()
    page.goto("/lessons/")
    assert page.get_by_role("heading", level=1).is_visible() and MARKER not in page.content()
    page.goto("/journal/unlock/?next=/journal/")
    page.get_by_label("Your PIN").fill("2468")
    page.get_by_role("button", name="Unlock").click()
    assert MARKER in page.content()
