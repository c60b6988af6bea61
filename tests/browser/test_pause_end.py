"""A pause that calls you back, on a 360×740 phone: the page's own clock is run forward to the end of the pause,
and the page must change (title, heading, the circle gone), play the soft sound the person turned on, vibrate and
notify; the message kept during the pause waits for the end, then can be copied, changed or let go."""

import re
from datetime import timedelta

from django.utils import timezone

from journal.factories import PauseSessionFactory
from journal.models import PauseSession
from tests.browser.conftest import AXE, check_accessibility, no_horizontal_scroll, screenshot, sign_in

# Records what the page does at the end instead of making noise: tones started, vibrations, notifications.
WATCH_THE_END = """
window.endSignals = {tones: 0, vibrations: [], notifications: []};
const createOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.endSignals.tones += 1;
  return createOscillator.call(this);
};
navigator.vibrate = (pattern) => { window.endSignals.vibrations.push(pattern); return true; };
function RecordedNotification(title, options) {
  window.endSignals.notifications.push({title, body: options.body, tag: options.tag});
}
RecordedNotification.permission = "granted";
window.Notification = RecordedNotification;
// With the service worker running, the page asks it to show the notification (as Android requires).
ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
  window.endSignals.notifications.push({title, body: options.body, tag: options.tag});
  return Promise.resolve();
};
"""


def chip(page, group_id, label):
    return page.locator(f"#{group_id} label.chip", has_text=re.compile(f"^{re.escape(label)}$"))


def a_pause_with_a_minute_left(owner):
    return PauseSessionFactory(user=owner, minutes=20, started_at=timezone.now() - timedelta(minutes=19))


def test_the_pause_calls_you_back_at_its_end(small_phone, owner, live_server):
    pause = a_pause_with_a_minute_left(owner)
    page = small_phone(bypass_csp=True)  # for axe's script; the page's own scripts are files either way
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.context.add_init_script(WATCH_THE_END)
    sign_in(page, owner.username)
    page.goto(f"/journal/pause/{pause.pk}/")
    assert page.title() == "Pause: breathe · Secure Base"
    assert re.fullmatch(r"0:[45]\d|1:00", page.get_by_role("timer").inner_text())

    # The message the person wants to send waits on the pause: no Copy button and no choice yet.
    page.get_by_label("The message you want to send").fill("Why haven't you replied? Are we ok?")
    page.get_by_role("button", name="Keep it until the end").tap()
    page.get_by_text("Your message waits here until").wait_for()
    assert page.get_by_role("button", name="Copy the message").is_hidden()
    pause.refresh_from_db()
    assert pause.unsent_message == "Why haven't you replied? Are we ok?" and pause.unsent_choice == ""

    sound = page.get_by_role("button", name="A soft sound at the end")
    assert sound.get_attribute("aria-pressed") == "false"
    sound.tap()
    assert sound.get_attribute("aria-pressed") == "true"
    assert page.evaluate("window.endSignals.tones") == 3, "turning it on plays the sound once, softly"
    assert no_horizontal_scroll(page)
    screenshot(page, "pause-running-360")

    page.clock.install()
    page.reload()  # the choice is remembered on this phone
    assert page.get_by_role("button", name="A soft sound at the end").get_attribute("aria-pressed") == "true"
    assert page.locator(".breath-circle").is_visible()
    assert page.evaluate("window.endSignals") == {"tones": 0, "vibrations": [], "notifications": []}

    page.clock.run_for("01:05")

    assert page.title() == "Your pause is over · Secure Base"
    assert page.get_by_role("heading", level=1).inner_text() == "Your pause is over"
    assert page.locator(".breath-circle").is_hidden()
    assert page.get_by_role("status").filter(has_text="Your pause is over. How are you now?").count() == 1
    assert page.evaluate("window.endSignals") == {
        "tones": 3,
        "vibrations": [[180, 120, 180]],
        "notifications": [
            {
                "title": "Your pause is over",
                "body": "How are you now?",
                "tag": f"{live_server.url}/journal/pause/{pause.pk}/#finish",
            }
        ],
    }
    assert page.get_by_role("heading", name="How did it go?").is_visible()
    assert page.get_by_text("How strong is the feeling now?").is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "pause-over-360")
    if AXE.exists():
        check_accessibility(page)

    page.get_by_role("button", name="Copy the message").tap()
    page.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "Why haven't you replied? Are we ok?"

    chip(page, "id_urge_passed", "Yes").tap()
    chip(page, "id_intensity_after", "3").tap()
    chip(page, "id_unsent_choice", "I let it go").tap()
    PauseSession.objects.filter(pk=pause.pk).update(ends_at=timezone.now())  # the server's clock catches up
    page.get_by_role("button", name="Save how it went").tap()
    page.get_by_role("heading", name="Your pause", exact=True).wait_for()
    pause.refresh_from_db()
    assert (pause.urge_passed, pause.intensity_after, pause.unsent_choice) == ("yes", 3, "let_it_go")
    assert pause.is_finished and not pause.stopped_early


def test_a_reload_after_the_end_shows_the_end_without_javascript(small_phone, owner):
    pause = PauseSessionFactory(user=owner, minutes=5, started_at=timezone.now() - timedelta(minutes=6))
    page = small_phone(java_script_enabled=False)
    sign_in(page, owner.username)
    page.goto(f"/journal/pause/{pause.pk}/")
    assert page.title() == "Your pause is over · Secure Base"
    assert page.locator(".breath-circle").count() == 0
    assert page.get_by_text("Your 5 minutes are over. How are you now?").is_visible()


def test_ending_early_asks_one_question(small_phone, owner):
    pause = PauseSessionFactory(user=owner, minutes=20, started_at=timezone.now())
    page = small_phone()
    sign_in(page, owner.username)
    page.goto(f"/journal/pause/{pause.pk}/")
    finish = page.locator("#finish form")
    questions = finish.locator("legend, label:not(.chip)").filter(visible=True)
    assert questions.all_inner_texts() == ["Did the urge fade?"]
    chip(page, "id_urge_passed", "Partly").tap()
    page.get_by_role("button", name="End the pause now").tap()
    page.get_by_role("heading", name="Your pause", exact=True).wait_for()
    pause.refresh_from_db()
    assert pause.stopped_early and pause.urge_passed == "partly"


def test_reduced_motion_keeps_the_circle_still_and_says_how_to_breathe(small_phone, owner):
    pause = PauseSessionFactory(user=owner, minutes=20, started_at=timezone.now())
    page = small_phone(reduced_motion="reduce")
    sign_in(page, owner.username)
    page.goto(f"/journal/pause/{pause.pk}/")
    page.wait_for_timeout(100)
    moving = page.evaluate(
        "document.querySelector('.breath-circle').getAnimations().filter((a) => a.playState === 'running').length"
    )
    assert moving == 0
    assert page.get_by_text("Breathe in slowly to four. Breathe out slowly to six.").is_visible()
    assert page.get_by_text("Breathe in as the circle grows").is_hidden()
