"""Every topic the second edition added can be found from the library's search box, in the lesson that covers it."""

import pytest

pytestmark = pytest.mark.django_db

# What a reader might type -> the lesson they should find among the results.
FINDS = [
    ("boundaries", "secure-sense-of-self"),
    ("saying no", "secure-sense-of-self"),
    ("fear of closeness", "inside-experience"),
    ("crowded", "inside-experience"),
    ("dating", "common-triggers"),
    ("where you stand", "common-triggers"),
    ("compliment", "reframing-fear-of-abandonment"),
    ("good moments", "reframing-fear-of-abandonment"),
    ("reassurance without shame", "communicating-needs"),
    ("appreciation", "communicating-needs"),
    ("mindfulness", "self-soothing"),
    ("mindful", "self-soothing"),
    ("exhausted body", "self-soothing"),
    ("pursuing", "protest-behaviours"),
    ("talking now", "protest-behaviours"),
    ("criticising", "protest-behaviours"),
    ("guilt-tripping", "protest-behaviours"),
    ("letting anger build", "protest-behaviours"),
    ("cognitive behavioural therapy", "therapy-options"),
    ("cbt", "therapy-options"),
    ("cbt", "reframing-fear-of-abandonment"),
    ("worksheet", "protest-behaviours"),
    ("worksheet", "common-triggers"),
    ("worksheet", "communicating-needs"),
    ("coercive control", "when-a-relationship-isnt-safe"),
    ("threats of self-harm", "when-a-relationship-isnt-safe"),
    ("location", "when-a-relationship-isnt-safe"),
    ("passwords", "when-a-relationship-isnt-safe"),
    ("chest pain", "nervous-system-alarm"),
    ("doctor", "nervous-system-alarm"),
    ("harmful", "where-it-comes-from"),
    ("earned-secure", "earned-security"),
    ("adult attachment interview", "earned-security"),
]


def found_slugs(client, query):
    response = client.get("/lessons/", {"q": query})
    assert response.status_code == 200
    return [lesson.slug for lesson in response.context["found"]]


@pytest.mark.parametrize(("query", "slug"), FINDS)
def test_a_reader_finds_the_topic_in_the_lesson_that_covers_it(client, query, slug):
    assert slug in found_slugs(client, query)


@pytest.mark.parametrize("query", ["Coercive Control", "  boundaries  ", "WORKSHEET"])
def test_search_ignores_case_and_spaces(client, query):
    assert found_slugs(client, query)


@pytest.mark.parametrize("query", ["isn't safe", "isn’t safe", "ISN'T SAFE", "“isn’t safe”"])
def test_straight_and_curly_apostrophes_find_the_same_lessons(client, query):
    assert "when-a-relationship-isnt-safe" in found_slugs(client, query)


@pytest.mark.parametrize(("straight", "curly"), [("can't", "can’t"), ("don't", "don’t"), ("it's", "it’s")])
def test_a_word_with_an_apostrophe_finds_the_same_either_way(client, straight, curly):
    assert found_slugs(client, straight) == found_slugs(client, curly)
    assert found_slugs(client, straight)
