"""The moment that matters, as a person on a phone lives it: log with taps, pause, reframe, see it all linked."""

import re
from datetime import timedelta

from django.utils import timezone

from journal.factories import PauseSessionFactory
from journal.models import PauseSession, Reframe, TriggerLog
from tests.browser.conftest import no_horizontal_scroll, screenshot


class TapCounter:
    def __init__(self, page):
        self.page, self.taps = page, 0

    def tap(self, locator):
        locator.tap()
        self.taps += 1


def test_log_pause_and_reframe_with_a_thumb(signed_in, site, person):
    page = signed_in
    page.goto(f"{site}/journal/log/")
    assert no_horizontal_scroll(page)
    screenshot(page, "quick-log")

    thumb = TapCounter(page)
    thumb.tap(page.locator("label.chip", has_text="Slow or no reply"))
    thumb.tap(page.locator("#id_intensity label.chip", has_text=re.compile(r"^8$")))
    thumb.tap(page.locator("label.chip", has_text="Text or call again"))
    thumb.tap(page.get_by_role("button", name="Save this moment"))
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))
    assert thumb.taps <= 4

    log = TriggerLog.objects.get(user=person)
    assert (log.trigger_kind, log.intensity, log.urge) == ("slow_reply", 8, "text_again")
    screenshot(page, "entry")

    page.get_by_role("button", name="Start a 20-minute pause").tap()
    page.wait_for_url(re.compile(r"/journal/pause/\d+/$"))
    assert re.fullmatch(r"(19:5\d|20:00)", page.locator(".js-remaining").inner_text())
    assert page.locator(".breath-circle").count() == 1
    screenshot(page, "pause")

    page.locator("#id_intensity_after label.chip", has_text=re.compile(r"^3$")).tap()
    page.locator("#id_urge_passed label.chip", has_text="Yes").tap()
    page.get_by_role("button", name="End the pause").tap()
    page.wait_for_url(f"{site}/journal/log/{log.pk}/")
    pause = PauseSession.objects.get(user=person)
    assert (pause.intensity_after, pause.urge_passed, pause.stopped_early) == (3, "yes", True)

    page.get_by_role("link", name="Write a reframe").tap()
    page.fill("#id_anxious_thought", "They have gone off me.")
    page.fill("#id_balanced_thought", "They are at work. Slow replies are normal.")
    page.get_by_role("button", name="Save reframe").tap()
    page.wait_for_url(f"{site}/journal/log/{log.pk}/")
    assert Reframe.objects.get(user=person).log == log

    followups = page.get_by_role("region", name="Pauses and reframes")
    assert "20-minute pause" in followups.inner_text()
    assert "They are at work" in followups.inner_text()
    lessons = page.get_by_role("region", name="Lessons for this moment")
    lessons.get_by_role("link", name=re.compile("Common triggers")).tap()
    page.wait_for_url(f"{site}/lessons/common-triggers/")


def test_the_countdown_comes_from_the_server_after_a_reload(signed_in, site, person):
    pause = PauseSessionFactory(user=person, started_at=timezone.now() - timedelta(minutes=5))
    signed_in.goto(f"{site}/journal/pause/{pause.pk}/")
    signed_in.reload()
    assert re.fullmatch(r"1[45]:\d\d", signed_in.locator(".js-remaining").inner_text())


def test_detail_saves_in_place_with_htmx(signed_in, site, person):
    page = signed_in
    page.goto(f"{site}/journal/log/")
    page.locator("label.chip", has_text="They seemed distant").tap()
    page.locator("#id_intensity label.chip", has_text=re.compile(r"^5$")).tap()
    page.get_by_role("button", name="Save this moment").tap()
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))
    page.locator("#id_sensations label.chip", has_text="Tight chest").tap()
    page.get_by_role("button", name="Save detail").tap()
    page.get_by_role("status").filter(has_text="Detail saved.").wait_for()
    assert TriggerLog.objects.get(user=person).sensations == ["tight_chest"]
