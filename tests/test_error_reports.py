"""Error reports (the debug page, the log, admin e-mails) never show journal text: no form data, no local values."""

import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

SECRET = "what-i-wrote-" + "at-2am"  # built at run time: the report shows source lines


def a_failure_while_saving(what_happened):
    story = f"the story: {what_happened}"  # a local variable holding journal text
    raise ValueError("saving failed" + " " * len(story))


def report_for(request):
    try:
        a_failure_while_saving(SECRET)
    except ValueError:
        exc_type, exc_value, tb = sys.exc_info()
    reporter = ExceptionReporter(request, exc_type, exc_value, tb)
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_error_reports_leave_out_form_data_and_local_variables(settings):
    settings.DEBUG = True  # even the detailed debug page
    request = RequestFactory().post("/journal/log/", {"what_happened": SECRET, "intensity": "7"})
    report = report_for(request)
    assert SECRET not in report
    assert "what_happened" in report, "the report still says which fields were sent"
    assert "a_failure_while_saving" in report, "and where it failed"


def test_error_reports_leave_out_query_strings_of_journal_pages():
    request = RequestFactory().get("/journal/reframes/new/", {"lesson": "common-triggers"})
    report = report_for(request)
    assert SECRET not in report
