"""The review reads everywhere: chart text grows with the person's text size, a table that scrolls says so and
can be scrolled from the keyboard, and the 4-week summary for a therapist prints on at most two A4 pages."""

import io
import re

import pytest
from django.core.management import call_command

from journal.management.commands import seed_demo
from tests.browser.conftest import a_lesson, sign_in

PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
PHONE_360 = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def demo_page(browser, base_url):
    call_command(seed_demo.Command(), stdout=io.StringIO())
    context = browser.new_context(base_url=base_url, **PHONE_360)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, seed_demo.USERNAME, seed_demo.PASSWORD)
    yield page
    context.close()


def chart_text_sizes(page):
    """The size each chart's words are drawn at, in CSS pixels: its first bar label or day."""
    return page.eval_on_selector_all(
        ".chart",
        "charts => charts.map(c => parseFloat(getComputedStyle(c.querySelector('.bar-label, .heat-row')).fontSize))",
    )


def overlapping_labels(page):
    """Bar rows whose label and figure are drawn over each other."""
    return page.eval_on_selector_all(
        ".bar-row",
        """rows => rows.filter(row => {
            const a = row.querySelector('.bar-label').getBoundingClientRect();
            const b = row.querySelector('.bar-note').getBoundingClientRect();
            return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        }).map(row => row.textContent)""",
    )


def test_chart_text_grows_with_the_persons_text_size_and_never_overlaps(demo_page):
    demo_page.goto("/journal/review/?weeks=4")
    usual = chart_text_sizes(demo_page)
    assert len(usual) >= 5 and min(usual) >= 12, usual
    # What a browser's "text size" setting does: the root font size grows (CSSOM, so the CSP allows it).
    demo_page.evaluate("document.documentElement.style.fontSize = '200%'")
    larger = chart_text_sizes(demo_page)
    assert all(big >= 1.9 * small for small, big in zip(usual, larger, strict=True)), (usual, larger)
    assert overlapping_labels(demo_page) == []
    bar = demo_page.locator(".bar-row .bar").first.bounding_box()
    assert bar["height"] >= 20, "the bars grow with the text too"


def test_the_4_week_table_says_it_scrolls_and_scrolls_from_the_keyboard(demo_page):
    demo_page.goto("/journal/review/?weeks=4")
    region = demo_page.get_by_role("region", name="Each week's figures")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "at 360 px the nine columns need scrolling"
    assert demo_page.get_by_text("Scroll sideways to see more").is_visible()
    region.focus()
    assert region.evaluate("e => document.activeElement === e")
    demo_page.keyboard.press("ArrowRight")
    demo_page.wait_for_function("() => document.querySelector('.weeks-scroll').scrollLeft > 0")


@pytest.mark.parametrize("width", [360, 800, 1280])
def test_the_hint_shows_only_where_the_table_scrolls(demo_page, width):
    demo_page.set_viewport_size({"width": width, "height": 900})
    demo_page.goto("/journal/review/?weeks=12")
    scrolls = demo_page.locator(".weeks-scroll").evaluate("e => e.scrollWidth > e.clientWidth")
    assert demo_page.get_by_text("Scroll sideways to see more").is_visible() == scrolls


def test_a_lesson_table_says_it_scrolls_only_while_it_does(browser, base_url):
    context = browser.new_context(base_url=base_url, **PHONE_360)
    page = context.new_page()
    page.goto(f"/lessons/{a_lesson().slug}/")
    region = page.locator(".table-scroll").first
    hint = page.get_by_text("Scroll sideways to see more")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert hint.is_visible()
    assert region.evaluate("e => e.previousElementSibling.classList.contains('scroll-hint')"), "just above the table"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(
        "() => { const e = document.querySelector('.table-scroll'); return e.scrollWidth <= e.clientWidth; }"
    )
    hint.wait_for(state="hidden")
    context.close()


def test_the_scroll_hint_is_not_printed(demo_page):
    demo_page.goto("/journal/review/?weeks=4")
    demo_page.emulate_media(media="print")
    assert demo_page.get_by_text("Scroll sideways to see more").is_hidden()


@pytest.mark.parametrize("weeks", [4, 12])
def test_the_summary_for_a_therapist_prints_on_at_most_two_pages(demo_page, weeks):
    demo_page.goto(f"/journal/review/?weeks={weeks}")
    for paper in ("A4", "Letter"):
        pages = len(PDF_PAGE.findall(demo_page.pdf(format=paper)))
        assert 1 <= pages <= 2, f"{weeks} weeks: {pages} {paper} pages"
    demo_page.emulate_media(media="print")
    for kept in ("Week by week", "What set you off", "When moments came", "What helps"):
        assert demo_page.get_by_role("heading", name=kept).first.is_visible(), kept
