import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import LogTag, TriggerLog, UserSettings

pytestmark = pytest.mark.django_db


def shown(response):
    return [log.what_happened for log in response.context["page"].object_list]


def test_entries_are_newest_first_and_paged_older_and_newer(owner_client, owner):
    now = timezone.now()
    for hours in range(45):
        TriggerLogFactory(user=owner, occurred_at=now - timedelta(hours=hours), what_happened=f"moment {hours}")
    first = owner_client.get("/journal/")
    assert shown(first) == [f"moment {n}" for n in range(20)]
    assert "← Newer" not in first.content.decode()

    older_link = re.search(r'href="\?(before=\d+)" rel="next"', first.content.decode()).group(1)
    second = owner_client.get(f"/journal/?{older_link}")
    assert shown(second) == [f"moment {n}" for n in range(20, 40)]
    third = owner_client.get("/journal/", {"before": second.context["page"].older})
    assert shown(third) == [f"moment {n}" for n in range(40, 45)]
    assert "Older →" not in third.content.decode()

    back = owner_client.get("/journal/", {"after": third.context["page"].newer})
    assert shown(back) == shown(second)
    assert shown(owner_client.get("/journal/", {"after": back.context["page"].newer})) == shown(first)


def test_moments_at_the_same_minute_are_neither_lost_nor_repeated_across_pages(owner_client, owner):
    same_time = timezone.now() - timedelta(hours=1)
    logs = TriggerLogFactory.create_batch(25, user=owner, occurred_at=same_time)
    first = owner_client.get("/journal/").context["page"]
    second = owner_client.get("/journal/", {"before": first.older}).context["page"]
    seen = [log.pk for log in [*first.object_list, *second.object_list]]
    assert sorted(seen) == sorted(log.pk for log in logs)
    assert owner_client.get("/journal/", {"after": second.newer}).context["page"].object_list == first.object_list


def test_paging_back_through_moments_at_the_same_minute_returns_the_page_you_came_from(owner_client, owner):
    TriggerLogFactory.create_batch(45, user=owner, occurred_at=timezone.now() - timedelta(hours=1))
    first = owner_client.get("/journal/").context["page"]
    second = owner_client.get("/journal/", {"before": first.older}).context["page"]
    third = owner_client.get("/journal/", {"before": second.older}).context["page"]
    assert len(third.object_list) == 5
    back = owner_client.get("/journal/", {"after": third.newer}).context["page"]
    assert back.object_list == second.object_list
    assert (back.newer, back.older) == (second.newer, second.older), "still links both ways"
    newest = owner_client.get("/journal/", {"after": back.newer}).context["page"]
    assert (newest.object_list, newest.newer) == (first.object_list, None), "nothing newer to link to"


def test_paging_back_orders_moments_at_the_same_minute_by_id_not_by_where_the_database_keeps_them(owner_client, owner):
    # Written newest id first, so a database that returns ties as it stored them (PostgreSQL) disagrees with the id.
    same_time = timezone.now() - timedelta(hours=1)
    for pk in range(10_045, 10_000, -1):
        TriggerLogFactory(pk=pk, user=owner, occurred_at=same_time)
    first = owner_client.get("/journal/").context["page"]
    second = owner_client.get("/journal/", {"before": first.older}).context["page"]
    assert [log.pk for log in first.object_list] == list(range(10_045, 10_025, -1))
    back = owner_client.get("/journal/", {"after": second.newer}).context["page"]
    assert back.object_list == first.object_list


def test_a_journal_of_exactly_one_or_two_full_pages_links_to_no_empty_page(owner_client, owner):
    now = timezone.now()
    for hours in range(20):
        TriggerLogFactory(user=owner, occurred_at=now - timedelta(hours=hours + 1))
    assert owner_client.get("/journal/").context["page"].older is None
    for hours in range(20, 40):
        TriggerLogFactory(user=owner, occurred_at=now - timedelta(hours=hours + 1))
    second = owner_client.get("/journal/", {"before": owner_client.get("/journal/").context["page"].older})
    assert len(second.context["page"].object_list) == 20
    assert second.context["page"].older is None


@pytest.mark.parametrize("edge", ["before", "after"])
@pytest.mark.parametrize("value", ["999999", "abc", "-1", "0", "²"])
def test_an_edge_that_is_not_your_moment_shows_the_newest(owner_client, owner, stranger, edge, value):
    TriggerLogFactory(user=owner, what_happened="mine")
    strangers = TriggerLogFactory(user=stranger, what_happened="theirs")
    for asked in (value, str(strangers.pk)):
        assert shown(owner_client.get("/journal/", {edge: asked})) == ["mine"]


