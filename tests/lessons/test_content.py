"""The real lesson library in content/: complete, linked, readable, and tied to the journal's choices."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import textstat
from django.conf import settings
from django.urls import resolve

from attachment_app.lessons import GLOSSARY_SLUG, load_library
from journal.choices import LESSON_FOR, LESSON_FOR_CUSTOM

REQUIRED_SLUGS = [
    "what-is-anxious-attachment",
    "attachment-theory",
    "where-it-comes-from",
    "nervous-system-alarm",
    "signs-and-patterns",
    "inside-experience",
    "common-triggers",
    "protest-behaviours",
    "pursuer-distancer-cycle",
    "practise-the-pause",
    "self-soothing",
    "reframing-fear-of-abandonment",
    "communicating-needs",
    "secure-sense-of-self",
    "earned-security",
    "therapy-options",
    "for-partners",
    "questions-people-ask",
    "glossary",
]
GLOSSARY_TERMS = [
    "secure-base",
    "internal-working-model",
    "hyperactivating-strategy",
    "protest-behaviour",
    "pursuer-distancer-cycle",
    "earned-security",
    "flooding",
    "self-soothing",
]
SEEDS = Path(settings.BASE_DIR).parent / "shared"


@pytest.fixture(scope="module")
def lessons():
    return load_library(settings.LESSON_CONTENT_DIR)


def teaching_lessons(lessons):
    return [lesson for lesson in lessons if lesson.slug != GLOSSARY_SLUG]


def test_every_lesson_in_the_design_is_there(lessons):
    assert set(REQUIRED_SLUGS) <= {lesson.slug for lesson in lessons}
    assert len(teaching_lessons(lessons)) >= 16


def test_the_glossary_defines_the_key_terms(lessons):
    assert set(GLOSSARY_TERMS) <= set(lessons.glossary_terms)


def test_each_lesson_has_a_sensible_length_and_a_try_this_exercise(lessons):
    for lesson in teaching_lessons(lessons):
        assert 400 <= lesson.word_count <= 1200, f"{lesson.slug}: {lesson.word_count} words"
        assert "try-this" in {h.anchor for h in lesson.headings}, f"{lesson.slug} has no 'Try this' section"
        journal_links = [href for href in lesson.links if href.startswith("/journal/")]
        assert journal_links, f"{lesson.slug}'s exercise does not link into the journal"


def test_every_practice_link_opens_a_real_journal_page(lessons):
    for lesson in lessons:
        for href in lesson.links:
            if href.startswith("/journal/"):
                assert resolve(href.split("?")[0]).namespace == "journal", href
        for url_name, _label, _action in lesson.practice_links:
            assert url_name.startswith("journal:")


def test_lessons_read_easily(lessons):
    for lesson in teaching_lessons(lessons):
        prose = re.sub(r"<[^>]+>|\[([^\]]*)\]\([^)]*\)", r"\1", lesson.body)
        grade = textstat.flesch_kincaid_grade(prose)
        assert grade <= 8.5, f"{lesson.slug} reads at grade {grade}; use shorter sentences and words"


def test_sources_name_the_articles_and_research(lessons):
    for lesson in teaching_lessons(lessons):
        assert any(source.kind == "article" for source in lesson.sources), lesson.slug
    cited = " ".join(source.text for lesson in lessons for source in lesson.sources)
    for author in ["Bowlby", "Ainsworth", "Hazan", "Cassidy", "Mikulincer", "Johnson"]:
        assert author in cited


def test_there_are_enough_starter_reframes_and_scripts(lessons):
    assert sum(len(lesson.reframes) for lesson in lessons) >= 12
    assert sum(len(lesson.scripts) for lesson in lessons) >= 6


def test_the_four_styles_table_is_accessible(lessons):
    html = lessons.get("attachment-theory").html
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    for style in ["Secure", "Anxious", "Dismissive", "Fearful"]:
        assert style in html


def test_the_therapy_lesson_says_it_is_not_therapy_and_links_to_crisis_help(lessons):
    lesson = lessons.get("therapy-options")
    assert "/crisis/" in lesson.links
    assert any("not therapy" in h.text.lower() for h in lesson.headings)


def test_every_journal_choice_points_at_a_real_lesson(lessons):
    for choices, targets in LESSON_FOR.items():
        assert set(targets) == set(choices.values), f"{choices.__name__} has a choice with no lesson"
        for value, slug in targets.items():
            assert lessons.get(slug), f"{choices.__name__}.{value} -> missing lesson '{slug}'"
    for slug in LESSON_FOR_CUSTOM.values():
        assert lessons.get(slug)


@pytest.mark.skipif(
    not (SEEDS / "tools" / "originality.py").exists(), reason="the originality tool is not beside the repo"
)
def test_no_sentence_is_copied_from_the_source_articles():
    tool = SEEDS / "tools" / "originality.py"
    result = subprocess.run(
        [sys.executable, str(tool), str(settings.LESSON_CONTENT_DIR)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 copied runs" in result.stdout
