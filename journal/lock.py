"""The app lock: with a PIN set, the journal hides behind an unlock screen after a quiet spell or on "Lock now".

The state lives in the server-side session, so it holds without JavaScript and across tabs. Lessons and crisis
help stay open while locked. Something typed just as the lock came down is held in the session, never shown while
locked, and offered back after unlocking, so nothing typed is lost.
"""

import time
from datetime import timedelta

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from journal.forms import UnlockForm

# Pages that show or change the journal. Lessons, crisis help and signing in or out stay open.
GUARDED_PREFIXES = ("/journal/", "/reminders/", "/accounts/password_change/", "/accounts/delete/")
OPEN_WHILE_LOCKED = ("/journal/unlock/", "/journal/lock/", "/reminders/stop/")
WRONG_PINS_BEFORE_SIGN_OUT = 5
HELD_POST_LIMIT = 64 * 1024  # characters: more than any form here takes, little enough for a session


class LockState:
    """What the session knows: locked or not, when the person was last active, wrong PINs so far, held text."""

    def __init__(self, session):
        self.session = session

    @property
    def locked(self):
        return self.session.get("lock_locked", False)

    def lock(self):
        self.session["lock_locked"] = True

    def unlock(self):
        self.session["lock_locked"] = False
        self.session["lock_wrong_pins"] = 0
        self.touch()

    def touch(self):
        self.session["lock_seen_at"] = time.time()

    def idle_for(self):
        return timedelta(seconds=time.time() - self.session.get("lock_seen_at", time.time()))

    def wrong_pin(self):
        self.session["lock_wrong_pins"] = self.session.get("lock_wrong_pins", 0) + 1
        return self.session["lock_wrong_pins"]

    def hold(self, request):
        data = [(name, values) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"]
        if data and sum(len(value) for _, values in data for value in values) <= HELD_POST_LIMIT:
            self.session["lock_held_post"] = {"path": request.path, "data": data}

    def take_held(self, path):
        held = self.session.pop("lock_held_post", None)
        return held["data"] if held and held["path"] == path else None


def is_guarded(path):
    return path.startswith(GUARDED_PREFIXES) and not path.startswith(OPEN_WHILE_LOCKED)


class AppLockMiddleware:
    """Runs after UserTimezoneMiddleware, which gives signed-in requests their `journal_settings`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        request.app_locked = False
        settings = getattr(request, "journal_settings", None)
        if settings is None or not settings.has_lock:
            return None
        state = LockState(request.session)
        if not state.locked and state.idle_for() > timedelta(minutes=settings.lock_after_minutes):
            state.lock()
        request.app_locked = state.locked
        if not state.locked:
            state.touch()
            return None
        if not is_guarded(request.path):
            return None
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        if request.method == "POST":
            state.hold(request)
        return unlock_screen(request, UnlockForm(initial={"next": request.get_full_path()}))


def unlock_screen(request, form, status=200):
    return render(
        request, "journal/unlock.html", {"form": form, "unlock_url": reverse("journal:unlock")}, status=status
    )


@receiver(user_logged_in)
def unlock_on_sign_in(sender, request, user, **kwargs):
    """The password opens everything the PIN does."""
    if request is not None and hasattr(request, "session"):
        LockState(request.session).unlock()
