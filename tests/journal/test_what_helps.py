"""What helps, honestly: soothing actions and pauses ranked by how much the feeling dropped, with the number of
moments behind each, "too few to tell" below the threshold, and evidence from the person's own log."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from journal.factories import PauseSessionFactory, TriggerLogFactory
from journal.models import LogTag
from journal.review import ENOUGH_TO_TELL, build_review
from journal.weeks import Week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEEK_47 = Week(date(2026, 11, 16), LONDON)


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


def moment(user, intensity, after=None, helped=(), when=None, **fields):
    log = TriggerLogFactory(
        user=user, occurred_at=when or at(18, 20), intensity=intensity, intensity_after=after, **fields
    )
    for value in helped:
        LogTag.objects.create(log=log, kind=LogTag.Kind.HELPED, value=value)
    return log


def pause(user, before, after, when=None):
    return PauseSessionFactory(
        user=user, started_at=when or at(18, 21), finished=True, intensity_before=before, intensity_after=after
    )


def helps(user, weeks=1):
    review = build_review(user, WEEK_47, weeks)
    return [(relief.label, relief.moments, relief.change) for relief in review.helped]


def evidence(user):
    review = build_review(user, WEEK_47, 1)
    return [(relief.label, relief.moments, relief.change) for relief in review.evidence]


def test_a_big_drop_ranks_above_a_calm_finish_on_mild_moments(owner):
    for _ in range(5):  # a walk on mild moments: calmest afterwards (1 of 10), but only 2 lower
        moment(owner, intensity=3, after=1, helped=["moved"])
    for after in (3, 3, 4):  # slow breathing on strong ones: 3.3 afterwards, but 5.7 lower
        moment(owner, intensity=9, after=after, helped=["slow_breathing"])
    assert helps(owner) == [
        ("Slow breathing", 3, "5.7 lower on average"),
        ("A walk or moving", 5, "2.0 lower on average"),
    ]


def test_pauses_are_ranked_beside_soothing_actions_by_their_own_before_and_after(owner):
    for _ in range(3):
        moment(owner, intensity=6, after=5, helped=["music"])
    for before, after in ((8, 4), (7, 4), (9, 5)):
        pause(owner, before, after)
    assert helps(owner) == [("A pause", 3, "3.7 lower on average"), ("Music", 3, "1.0 lower on average")]


def test_fewer_than_three_moments_are_too_few_to_tell_and_rank_last_however_big_the_drop(owner):
    assert ENOUGH_TO_TELL == 3
    for _ in range(2):
        moment(owner, intensity=10, after=0, helped=["cold_water"])
    for _ in range(3):
        moment(owner, intensity=5, after=4, helped=["wrote_it_down"])
    moment(owner, intensity=8, helped=["cold_water", "wrote_it_down"])  # no "how strong now": says nothing
    assert helps(owner) == [
        ("Wrote it down", 3, "1.0 lower on average"),
        ("Cold water", 2, "too few to tell"),
    ]


def test_an_action_that_left_the_feeling_higher_still_ranks_above_ones_with_too_few_moments(owner):
    for _ in range(3):
        moment(owner, intensity=5, after=6, helped=["checked_facts"])
    moment(owner, intensity=9, after=2, helped=["cold_water"])
    assert helps(owner) == [("Checked the facts", 3, "1.0 higher on average"), ("Cold water", 1, "too few to tell")]


def test_the_same_average_drop_puts_the_more_tried_action_first(owner):
    for _ in range(3):
        moment(owner, intensity=6, after=4, helped=["moved"])
    for _ in range(4):
        moment(owner, intensity=7, after=5, helped=["waited"])
    assert helps(owner) == [
        ("Waited it out", 4, "2.0 lower on average"),
        ("A walk or moving", 3, "2.0 lower on average"),
    ]


def test_among_too_few_to_tell_the_most_tried_comes_first(owner):
    moment(owner, intensity=6, after=2, helped=["moved"])
    for _ in range(2):
        moment(owner, intensity=6, after=5, helped=["waited"])
    assert helps(owner) == [("Waited it out", 2, "too few to tell"), ("A walk or moving", 1, "too few to tell")]


def test_a_feeling_that_rose_is_said_plainly(owner):
    for after in (6, 7, 5):
        moment(owner, intensity=5, after=after, helped=["checked_facts"])
    assert helps(owner) == [("Checked the facts", 3, "1.0 higher on average")]


def test_evidence_compares_pausing_holding_back_and_acting_on_the_urge_exactly(owner):
    for before, after in ((8, 4), (7, 4), (9, 6)):  # drops 4, 3, 3: 10 / 3
        pause(owner, before, after)
    for intensity, after in ((8, 5), (7, 5), (6, 6)):  # drops 3, 2, 0: 5 / 3
        moment(owner, intensity, after, acted_on="no")
    moment(owner, 9, acted_on="no")  # never rated afterwards: not counted
    for intensity, after in ((9, 9), (7, 8), (8, 8)):  # drops 0, -1, 0
        moment(owner, intensity, after, acted_on="yes")
    moment(owner, 9, 2, acted_on="partly")  # partly acting on it is acting on it: drop 7
    moment(owner, 9, 1, acted_on="not_yet")  # not decided: in neither
    assert evidence(owner) == [
        ("After a pause", 3, "3.3 lower on average"),
        ("When you held back", 3, "1.7 lower on average"),
        ("When you acted on the urge", 4, "1.5 lower on average"),
    ]


def test_evidence_with_too_few_moments_says_so(owner):
    pause(owner, 8, 2)
    moment(owner, 8, 4, acted_on="no")
    assert evidence(owner)[:2] == [
        ("After a pause", 1, "too few to tell"),
        ("When you held back", 1, "too few to tell"),
    ]


def test_only_the_week_shown_counts(owner):
    for _ in range(3):
        moment(owner, intensity=9, after=1, helped=["rest"], when=at(12, 20))  # the week before
        pause(owner, 9, 1, when=at(12, 21))
    moment(owner, intensity=6, after=4, helped=["rest"])
    assert helps(owner) == [("Rest", 1, "too few to tell")]
    assert helps(owner, weeks=2) == [("A pause", 3, "8.0 lower on average"), ("Rest", 4, "6.5 lower on average")]


def test_the_page_shows_counts_too_few_and_the_evidence(owner_client, owner):
    for before, after in ((8, 4), (7, 4), (9, 6)):
        pause(owner, before, after)
    for _ in range(3):
        moment(owner, intensity=9, after=4, helped=["slow_breathing"], acted_on="no")
    moment(owner, intensity=6, after=5, helped=["music"], acted_on="yes")
    content = owner_client.get("/journal/review/2026-W47/").content.decode()
    helped = content[content.index('id="what-helps"') : content.index('id="your-evidence"')]
    assert helped.index("Slow breathing") < helped.index("A pause")  # 5.0 lower, then 3.3 lower
    assert "5.0 lower · 3" in helped and "3.3 lower · 3" in helped
    assert "Too few to tell yet: music (1 moment)." in helped
    evidence_card = content[content.index('id="your-evidence"') :]
    assert "After a pause:</strong> 3.3 lower on average, 3 moments" in evidence_card
    assert "When you held back:</strong> 5.0 lower on average, 3 moments" in evidence_card
    assert "When you acted on the urge:</strong> too few to tell, 1 moment" in evidence_card


def test_a_strangers_rows_change_nothing(owner, stranger):
    for _ in range(3):
        moment(owner, intensity=7, after=4, helped=["grounding"], acted_on="no")
    pause(owner, 7, 5)
    before = (helps(owner), evidence(owner))
    for _ in range(4):
        moment(stranger, intensity=10, after=0, helped=["grounding", "music"], acted_on="no")
        moment(stranger, intensity=2, after=9, acted_on="yes")
        pause(stranger, 10, 0)
    assert (helps(owner), evidence(owner)) == before
    assert ("Grounding with my senses", 4, "10.0 lower on average") in helps(stranger)  # the rows are real


def test_names_that_cannot_be_confused(owner_client, owner):
    """What the person did with the urge ("held back") and what the urge did in a pause ("faded")."""
    log = moment(owner, intensity=6, acted_on="no")
    running = PauseSessionFactory(user=owner, log=log, started_at=at(18, 21))
    pause(owner, 7, 3)
    detail = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    assert "No, I held back" in detail
    assert "Did the urge fade?" in owner_client.get(f"/journal/pause/{running.pk}/").content.decode()
    review = owner_client.get("/journal/review/2026-W47/?weeks=4").content.decode()
    assert "Urge faded during a pause" in review and "Urges held back" in review and "Held back" in review
    for confusing in ("let pass", "let it pass", "urge passed", "Urge passed"):
        assert confusing not in detail and confusing not in review


def test_query_count_stays_fixed_as_the_rows_grow(
    owner_client, owner, django_assert_num_queries, django_assert_max_num_queries
):
    moment(owner, intensity=7, after=4, helped=["grounding"], acted_on="no")
    with django_assert_max_num_queries(18) as few:
        owner_client.get("/journal/review/2026-W47/")
    for day in range(16, 23):
        for hour in (9, 14, 20):
            moment(owner, intensity=8, after=3, helped=["grounding", "rest"], acted_on="yes", when=at(day, hour))
            pause(owner, 8, 2, when=at(day, hour, 5))
    with django_assert_num_queries(len(few.captured_queries)):
        owner_client.get("/journal/review/2026-W47/")
