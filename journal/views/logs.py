"""Trigger logs: the quick log, the entry page with its optional detail, the entries list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from attachment_app.lessons import library
from journal.care import moment_needs_care, needs_care
from journal.choices import TriggerKind, Urge
from journal.forms import EntryFilterForm, LogDetailForm, QuickLogForm, TriggerLogForm
from journal.models import CustomChoice, PauseSession, Reframe, TriggerLog
from journal.paging import keyset_page
from journal.submissions import save_once
from journal.views.confirm import delete_after_asking

ENTRIES_PER_PAGE = 20


def get_log_for_user(request, pk):
    return get_object_or_404(TriggerLog, pk=pk, user=request.user)


def custom_choices_for(user):
    return list(CustomChoice.objects.for_user(user))


def labels_by_key(custom):
    return {choice.key: choice.label for choice in custom}


def own_labels_for(log):
    """The labels of the person's own choices, read only when the moment uses one: most use the built-in ones."""
    if log.trigger_kind in TriggerKind.values and log.urge in ("", *Urge.values):
        return {}
    return labels_by_key(custom_choices_for(log.user_id))


@login_required
@require_GET
def entries(request):
    custom = custom_choices_for(request.user)
    filters = EntryFilterForm(request.GET or None, custom_choices=custom)
    logs = filters.filter(TriggerLog.objects.for_user(request.user)).prefetch_related(
        "tags",
        Prefetch("pauses", queryset=PauseSession.objects.order_by("started_at")),
        Prefetch("reframes", queryset=Reframe.objects.order_by("created_at")),
    )
    page = keyset_page(logs, request.GET, ENTRIES_PER_PAGE)
    query = request.GET.copy()
    for edge in ("before", "after", "page"):
        query.pop(edge, None)
    return render(
        request,
        "journal/entries.html",
        {
            "page": page,
            "filters": filters,
            "custom_labels": labels_by_key(custom),
            "filter_query": query.urlencode(),
            "open_pauses": PauseSession.objects.for_user(request.user).open().select_related("log")[:5],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_new(request):
    custom = custom_choices_for(request.user)
    form = QuickLogForm(request.POST or None, custom_choices=custom)
    if request.method == "POST" and form.is_valid():
        log, created = save_once(form, request.user)
        if created and not needs_care(log):
            messages.success(request, "Saved. Well done for noticing.")
        return redirect("journal:log_detail", pk=log.pk)
    return render(
        request,
        "journal/log_new.html",
        {"form": form, "from_lesson": library().get(request.GET.get("from", ""))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_detail(request, pk):
    log = get_object_or_404(
        TriggerLog.objects.prefetch_related(
            "tags",
            Prefetch("pauses", queryset=PauseSession.objects.order_by("started_at")),
            Prefetch("reframes", queryset=Reframe.objects.order_by("created_at")),
        ),
        pk=pk,
        user=request.user,
    )
    detail_form = LogDetailForm(request.POST or None, instance=log)
    if request.method == "POST" and detail_form.is_valid():
        detail_form.save()
        if moment_needs_care(log):
            # htmx would swap in the form alone; a whole page opens with care.
            return HttpResponseClientRedirect(log.get_absolute_url()) if request.htmx else redirect(log)
        messages.success(request, "Detail saved.", extra_tags="beside-form")  # shown by the button just tapped
        return redirect(f"{log.get_absolute_url()}#detail")
    running_pause = PauseSession.objects.for_user(request.user).running().first()
    return render(
        request,
        "journal/log_detail.html",
        {
            "log": log,
            "next_step": log.next_step(running_pause),
            "custom_labels": own_labels_for(log),
            "detail_form": detail_form,
            "needs_care": moment_needs_care(log),
            "default_pause_minutes": request.journal_settings.default_pause_minutes,
            "running_pause": running_pause,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_edit(request, pk):
    log = get_log_for_user(request, pk)
    form = TriggerLogForm(request.POST or None, instance=log, custom_choices=custom_choices_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        if not moment_needs_care(log):
            messages.success(request, "Saved.")
        return redirect("journal:log_detail", pk=log.pk)
    return render(request, "journal/log_edit.html", {"form": form, "log": log})


@login_required
@require_http_methods(["GET", "POST"])
def log_delete(request, pk):
    log = get_log_for_user(request, pk)
    return delete_after_asking(
        request, log, "journal/log_delete.html", "log", "journal:entries", "That moment is deleted."
    )