def test_paging_keeps_the_filter(owner_client, owner):
    now = timezone.now()
    for hours in range(25):
        TriggerLogFactory(user=owner, trigger_kind="slow_reply", occurred_at=now - timedelta(hours=hours))
        TriggerLogFactory(user=owner, trigger_kind="work", occurred_at=now - timedelta(hours=hours, minutes=1))
    content = owner_client.get("/journal/", {"trigger": "work"}).content.decode()
    link = re.search(r'href="\?([^"]+)" rel="next"', content).group(1).replace("&amp;", "&")
    assert link.startswith("trigger=work&before=")
    assert {log.trigger_kind for log in owner_client.get(f"/journal/?{link}").context["page"].object_list} == {"work"}


def test_entries_filter_by_trigger_urge_and_dates(owner_client, owner):
    now = timezone.now()
    TriggerLogFactory(user=owner, trigger_kind="slow_reply", urge="text_again", occurred_at=now - timedelta(days=10))
    TriggerLogFactory(user=owner, trigger_kind="slow_reply", urge="pull_away", occurred_at=now - timedelta(hours=1))
    TriggerLogFactory(user=owner, trigger_kind="social_media", urge="text_again", occurred_at=now - timedelta(hours=1))

    def shown(**query):
        return owner_client.get("/journal/", query).context["page"].object_list

    assert len(shown(trigger="slow_reply")) == 2
    assert len(shown(trigger="slow_reply", urge="text_again")) == 1
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert len(shown(since=since)) == 2
    until = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert len(shown(until=until)) == 1


def test_the_dates_of_a_filter_are_days_in_the_persons_own_zone(owner_client, owner):
    UserSettings.objects.filter(user=owner).update(time_zone="America/New_York")
    late_evening = datetime(2026, 2, 1, 22, 30, tzinfo=ZoneInfo("America/New_York"))  # 03:30 on 2 Feb in UTC
    TriggerLogFactory(user=owner, occurred_at=late_evening, what_happened="late on the first")
    with time_machine.travel(datetime(2026, 2, 10, 12, tzinfo=UTC), tick=False):
        assert shown(owner_client.get("/journal/", {"since": "2026-02-02"})) == []
        assert shown(owner_client.get("/journal/", {"until": "2026-02-01"})) == ["late on the first"]
        assert shown(owner_client.get("/journal/", {"since": "2026-02-01", "until": "2026-02-01"})) == [
            "late on the first"
        ]


@pytest.mark.parametrize(
    ("since", "until", "refused"), [("2026-05-10", "2026-05-09", True), ("2026-05-10", "2026-05-10", False)]
)
def test_a_start_date_after_the_end_date_is_refused_and_one_day_is_fine(owner_client, owner, since, until, refused):
    TriggerLogFactory(user=owner, occurred_at=datetime(2026, 5, 10, 12, tzinfo=UTC), what_happened="on the tenth")
    response = owner_client.get("/journal/", {"since": since, "until": until})
    assert response.context["filters"].non_field_errors() == (
        ["The start date is after the end date."] if refused else []
    )
    assert shown(response) == ["on the tenth"]


