import pytest

from journal.models import LessonRead

pytestmark = pytest.mark.django_db


def test_library_shows_the_reading_path(client):
    response = client.get("/lessons/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Start here") < content.index("Understand") < content.index("Respond")
    assert "min read" in content


def test_topic_filter_and_search(client):
    response = client.get("/lessons/", {"topic": "body"})
    assert "Your body" in response.content.decode()
    assert response.context["found"]
    assert all("body" in lesson.topics for lesson in response.context["found"])
    response = client.get("/lessons/", {"q": "pursuer"})
    assert any(lesson.slug == "pursuer-distancer-cycle" for lesson in response.context["found"])
    response = client.get("/lessons/", {"q": "zzzzqqq"})
    assert "No lesson matches" in response.content.decode()


def test_unknown_topic_is_ignored(client):
    response = client.get("/lessons/", {"topic": "<script>"})
    assert response.status_code == 200
    assert response.context["topic"] == ""


def test_lesson_page_has_contents_practice_sources_and_neighbours(client):
    response = client.get("/lessons/protest-behaviours/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "On this page" in content
    assert "Practise this" in content
    assert "/journal/log/?from=protest-behaviours" in content
    assert "Sources" in content and "Cassidy" in content
    assert 'rel="prev"' in content and 'rel="next"' in content
    assert "Related lessons" in content


def test_glossary_terms_link_to_the_glossary(client):
    content = client.get("/lessons/what-is-anxious-attachment/").content.decode()
    assert "/lessons/glossary/#" in content


def test_unknown_lesson_is_a_friendly_404(client):
    response = client.get("/lessons/no-such-lesson/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()


def test_signed_in_reader_can_mark_a_lesson_read(owner_client, owner):
    response = owner_client.post("/lessons/common-triggers/read/")
    assert response.status_code == 302
    assert LessonRead.objects.filter(user=owner, lesson_slug="common-triggers").exists()
    assert '<span class="pill">Read</span>' in owner_client.get("/lessons/").content.decode()


def test_marking_read_needs_sign_in(client):
    assert client.post("/lessons/common-triggers/read/").status_code == 302
    assert not LessonRead.objects.exists()


def test_marking_an_unknown_lesson_read_is_404(owner_client):
    assert owner_client.post("/lessons/nope/read/").status_code == 404
