"""The weekly review at phone width with the demo data, and the page-weight budgets from PRODUCT.md."""

import gzip
import io

from django.core.management import call_command
from django.utils import timezone

from journal.weeks import Week
from tests.browser.conftest import PHONE, no_horizontal_scroll, screenshot, sign_in

KB = 1024


def test_the_demo_review_shows_the_pattern_at_a_glance(page, site):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, site, username="demo", password="demo-password-123")
    last_week = Week.current(timezone.get_default_timezone()).previous
    for path in (f"/journal/review/{last_week.slug}/", "/journal/review/?weeks=4"):
        page.goto(site + path)
        charts = page.locator("svg.chart")
        assert charts.count() >= 4, path
        assert all(charts.nth(i).is_visible() for i in range(charts.count()))
        assert page.get_by_role("heading", name="What stands out").is_visible()
        assert no_horizontal_scroll(page), path
    screenshot(page, "review-4-weeks")
    page.goto(f"{site}/journal/review/{last_week.slug}/")
    screenshot(page, "review")


def transferred_kb(browser, site, path, signed_in=False):
    """Everything a cold phone downloads for `path`, gzip-compressed as whitenoise serves it in production."""
    session = None
    if signed_in:
        sign_in_context = browser.new_context(**PHONE)
        sign_in(sign_in_context.new_page(), site)
        session = sign_in_context.storage_state()
        sign_in_context.close()
    context = browser.new_context(**PHONE, storage_state=session)  # an empty cache: a cold load
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    total = sum(len(gzip.compress(response.body(), 6)) for response in responses if response.ok)
    context.close()
    return total / KB


def test_quick_log_page_is_under_35_kb(browser, site, person):
    weight = transferred_kb(browser, site, "/journal/log/", signed_in=True)
    print(f"quick log: {weight:.1f} KB")
    assert weight <= 35


def test_a_lesson_page_is_under_60_kb(browser, site):
    weight = transferred_kb(browser, site, "/lessons/attachment-theory/")
    print(f"lesson: {weight:.1f} KB")
    assert weight <= 60
