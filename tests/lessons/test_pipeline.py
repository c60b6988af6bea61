"""The lesson pipeline on small, made-up lesson folders: parsing, validation and the check command."""

import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from attachment_app.lessons import LessonErrors, library, load_library, slugify_heading
from attachment_app.lessons.collection import _CachedLibrary
from attachment_app.lessons.parsing import markdown_renderer

GOOD = """\
---
title: {title}
slug: {slug}
summary: A short summary.
order: {order}
stage: understand
topics: [basics]
practice: [log]
related: {related}
sources:
  - article: "Understanding Anxious Attachment and Learning to Feel Secure"
---
Some words here.

## First part

Read [the other one](/lessons/{other}/) or [log it](/journal/log/).

## Second part

More words.
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path, settings):
    settings.LESSON_CONTENT_DIR = tmp_path
    write(tmp_path, "01-one.md", GOOD.format(title="One", slug="one", order=1, related="[two]", other="two"))
    write(tmp_path, "02-two.md", GOOD.format(title="Two", slug="two", order=2, related="[]", other="one"))
    library.clear()
    yield tmp_path
    library.clear()


def problems(folder):
    with pytest.raises(LessonErrors) as failure:
        load_library(folder)
    return [str(error) for error in failure.value.errors]


def test_good_lessons_load_in_order_with_anchors(content):
    lessons = load_library(content)
    assert [lesson.slug for lesson in lessons] == ["one", "two"]
    one = lessons.get("one")
    assert '<h2 id="first-part">' in one.html
    assert [h.anchor for h in one.table_of_contents] == ["first-part", "second-part"]
    assert one.reading_minutes == 1
    assert lessons.neighbours(one) == (None, lessons.get("two"))


def test_bad_front_matter_names_the_file(content):
    write(content, "03-bad.md", "---\ntitle: [unclosed\n---\nBody\n")
    assert any(p.startswith("03-bad.md: front matter is not valid YAML") for p in problems(content))


def test_duplicate_slug_names_both_files(content):
    write(content, "03-copy.md", GOOD.format(title="Copy", slug="one", order=3, related="[]", other="two"))
    assert any("duplicate slug 'one'" in p and "01-one.md" in p for p in problems(content))


def test_unknown_topic_is_refused(content):
    text = GOOD.format(title="T", slug="three", order=3, related="[]", other="one").replace("[basics]", "[astrology]")
    write(content, "03-three.md", text)
    assert "03-three.md: unknown topic astrology" in problems(content)


def test_link_to_a_missing_lesson_is_refused(content):
    write(content, "03-three.md", GOOD.format(title="T", slug="three", order=3, related="[]", other="nowhere"))
    assert "03-three.md: links to a missing lesson 'nowhere'" in problems(content)


def test_link_to_a_missing_journal_page_is_refused(content):
    text = GOOD.format(title="T", slug="three", order=3, related="[]", other="one").replace(
        "/journal/log/", "/journal/lgo/"
    )
    write(content, "03-three.md", text)
    assert "03-three.md: links to a page that does not exist (/journal/lgo/)" in problems(content)


def test_missing_fields_and_related_lessons_are_refused(content):
    write(content, "03-three.md", "---\ntitle: Only a title\n---\nBody\n")
    write(content, "04-four.md", GOOD.format(title="F", slug="four", order=4, related="[ghost]", other="one"))
    found = problems(content)
    assert "03-three.md: front matter is missing slug, summary, order, stage, topics, sources" in found
    assert "04-four.md: related lesson 'ghost' does not exist" in found


def test_manage_py_check_fails_naming_the_file(content):
    write(content, "03-bad.md", "---\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(SystemCheckError, match="03-bad.md"):
        call_command("check")


def test_library_reloads_when_a_file_changes_in_debug(content, settings):
    settings.DEBUG = True
    assert library().get("one").title == "One"
    path = content / "01-one.md"
    path.write_text(path.read_text().replace("title: One", "title: One, revised"))
    assert library().get("one").title == "One, revised"


def test_heading_slugs_drop_punctuation():
    assert slugify_heading("Why do I keep ending up here?") == "why-do-i-keep-ending-up-here"
    assert slugify_heading("Pursuer-distancer cycle") == "pursuer-distancer-cycle"


def test_search_and_topic_filter(content):
    lessons = load_library(content)
    assert [lesson.slug for lesson in lessons.filter(query="TWO")] == ["two"]
    assert lessons.filter(topic="basics") == lessons.lessons
    assert lessons.filter(topic="therapy") == []


def test_lessons_are_markdown_with_tables_curly_quotes_and_anchors_on_their_sections():
    html = markdown_renderer().render(
        textwrap.dedent("""\
            # Title

            ## A "secure" base -- why...

            ### Small step

            #### Too deep

            | a | b |
            |---|---|
            | 1 | 2 |

            It's <em>kept</em>.
            """)
    )
    assert "<h1>Title</h1>" in html and "<h4>Too deep</h4>" in html, "only sections get anchors"
    assert '<h2 id="a-secure-base-why">A “secure” base – why…</h2>' in html
    assert '<h3 id="small-step">Small step</h3>' in html
    assert "<td>2</td>" in html
    assert "<p>It’s <em>kept</em>.</p>" in html


def test_a_new_library_loads_on_first_use_and_keeps_what_it_loaded(content, settings):
    settings.DEBUG = False
    lessons = _CachedLibrary()
    first = lessons()
    assert [lesson.slug for lesson in first] == ["one", "two"]
    (content / "02-two.md").unlink()
    assert lessons() is first


def test_a_broken_library_names_every_file_and_its_problem_in_one_message(content):
    write(content, "03-three.md", "---\ntitle: Only a title\n---\nBody\n")
    write(content, "04-four.md", GOOD.format(title="F", slug="four", order=4, related="[ghost]", other="one"))
    with pytest.raises(LessonErrors) as failure:
        load_library(content)
    assert str(failure.value) == (
        "03-three.md: front matter is missing slug, summary, order, stage, topics, sources; "
        "04-four.md: related lesson 'ghost' does not exist"
    )


def test_manage_py_check_says_what_is_wrong_with_the_file(content):
    write(content, "04-four.md", GOOD.format(title="F", slug="four", order=4, related="[ghost]", other="one"))
    with pytest.raises(SystemCheckError, match="04-four.md: related lesson 'ghost' does not exist"):
        call_command("check")
