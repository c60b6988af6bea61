"""Lesson files -> `Lesson` objects: YAML front matter is checked field by field, Markdown becomes HTML with
heading anchors and tables that scroll sideways on a phone."""

import re
from pathlib import Path

import frontmatter
import yaml
from django.utils.html import strip_tags
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from attachment_app.lessons.records import Heading, Lesson, LessonError, Script, Source, StarterReframe
from attachment_app.lessons.vocabulary import PRACTICE, STAGES, TOPICS

REQUIRED_FIELDS = ("title", "slug", "summary", "order", "stage", "topics", "sources")


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


def markdown_renderer():
    """Markdown as lessons are written: CommonMark with tables, typographic quotes and dashes, and an anchor on
    each section heading (levels 2 and 3) for the contents and the glossary's links."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "replacements", "smartquotes"])
    anchors_plugin(md, min_level=2, max_level=3, slug_func=slugify_heading)
    return md


MARKDOWN = markdown_renderer()


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
        StarterReframe(item["anxious"], item["balanced"], item.get("alternatives", ""))
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
