"""`manage.py check` fails when a lesson file or the crisis lines file is broken, naming the file and the
problem, and warns when a crisis line has not been checked at its source for a year."""

import os
from datetime import date

from django.conf import settings
from django.core.checks import Error, Warning, register

from attachment_app import crisis_lines
from attachment_app.lessons import LessonErrors, load_library


@register("lessons")
def check_lessons(app_configs, **kwargs):
    try:
        load_library()
    except LessonErrors as failure:
        return [
            Error(f"{error.path.name}: {error.problem}", hint=str(error.path), id="lessons.E001")
            for error in failure.errors
        ]
    return []


@register("crisis")
def check_crisis_lines(app_configs, **kwargs):
    data_file = crisis_lines.DATA_FILE
    try:
        lines = crisis_lines.load_crisis_lines(data_file)
    except crisis_lines.CrisisLinesError as failure:
        return [
            Error(f"{data_file.name}: {problem}", hint=str(data_file), id="crisis.E001") for problem in failure.problems
        ]
    today = date.today()
    return [
        Warning(
            f"{where}, {line.name}: last checked on {line.checked:%-d %B %Y}, more than a year ago.",
            hint=f"Check it at {line.source}, then set `checked` in {data_file.name} to the day you did.",
            id="crisis.W001",
        )
        for where, line in lines.every_line()
        if line.is_due_a_check(today)
    ]


@register("mail", deploy=True)
def check_mail_is_set_up(app_configs, **kwargs):
    """Password resets and reminders need a real mail server; without one they would fail in the worker's log."""
    if settings.DEBUG or os.environ.get("EMAIL_URL"):
        return []
    return [
        Warning(
            "EMAIL_URL is not set: password reset and reminder e-mails go to smtp://localhost:25.",
            hint="Set EMAIL_URL (for example smtp+tls://user:password@mail.example.org:587).",
            id="mail.W001",
        )
    ]
