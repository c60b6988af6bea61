"""Care at the worst moment, on a small phone (360×740, touch): the care panel first and above the fold,
numbers to tap, no praise; the crisis page; and a quick way out that leaves no trace in the tab's history."""

import re

import pytest

from journal.choices import TriggerKind
from journal.models import TriggerLog
from tests.browser.conftest import ARTIFACTS, no_horizontal_scroll, screenshot, sign_in

NEUTRAL_PAGE = "https://www.bbc.co.uk/weather"

DISTRESS = [
    "Everyone would be better off without me",
    "I can't go on like this",
    "I want to disappear",
    "what's the point of living",
    "i just wanna die",
    "I don’t want to wake up tomorrow",
    "im such a burden to everyone",
    "I cant do this anymore",
    "I want to hurt myself",
    "I've been saving up my pills",
    "nobody would miss me",
    "I don't want to die but I feel so hopeless",
]


@pytest.fixture
def small_phone(small_phone):
    """The conftest's 360×740 pages, where no test may reach the internet: the neutral page is answered here."""

    def open_page(**options):
        page = small_phone(**options)
        page.route(
            f"{NEUTRAL_PAGE}**", lambda route: route.fulfill(content_type="text/html", body="<title>Weather</title>")
        )
        return page

    return open_page


def save_a_moment(page, what_happened, intensity="6"):
    page.goto("/journal/log/")
    page.locator("#id_trigger_kind label.chip", has_text=TriggerKind.SLOW_REPLY.label).tap()
    page.locator("#id_intensity label.chip", has_text=re.compile(f"^{intensity}$")).tap()
    page.get_by_label("What happened?").fill(what_happened)
    page.get_by_role("button", name="Save this moment").tap()
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))


def care_panel_is_first_and_in_view(page):
    return page.evaluate(
        """() => {
            const panel = document.querySelector("main").firstElementChild;
            const box = panel.getBoundingClientRect();
            const calls = [...panel.querySelectorAll('a[href^="tel:"]')];
            return {
                first: panel.classList.contains("care-panel"),
                inView: window.scrollY === 0 && box.top >= 0 && box.bottom <= window.innerHeight,
                calls: calls.length,
                callsInView: calls.every(a => a.getBoundingClientRect().bottom <= window.innerHeight),
            };
        }"""
    )


@pytest.mark.parametrize("words", DISTRESS)
def test_saving_a_moment_with_words_of_distress_opens_with_care(small_phone, owner, words):
    page = small_phone()
    sign_in(page, owner.username)
    save_a_moment(page, words)
    assert TriggerLog.objects.get(user=owner).what_happened == words
    panel_state = care_panel_is_first_and_in_view(page)
    assert panel_state["first"] and panel_state["inView"] and panel_state["callsInView"], panel_state
    assert panel_state["calls"] >= 2, panel_state  # a line to talk to now, and the emergency number
    panel = page.locator(".care-panel")
    assert panel.get_by_role("link", name="Call 116 123").is_visible()  # alice's zone is Europe/London
    assert panel.get_by_role("link", name="In danger now? Call 999").is_visible()
    assert panel.get_by_role("link", name="Text SHOUT to 85258").get_attribute("href") == "sms:85258?&body=SHOUT"
    body = page.locator("body").inner_text()
    assert "Well done" not in body and "Saved." not in body
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_care_panel_and_crisis_page_on_a_small_phone(small_phone, owner, scheme):
    owner.journal_settings.country = "NZ"
    owner.journal_settings.save()
    page = small_phone(color_scheme=scheme)
    sign_in(page, owner.username)
    save_a_moment(page, "", intensity="10")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"care-first-screen-360-{scheme}.png")  # what fits on the screen
    assert care_panel_is_first_and_in_view(page)["inView"]

    page.get_by_role("link", name="Get help", exact=True).tap()
    page.wait_for_url("**/crisis/")
    assert page.locator("main h2").first.inner_text() == "New Zealand"  # from the cookie, set by settings
    assert page.get_by_role("link", name="In danger now? Call 111").is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, f"crisis-360-{scheme}")


def test_the_header_keeps_help_and_the_way_out_in_view_at_360(small_phone, owner):
    page = small_phone()
    sign_in(page, owner.username)
    for path in ("/journal/", "/journal/log/", "/lessons/", "/crisis/"):
        page.goto(path)
        for name in ("Get help", "Leave quickly"):
            box = page.get_by_role("link", name=name, exact=True).bounding_box()
            assert box and box["y"] + box["height"] <= 740 and box["x"] + box["width"] <= 360, (path, name)
        assert no_horizontal_scroll(page)
    page.goto("/journal/")
    screenshot(page, "header-360")


def test_leave_quickly_swaps_the_page_and_leaves_it_out_of_the_tab_history(small_phone, owner):
    page = small_phone()
    sign_in(page, owner.username)
    page.goto("/journal/log/")
    entries_before = page.evaluate("history.length")
    page.get_by_role("link", name="Leave quickly").tap()
    page.wait_for_url(NEUTRAL_PAGE)
    assert page.evaluate("history.length") == entries_before  # replaced, not added
    page.go_back()
    assert "/journal/log/" not in page.url


def test_leave_quickly_works_from_the_keyboard(small_phone, owner):
    page = small_phone()
    sign_in(page, owner.username)
    page.goto("/journal/")
    page.get_by_role("link", name="Leave quickly").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_PAGE)

    page.goto("/journal/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_PAGE)


def test_leave_quickly_is_a_plain_link_without_javascript(small_phone, owner):
    page = small_phone(java_script_enabled=False)
    page.goto("/crisis/")
    page.get_by_role("link", name="Leave quickly").tap()
    page.wait_for_url(NEUTRAL_PAGE)


def test_typing_capitals_does_not_leave(small_phone, owner):
    page = small_phone()
    sign_in(page, owner.username)
    page.goto("/journal/log/")
    page.get_by_label("What happened?").focus()
    for letter in "HSW":  # three capitals: Shift goes down and up around each letter
        page.keyboard.press(f"Shift+Key{letter}")
    page.wait_for_timeout(300)
    assert page.url.endswith("/journal/log/")
    assert page.get_by_label("What happened?").input_value() == "HSW"


def test_the_care_panel_has_no_accessibility_problems(small_phone, owner, axe):
    owner.journal_settings.country = "US"
    owner.journal_settings.save()
    for scheme in ("light", "dark"):
        page = small_phone(bypass_csp=True, color_scheme=scheme)  # axe is injected past the strict CSP
        sign_in(page, owner.username)
        save_a_moment(page, "nobody would miss me")
        axe(page)
