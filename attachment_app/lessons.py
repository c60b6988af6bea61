"""The lesson library: Markdown files with YAML front matter in `content/`, parsed once and kept in memory.

`library()` is what views call. It loads every lesson on first use and, in DEBUG, reloads when a file
changes. `load_library()` raises `LessonErrors` listing every broken file; `manage.py check` reports them.
"""

import math
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import yaml
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.html import strip_tags
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

GLOSSARY_SLUG = "glossary"
WORDS_PER_MINUTE = 200

STAGES = {
    "start-here": "Start here",
    "understand": "Understand",
    "notice": "Notice",
    "respond": "Respond",
    "grow": "Grow",
    "reference": "Look things up",
}
TOPICS = {
    "basics": "The basics",
    "research": "Research",
    "childhood": "Childhood",
    "body": "Your body",
    "feelings": "Feelings",
    "thoughts": "Thoughts",
    "behaviour": "Behaviour",
    "triggers": "Triggers",
    "relationships": "Relationships",
    "communication": "Communication",
    "self-worth": "Self-worth",
    "healing": "Healing",
    "therapy": "Therapy",
    "partners": "For partners",
}
# Each practice action names the journal page a lesson's "practise this" button opens.
PRACTICE = {
    "log": ("journal:log_new", "Log a moment"),
    "pause": ("journal:pause_start", "Start a pause"),
    "reframe": ("journal:reframe_new", "Write a reframe"),
    "review": ("journal:review", "Look at your week"),
}
REQUIRED_FIELDS = ("title", "slug", "summary", "order", "stage", "topics", "sources")


class LessonError(Exception):
    def __init__(self, path, problem):
        self.path = path
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


class LessonErrors(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def slugify_heading(text):
    """Heading text -> anchor id: 'Secure base' -> 'secure-base' (other punctuation is dropped)."""
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_]+", "-", text).strip("-")


TABLE = re.compile(r"<table>(?:\s*<caption>(?P<caption>.*?)</caption>)?.*?</table>", re.DOTALL)


def scrollable_tables(html):
    """Wrap each table in a region that keyboard users can focus and scroll sideways on a narrow phone."""

    def wrap(match):
        label = strip_tags(match["caption"] or "Table")
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">{match[0]}</div>'

    return TABLE.sub(wrap, html)


def _markdown():
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "replacements", "smartquotes"])
    anchors_plugin(md, min_level=2, max_level=3, slug_func=slugify_heading)
    return md


MARKDOWN = _markdown()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Reframe:
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
    reframes: list[Reframe]
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


def _string_list(meta, key, path):
    value = meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LessonError(path, f"'{key}' must be a list of words")
    return value


def _sources(meta, path):
    sources = []
    for item in meta.get("sources") or []:
        if isinstance(item, dict) and set(item) <= {"article", "author"} and item.get("article"):
            text = item["article"] + (f" — {item['author']}" if item.get("author") else "")
            sources.append(Source(text, "article"))
        elif isinstance(item, dict) and set(item) == {"research"} and item["research"]:
            sources.append(Source(item["research"], "research"))
        else:
            raise LessonError(path, f"each source needs 'article' (with optional 'author') or 'research': {item!r}")
    if not any(source.kind == "article" for source in sources):
        raise LessonError(path, "'sources' must name at least one source article")
    return sources


def _pairs(meta, key, required, path):
    pairs = meta.get(key) or []
    if not isinstance(pairs, list):
        raise LessonError(path, f"'{key}' must be a list")
    for item in pairs:
        if not isinstance(item, dict) or not all(isinstance(item.get(name), str) for name in required):
            raise LessonError(path, f"each of '{key}' needs {' and '.join(required)}: {item!r}")
    return pairs


def _headings_and_links(tokens):
    headings, links = [], []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrs.get("id"):
            text = tokens[index + 1].content
            headings.append(Heading(int(token.tag[1]), text, token.attrs["id"]))
        for child in token.children or []:
            if child.type == "link_open":
                links.append(child.attrs["href"])
    return headings, links


def parse_lesson(path):
    path = Path(path)
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError) as error:
        raise LessonError(path, f"front matter is not valid YAML ({error})") from error
    meta = post.metadata
    missing = [name for name in REQUIRED_FIELDS if not meta.get(name)]
    if missing:
        raise LessonError(path, f"front matter is missing {', '.join(missing)}")
    if not isinstance(meta["order"], int):
        raise LessonError(path, "'order' must be a whole number")
    if meta["stage"] not in STAGES:
        raise LessonError(path, f"unknown stage '{meta['stage']}' (use one of {', '.join(STAGES)})")
    topics = _string_list(meta, "topics", path)
    unknown = sorted(set(topics) - set(TOPICS))
    if unknown:
        raise LessonError(path, f"unknown topic {', '.join(unknown)}")
    practice = _string_list(meta, "practice", path)
    if set(practice) - set(PRACTICE):
        raise LessonError(path, f"unknown practice action in {practice} (use {', '.join(PRACTICE)})")
    reframes = [
        Reframe(item["anxious"], item["balanced"], item.get("alternatives", ""))
        for item in _pairs(meta, "reframes", ("anxious", "balanced"), path)
    ]
    scripts = [Script(item["instead"], item["try"]) for item in _pairs(meta, "scripts", ("instead", "try"), path)]

    tokens = MARKDOWN.parse(post.content)
    headings, links = _headings_and_links(tokens)
    return Lesson(
        path=path,
        slug=str(meta["slug"]),
        title=str(meta["title"]),
        summary=str(meta["summary"]),
        order=meta["order"],
        stage=meta["stage"],
        topics=topics,
        practice=practice,
        related=_string_list(meta, "related", path),
        glossary=_string_list(meta, "glossary", path),
        sources=_sources(meta, path),
        reframes=reframes,
        scripts=scripts,
        html=scrollable_tables(MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})),
        headings=headings,
        links=links,
        word_count=len(re.findall(r"\w+(?:['’]\w+)?", post.content)),
        body=post.content,
    )


def _link_problem(href, by_slug):
    """Why an internal link in a lesson is broken, or None. External links are not allowed."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return f"links outside Secure Base are not allowed ({href})"
    if not parts.path.startswith("/"):
        return f"use a site path starting with / ({href})"
    match = re.fullmatch(r"/lessons/([\w-]+)/", parts.path)
    if match:
        slug = match.group(1)
        if slug not in by_slug:
            return f"links to a missing lesson '{slug}'"
        if parts.fragment and parts.fragment not in {h.anchor for h in by_slug[slug].headings}:
            return f"links to a missing heading '#{parts.fragment}' in '{slug}'"
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return f"links to a page that does not exist ({href})"
    return None


def validate(lessons):
    errors = []
    by_slug = {}
    for lesson in lessons:
        if lesson.slug in by_slug:
            errors.append(
                LessonError(lesson.path, f"duplicate slug '{lesson.slug}' (also {by_slug[lesson.slug].path.name})")
            )
        by_slug.setdefault(lesson.slug, lesson)
    glossary = by_slug.get(GLOSSARY_SLUG)
    glossary_terms = {h.anchor for h in glossary.headings} if glossary else set()
    for lesson in lessons:
        for slug in lesson.related:
            if slug not in by_slug:
                errors.append(LessonError(lesson.path, f"related lesson '{slug}' does not exist"))
        for term in lesson.glossary:
            if term not in glossary_terms:
                errors.append(LessonError(lesson.path, f"glossary term '{term}' is not in the glossary"))
        for href in lesson.links:
            problem = _link_problem(href, by_slug)
            if problem:
                errors.append(LessonError(lesson.path, problem))
    return errors


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
