"""The weekly review at phone width, with twelve weeks of demo data: the pattern shows at a glance."""

import io
from zoneinfo import ZoneInfo

from django.core.management import call_command

from journal.management.commands import seed_demo
from journal.weeks import Week
from tests.browser.conftest import crisis_link, no_horizontal_scroll, screenshot, sign_in


def test_the_demo_review_shows_the_pattern_at_a_glance(page):
    call_command(seed_demo.Command(), stdout=io.StringIO())
    sign_in(page, seed_demo.USERNAME, seed_demo.PASSWORD)
    last_week = Week.current(ZoneInfo(seed_demo.ZONE)).previous
    for path, name in (
        (f"/journal/review/{last_week.slug}/", "review"),
        ("/journal/review/?weeks=4", "review-4-weeks"),
    ):
        page.goto(path)
        charts = page.locator(".chart")
        assert charts.count() >= 4, path
        assert all(charts.nth(i).is_visible() for i in range(charts.count())), path
        assert page.get_by_role("heading", name="What stands out").is_visible(), path
        assert crisis_link(page).is_visible()
        assert no_horizontal_scroll(page), path
        screenshot(page, name)
