from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from journal.choices import LESSON_FOR, TriggerKind, Urge, lesson_for
from journal.factories import PauseSessionFactory, TriggerLogFactory
from journal.models import Reframe, TriggerLog, UserSettings

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
