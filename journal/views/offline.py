"""The two journal pages the service worker keeps for when there is no signal.

They are shells: the quick log with only the built-in choices (a person's own choice names are their words) and a
pause that runs on the phone. Neither holds journal text. The `X-Offline-Shell` header tells the worker that this
is the shell itself, not a sign-in or unlock page shown in its place.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from journal.forms import QuickLogForm
from journal.views.pauses import GROUNDING_PROMPTS

NO_MESSAGES = ()  # a message waiting for the next page must not be shown here, nor kept in the worker's cache


def as_shell(response):
    response["X-Offline-Shell"] = "1"
    return response


@login_required
@require_GET
def log_offline(request):
    context = {"form": QuickLogForm(), "offline_shell": True, "messages": NO_MESSAGES}
    return as_shell(render(request, "journal/log_new.html", context))


@login_required
@require_GET
def pause_offline(request):
    context = {"prompts": GROUNDING_PROMPTS, "minutes": (5, 10, 20, 30), "messages": NO_MESSAGES}
    return as_shell(render(request, "journal/pause_offline.html", context))
