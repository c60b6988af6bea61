"""Your data: download everything (JSON or CSV), streamed, and bring a JSON download back."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from journal.importing import ImportProblem, import_journal, read_document
from journal.portability import csv_lines, json_chunks


def download(chunks, content_type, extension):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="secure-base-journal-{timezone.localdate():%Y-%m-%d}.{extension}"'
    )
    return response


@never_cache
@login_required
@require_GET
def export_json(request):
    return download(json_chunks(request.user), "application/json; charset=utf-8", "json")


@never_cache
@login_required
@require_GET
def export_csv(request):
    return download(csv_lines(request.user), "text/csv; charset=utf-8", "csv")


class ImportForm(forms.Form):
    file = forms.FileField(label="Your JSON download", help_text="This replaces everything in your journal now.")
    confirm = forms.BooleanField(label="Yes, replace my journal with this file")

    def clean_file(self):
        try:
            return read_document(self.cleaned_data["file"])
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from problem


@login_required
@require_http_methods(["GET", "POST"])
def import_json(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = import_journal(request.user, form.cleaned_data["file"])
        except ImportProblem as problem:
            form.add_error("file", str(problem))
            problems = problem.problems
        else:
            return render(request, "journal/import_done.html", {"counts": counts})
    return render(request, "journal/import.html", {"form": form, "problems": problems[:20], "more": len(problems) - 20})
