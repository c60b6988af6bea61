"""The lesson library, parsed once and kept in memory.

`library()` is what views call. It loads every lesson on first use and, in DEBUG, reloads when a file
changes. `load_library()` raises `LessonErrors` listing every broken file; `manage.py check` reports them.
"""

import threading
from pathlib import Path

from django.conf import settings

from attachment_app.lessons.parsing import parse_lesson
from attachment_app.lessons.records import LessonError, LessonErrors
from attachment_app.lessons.validation import validate
from attachment_app.lessons.vocabulary import GLOSSARY_SLUG, STAGES


class LessonLibrary:
    def __init__(self, lessons):
        self.lessons = sorted(lessons, key=lambda lesson: lesson.order)
        self.by_slug = {lesson.slug: lesson for lesson in self.lessons}

    def __iter__(self):
        return iter(self.lessons)

    def __len__(self):
        return len(self.lessons)

    def get(self, slug):
        return self.by_slug.get(slug)

    def reading_path(self, lessons=None):
        """Lessons grouped by stage, in reading order: [(stage label, [lessons])]."""
        lessons = self.lessons if lessons is None else lessons
        return [
            (label, group)
            for stage, label in STAGES.items()
            if (group := [lesson for lesson in lessons if lesson.stage == stage])
        ]

    def filter(self, topic="", query=""):
        return [
            lesson
            for lesson in self.lessons
            if (not topic or topic in lesson.topics) and (not query or lesson.matches(query))
        ]

    def neighbours(self, lesson):
        index = self.lessons.index(lesson)
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following

    def related(self, lesson):
        return [self.by_slug[slug] for slug in lesson.related]

    @property
    def glossary_terms(self):
        glossary = self.get(GLOSSARY_SLUG)
        return {h.anchor: h.text for h in glossary.headings} if glossary else {}

    def starter_reframe(self, slug, index):
        lesson = self.get(slug)
        if lesson and 0 <= index < len(lesson.reframes):
            return lesson.reframes[index]
        return None

    def starter_script(self, slug, index):
        lesson = self.get(slug)
        if lesson and 0 <= index < len(lesson.scripts):
            return lesson.scripts[index]
        return None


def load_library(content_dir=None):
    content_dir = Path(content_dir or settings.LESSON_CONTENT_DIR)
    lessons, errors = [], []
    for path in sorted(content_dir.glob("*.md")):
        try:
            lessons.append(parse_lesson(path))
        except LessonError as error:
            errors.append(error)
    errors += validate(lessons)
    if errors:
        raise LessonErrors(errors)
    return LessonLibrary(lessons)


class _CachedLibrary:
    """Holds the parsed library; in DEBUG, reparses when a file in content/ is added, removed or edited."""

    def __init__(self):
        self._lock = threading.Lock()
        self._library = None
        self._stamp = None

    def _content_stamp(self):
        paths = sorted(Path(settings.LESSON_CONTENT_DIR).glob("*.md"))
        return tuple((path.name, path.stat().st_mtime_ns) for path in paths)

    def __call__(self):
        if self._library is not None and not settings.DEBUG:
            return self._library
        stamp = self._content_stamp()
        with self._lock:
            if self._library is None or stamp != self._stamp:
                self._library = load_library()
                self._stamp = stamp
        return self._library

    def clear(self):
        self._library = None


library = _CachedLibrary()
