"""Secure moments: times the person felt secure or handled something well, saved in one tap."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from journal.care import needs_care
from journal.forms import SecureMomentForm
from journal.models import SecureMoment
from journal.submissions import save_once
from journal.views.confirm import delete_after_asking

SECURE_MOMENTS_PER_PAGE = 20


def get_secure_moment_for_user(request, pk):
    return get_object_or_404(SecureMoment, pk=pk, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def secure_moments(request):
    form = SecureMomentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moment, created = save_once(form, request.user)
        if needs_care(moment):
            return redirect(moment)  # its own page leads with care
        if created:
            messages.success(request, "Saved. Moments like this are what feeling secure is built from.")
        return redirect("journal:secure_moments")
    moments = SecureMoment.objects.for_user(request.user)
    page = Paginator(moments, SECURE_MOMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "journal/secure_moments.html", {"form": form, "page": page})


@login_required
@require_GET
def secure_detail(request, pk):
    moment = get_secure_moment_for_user(request, pk)
    return render(request, "journal/secure_detail.html", {"moment": moment, "needs_care": needs_care(moment)})


@login_required
@require_http_methods(["GET", "POST"])
def secure_delete(request, pk):
    moment = get_secure_moment_for_user(request, pk)
    return delete_after_asking(
        request, moment, "journal/secure_delete.html", "moment", "journal:secure_moments", "That moment is deleted."
    )
