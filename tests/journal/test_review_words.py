"""The review's sentences at their edges: when moments are said to gather, when one trigger is "most", and small
counts in words ("once", "twice")."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.factories import PauseSessionFactory, TriggerLogFactory
from journal.models import LogTag
from journal.review import build_review
from journal.weeks import Week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEEK_47 = Week(date(2026, 11, 16), LONDON)  # Monday 16 to Sunday 22 November
HOUR_OF = {"morning": 9, "afternoon": 14, "evening": 20, "night": 2}
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def moment(user, day, period, minute=0, **fields):
    """A moment on `day` ("Mon"…"Sun") of week 47, at `period` ("morning"…"night")."""
    when = datetime(2026, 11, 16 + DAYS.index(day), HOUR_OF[period], minute, tzinfo=LONDON)
    return TriggerLogFactory(user=user, occurred_at=when, **{"trigger_kind": "slow_reply", **fields})


def notes(user):
    return build_review(user, WEEK_47).observations


def first_note(user):
    return notes(user)[0]


def test_two_moments_in_one_time_slot_of_five_are_named(owner):
    moment(owner, "Sun", "evening")
    moment(owner, "Sun", "evening", minute=30)
    for day, period in (("Mon", "morning"), ("Tue", "afternoon"), ("Wed", "night")):
        moment(owner, day, period)
    assert first_note(owner) == (
        "Most moments came after “slow or no reply” (5 of 5), and they gathered on Sunday evenings."
    )


def test_two_slots_with_the_same_count_are_not_a_cluster(owner):
    for minute in (0, 30):
        moment(owner, "Mon", "morning", minute)
        moment(owner, "Tue", "evening", minute)
    assert first_note(owner) == "Most moments came after “slow or no reply” (4 of 4)."


@pytest.mark.parametrize(
    ("in_the_slot", "elsewhere", "gathered"),
    [(3, 25, True), (2, 18, False)],
    ids=["three-times-its-share", "under-three-times-its-share"],
)
def test_a_busy_slot_is_named_only_when_it_holds_three_times_its_share(owner, in_the_slot, elsewhere, gathered):
    for minute in range(in_the_slot):
        moment(owner, "Sun", "evening", minute)
    other_slots = [(day, period) for day in DAYS for period in HOUR_OF if (day, period) != ("Sun", "evening")]
    for day, period in other_slots[:elsewhere]:
        moment(owner, day, period)
    assert first_note(owner).endswith("and they gathered on Sunday evenings.") is gathered


@pytest.mark.parametrize(
    ("slots", "ending"),
    [
        ([("Mon", "morning"), ("Tue", "morning"), ("Wed", "evening")], "(3 of 3), and they gathered in the mornings."),
        (
            [("Mon", "morning"), ("Tue", "morning"), ("Wed", "morning"), ("Thu", "evening"), ("Fri", "night")],
            "(5 of 5), and they gathered in the mornings.",
        ),
        ([("Mon", "morning"), ("Tue", "morning"), ("Wed", "evening"), ("Thu", "night")], "(4 of 4)."),
    ],
    ids=["two-of-three", "exactly-three-fifths", "only-half"],
)
def test_a_time_of_day_is_named_when_it_holds_three_fifths_of_the_moments(owner, slots, ending):
    for day, period in slots:
        moment(owner, day, period)
    assert first_note(owner).endswith(ending)


def test_exactly_half_is_not_called_most_moments(owner):
    moment(owner, "Mon", "morning")
    moment(owner, "Tue", "afternoon")
    moment(owner, "Wed", "evening", trigger_kind="plans_changed")
    moment(owner, "Thu", "night", trigger_kind="left_out")
    assert first_note(owner) == "“Slow or no reply” came up most often (2 of 4 moments)."


def test_a_pause_that_faded_once_in_two_says_once(owner):
    for passed in ("yes", "no"):
        log = moment(owner, "Mon", "morning")
        PauseSessionFactory(user=owner, log=log, started_at=log.occurred_at, finished=True, urge_passed=passed)
    assert "When you paused, the urge faded once out of 2." in notes(owner)


def test_holding_back_once_without_a_pause_says_once(owner):
    moment(owner, "Mon", "morning", acted_on="no")
    moment(owner, "Tue", "morning", acted_on="yes")
    assert "You held back from the urge once out of 2." in notes(owner)


def test_the_top_body_sensations_are_the_commonest_first_and_ties_alphabetical(owner):
    times_felt = {"numb": 1, "restless": 1, "stomach_knot": 1, "hot_face": 2, "tearful": 2, "tight_chest": 3}
    for value, times in times_felt.items():
        for minute in range(times):
            log = moment(owner, "Mon", "morning", minute)
            LogTag.objects.create(log=log, kind=LogTag.Kind.SENSATION, value=value)
    assert build_review(owner, WEEK_47).sensations == [
        ("Tight chest", 3),
        ("Hot face", 2),
        ("Tearful", 2),
        ("Knot in my stomach", 1),
        ("Numb or frozen", 1),
    ]


@pytest.mark.parametrize(
    "weeks_back",
    [1, 4],
    ids=["last-week", "four-weeks-back"],
)
def test_a_week_is_compared_with_each_of_the_four_weeks_before_it(owner, weeks_back):
    busy_week = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON) - timedelta(weeks=weeks_back)
    for hour in range(5):
        TriggerLogFactory(user=owner, occurred_at=busy_week + timedelta(hours=hour))
    moment(owner, "Wed", "evening")
    assert "This week was quieter than the weeks before: one moment, against about 5." in notes(owner)
