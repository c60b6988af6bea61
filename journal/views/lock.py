"""Locking and unlocking the journal, and choosing the PIN (journal/lock.py keeps the state)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from journal.forms import LockSettingsForm, RemoveLockForm, UnlockForm
from journal.lock import WRONG_PINS_BEFORE_SIGN_OUT, LockState, unlock_screen


@login_required
@require_POST
def lock_now(request):
    if not request.journal_settings.has_lock:
        messages.info(request, "Choose a PIN first, then you can lock your journal.")
        return redirect("journal:lock_settings")
    LockState(request.session).lock()
    return redirect("journal:unlock")


@login_required
@require_http_methods(["GET", "POST"])
def unlock(request):
    state = LockState(request.session)
    form = UnlockForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if not state.locked:
        return redirect(safe_next(request, request.GET.get("next")))
    if request.method == "POST" and form.is_valid():
        if request.journal_settings.check_lock_pin(form.cleaned_data["pin"]):
            state.unlock()
            return after_unlock(request, state, safe_next(request, form.cleaned_data["next"]))
        if state.wrong_pin() >= WRONG_PINS_BEFORE_SIGN_OUT:
            logout(request)
            messages.info(request, "For your safety you are signed out. Sign in with your password to open it.")
            return redirect("login")
        form.add_error("pin", "That PIN is not right. Try again.")
    return unlock_screen(request, form)


def after_unlock(request, state, next_url):
    held = state.take_held(next_url)
    if held:
        return render(request, "journal/unlocked_resend.html", {"action": next_url, "held": held})
    return redirect(next_url)


def safe_next(request, url):
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return "/journal/"


@login_required
@require_http_methods(["GET", "POST"])
def lock_settings(request):
    journal_settings = request.journal_settings
    form = LockSettingsForm(request.POST or None, instance=journal_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        LockState(request.session).unlock()
        messages.success(request, "Your PIN is set. Use “Lock” at the top of the page to lock your journal now.")
        return redirect("journal:lock_settings")
    return render(
        request,
        "journal/lock_settings.html",
        {"form": form, "remove_form": RemoveLockForm(journal_settings=journal_settings)},
    )


@login_required
@require_POST
def remove_lock(request):
    journal_settings = request.journal_settings
    remove_form = RemoveLockForm(request.POST, journal_settings=journal_settings)
    if remove_form.is_valid():
        journal_settings.lock_pin = ""
        journal_settings.save(update_fields=["lock_pin"])
        messages.success(request, "The lock is off.")
        return redirect("journal:lock_settings")
    return render(
        request,
        "journal/lock_settings.html",
        {"form": LockSettingsForm(instance=journal_settings), "remove_form": remove_form},
    )
