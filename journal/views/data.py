"""Your data: download everything (JSON or CSV) and bring a JSON download back."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from journal.portability import ImportProblem, export_data, import_data
from journal.portability import export_csv as build_csv

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def download_name(extension):
    return f"secure-base-journal-{timezone.localdate():%Y-%m-%d}.{extension}"


@never_cache
@login_required
@require_GET
def export_json(request):
    response = JsonResponse(export_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{download_name("json")}"'
    return response


@never_cache
@login_required
@require_GET
def export_csv(request):
    response = HttpResponse(build_csv(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{download_name("csv")}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label="Your JSON download", help_text="This replaces everything in your journal now.")
    confirm = forms.BooleanField(label="Yes, replace my journal with this file")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("This file is too large to be a journal download.")
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError("This file is not a JSON download from Secure Base.") from error


@login_required
@require_http_methods(["GET", "POST"])
def import_json(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            import_data(request.user, form.cleaned_data["file"])
        except ImportProblem as problem:
            form.add_error("file", str(problem))
        else:
            messages.success(request, "Your journal is back.")
            return redirect("journal:entries")
    return render(request, "journal/import.html", {"form": form})
