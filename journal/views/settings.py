"""Settings: time zone, week start, default pause, and the person's own trigger kinds and urges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from attachment_app.crisis_lines import crisis_lines
from journal.forms import CustomChoiceForm, SettingsForm
from journal.models import CustomChoice


def render_settings(request, form, choice_form):
    return render(
        request,
        "journal/settings.html",
        {
            "form": form,
            "choice_form": choice_form,
            "custom_choices": CustomChoice.objects.for_user(request.user),
            "suggested_country": suggested_country(request.journal_settings),
        },
    )


def suggested_country(settings):
    """A country to suggest from the time zone, until the person has chosen one. Never chosen for them."""
    return None if settings.country else crisis_lines().suggested_for_zone(settings.time_zone)


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    form = SettingsForm(request.POST or None, instance=request.journal_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("journal:settings")
    return render_settings(request, form, CustomChoiceForm(user=request.user))


@login_required
@require_POST
def add_custom_choice(request):
    choice_form = CustomChoiceForm(request.POST, user=request.user)
    if choice_form.is_valid():
        choice = choice_form.save()
        messages.success(request, f"Added “{choice.label}”.")
        return redirect("journal:settings")
    return render_settings(request, SettingsForm(instance=request.journal_settings), choice_form)


@login_required
@require_POST
def delete_custom_choice(request, pk):
    choice = get_object_or_404(CustomChoice, pk=pk, user=request.user)
    choice.delete()
    messages.success(request, f"Removed “{choice.label}”. Moments you logged with it keep their name.")
    return redirect("journal:settings")
