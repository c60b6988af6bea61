"""A secure moment in one tap on a small phone, and the review's bright side showing it."""

from journal.models import SecureMoment
from journal.weeks import Week
from tests.browser.conftest import sign_in

PHONE_360 = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_one_tap_from_home_then_the_bright_side(browser, base_url, owner):
    context = browser.new_context(base_url=base_url, **PHONE_360)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, owner.username)
    page.goto("/")
    button = page.get_by_role("button", name="Save it: I felt secure")
    box = button.bounding_box()
    assert box["height"] >= 44, "a thumb-sized target"
    button.tap()
    page.wait_for_url("**/journal/secure/")
    assert "Saved. Moments like this" in page.locator(".message-success").inner_text()
    assert SecureMoment.objects.filter(user=owner).count() == 1

    page.get_by_label("What happened? (optional)").fill("Waited for their reply and felt fine")
    with page.expect_navigation():
        page.get_by_role("button", name="Save this secure moment").tap()
    assert page.get_by_text("Waited for their reply and felt fine").is_visible()

    this_week = Week.current(owner.journal_settings.zone, owner.journal_settings.week_start)
    page.goto(f"/journal/review/{this_week.slug}/")
    bright = page.get_by_role("region", name="The bright side")
    assert "You saved 2 secure moments this week" in bright.inner_text()
    context.close()
