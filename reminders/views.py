"""Choosing reminders, letting a device show notifications, and leaving the e-mails without signing in."""

import json
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from reminders import mail, push
from reminders.forms import ReminderSettingsForm
from reminders.hard_times import often_hard
from reminders.models import PushSubscription, ReminderSettings


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    form = ReminderSettingsForm(
        request.POST or None, instance=ReminderSettings.for_user(request.user), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Reminders saved.")
        return redirect("reminders:settings")
    hard_times = often_hard(request.user, request.journal_settings.zone, timezone.localdate())
    return render(
        request,
        "reminders/settings.html",
        {"form": form, "hard_times": hard_times, "push_key": push.public_key()},
    )


class PushSubscriptionForm(forms.Form):
    """What `PushManager.subscribe()` gives the browser; only a known push service may be the endpoint, so
    nobody can make our server post to an address of their choosing."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        if parts.scheme != "https" or not any(host.endswith(suffix) for suffix in settings.PUSH_SERVICE_HOSTS):
            raise forms.ValidationError("Not a push service we know.")
        return endpoint


def subscription_from(request):
    try:
        sent = json.loads(request.body)
        return PushSubscriptionForm({"endpoint": sent.get("endpoint"), **(sent.get("keys") or {})})
    except (ValueError, AttributeError, TypeError):
        return PushSubscriptionForm({})


@login_required
@require_POST
def push_subscribe(request):
    form = subscription_from(request)
    if not form.is_valid():
        return JsonResponse({"saved": False}, status=400)
    endpoint = form.cleaned_data.pop("endpoint")
    PushSubscription.objects.update_or_create(endpoint=endpoint, defaults={"user": request.user, **form.cleaned_data})
    return JsonResponse({"saved": True}, status=201)


@login_required
@require_POST
def push_unsubscribe(request):
    try:
        endpoint = json.loads(request.body).get("endpoint", "")
    except (ValueError, AttributeError):
        endpoint = ""
    PushSubscription.objects.filter(user=request.user, endpoint=endpoint).delete()
    return JsonResponse({"saved": True})


@csrf_exempt  # mail apps send RFC 8058's one-click POST without a CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user_id = mail.user_id_from_token(token)
    if user_id is None:
        return render(request, "reminders/unsubscribe.html", {"broken": True}, status=404)
    if request.method == "POST":
        ReminderSettings.objects.filter(user_id=user_id).update(by_email=False)
        return render(request, "reminders/unsubscribe.html", {"done": True})
    # Opening the link only asks: mail scanners open links too, and must not unsubscribe anyone.
    return render(request, "reminders/unsubscribe.html", {"token": token})
