"""No signal, on a 360×740 phone: kept pages still open, and moments logged offline reach the journal exactly once.

Chromium's own offline switch (`context.set_offline`) cuts the page and the service worker off the network, as a
train tunnel would.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError

from journal.choices import TriggerKind, Urge
from journal.factories import PauseSessionFactory
from journal.models import TriggerLog
from tests.browser.conftest import SMALL_PHONE, a_lesson, no_horizontal_scroll, screenshot, sign_in

SAVED_HERE = "Saved on this phone. It will send when you're online."
WAIT_FOR_CACHED = """async (url) => {
  for (let tries = 0; tries < 100; tries++) {
    if (await caches.match(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""
QUEUE = "momentQueue.all()"


@pytest.fixture
def phone(small_phone):
    """A 360×740 touch page (conftest's `small_phone`), signed in as `person` when one is given."""

    def open_page(person=None, **options):
        page = small_phone(**options)
        if person:
            sign_in(page, person.username)
        return page

    return open_page


def ready_for_no_signal(page):
    """The worker runs and has kept the quick log's shell (it is kept on install, for a signed-in person)."""
    page.goto("/journal/log/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert page.evaluate(WAIT_FOR_CACHED, "/journal/log/offline/")


def kept_paths(page):
    return page.evaluate(
        """async () => {
          const paths = [];
          for (const name of await caches.keys()) {
            const requests = await (await caches.open(name)).keys();
            paths.push(...requests.map((request) => new URL(request.url).pathname));
          }
          return paths;
        }"""
    )


def chip(page, group_id, label):
    return page.locator(f"#{group_id} label.chip", has_text=re.compile(f"^{re.escape(label)}$"))


def log_a_moment(page, trigger, intensity, urge=None):
    chip(page, "id_trigger_kind", trigger).tap()
    chip(page, "id_intensity", str(intensity)).tap()
    if urge:
        chip(page, "id_urge", urge).tap()
    page.get_by_role("button", name="Save this moment").tap()


def with_no_signal(page):
    """The quick log, opened again with no signal: the worker answers with the log it kept."""
    ready_for_no_signal(page)
    page.context.set_offline(True)
    page.reload()


def keep_a_moment(page, trigger, intensity, urge=None):
    """Log a moment with no signal and see it kept on the phone."""
    log_a_moment(page, trigger, intensity, urge)
    page.get_by_text(SAVED_HERE).wait_for()


def wait_for_logs(owner, count, page):
    for _ in range(100):
        if TriggerLog.objects.filter(user=owner).count() >= count:
            return
        page.wait_for_timeout(100)


def test_a_lesson_read_before_still_reads_with_no_signal(phone, owner):
    page = phone(owner)
    ready_for_no_signal(page)
    lesson = a_lesson()
    page.goto(f"/lessons/{lesson.slug}/")
    assert page.evaluate(WAIT_FOR_CACHED, f"/lessons/{lesson.slug}/")

    page.context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == lesson.title
    assert page.locator("article").inner_text().count(" ") > 200  # the lesson's text, not a "no signal" page
    page.goto("/crisis/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator('a[href^="tel:"]').count() > 0
    page.goto("/journal/review/")  # never kept: a plain page says so, with the way to what works
    assert page.get_by_role("heading", name="No signal right now").is_visible()
    assert page.get_by_role("link", name="Log a moment").is_visible()
    assert no_horizontal_scroll(page)


def test_three_moments_logged_offline_arrive_once_in_order_with_their_times(phone, owner):
    page = phone(owner)
    ready_for_no_signal(page)
    page.context.set_offline(True)
    page.reload()  # with no signal the worker answers with the kept quick log
    assert page.get_by_role("heading", name="Log a moment").is_visible()

    moments = [
        (TriggerKind.SLOW_REPLY, 8, Urge.TEXT_AGAIN),
        (TriggerKind.SEEMED_DISTANT, 5, None),
        (TriggerKind.SLOW_REPLY, 3, None),
    ]
    windows = []
    for trigger, intensity, urge in moments:
        before = timezone.now()
        keep_a_moment(page, trigger.label, intensity, urge and urge.label)
        windows.append((before, timezone.now()))
        page.wait_for_timeout(1100)  # a second apart, so the order shows in the times too
    assert no_horizontal_scroll(page)
    screenshot(page, "offline-log")

    page.reload()
    page.get_by_text("3 moments saved on this phone. They will send when you're online.").wait_for()
    kept = page.evaluate(QUEUE)
    assert len(kept) == 3
    assert TriggerLog.objects.filter(user=owner).count() == 0

    page.context.set_offline(False)  # the `online` event sends them
    page.get_by_text("Sent 3 moments saved on this phone.").wait_for()
    logs = list(TriggerLog.objects.filter(user=owner).order_by("pk"))
    assert [(log.trigger_kind, log.intensity, log.urge) for log in logs] == [
        (trigger.value, intensity, urge.value if urge else "") for trigger, intensity, urge in moments
    ]
    for log, (before, after) in zip(logs, windows, strict=True):
        assert before - timedelta(seconds=1) <= log.occurred_at <= after + timedelta(seconds=1)
    assert page.evaluate(QUEUE) == []

    # The server's answer was lost, say: the same three are sent again when the app next opens. None is added.
    page.evaluate("moments => Promise.all(moments.map((moment) => momentQueue.add(moment)))", kept)
    page.goto("/journal/")
    page.get_by_text("Sent 3 moments saved on this phone.").wait_for()
    assert TriggerLog.objects.filter(user=owner).count() == 3
    assert page.evaluate(QUEUE) == []


def test_moments_waiting_show_apart_in_the_journal_and_a_refusal_is_said(phone, owner, axe):
    page = phone(owner, bypass_csp=True)  # for axe's script
    with_no_signal(page)
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 6)
    page.goto("/journal/")  # not kept: the no-signal page lists what waits on this phone
    waiting = page.locator(".card-pending")
    waiting.first.wait_for()  # drawn from IndexedDB just after the page opens
    assert waiting.count() == 1
    assert "Waiting to send" in waiting.inner_text()
    assert "6/10" in waiting.inner_text()

    # A moment the journal refuses (here: a date far in the future) is shown, never dropped.
    page.evaluate(
        """() => momentQueue.all().then(([moment]) => momentQueue.put({...moment, fields: moment.fields.map(
          ([name, value]) => [name, name === "occurred_at" ? "2999-01-01T10:00" : value])}))"""
    )
    page.context.set_offline(False)
    page.goto("/journal/")
    page.get_by_text("1 moment couldn't be sent.").wait_for()
    refused = page.locator(".card-refused")
    refused.wait_for()
    assert "This can't be in the future" in refused.inner_text()
    assert TriggerLog.objects.filter(user=owner).count() == 0
    assert len(page.evaluate(QUEUE)) == 1
    screenshot(page, "offline-refused")
    axe(page)
    page.get_by_role("button", name="Remove from this phone").tap()
    page.locator(".card-refused").wait_for(state="detached")
    assert page.evaluate(QUEUE) == []


def test_a_stale_csrf_token_is_refreshed_and_the_moment_sent(phone, owner):
    page = phone(owner)
    with_no_signal(page)
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 4)
    page.evaluate("document.querySelector('[name=csrfmiddlewaretoken]').value = 'x'.repeat(64)")
    page.context.set_offline(False)
    page.get_by_text("Sent 1 moment saved on this phone.").wait_for()
    assert TriggerLog.objects.filter(user=owner, intensity=4).count() == 1


def test_a_save_that_fails_with_the_signal_still_on_keeps_the_moment(phone, owner):
    """Wifi with no internet: the phone thinks it is online, so the page sends as usual and the send fails."""
    page = phone(owner)
    ready_for_no_signal(page)
    page.reload()  # the worker is in charge of this page now

    def cut_off(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.context.route("**/journal/log/", cut_off)
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 7)
    assert page.url.endswith("/journal/log/")
    assert len(page.evaluate(QUEUE)) == 1
    assert TriggerLog.objects.filter(user=owner).count() == 0

    page.context.unroute("**/journal/log/")
    page.goto("/journal/")  # opening the app again sends it
    page.get_by_text("Sent 1 moment saved on this phone.").wait_for()
    assert TriggerLog.objects.get(user=owner).intensity == 7


def test_words_of_distress_written_offline_are_met_with_care_once_sent(phone, owner):
    page = phone(owner)
    with_no_signal(page)
    page.get_by_label("What happened? (optional)").fill("I can't go on like this")
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 9)
    page.context.set_offline(False)
    page.get_by_text("Something you wrote sounds very hard.").wait_for()
    assert "Saved. Well done" not in page.locator("#messages").inner_text()  # no praise
    page.get_by_role("link", name="See support now").tap()
    page.locator(".care-panel").wait_for()
    assert page.url.endswith(TriggerLog.objects.get(user=owner).get_absolute_url())


def sign_in_again_if_refused(page, username):
    """Known race, about 1 in 6 runs here: with every cookie gone, a page and the worker's request can each start a
    CSRF cookie, and the sign-in form is refused once ("Please try that again"). A person sends it again; so does
    this test, once. (To fix in the product: the worker should not touch pages that start a CSRF cookie.)"""
    try:
        sign_in(page, username)
    except TimeoutError:
        assert "Please try that again" in page.content()
        sign_in(page, username)


def test_on_a_shared_phone_a_moment_never_reaches_another_persons_journal(phone, owner, stranger):
    page = phone(owner)
    with_no_signal(page)
    page.get_by_label("What happened? (optional)").fill("owner-private-marker")
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 5)

    # The owner's session ends without signing out (it expired); someone else signs in on the same phone.
    page.context.clear_cookies()
    page.context.set_offline(False)
    # The worker tries at once and finds nobody signed in; asked again (the signal comes back), it says so once.
    asks_to_sign_in = page.get_by_text("Sign in to send the moments saved on this phone.")
    asks_to_sign_in.wait_for()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(1000)
    assert asks_to_sign_in.count() == 1
    sign_in_again_if_refused(page, stranger.username)  # lands on the journal, which asks the worker to send
    page.goto("/journal/log/")
    page.wait_for_timeout(1000)
    assert TriggerLog.objects.count() == 0
    assert "owner-private-marker" not in page.content()
    page.goto("/journal/")
    page.wait_for_timeout(500)
    assert page.locator(".card-pending").count() == 0
    assert len(page.evaluate(QUEUE)) == 1  # kept for its person; their sign-in sends it

    page.context.clear_cookies()
    sign_in(page, owner.username)
    page.get_by_text("Sent 1 moment saved on this phone.").wait_for()
    assert TriggerLog.objects.get().user == owner


def test_a_signed_out_visitor_gets_no_journal_page_kept(phone):
    page = phone()
    page.goto(f"/lessons/{a_lesson().slug}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert page.evaluate(WAIT_FOR_CACHED, "/crisis/")
    page.reload()  # read again, now through the worker
    assert page.evaluate(WAIT_FOR_CACHED, f"/lessons/{a_lesson().slug}/")
    page.goto("/journal/log/")  # the sign-in page instead
    kept = kept_paths(page)
    assert "/crisis/" in kept
    assert f"/lessons/{a_lesson().slug}/" in kept
    assert not [path for path in kept if path.startswith("/journal/")]


def test_signing_out_forgets_the_queue_and_the_kept_pages(phone, owner):
    page = phone(owner)
    with_no_signal(page)
    keep_a_moment(page, TriggerKind.SEEMED_DISTANT.label, 2)
    page.context.set_offline(False)
    page.get_by_text("Sent 1 moment saved on this phone.").wait_for()
    page.evaluate("momentQueue.add({key: 'k', fields: [], savedAt: '', summary: {}})")  # one still waiting

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out").tap()
    page.get_by_role("heading", name="You are signed out").wait_for()
    # The signed-out page may keep public pages again (lessons, crisis), never a journal page.
    assert not [path for path in kept_paths(page) if path.startswith("/journal/")]
    assert page.evaluate("indexedDB.databases().then((found) => found.map((database) => database.name))") == []


def test_the_kept_pause_runs_on_the_phone(phone, owner, axe):
    page = phone(owner, bypass_csp=True)  # for axe's script
    ready_for_no_signal(page)
    assert page.evaluate(WAIT_FOR_CACHED, "/journal/pause/offline/")
    page.context.set_offline(True)
    page.goto("/journal/pause/")
    assert page.get_by_role("heading", name="Pause: breathe").is_visible()
    page.get_by_role("button", name="5 minutes").tap()
    assert re.fullmatch(r"[45]:\d\d", page.get_by_role("timer").inner_text())
    assert no_horizontal_scroll(page)
    axe(page)


def test_the_app_is_installable(browser_type, browser_type_launch_args, base_url, owner, tmp_path):
    """Chromium's own installability check, the one Lighthouse's "installable manifest" audit reads. A profile
    on disk, because Chromium never offers to install from an incognito window (Playwright's usual contexts)."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, base_url=base_url, **SMALL_PHONE
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        sign_in(page, owner.username)
        ready_for_no_signal(page)
        devtools = context.new_cdp_session(page)
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = devtools.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert manifest["errors"] == []
    finally:
        context.close()


def test_when_chosen_offline_counts_from_the_tap_not_from_sending(phone, owner):
    page = phone(owner)
    with_no_signal(page)
    before = timezone.now()
    chip(page, "id_trigger_kind", TriggerKind.SLOW_REPLY.label).tap()
    chip(page, "id_intensity", "6").tap()
    chip(page, "id_when", "1 hour ago").tap()
    page.get_by_role("button", name="Save this moment").tap()
    page.get_by_text(SAVED_HERE).wait_for()
    after = timezone.now()
    page.wait_for_timeout(1500)  # sent later: the hour counts back from the tap all the same

    page.context.set_offline(False)
    wait_for_logs(owner, 1, page)
    log = TriggerLog.objects.get(user=owner)
    hour = timedelta(hours=1)
    assert before - hour - timedelta(seconds=1) <= log.occurred_at <= after - hour + timedelta(seconds=1)


def test_a_pause_ended_with_no_signal_is_sent_later_and_ends_when_it_did(phone, owner):
    started = timezone.now() - timedelta(minutes=2)
    pause = PauseSessionFactory(user=owner, minutes=20, started_at=started, intensity_before=7, current=True)
    page = phone(owner)
    ready_for_no_signal(page)
    page.goto(f"/journal/pause/{pause.pk}/")
    page.context.set_offline(True)
    chip(page, "id_urge_passed", "Partly").tap()
    before = timezone.now()
    page.get_by_role("button", name="End the pause now").tap()
    page.get_by_text(SAVED_HERE).wait_for()
    after = timezone.now()
    pause.refresh_from_db()
    assert not pause.is_finished
    page.wait_for_timeout(1500)  # sent later: the pause still ends at the tap

    page.context.set_offline(False)
    for _ in range(100):
        pause.refresh_from_db()
        if pause.is_finished:
            break
        page.wait_for_timeout(100)
    assert pause.urge_passed == "partly" and pause.stopped_early
    assert before - timedelta(seconds=1) <= pause.finished_at <= after + timedelta(seconds=1)
    page.get_by_text("Sent 1 moment saved on this phone.").wait_for()
    assert page.evaluate(QUEUE) == []
