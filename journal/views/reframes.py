"""Reframes: the anxious thought, what else could be true, a balanced thought; starters come from lessons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attachment_app.lessons import library
from journal.care import needs_care
from journal.forms import ReframeForm
from journal.models import Reframe, TriggerLog
from journal.params import whole_number
from journal.submissions import save_once
from journal.views.confirm import delete_after_asking


def get_reframe_for_user(request, pk):
    return get_object_or_404(Reframe, pk=pk, user=request.user)


def _index(value):
    return whole_number(value, default=-1)


def starter_initial(request):
    """Initial values for a new reframe: from a lesson's starter reframe or script, and/or a logged moment."""
    initial = {}
    lessons = library()
    slug = request.GET.get("lesson", "")
    if lessons.get(slug):
        initial["lesson_slug"] = slug
        if starter := lessons.starter_reframe(slug, _index(request.GET.get("reframe"))):
            initial |= {
                "anxious_thought": starter.anxious,
                "alternatives": starter.alternatives,
                "balanced_thought": starter.balanced,
            }
        if script := lessons.starter_script(slug, _index(request.GET.get("script"))):
            initial |= {"script_instead": script.instead, "script_try": script.try_saying, "kind": "script"}
    log_id = request.GET.get("log", "")
    if whole_number(log_id) is not None:
        log = get_object_or_404(TriggerLog, pk=log_id, user=request.user)
        initial["log"] = log.pk
        if log.story and "anxious_thought" not in initial:
            initial["anxious_thought"] = log.story[:500]
        if not slug:
            initial["lesson_slug"] = "reframing-fear-of-abandonment"
    return initial


@login_required
@require_GET
def reframe_list(request):
    reframes = Reframe.objects.for_user(request.user).select_related("log")
    starters = [(lesson, lesson.reframes, lesson.scripts) for lesson in library() if lesson.reframes or lesson.scripts]
    return render(
        request,
        "journal/reframes.html",
        {"drafts": reframes.drafts(), "reframes": reframes.finished(), "starters": starters},
    )


def saved_message(reframe):
    return "Draft kept. Finish it whenever you like." if reframe.is_draft else "Reframe saved."


@login_required
@require_http_methods(["GET", "POST"])
def reframe_new(request):
    form = ReframeForm(
        request.POST or None, initial=starter_initial(request), user=request.user, as_draft="draft" in request.POST
    )
    if request.method == "POST" and form.is_valid():
        reframe, created = save_once(form, request.user)
        cared_for = needs_care(reframe)
        if created and not cared_for:
            messages.success(request, saved_message(reframe))
        if reframe.log:
            return redirect(reframe.log.get_absolute_url())  # which opens with care if any of its reframes needs it
        return redirect("journal:reframe_edit", pk=reframe.pk) if cared_for else redirect("journal:reframes")
    return render(
        request,
        "journal/reframe_form.html",
        {"form": form, "lesson": library().get(form["lesson_slug"].value() or "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reframe_edit(request, pk):
    reframe = get_reframe_for_user(request, pk)
    form = ReframeForm(request.POST or None, instance=reframe, user=request.user, as_draft="draft" in request.POST)
    if request.method == "POST" and form.is_valid():
        form.save()
        if needs_care(reframe):
            return redirect("journal:reframe_edit", pk=reframe.pk)
        messages.success(request, saved_message(reframe))
        return redirect("journal:reframes")
    return render(
        request,
        "journal/reframe_form.html",
        {
            "form": form,
            "reframe": reframe,
            "lesson": library().get(reframe.lesson_slug),
            "needs_care": needs_care(reframe),
        },
    )


@login_required
@require_POST
def reframe_pin(request, pk):
    reframe = get_reframe_for_user(request, pk)
    reframe.pinned = not reframe.pinned
    reframe.save(update_fields=["pinned", "updated_at"])
    if request.htmx:
        return render(request, "journal/_pin_button.html", {"reframe": reframe})
    return redirect("journal:reframes")


@login_required
@require_http_methods(["GET", "POST"])
def reframe_delete(request, pk):
    reframe = get_reframe_for_user(request, pk)
    return delete_after_asking(
        request, reframe, "journal/reframe_delete.html", "reframe", "journal:reframes", "Reframe deleted."
    )
