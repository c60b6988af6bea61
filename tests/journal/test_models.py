from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from journal.choices import LESSON_FOR, ActedOn, TriggerKind, Urge, UrgePassed, lesson_for
from journal.factories import PauseSessionFactory, TriggerLogFactory, WeeklyReflectionFactory
from journal.models import Reframe, TriggerLog, UserSettings, WeeklyReflection
from journal.weeks import Week

pytestmark = pytest.mark.django_db


def test_intensity_is_0_to_10(owner):
    with pytest.raises(ValidationError, match="intensity"):
        TriggerLog(user=owner, trigger_kind="slow_reply", intensity=11).full_clean()
    TriggerLog(user=owner, trigger_kind="slow_reply", intensity=0).full_clean()


def test_believability_is_0_to_100(owner):
    reframe = Reframe(user=owner, anxious_thought="a", balanced_thought="b", believability_before=101)
    with pytest.raises(ValidationError, match="believability_before"):
        reframe.full_clean()


def test_lengths_are_bounded(owner):
    with pytest.raises(ValidationError, match="what_happened"):
        TriggerLog(user=owner, trigger_kind="slow_reply", intensity=1, what_happened="x" * 201).full_clean()


def test_occurred_at_cannot_be_in_the_future(owner):
    log = TriggerLog(
        user=owner, trigger_kind="slow_reply", intensity=1, occurred_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="future"):
        log.full_clean()


def test_time_zone_must_exist(owner):
    with pytest.raises(ValidationError):
        UserSettings(user=owner, time_zone="Nowhere/Land").full_clean()


def test_pause_end_time_follows_its_length(owner):
    pause = PauseSessionFactory(user=owner, minutes=5, ends_at=None)
    assert pause.ends_at - pause.started_at == timedelta(minutes=5)


def test_each_choice_has_a_lesson_and_custom_ones_get_the_general_lesson():
    assert lesson_for(TriggerKind, "slow_reply") == "common-triggers"
    assert lesson_for(Urge, "pull_away") == "protest-behaviours"
    assert lesson_for(TriggerKind, "my-work-deadline") == "common-triggers"
    for choices, targets in LESSON_FOR.items():
        assert set(targets) == set(choices.values)


def test_lesson_slugs_for_a_moment_are_unique_and_ordered(owner):
    log = TriggerLogFactory(user=owner, trigger_kind="slow_reply", urge="text_again")
    assert log.lesson_slugs == ["common-triggers", "protest-behaviours"]


def test_a_moment_links_to_the_lesson_section_for_its_own_choices(owner, owner_client):
    log = TriggerLogFactory(user=owner, trigger_kind="work", urge="check_my_phone")
    page = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    assert 'href="/lessons/common-triggers/#work"' in page
    assert 'href="/lessons/signs-and-patterns/#in-what-you-do"' in page


def test_finishing_a_pause_ends_it_when_it_ended_and_only_once(owner):
    pause = PauseSessionFactory(user=owner, current=True)
    ended = pause.started_at + timedelta(minutes=7)
    pause.finish(at=ended)
    pause.refresh_from_db()
    assert pause.finished_at == ended and pause.stopped_early
    assert pause.current is None  # the person can start another

    pause.intensity_after = 2
    pause.finish(at=ended + timedelta(minutes=5))  # "how it went", sent again later
    pause.refresh_from_db()
    assert pause.finished_at == ended and pause.intensity_after == 2


def test_a_finished_pause_without_a_time_ends_now(owner):
    pause = PauseSessionFactory(user=owner)
    with time_machine.travel(pause.ends_at + timedelta(minutes=1), tick=False):
        pause.finish()
    pause.refresh_from_db()
    assert pause.finished_at == pause.ends_at + timedelta(minutes=1) and not pause.stopped_early


def test_a_finished_pause_answers_its_moments_open_questions(owner):
    log = TriggerLogFactory(user=owner, intensity=8, intensity_after=None, acted_on=ActedOn.NOT_YET)
    pause = PauseSessionFactory(user=owner, log=log, intensity_after=3, urge_passed=UrgePassed.YES)
    pause.finish()
    log.refresh_from_db()
    assert (log.intensity_after, log.acted_on) == (3, ActedOn.NO)


def test_a_finished_pause_never_overwrites_what_the_person_answered_on_the_moment(owner):
    log = TriggerLogFactory(user=owner, intensity=8, intensity_after=5, acted_on=ActedOn.YES)
    pause = PauseSessionFactory(user=owner, log=log, intensity_after=3, urge_passed=UrgePassed.YES)
    pause.finish()
    log.refresh_from_db()
    assert (log.intensity_after, log.acted_on) == (5, ActedOn.YES)


def test_an_urge_that_has_not_faded_leaves_what_the_person_did_open(owner):
    log = TriggerLogFactory(user=owner, acted_on=ActedOn.NOT_YET)
    pause = PauseSessionFactory(user=owner, log=log, intensity_after=6, urge_passed=UrgePassed.PARTLY)
    pause.finish()
    log.refresh_from_db()
    assert log.acted_on == ActedOn.NOT_YET and log.intensity_after == 6


def test_the_reflection_for_a_week_is_the_persons_own_note_for_that_week(owner, stranger):
    week = Week(date(2026, 11, 30), ZoneInfo("Europe/London"))
    mine = WeeklyReflectionFactory(user=owner, week_start=week.start)
    WeeklyReflectionFactory(user=owner, week_start=week.start - timedelta(days=7))
    WeeklyReflectionFactory(user=stranger, week_start=week.start)
    assert list(WeeklyReflection.objects.for_user(owner).for_week(week)) == [mine]
