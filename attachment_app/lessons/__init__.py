"""The lesson library: Markdown files with YAML front matter in `content/`, parsed once and kept in memory.

`vocabulary` names the stages, topics and practice actions; `records` holds the parsed lesson; `parsing` turns a
file into one; `validation` checks the library as a whole; `collection` loads, caches and looks lessons up.
Everything else imports from here.
"""

from attachment_app.lessons.collection import LessonLibrary, library, load_library
from attachment_app.lessons.parsing import parse_lesson, slugify_heading
from attachment_app.lessons.records import Heading, Lesson, LessonError, LessonErrors, Script, Source, StarterReframe
from attachment_app.lessons.validation import validate
from attachment_app.lessons.vocabulary import GLOSSARY_SLUG, PRACTICE, STAGES, TOPICS

__all__ = [
    "GLOSSARY_SLUG",
    "PRACTICE",
    "STAGES",
    "TOPICS",
    "Heading",
    "Lesson",
    "LessonError",
    "LessonErrors",
    "LessonLibrary",
    "Script",
    "Source",
    "StarterReframe",
    "library",
    "load_library",
    "parse_lesson",
    "slugify_heading",
    "validate",
]
