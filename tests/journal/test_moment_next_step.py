"""The moment's page leads with what fits what has happened: a pause for a fresh moment, then a reframe."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from journal.factories import CustomChoiceFactory, PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import CustomChoice

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def next_step(client, log):
    """(the leading action, every action) of the page's "what next" section, as a person reads them."""
    content = client.get(f"/journal/log/{log.pk}/").content.decode()
    section = re.search(r'<section aria-labelledby="next-heading">(.*?)</section>', content, re.S).group(1)
    actions = re.findall(r'<(?:a|button)[^>]*class="(button[^"]*)"[^>]*>(.*?)</(?:a|button)>', section, re.S)
    leading = [text for classes, text in actions if "button-quiet" not in classes]
    assert len(leading) == 1, f"one action leads, not {leading}"
    return leading[0], [text for _, text in actions], section


def test_a_fresh_moment_leads_with_a_pause(owner_client, owner):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(minutes=10))
    leading, actions, _ = next_step(owner_client, log)
    assert leading == "Start a 20-minute pause"
    assert "Write a reframe" in actions


def test_after_a_pause_the_page_shows_how_it_went_and_leads_with_a_reframe(owner_client, owner):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(minutes=40), intensity=8)
    PauseSessionFactory(
        user=owner,
        log=log,
        started_at=NOW - timedelta(minutes=35),
        finished=True,
        intensity_before=8,
        intensity_after=3,
        urge_passed="partly",
        unsent_message="Why?",
        unsent_choice="let_it_go",
    )
    leading, actions, section = next_step(owner_client, log)
    assert leading == "Write a reframe"
    assert "Start a 20-minute pause" not in actions and "Pause again" in actions
    assert "did the urge pass? <strong>Partly</strong>" in section
    assert "from 8 to 3 out of 10" in section and "“I let it go.”" in section


@pytest.mark.parametrize(
    ("age", "leading"),
    [(timedelta(hours=23), "Start a 20-minute pause"), (timedelta(days=1, minutes=1), "Write a reframe")],
)
def test_a_moment_more_than_a_day_old_no_longer_leads_with_a_pause(owner_client, owner, age, leading):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - age)
    assert next_step(owner_client, log)[0] == leading


def test_a_running_pause_comes_first(owner_client, owner):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(days=3))
    pause = PauseSessionFactory(user=owner, started_at=NOW - timedelta(minutes=2))
    leading, _, section = next_step(owner_client, log)
    assert leading == "Back to your pause" and f"/journal/pause/{pause.pk}/" in section


def test_a_pause_whose_time_is_up_asks_how_it_went(owner_client, owner):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(hours=2))
    pause = PauseSessionFactory(user=owner, log=log, started_at=NOW - timedelta(hours=1))
    leading, _, section = next_step(owner_client, log)
    assert leading == "Say how your pause went" and f"/journal/pause/{pause.pk}/#finish" in section


def test_a_draft_reframe_asks_to_be_finished(owner_client, owner):
    log = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(hours=30))
    draft = ReframeFactory(user=owner, log=log, is_draft=True, balanced_thought="")
    leading, _, section = next_step(owner_client, log)
    assert leading == "Finish your reframe" and f"/journal/reframes/{draft.pk}/" in section


def test_the_page_names_the_persons_own_trigger_and_urge(owner_client, owner):
    CustomChoiceFactory(user=owner, label="Call from Mum")
    CustomChoiceFactory(user=owner, list_name=CustomChoice.ListName.URGE, label="Ring my sister")
    log = TriggerLogFactory(user=owner, trigger_kind="my-call-from-mum", urge="my-ring-my-sister")
    content = owner_client.get(log.get_absolute_url()).content.decode()
    assert "Call from Mum" in content and "Ring my sister" in content


def test_the_page_costs_the_same_few_queries_however_much_follows_a_moment(
    owner_client, owner, django_assert_num_queries
):
    quiet = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(minutes=40))
    busy = TriggerLogFactory(user=owner, occurred_at=NOW - timedelta(minutes=40))
    for minutes in (30, 20, 10):
        PauseSessionFactory(user=owner, log=busy, started_at=NOW - timedelta(minutes=minutes + 20), finished=True)
    ReframeFactory.create_batch(3, user=owner, log=busy)
    CustomChoiceFactory.create_batch(3, user=owner)
    # session, user, settings, the moment, its tags, its pauses, its reframes, a running pause
    for log in (quiet, busy):
        with django_assert_num_queries(8):
            owner_client.get(log.get_absolute_url())
