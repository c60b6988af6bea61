"""The pause: a timer kept on the server, so it survives reloads, a locked phone and a closed tab."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal.care import pause_needs_care
from journal.forms import PauseFinishForm, PauseStartForm, UnsentMessageForm
from journal.models import PauseSession, Reframe, TriggerLog
from journal.params import instant, whole_number
from journal.submissions import save_once
from reminders.models import Notification
from reminders.schedule import plan_pause_end

GROUNDING_PROMPTS = [
    "Name five things you can see.",
    "Press your feet into the floor. Notice the ground holding you.",
    "Breathe out slowly, a little longer than you breathe in.",
    "Name one thing you can hear, and one thing you can touch.",
    "Put a hand on your chest. Say: this feeling is strong, and it will pass.",
]


def get_pause_for_user(request, pk):
    return get_object_or_404(PauseSession.objects.select_related("log"), pk=pk, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def pause_start(request):
    running = PauseSession.objects.for_user(request.user).running().first()
    if running:
        return already_running(request, running)

    log_id = request.POST.get("log") or request.GET.get("log")
    log_pk = whole_number(log_id)
    log = get_object_or_404(TriggerLog, pk=log_pk, user=request.user) if log_pk is not None else None
    form = PauseStartForm(
        request.POST or None,
        initial={"minutes": request.journal_settings.default_pause_minutes, "log": log and log.pk},
    )
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        PauseSession.objects.for_user(request.user).filter(current=True, ends_at__lte=now).update(current=None)
        try:
            pause, created = save_once(
                form,
                request.user,
                log=log,
                started_at=now,
                ends_at=None,
                intensity_before=log and log.intensity,
                current=True,
            )
        except IntegrityError:  # another tab started one a moment ago
            return already_running(request, PauseSession.objects.for_user(request.user).filter(current=True).first())
        if created:
            plan_pause_end(pause)
        return redirect("journal:pause_detail", pk=pause.pk)
    return render(request, "journal/pause_start.html", {"form": form, "log": log})


def already_running(request, pause):
    if pause is None:  # it ended between the two taps: start afresh
        return redirect("journal:pause_start")
    if request.method == "POST":
        messages.info(request, "You already have a pause running. Here it is.")
    return redirect("journal:pause_detail", pk=pause.pk)


@login_required
@require_GET
def pause_detail(request, pk):
    return pause_page(request, get_pause_for_user(request, pk))


def pause_page(request, pause, finish_form=None, message_form=None):
    """The pause as it stands: running, over and waiting for how it went, or finished. Re-shown with a form's
    errors (and everything typed) when one of its forms was not right."""
    running = pause.is_running()
    return render(
        request,
        "journal/pause_detail.html",
        {
            "pause": pause,
            "running": running,
            "form": finish_form or PauseFinishForm(instance=pause, early=running),
            "message_form": message_form or UnsentMessageForm(instance=pause),
            "pinned_reframes": Reframe.objects.for_user(request.user).for_the_pause_screen()[:3],
            "prompts": GROUNDING_PROMPTS,
            "needs_care": pause_needs_care(pause),
            "end_is_announced": running and end_is_announced(pause),
        },
    )


def end_is_announced(pause):
    """Whether a notification is planned for this pause's end (see reminders.schedule.plan_pause_end)."""
    return Notification.objects.filter(user=pause.user_id, key=f"{Notification.Kind.PAUSE_OVER}:{pause.pk}").exists()


@login_required
@require_POST
def pause_message(request, pk):
    """Keep the message the person wants to send; once the time is up, also what they chose to do with it."""
    pause = get_pause_for_user(request, pk)
    form = UnsentMessageForm(request.POST, instance=pause)
    if not form.is_valid():  # the page shows the pause as stored, the form what was typed
        return pause_page(request, get_pause_for_user(request, pk), message_form=form)
    pause = form.save()
    if not pause_needs_care(pause):
        messages.success(request, "Kept. It waits here until your pause is over." if pause.is_running() else "Saved.")
    return redirect(reverse("journal:pause_detail", args=[pause.pk]) + "#message")


@login_required
@require_POST
def pause_finish(request, pk):
    pause = get_pause_for_user(request, pk)
    ended_at = pause.end_time(instant(request.POST.get("ended_on_phone_at")))
    early = not pause.is_finished and ended_at < pause.ends_at
    form = PauseFinishForm(request.POST, instance=pause, early=early)
    if not form.is_valid():
        return pause_page(request, get_pause_for_user(request, pk), finish_form=form)
    pause = form.save(commit=False)
    pause.finish(at=ended_at)
    if not pause_needs_care(pause):
        messages.success(request, "Thank you for pausing. That took courage.")
    return (
        redirect("journal:log_detail", pk=pause.log_id)
        if pause.log_id
        else redirect("journal:pause_detail", pk=pause.pk)
    )
