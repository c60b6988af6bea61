"""What a parsed lesson is made of, and the errors a broken lesson file raises."""

import math
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from pathlib import Path

from django.utils.html import strip_tags

from attachment_app.lessons.vocabulary import PRACTICE, STAGES

WORDS_PER_MINUTE = 200


class LessonError(Exception):
    def __init__(self, path, problem):
        self.path = path
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


class LessonErrors(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class StarterReframe:
    """A worked example in a lesson that a person can copy into a reframe of their own."""

    anxious: str
    balanced: str
    alternatives: str = ""


@dataclass(frozen=True)
class Script:
    instead: str
    try_saying: str


@dataclass(frozen=True)
class Source:
    text: str
    kind: str  # "article" or "research"


@dataclass
class Lesson:
    path: Path
    slug: str
    title: str
    summary: str
    order: int
    stage: str
    topics: list[str]
    practice: list[str]
    related: list[str]
    glossary: list[str]
    sources: list[Source]
    reframes: list[StarterReframe]
    scripts: list[Script]
    html: str
    headings: list[Heading]
    links: list[str]
    word_count: int
    body: str = field(repr=False)

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def stage_label(self):
        return STAGES[self.stage]

    @cached_property
    def searchable_text(self):
        return searchable(f"{self.title} {self.summary} {unescape(strip_tags(self.html))}")

    @property
    def table_of_contents(self):
        return [h for h in self.headings if h.level == 2]

    @property
    def practice_links(self):
        return [(PRACTICE[action][0], PRACTICE[action][1], action) for action in self.practice]

    def matches(self, query):
        words = [word.strip("\"'") for word in searchable(query).split()]
        return all(word in self.searchable_text for word in words if word)


# Lessons use typographic quotes and dashes (isn’t, “word”, –); people type straight ones (isn't, "word", -).
TYPED_FORMS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def searchable(text):
    return text.translate(TYPED_FORMS).casefold()
