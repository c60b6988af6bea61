"""The real lesson library in content/: complete, linked, readable, and tied to the journal's choices."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import textstat
from django.conf import settings
from django.urls import resolve

from attachment_app.lessons import GLOSSARY_SLUG, load_library
from journal.choices import (
    LESSON_FOR,
    LESSON_FOR_CUSTOM,
    Emotion,
    SoothingAction,
    TriggerKind,
    Urge,
    lesson_link_for,
)

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
    "when-a-relationship-isnt-safe",
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
    "boundaries",
    "cbt",
    "coercive-control",
    "mindfulness",
    "intermittent-reinforcement",
    "adult-attachment-interview",
]
SAFETY_SLUG = "when-a-relationship-isnt-safe"
# The lessons issue 9 names, each with the one sentence that points to the safety lesson.
LINK_TO_SAFETY = [
    "signs-and-patterns",
    "protest-behaviours",
    "reframing-fear-of-abandonment",
    "communicating-needs",
    "earned-security",
    "therapy-options",
    "for-partners",
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


def _section_exists(lessons, link):
    slug, _, anchor = link.partition("#")
    lesson = lessons.get(slug)
    return lesson is not None and anchor in {heading.anchor for heading in lesson.headings}


def test_every_journal_choice_points_at_a_real_lesson_section(lessons):
    for choices, targets in LESSON_FOR.items():
        assert set(targets) == set(choices.values), f"{choices.__name__} has a choice with no lesson"
        for value, link in targets.items():
            assert _section_exists(lessons, link), f"{choices.__name__}.{value} -> no such lesson section '{link}'"
    for link in LESSON_FOR_CUSTOM.values():
        assert _section_exists(lessons, link), link


def test_choices_sit_with_the_lessons_the_sources_put_them_in():
    # Pulling away to test someone is a protest; the distancer's move in the pursuer–distancer lesson is different.
    assert lesson_link_for(Urge, Urge.PULL_AWAY).startswith("protest-behaviours#")
    assert lesson_link_for(Urge, Urge.CHECK_MY_PHONE) != lesson_link_for(Urge, Urge.CHECK_THEIR_PHONE)
    for urge in (Urge.INSIST_ON_TALKING, Urge.CRITICISE, Urge.GUILT_TRIP):
        assert lesson_link_for(Urge, urge) == "protest-behaviours#common-urges"
    for emotion in ("anxious", "worried", "rejected", "relieved", "exhausted"):
        assert emotion in Emotion.values
    for trigger in ("not_knowing", "friends", "work", "not_sure"):
        assert trigger in TriggerKind.values
    assert {"mindful_moment", "rest"} <= set(SoothingAction.values)


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


def test_the_safety_lesson_covers_what_issue_9_asks_and_points_to_crisis_help(lessons):
    lesson = lessons.get(SAFETY_SLUG)
    assert lesson, f"the crisis page and care panel link to /lessons/{SAFETY_SLUG}/"
    assert "/crisis/" in lesson.links
    text = lesson.searchable_text
    for topic in [
        "coercive control",
        "being watched",
        "location",
        "threats",
        "self-harm",
        "couples therapy",
        "password",
    ]:
        assert topic in text, topic


@pytest.mark.parametrize("slug", LINK_TO_SAFETY)
def test_the_lessons_named_in_issue_9_link_to_the_safety_lesson(lessons, slug):
    assert f"/lessons/{SAFETY_SLUG}/" in lessons.get(slug).links


def test_every_lesson_that_suggests_couples_therapy_gives_the_safety_caveat(lessons):
    for lesson in teaching_lessons(lessons):
        if "couples therapy" in lesson.searchable_text and lesson.slug != SAFETY_SLUG:
            assert f"/lessons/{SAFETY_SLUG}/" in lesson.links, lesson.slug


def test_the_body_lesson_says_when_chest_symptoms_need_a_doctor(lessons):
    lesson = lessons.get("nervous-system-alarm")
    assert "when-to-see-a-doctor" in {h.anchor for h in lesson.headings}
    for words in ["chest pain", "faint", "emergency number"]:
        assert words in lesson.searchable_text, words


def test_lesson_03_acknowledges_that_early_care_could_be_harmful(lessons):
    assert "when-care-was-harmful" in {h.anchor for h in lessons.get("where-it-comes-from").headings}


def test_cbt_is_spelled_out_where_it_first_appears(lessons):
    for lesson in teaching_lessons(lessons):
        if re.search(r"\bcbt\b", lesson.searchable_text):
            assert "cognitive behavioural therapy" in lesson.searchable_text, lesson.slug
            break
    else:
        pytest.fail("no lesson mentions CBT")


WORKSHEETS = {
    "protest-behaviours": ["Trigger.", "Body.", "Story.", "Urge.", "What I did.", "What happened."],
    "common-triggers": ["My trigger.", "My early warning signs.", "What I will do first."],
    "communicating-needs": ["When…", "I feel…", "I need…", "Would you…"],
}


@pytest.mark.parametrize(("slug", "steps"), WORKSHEETS.items())
def test_each_worksheet_is_a_section_with_its_steps_in_order_and_lines_to_write_on(lessons, slug, steps):
    lesson = lessons.get(slug)
    worksheet = next((h for h in lesson.headings if h.anchor.startswith("worksheet")), None)
    assert worksheet and worksheet.level == 2, f"{slug} has no 'Worksheet: …' section"
    section = lesson.html.split(f'id="{worksheet.anchor}"', 1)[1].split("<h2", 1)[0]
    positions = [section.find(f"<strong>{step}</strong>") for step in steps]
    assert -1 not in positions and positions == sorted(positions), f"{slug}: steps missing or out of order"
    assert section.count('class="write-in"') >= len(steps)


def allowed_journal_link(href, lesson):
    """The only journal URLs a lesson may use: plain pages, a trigger key, or a starter from its own front matter."""
    parts = urlsplit(href)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    if not query:
        return True
    if parts.path == "/journal/log/" and set(query) == {"trigger"}:
        return query["trigger"] in TriggerKind.values
    if parts.path == "/journal/reframes/new/" and query.get("lesson") == lesson.slug:
        starters = {"reframe": lesson.reframes, "script": lesson.scripts}
        (kind,) = set(query) - {"lesson"}
        return kind in starters and query[kind].isdigit() and int(query[kind]) < len(starters[kind])
    return False


def test_journal_links_in_lessons_carry_no_text_and_open_a_real_starter(lessons):
    for lesson in lessons:
        for href in lesson.links:
            if href.startswith("/journal/"):
                assert allowed_journal_link(href, lesson), f"{lesson.slug}: {href}"


def test_worksheets_link_to_the_matching_journal_form_prefilled(lessons):
    assert any(href.startswith("/journal/log/?trigger=") for href in lessons.get("common-triggers").links)
    assert "/journal/reframes/new/?lesson=communicating-needs&script=0" in lessons.get("communicating-needs").links
    request = lessons.get("communicating-needs").scripts[0].try_saying
    assert all(part in request for part in ["When", "I feel", "I need", "Would you"])


def test_citations_are_the_corrected_ones(lessons):
    cited = [source.text for lesson in lessons for source in lesson.sources]
    johnson = [text for text in cited if text.startswith("Johnson, S. M. (2019)")]
    assert johnson and all("Attachment theory in practice" in text for text in johnson)
    assert not any("Attachment in psychotherapy" in text for text in cited)
    assert not any("how it forms and how to work with it" in text for text in cited), "source 004 has no title"
    glossary = lessons.get(GLOSSARY_SLUG).html
    secure_base = glossary.split('id="secure-base"', 1)[1].split("<h2", 1)[0]
    assert "Ainsworth" in secure_base
