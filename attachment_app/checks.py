"""`manage.py check` fails when a lesson file is broken, naming the file and the problem."""

from django.core.checks import Error, register

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
