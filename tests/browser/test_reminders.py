"""Reminders in a real browser, as far as a machine without a push service allows.

Chromium here cannot reach a push service, so a real subscription is never made: the server's half (planning,
encrypting, sending) is tested in tests/reminders with the push service faked at HTTP. Here the browser's half:
the page asks for permission only when tapped and says kindly when it can't turn notifications on; the service
worker shows the server's own payload (delivered through the DevTools protocol, as a push service would), and
tapping the notification opens the pause's finish form.
"""

import json

import pytest

from journal.factories import PauseSessionFactory
from reminders import push
from reminders.mail import unsubscribe_token
from reminders.models import ReminderSettings
from tests.browser.conftest import no_horizontal_scroll, screenshot, sign_in

COUNT_PERMISSION_REQUESTS = """
window.permissionRequests = 0;
const requestPermission = Notification.requestPermission.bind(Notification);
Notification.requestPermission = () => { window.permissionRequests += 1; return requestPermission(); };
"""


@pytest.fixture(autouse=True)
def vapid_key(settings):
    settings.VAPID_PRIVATE_KEY = "SNgGOdK4rZWSO_nhT_PBDAwn8OyAZpDrgmZ7Hlz2NG0"


def signed_in(new_context, owner, permission=None, **options):
    context = new_context(**options)
    if permission:
        context.grant_permissions([permission])
    page = context.new_page()
    sign_in(page, owner.username)
    return page


def test_permission_is_asked_only_when_tapped_and_a_failure_is_said_kindly(new_context, owner):
    page = signed_in(new_context, owner, permission="notifications")
    page.context.add_init_script(COUNT_PERMISSION_REQUESTS)
    page.goto("/reminders/")
    assert page.evaluate("window.permissionRequests") == 0
    assert page.get_by_text("Notifications need a browser").is_hidden()

    page.get_by_role("button", name="Turn on notifications here").tap()
    # Playwright's contexts are incognito, where Chromium has no Push API: the page must say so, not hang.
    status = page.locator(".js-push-status")
    status.filter(has_text="Couldn't turn on notifications here just now").wait_for()
    assert page.evaluate("window.permissionRequests") == 1
    assert page.get_by_role("button", name="Turn on notifications here").is_enabled()
    assert no_horizontal_scroll(page)
    screenshot(page, "reminders")


def test_blocked_notifications_are_explained(new_context, owner):
    page = signed_in(new_context, owner)
    page.goto("/reminders/")
    page.evaluate("Notification.requestPermission = () => Promise.resolve('denied')")
    page.get_by_role("button", name="Turn on notifications here").tap()
    page.locator(".js-push-status", has_text="blocked for this site").wait_for()


def test_choosing_a_reminder_by_thumb(new_context, owner):
    page = signed_in(new_context, owner)
    page.goto("/reminders/")
    page.get_by_text("A gentle check-in each day").tap()
    page.get_by_label("Check in at").fill("18:30")
    page.get_by_text("Send them by e-mail").tap()
    page.get_by_label("Your e-mail address").fill("alice@example.org")
    page.get_by_role("button", name="Save reminders").tap()
    page.get_by_text("Reminders saved.").wait_for()
    reminders = ReminderSettings.objects.get(user=owner)
    assert (reminders.daily_check_in, f"{reminders.check_in_at:%H:%M}", reminders.by_email) == (True, "18:30", True)


def wait_for(page, found, seconds=15):
    for _tick in range(seconds * 10):
        if (value := found()) is not None:
            return value
        page.wait_for_timeout(100)  # lets Playwright deliver the DevTools events
    raise AssertionError("the service worker never became ready")


def test_a_pause_end_push_shows_and_opens_the_finish_form(new_context, owner, live_server):
    pause = PauseSessionFactory(user=owner)
    page = signed_in(new_context, owner, permission="notifications")
    context = page.context
    devtools = context.new_cdp_session(page)
    versions = []
    devtools.on("ServiceWorker.workerVersionUpdated", lambda event: versions.extend(event["versions"]))
    devtools.send("ServiceWorker.enable")
    page.evaluate("navigator.serviceWorker.register('/sw.js', {scope: '/'}).then(() => navigator.serviceWorker.ready)")
    # A push reaches only an activated worker, and DevTools reports that a little after `ready` resolves.
    registration_id = wait_for(
        page, lambda: next((v["registrationId"] for v in versions if v["status"] == "activated"), None)
    )
    worker = wait_for(page, lambda: next((w for w in context.service_workers if w.url.endswith("/sw.js")), None))

    link = f"/journal/pause/{pause.pk}/#finish"
    shown = []
    for _attempt in range(3):  # a loaded machine may drop a push to a worker that is still starting; the tag dedupes
        devtools.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": live_server.url, "registrationId": registration_id, "data": push.payload(link)},
        )
        shown = worker.evaluate(
            """async () => {
              for (let tries = 0; tries < 50; tries++) {
                const found = await self.registration.getNotifications();
                if (found.length) return found.map((n) => ({title: n.title, body: n.body, url: n.data.url}));
                await new Promise((resolve) => setTimeout(resolve, 100));
              }
              return [];
            }"""
        )
        if shown:
            break
    assert shown == [{"title": "Secure Base: a moment for you", "body": "", "url": f"{live_server.url}{link}"}]

    # A synthetic click may not open windows, so the worker's openWindow is watched instead.
    opened = worker.evaluate(
        """async () => {
          const [notification] = await self.registration.getNotifications();
          const opened = new Promise((resolve) => {
            self.clients.openWindow = (url) => { resolve(url); return Promise.resolve(null); };
          });
          self.dispatchEvent(new NotificationEvent("notificationclick", {notification}));
          return opened;
        }"""
    )
    assert opened == f"{live_server.url}{link}"
    page.goto(opened)
    assert page.get_by_role("heading", name="How did it go?").is_visible()
    assert page.locator(f'form[action="/journal/pause/{pause.pk}/finish/"]').is_visible()


def test_a_push_that_names_another_site_opens_ours(new_context, owner, live_server):
    page = signed_in(new_context, owner, permission="notifications")
    page.goto("/crisis/")
    source = page.evaluate("fetch('/static/js/sw-push.js').then((response) => response.text())")
    shown = page.evaluate(
        """([source, message]) => {
          const handlers = {}, shown = [];
          const fakeWorker = {
            location: {origin: location.origin},
            addEventListener: (type, handler) => { handlers[type] = handler; },
            registration: {showNotification: (title, options) => { shown.push([title, options.data.url]); }},
          };
          new Function("self", source)(fakeWorker);
          handlers.push({data: {json: () => message}, waitUntil: () => {}});
          return shown;
        }""",
        [source, json.loads(push.payload("https://evil.example/phish"))],
    )
    assert shown == [["Secure Base: a moment for you", f"{live_server.url}/"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_reminder_pages_have_no_accessibility_violations(new_context, axe, owner, scheme):
    ReminderSettings.objects.create(user=owner)
    page = signed_in(new_context, owner, bypass_csp=True, color_scheme=scheme)
    page.goto("/reminders/")
    axe(page)
    page.goto(f"/reminders/stop/{unsubscribe_token(owner)}/")
    axe(page)
    page.get_by_role("button", name="Stop reminder e-mails").tap()
    page.get_by_role("heading", name="No more reminder e-mails").wait_for()
    axe(page)
