"""The moment that matters, as a person on a phone lives it: log with taps, pause, reframe, see it all linked."""

import re
from datetime import timedelta

from django.utils import timezone

from journal.choices import TriggerKind, Urge, UrgePassed
from journal.factories import PauseSessionFactory
from journal.models import PauseSession, Reframe, TriggerLog
from tests.browser.conftest import crisis_link, no_horizontal_scroll, screenshot

# Counts real touches and key presses in the page; sessionStorage keeps the count across the form's redirect.
COUNT_INPUT = """
for (const [event, key] of [["touchstart", "taps"], ["keydown", "keys"]]) {
  addEventListener(event, () => {
    sessionStorage[key] = Number(sessionStorage[key] || 0) + 1;
  }, {capture: true});
}
"""


def chip(page, group_id, label):
    return page.locator(f"#{group_id} label.chip", has_text=re.compile(f"^{re.escape(label)}$"))


def inputs_counted(page):
    return page.evaluate("({taps: Number(sessionStorage.taps || 0), keys: Number(sessionStorage.keys || 0)})")


def test_log_pause_and_reframe_with_a_thumb(signed_in_page, owner):
    page = signed_in_page
    page.goto("/journal/log/")
    assert no_horizontal_scroll(page)
    screenshot(page, "quick-log")

    page.context.add_init_script(COUNT_INPUT)
    page.reload()
    chip(page, "id_trigger_kind", TriggerKind.SLOW_REPLY.label).tap()
    chip(page, "id_intensity", "8").tap()
    chip(page, "id_urge", Urge.TEXT_AGAIN.label).tap()
    page.get_by_role("button", name="Save this moment").tap()
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))
    assert inputs_counted(page) == {"taps": 4, "keys": 0}

    log = TriggerLog.objects.get(user=owner)
    assert (log.trigger_kind, log.intensity, log.urge, log.what_happened) == ("slow_reply", 8, "text_again", "")
    assert page.get_by_role("heading", level=1).inner_text() == "Your moment"
    assert crisis_link(page).is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "entry")

    page.get_by_role("button", name="Start a 20-minute pause").tap()
    page.wait_for_url(re.compile(r"/journal/pause/\d+/$"))
    assert re.fullmatch(r"19:5\d|20:00", page.get_by_role("timer").inner_text())
    assert page.locator(".breath-circle").is_visible()
    assert page.get_by_text("Breathe in as the circle grows").is_visible()
    assert crisis_link(page).is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "pause")

    chip(page, "id_urge_passed", UrgePassed.YES.label).tap()  # ending early asks this one question
    page.get_by_role("button", name="End the pause now").tap()
    page.wait_for_url(f"**/journal/log/{log.pk}/")
    pause = PauseSession.objects.get(user=owner)
    assert (pause.log, pause.intensity_after, pause.urge_passed, pause.stopped_early) == (log, None, "yes", True)

    page.get_by_role("link", name="Write a reframe").tap()
    page.wait_for_url(f"**/journal/reframes/new/?log={log.pk}")
    page.get_by_role("textbox", name=re.compile("anxious thought", re.IGNORECASE)).fill("They have gone off me.")
    page.get_by_role("textbox", name=re.compile("balanced thought", re.IGNORECASE)).fill(
        "They are at work. Slow replies are normal."
    )
    page.get_by_role("button", name="Save reframe").tap()
    page.wait_for_url(f"**/journal/log/{log.pk}/")
    assert Reframe.objects.get(user=owner).log == log

    followups = page.get_by_role("region", name="Pauses and reframes")
    assert "20-minute pause" in followups.inner_text()
    assert "They are at work. Slow replies are normal." in followups.inner_text()
    lessons = page.get_by_role("region", name="Lessons for this moment").get_by_role("link")
    assert lessons.count() >= 1
    lessons.first.tap()
    page.wait_for_url(re.compile(r"/lessons/[\w-]+/(#[\w-]+)?$"))
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("region", name="Sources").is_visible()


def test_the_countdown_comes_from_the_server_after_a_reload(signed_in_page, owner):
    page = signed_in_page
    pause = PauseSessionFactory(user=owner, minutes=20, started_at=timezone.now() - timedelta(minutes=5))
    page.goto(f"/journal/pause/{pause.pk}/")
    page.reload()
    timer = page.get_by_role("timer")
    first = timer.inner_text()
    assert re.fullmatch(r"1[45]:\d\d", first), first
    page.wait_for_function("previous => document.querySelector('[role=timer]').innerText !== previous", arg=first)
    minutes, seconds = map(int, timer.inner_text().split(":"))
    assert 14 * 60 + 50 <= minutes * 60 + seconds < 15 * 60


def test_detail_saves_in_place_with_htmx(signed_in_page, owner):
    page = signed_in_page
    page.goto("/journal/log/")
    chip(page, "id_trigger_kind", TriggerKind.SEEMED_DISTANT.label).tap()
    chip(page, "id_intensity", "5").tap()
    page.get_by_role("button", name="Save this moment").tap()
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))
    entry_url = page.url
    page.locator("#id_sensations label.chip", has_text="Tight chest").tap()
    page.get_by_role("button", name="Save detail").tap()
    page.get_by_role("status").filter(has_text="Detail saved.").wait_for()
    assert page.url == entry_url
    assert TriggerLog.objects.get(user=owner).sensations == ["tight_chest"]
