"""Checks across the whole library that one file alone cannot make: unique slugs, related lessons and glossary
terms that exist, internal links that lead somewhere. `manage.py check` reports what they find."""

import re
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from attachment_app.lessons.records import LessonError
from attachment_app.lessons.vocabulary import GLOSSARY_SLUG


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
