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


def moments_in_week(user, weeks_back, how_many):
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON) - timedelta(weeks=weeks_back)
    for n in range(how_many):
        TriggerLogFactory(user=user, occurred_at=monday + timedelta(minutes=10 * n), trigger_kind="slow_reply")


@pytest.mark.parametrize(
    ("earlier", "this_week", "said"),
    [
        ([3, 7], 1, "This week was quieter than the weeks before: one moment, against about 5."),
        ([10], 7, "This week was quieter than the weeks before: 7 moments, against about 10."),
        ([10], 8, None),
        (
            [10],
            13,
            "This week brought more moments than usual (13, against about 10). "
            "Hard weeks happen; noticing them is part of the work.",
        ),
    ],
    ids=["against-the-average", "three-tenths-fewer", "a-little-fewer", "three-tenths-more"],
)
def test_a_week_is_called_quieter_or_busier_from_three_tenths_either_side_of_usual(owner, earlier, this_week, said):
    for weeks_back, how_many in enumerate([this_week, *earlier]):
        moments_in_week(owner, weeks_back, how_many)
    assert [note for note in notes(owner) if note.startswith("This week")] == ([said] if said else [])


@pytest.mark.parametrize(
    ("per_week", "said"),
    [
        ([6, 3, 2], "Moments went from about 6 a week in the first week to about 2 a week in the last week."),
        ([10, 7], "Moments went from about 10 a week in the first week to about 7 a week in the last week."),
        ([10, 9], None),
        ([0, 3], None),
    ],
    ids=["three-weeks", "three-tenths-fewer", "a-little-fewer", "from-none"],
)
def test_a_run_of_weeks_says_how_the_count_moved_when_it_moved_three_tenths(owner, per_week, said):
    for weeks_back, how_many in enumerate(reversed(per_week)):
        moments_in_week(owner, weeks_back, how_many)
    observed = build_review(owner, WEEK_47, weeks=len(per_week)).observations
    assert [note for note in observed if note.startswith("Moments went")] == ([said] if said else [])


@pytest.mark.parametrize(
    ("pauses", "said"),
    [
        (1, "You finished 1 pause. Staying with a hard feeling counts, even when the urge stays."),
        (2, "You finished 2 pauses. Staying with a hard feeling counts, even when the urge stays."),
    ],
)
def test_pauses_where_the_urge_stayed_still_count(owner, pauses, said):
    for minute in range(pauses):
        log = moment(owner, "Mon", "morning", minute)
        PauseSessionFactory(user=owner, log=log, started_at=log.occurred_at, finished=True, urge_passed="no")
    assert said in notes(owner)


def test_a_trigger_and_a_feeling_that_led_in_three_of_the_last_four_weeks_are_noticed(owner):
    for weeks_back in (0, 1, 3):
        log = TriggerLogFactory(
            user=owner, occurred_at=datetime(2026, 11, 16, 9, tzinfo=LONDON) - timedelta(weeks=weeks_back)
        )
        log.trigger_kind = "slow_reply"
        log.save()
        LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="sadness")
    other = moment(owner, "Mon", "morning", trigger_kind="plans_changed")
    other.occurred_at -= timedelta(weeks=2)
    other.save()
    LogTag.objects.create(log=other, kind=LogTag.Kind.EMOTION, value="anger")
    assert build_review(owner, WEEK_47).recurring == [
        "“Slow or no reply” was your most common trigger in 3 of the last 4 weeks.",
        "Feeling sad came up most in 3 of the last 4 weeks.",
    ]
