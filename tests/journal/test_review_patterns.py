"""What the review draws from the weeks shown, at its edges: several weeks added together, the lessons it
suggests, and the newest secure moments first."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.factories import CustomChoiceFactory, SecureMomentFactory, TriggerLogFactory
from journal.models import CustomChoice, LogTag
from journal.review import build_review
from journal.weeks import Week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEEK_47 = Week(date(2026, 11, 16), LONDON)
MONDAY_MORNING = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON)


def test_two_weeks_shown_together_add_up_each_time_slot_and_each_sensation(owner):
    for weeks_back in (0, 1):
        log = TriggerLogFactory(user=owner, occurred_at=MONDAY_MORNING - timedelta(weeks=weeks_back))
        LogTag.objects.create(log=log, kind=LogTag.Kind.SENSATION, value="tight_chest")
    review = build_review(owner, WEEK_47, weeks=2)
    assert dict(review.heatmap)["Mon"] == [2, 0, 0, 0]
    assert review.sensations == [("Tight chest", 2)]


@pytest.mark.parametrize(
    ("acted", "held_back", "suggests_the_pause"),
    [(2, 1, True), (1, 1, False), (1, 2, False)],
    ids=["acted-more", "as-often", "held-back-more"],
)
def test_the_pause_lesson_is_suggested_when_urges_were_acted_on_more_than_held_back(
    owner, acted, held_back, suggests_the_pause
):
    for n, acted_on in enumerate(["yes"] * acted + ["no"] * held_back):
        TriggerLogFactory(
            user=owner,
            occurred_at=MONDAY_MORNING + timedelta(minutes=n),
            trigger_kind="slow_reply",
            urge="check_my_phone",
            acted_on=acted_on,
        )
    slugs = [lesson.slug for lesson in build_review(owner, WEEK_47).lessons]
    assert slugs[:2] == ["common-triggers", "signs-and-patterns"]  # the top trigger's lesson, then the top urge's
    assert ("practise-the-pause" in slugs) is suggests_the_pause


def test_the_bright_side_shows_the_latest_secure_moments_first_whenever_they_were_written(owner):
    for days in (1, 3, 2):
        SecureMomentFactory(user=owner, occurred_at=MONDAY_MORNING + timedelta(days=days), what_happened=f"day {days}")
    shown = [moment.what_happened for moment in build_review(owner, WEEK_47).bright_side]
    assert shown == ["day 3", "day 2", "day 1"]


def test_every_figure_is_named_on_the_page(owner_client, owner):
    TriggerLogFactory(user=owner, occurred_at=MONDAY_MORNING)
    page = owner_client.get("/journal/review/2026-W47/").content.decode()
    for label in (
        "Moments logged",
        "Average intensity",
        "Peak intensity",
        "Pauses started",
        "Pauses completed",
        "Urge faded during a pause",
        "Average drop across a pause",
        "Urges acted on",
        "Urges held back",
        "Reframes written",
        "Secure moments saved",
    ):
        assert f'<span class="label">{label}</span>' in page


def moment(user, minute, weeks_back=0, **fields):
    return TriggerLogFactory(
        user=user, occurred_at=MONDAY_MORNING + timedelta(minutes=minute) - timedelta(weeks=weeks_back), **fields
    )


def test_a_persons_own_trigger_keeps_the_name_they_gave_it(owner):
    CustomChoiceFactory(user=owner, label="Drinks with Sam")
    moment(owner, 0, trigger_kind=CustomChoice.key_for("Drinks with Sam"))
    assert [label for _, label, *_ in build_review(owner, WEEK_47).triggers] == ["Drinks with Sam"]


def test_triggers_with_the_same_count_are_in_alphabetical_order(owner):
    for minute, kind in enumerate(["left_out", "past_partners", "left_out", "past_partners"]):
        moment(owner, minute, trigger_kind=kind)
    assert [label for _, label, *_ in build_review(owner, WEEK_47).triggers] == [
        "An ex came up",
        "Left out or compared",
    ]


def test_urges_are_ordered_by_every_time_they_came_however_it_went(owner):
    done = {"text_again": ["yes"] * 3, "pull_away": ["no"] * 4, "check_my_phone": ["not_yet"] * 5}
    for urge, outcomes in done.items():
        for minute, acted_on in enumerate(outcomes):
            moment(owner, minute, urge=urge, acted_on=acted_on)
    assert [key for key, *_ in build_review(owner, WEEK_47).urges] == ["check_my_phone", "pull_away", "text_again"]


def test_urges_with_the_same_count_are_in_alphabetical_order(owner):
    for minute, (urge, acted_on) in enumerate([("text_again", "no")] * 2 + [("seek_reassurance", "yes")] * 2):
        moment(owner, minute, urge=urge, acted_on=acted_on)
    labels = [label for _, label, *_ in build_review(owner, WEEK_47).urges]
    assert labels == ["Ask for reassurance", "Text or call again"]


def test_a_trigger_and_urge_that_came_together_once_in_each_of_two_weeks_are_a_pair(owner):
    for weeks_back in (0, 1):
        moment(owner, 0, weeks_back, trigger_kind="slow_reply", urge="text_again")
    assert build_review(owner, WEEK_47, weeks=2).pairs == [("Slow or no reply", "Text or call again", 2)]
    assert build_review(owner, WEEK_47).pairs == []


def test_a_trigger_from_a_choice_since_removed_still_has_a_readable_name(owner):
    moment(owner, 0, trigger_kind="my-work-drinks")  # the person's own choice, no longer on their list
    assert [label for _, label, *_ in build_review(owner, WEEK_47).triggers] == ["Work drinks"]