def test_a_bad_filter_says_so_and_shows_everything(owner_client, owner):
    TriggerLogFactory(user=owner)
    response = owner_client.get("/journal/", {"since": "2026-05-10", "until": "2026-05-01", "trigger": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1
    assert "Please check the form" in response.content.decode()


def test_each_entry_links_to_its_lessons(owner_client, owner):
    TriggerLogFactory(user=owner, trigger_kind="slow_reply", urge="pull_away")
    content = owner_client.get("/journal/").content.decode()
    assert "/lessons/common-triggers/#a-slow-or-missing-reply" in content
    assert "/lessons/protest-behaviours/#common-urges" in content


def test_entries_page_uses_a_fixed_number_of_queries(owner_client, owner, django_assert_num_queries):
    def add_moments(count):
        for _ in range(count):
            log = TriggerLogFactory(user=owner)
            LogTag.objects.create(log=log, kind=LogTag.Kind.SENSATION, value="tight_chest")
            PauseSessionFactory(user=owner, log=log, finished=True)
            ReframeFactory(user=owner, log=log)

    add_moments(2)
    # session, user, settings, custom choices, page, tags, pauses, reframes, open pauses (no count: keyset paging)
    with django_assert_num_queries(9):
        owner_client.get("/journal/")
    add_moments(30)
    with django_assert_num_queries(9):
        owner_client.get("/journal/")
    older = owner_client.get("/journal/").context["page"].older
    with django_assert_num_queries(10):  # and the moment at the page's edge
        owner_client.get("/journal/", {"before": older})


def test_entry_page_shows_pauses_reframes_and_lessons(owner_client, owner):
    log = TriggerLogFactory(user=owner, trigger_kind="slow_reply", urge="text_again")
    PauseSessionFactory(user=owner, log=log, finished=True)
    ReframeFactory(user=owner, log=log, balanced_thought="Busy, not leaving.")
    content = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    assert "20-minute pause" in content
    assert "Busy, not leaving." in content
    assert "/lessons/common-triggers/" in content and "/lessons/protest-behaviours/" in content
    assert "Pause again" in content and "Write a reframe" in content  # a pause is done: the reframe leads


def test_detail_is_saved_on_the_entry_page(owner_client, owner):
    log = TriggerLogFactory(user=owner, trigger_kind="slow_reply", intensity=6)
    response = owner_client.post(
        f"/journal/log/{log.pk}/",
        {
            "sensations": ["tight_chest", "racing_heart"],
            "emotions": ["fear"],
            "story": "They are bored of me",
            "urge_strength": "8",
            "acted_on": "no",
            "intensity_after": "3",
            "helped": ["slow_breathing"],
            "notes": "",
        },
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert sorted(log.sensations) == ["racing_heart", "tight_chest"]
    assert (log.emotions, log.helped, log.acted_on, log.intensity_after) == (
        ["fear"],
        ["slow_breathing"],
        "no",
        3,
    )
    assert (log.trigger_kind, log.intensity) == ("slow_reply", 6)
    content = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    assert "/lessons/nervous-system-alarm/" in content and "/lessons/inside-experience/" in content


def test_bad_detail_keeps_what_was_typed(owner_client, owner):
    log = TriggerLogFactory(user=owner)
    response = owner_client.post(
        f"/journal/log/{log.pk}/",
        {"story": "They are bored of me", "acted_on": "maybe", "urge_strength": "12"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "They are bored of me" in content
    assert "Please check the form" in content


def test_edit_everything(owner_client, owner):
    log = TriggerLogFactory(user=owner, trigger_kind="slow_reply", intensity=6)
    response = owner_client.post(
        f"/journal/log/{log.pk}/edit/",
        {"trigger_kind": "social_media", "intensity": "4", "acted_on": "partly"},
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert (log.trigger_kind, log.intensity, log.acted_on) == ("social_media", 4, "partly")


def test_editing_a_moment_unticks_and_ticks_its_feelings_kind_by_kind(owner_client, owner):
    log = TriggerLogFactory(user=owner, trigger_kind="slow_reply", intensity=6)
    for kind, value in [("sensation", "tight_chest"), ("sensation", "racing_heart"), ("emotion", "fear")]:
        LogTag.objects.create(log=log, kind=kind, value=value)
    owner_client.post(
        f"/journal/log/{log.pk}/edit/",
        {
            "trigger_kind": "slow_reply",
            "intensity": "6",
            "acted_on": "no",
            "sensations": ["tight_chest"],
            "helped": ["moved"],
        },
    )
    tags = sorted(LogTag.objects.filter(log=log).values_list("kind", "value"))
    assert tags == [("helped", "moved"), ("sensation", "tight_chest")]


def test_delete_asks_first(owner_client, owner):
    log = TriggerLogFactory(user=owner)
    pause = PauseSessionFactory(user=owner, log=log)
    asking = owner_client.get(f"/journal/log/{log.pk}/delete/").content.decode()
    assert "Delete this moment?" in asking and 'name="csrfmiddlewaretoken"' in asking
    assert TriggerLog.objects.filter(pk=log.pk).exists()
    deleted = owner_client.post(f"/journal/log/{log.pk}/delete/", follow=True)
    assert not TriggerLog.objects.filter(pk=log.pk).exists()
    assert [message.message for message in deleted.context["messages"]] == ["That moment is deleted."]
    pause.refresh_from_db()
    assert pause.log is None
