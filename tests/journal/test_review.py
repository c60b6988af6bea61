import io
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from journal.choices import WeekStart
from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    TriggerLogFactory,
    UserFactory,
    UserSettingsFactory,
)
from journal.models import LogTag, TriggerLog, WeeklyReflection
from journal.review import MAX_WEEKS, build_review
from journal.weeks import Week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEEK_47 = Week(date(2026, 11, 16), LONDON)


def at(day, hour, minute=0, zone=LONDON):
    return datetime(2026, 11, day, hour, minute, tzinfo=zone)


def moment(user, when, **fields):
    return TriggerLogFactory(user=user, occurred_at=when, **fields)


def review_of(user, week=WEEK_47, weeks=1):
    return build_review(user, week, weeks)


@pytest.fixture
def week_of_moments(owner):
    """Week 47 for alice: slow replies on Sunday evening, pauses that mostly work."""
    logs = [
        moment(owner, at(22, 20), trigger_kind="slow_reply", urge="text_again", intensity=8, acted_on="no"),
        moment(owner, at(22, 21), trigger_kind="slow_reply", urge="text_again", intensity=6, acted_on="no"),
        moment(owner, at(22, 23, 30), trigger_kind="slow_reply", urge="text_again", intensity=9, acted_on="yes"),
        moment(owner, at(18, 9), trigger_kind="plans_changed", urge="pick_a_fight", intensity=4, acted_on="no"),
    ]
    for log, passed in zip(logs[:4], ["yes", "yes", "no", "yes"], strict=True):
        PauseSessionFactory(
            user=owner,
            log=log,
            started_at=log.occurred_at,
            finished=True,
            intensity_before=log.intensity,
            intensity_after=log.intensity - 4,
            urge_passed=passed,
        )
    LogTag.objects.create(log=logs[0], kind=LogTag.Kind.SENSATION, value="tight_chest")
    LogTag.objects.create(log=logs[1], kind=LogTag.Kind.SENSATION, value="tight_chest")
    LogTag.objects.create(log=logs[1], kind=LogTag.Kind.HELPED, value="moved")
    ReframeFactory(user=owner, created_at=at(20, 12))
    ReframeFactory(user=owner, created_at=at(21, 9), is_draft=True, balanced_thought="")  # not written yet
    moment(owner, at(9, 20), trigger_kind="slow_reply", intensity=7)  # Monday of the week before
    return logs


def test_figures_count_the_week_and_compare_with_the_last(owner, week_of_moments):
    review = review_of(owner)
    figures = {figure.label: figure for figure in review.figures}
    assert figures["Moments logged"].value == 4
    assert figures["Moments logged"].change == "up 3 from last week"
    assert figures["Average intensity"].display == "6.8"
    assert figures["Peak intensity"].value == 9
    assert figures["Pauses completed"].value == 4
    assert figures["Urge faded during a pause"].display == "75%"
    assert figures["Average drop across a pause"].display == "4.0"
    assert (figures["Urges acted on"].value, figures["Urges held back"].value) == (1, 3)
    assert figures["Reframes written"].value == 1
    assert figures["Moments logged"].trend == [0, 0, 0, 0, 0, 0, 1, 4]


def test_charts_data_triggers_heatmap_urges_body_and_what_helped(owner, week_of_moments):
    review = review_of(owner)
    assert [(label, n) for _, label, n, _ in review.triggers] == [("Slow or no reply", 3), ("Plans changed", 1)]
    heat = dict(review.heatmap)
    assert heat["Sun"] == [0, 0, 3, 0]  # three Sunday evening moments (23:30 counts as evening)
    assert heat["Wed"] == [1, 0, 0, 0]
    assert review.urges[0][1:] == ("Text or call again", 1, 2, 0)
    assert review.sensations == [("Tight chest", 2)]
    assert [(relief.label, relief.moments, relief.change) for relief in review.helped] == [
        ("A pause", 4, "4.0 lower on average"),
        ("A walk or moving", 0, "too few to tell"),  # its moment has no "how strong now"
    ]
    assert review.pairs == [("Slow or no reply", "Text or call again", 3)]


def test_observations_are_kind_and_drawn_from_the_data(owner, week_of_moments):
    notes = review_of(owner).observations
    assert notes[0] == (
        "Most moments came after “slow or no reply” (3 of 4), and they gathered in the evenings, "
        "Sunday evenings most of all."
    )
    assert "When you paused, the urge faded 3 times out of 4." in notes
    assert not any(word in " ".join(notes).lower() for word in ("failed", "bad", "should", "wrong"))


def test_suggested_lessons_fit_the_top_trigger_and_urge(owner, week_of_moments):
    slugs = [lesson.slug for lesson in review_of(owner).lessons]
    assert slugs[:2] == ["common-triggers", "protest-behaviours"]


def test_a_trigger_that_tops_week_after_week_is_noticed(owner):
    for weeks_back in range(4):
        log = moment(owner, at(22, 20) - timedelta(weeks=weeks_back), trigger_kind="slow_reply")
        LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="fear")
    moment(owner, at(20, 20), trigger_kind="plans_changed")  # ties with slow replies this week: still top
    assert review_of(owner).recurring == [
        "“Slow or no reply” was your most common trigger in each of the last 4 weeks.",
        "Feeling afraid came up most in each of the last 4 weeks.",
    ]


def test_a_trigger_that_only_comes_up_now_and_then_is_not_called_recurring(owner):
    for weeks_back in range(4):
        moment(owner, at(22, 20) - timedelta(weeks=weeks_back), trigger_kind="slow_reply")
        if weeks_back % 2:
            moment(owner, at(21, 20) - timedelta(weeks=weeks_back), trigger_kind="plans_changed")
            moment(owner, at(21, 21) - timedelta(weeks=weeks_back), trigger_kind="plans_changed")
    assert review_of(owner).recurring == []  # slow replies came every week but led in only 2 of the 4


def test_custom_triggers_show_with_their_own_names(owner):
    CustomChoiceFactory(user=owner, label="Work drinks")
    moment(owner, at(20, 20), trigger_kind="my-work-drinks")
    assert review_of(owner).triggers[0][1] == "Work drinks"


def test_other_peoples_moments_are_never_counted(owner, stranger, week_of_moments):
    moment(stranger, at(22, 20), trigger_kind="social_media")
    assert sum(n for _, _, n, _ in review_of(owner).triggers) == 4


def test_an_empty_week_is_a_kind_page(owner_client):
    response = owner_client.get("/journal/review/2026-W30/")
    assert response.status_code == 200
    assert "A quiet week in your journal" in response.content.decode()


def test_an_empty_current_week_opens_on_last_week_and_offers_it_from_this_one(owner_client, owner):
    with time_machine.travel(at(25, 12), tick=False):  # a Wednesday: this week (2026-W48) is open, and empty
        moment(owner, at(18, 20))
        landing = owner_client.get("/journal/review/").content.decode()
        this_week = owner_client.get("/journal/review/2026-W48/").content.decode()
    assert "<h1>Last week</h1>" in landing
    assert "A quiet week in your journal" in this_week
    assert re.search(r'href="/journal/review/2026-W47/">Look back at last week', this_week)


def test_a_week_in_the_address_is_the_persons_own_sunday_week(owner_client, owner):
    owner.journal_settings.week_start = WeekStart.SUNDAY
    owner.journal_settings.save()
    moment(owner, at(22, 20), trigger_kind="slow_reply")  # Sunday 22nd: first day of the Sunday week 2026-W48
    moment(owner, at(21, 23, 30), trigger_kind="plans_changed")  # Saturday 23:30: the week before
    review = owner_client.get("/journal/review/2026-W48/").context["review"]
    assert [trigger[0] for trigger in review.triggers] == ["slow_reply"]


def test_week_boundary_follows_a_sunday_start(owner):
    owner.journal_settings.week_start = WeekStart.SUNDAY
    owner.journal_settings.save()
    moment(owner, at(22, 20), trigger_kind="slow_reply")  # Sunday 22nd: first day of the Sunday week 2026-W48
    moment(owner, at(21, 23, 30), trigger_kind="plans_changed")  # Saturday 23:30: last day of the week before
    sunday_week = Week.from_iso(2026, 48, LONDON, WeekStart.SUNDAY)
    assert [t[0] for t in review_of(owner, sunday_week).triggers] == ["slow_reply"]
    assert [t[0] for t in review_of(owner, sunday_week.previous).triggers] == ["plans_changed"]
    assert [day for day, _ in review_of(owner, sunday_week).heatmap][0] == "Sun"


@pytest.mark.parametrize("zone_name", ["Pacific/Tongatapu", "Pacific/Honolulu"])
def test_far_zones_put_moments_in_their_own_local_week(zone_name):
    user = UserFactory()
    UserSettingsFactory(user=user, time_zone=zone_name)
    zone = ZoneInfo(zone_name)
    # Monday 00:30 and Sunday 23:30 local time: different weeks, whatever UTC says.
    TriggerLogFactory(user=user, occurred_at=datetime(2026, 11, 23, 0, 30, tzinfo=zone), trigger_kind="slow_reply")
    TriggerLogFactory(user=user, occurred_at=datetime(2026, 11, 22, 23, 30, tzinfo=zone), trigger_kind="milestone")
    week_48 = Week(date(2026, 11, 23), zone)
    assert [t[0] for t in build_review(user, week_48).triggers] == ["slow_reply"]
    assert [t[0] for t in build_review(user, week_48.previous).triggers] == ["milestone"]
    assert dict(build_review(user, week_48.previous).heatmap)["Sun"] == [0, 0, 1, 0]


def test_review_page_shows_charts_with_titles_and_tables(owner_client, week_of_moments):
    content = owner_client.get("/journal/review/2026-W47/").content.decode()
    assert content.count('role="img" aria-labelledby="chart-') >= 5  # each named by a title and a description
    assert "Show the numbers" in content
    assert "style=" not in content
    assert "/lessons/common-triggers/" in content


def test_review_uses_a_fixed_number_of_queries(
    owner_client, owner, django_assert_num_queries, django_assert_max_num_queries
):
    moment(owner, at(18, 9))
    # session, user, settings; the kept weeks (none yet); the journal's change mark, before and after counting
    # moments, pauses, reframes, secure moments, tags and times of day; keeping the counts (a savepoint, an insert,
    # its release); custom labels; the bright side; the reflection
    with django_assert_max_num_queries(18) as few:
        owner_client.get("/journal/review/2026-W47/")
    for day in range(16, 23):
        for hour in (9, 14, 20):
            log = moment(owner, at(day, hour))
            LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="fear")
            PauseSessionFactory(user=owner, log=log, started_at=log.occurred_at, finished=True)
            ReframeFactory(user=owner, created_at=log.occurred_at)
    with django_assert_num_queries(len(few.captured_queries)):
        owner_client.get("/journal/review/2026-W47/?weeks=4")


def test_the_cached_review_changes_as_soon_as_the_journal_does(owner_client, owner):
    assert "A quiet week" in owner_client.get("/journal/review/2026-W47/").content.decode()
    log = moment(owner, at(18, 9), trigger_kind="milestone")
    assert "A step closer" in owner_client.get("/journal/review/2026-W47/").content.decode()
    owner_client.post(f"/journal/log/{log.pk}/delete/")
    assert "A quiet week" in owner_client.get("/journal/review/2026-W47/").content.decode()


def test_several_weeks_summary_for_a_therapist(owner_client, week_of_moments):
    content = owner_client.get("/journal/review/2026-W47/?weeks=4").content.decode()
    assert "Your last 4 weeks" in content and "26 Oct – 22 Nov 2026" in content
    assert "Week by week" in content
    assert content.count('<th scope="row"><a href="/journal/review/') == 4


def test_bad_weeks_in_the_url_are_404(owner_client):
    assert owner_client.get("/journal/review/2026-W60/").status_code == 404
    assert owner_client.get("/journal/review/2026-47/").status_code == 404


def test_week_picker_goes_to_the_week_of_a_date(owner_client):
    response = owner_client.get("/journal/review/", {"date": "2026-11-19"})
    assert response["Location"] == "/journal/review/2026-W47/"
    assert owner_client.get("/journal/review/", {"date": "nonsense"}).status_code == 200


def test_reflection_is_saved_with_htmx_in_place(owner_client, owner):
    form = owner_client.get("/journal/review/2026-W47/reflection/", headers={"HX-Request": "true"})
    assert "<html" not in form.content.decode() and 'name="noticed"' in form.content.decode()
    response = owner_client.post(
        "/journal/review/2026-W47/reflection/",
        {"noticed": "Evenings are hard", "helped": "Walking", "intention": "Pause first"},
        headers={"HX-Request": "true"},
    )
    assert "Evenings are hard" in response.content.decode() and "<html" not in response.content.decode()
    reflection = WeeklyReflection.objects.get(user=owner)
    assert (reflection.week_start, reflection.intention) == (date(2026, 11, 16), "Pause first")


def test_reflection_works_without_javascript_and_keeps_text_on_error(owner_client, owner):
    response = owner_client.post("/journal/review/2026-W47/reflection/", {"noticed": "Calmer", "intention": "x" * 301})
    assert response.status_code == 200 and "Calmer" in response.content.decode()
    response = owner_client.post("/journal/review/2026-W47/reflection/", {"noticed": "Calmer"})
    assert response["Location"] == "/journal/review/2026-W47/"
    assert "Calmer" in owner_client.get("/journal/review/2026-W47/").content.decode()


def test_seed_demo_is_idempotent_and_shows_the_pattern():
    call_command("seed_demo", stdout=io.StringIO())
    first = TriggerLog.objects.filter(user__username="demo").count()
    call_command("seed_demo", stdout=io.StringIO())
    logs = TriggerLog.objects.filter(user__username="demo")
    assert logs.count() == first >= 50
    assert logs.values("trigger_kind").order_by().distinct().count() >= 4
    top = max(
        set(logs.values_list("trigger_kind", flat=True)), key=list(logs.values_list("trigger_kind", flat=True)).count
    )
    assert top == "slow_reply"
    evening = sum(1 for log in logs if timezone.localtime(log.occurred_at, LONDON).hour >= 18)
    assert evening > logs.count() / 2


def test_signed_out_people_are_sent_to_sign_in(client):
    for path in ("/journal/review/", "/journal/review/2026-W47/", "/journal/review/2026-W47/reflection/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_empty_week_has_no_figures_to_compare_and_nothing_to_suggest(owner):
    review = review_of(owner)
    assert review.is_empty
    assert [figure.display for figure in review.figures][:3] == ["0", "–", "–"]
    assert review.figures[1].change == "nothing to compare with last week"
    assert (review.observations, review.recurring, review.lessons, review.triggers) == ([], [], [], [])
    assert all(counts == [0, 0, 0, 0] for _, counts in review.heatmap)


@pytest.mark.parametrize(
    ("last_day", "hours"),
    [(date(2026, 3, 29), 167), (date(2026, 10, 25), 169)],
    ids=["spring-forward", "fall-back"],
)
def test_a_daylight_saving_week_counts_every_moment_up_to_its_last_local_minute(owner, last_day, hours):
    week = Week.containing(last_day, LONDON)
    assert week.hours == hours
    first = datetime.combine(week.start, time(0, 0), tzinfo=LONDON)
    last = datetime.combine(last_day, time(23, 30), tzinfo=LONDON)
    moment(owner, first, trigger_kind="milestone")  # Monday 00:00: the week's first minute
    moment(owner, last, trigger_kind="slow_reply")  # Sunday 23:30, after the clocks changed
    moment(owner, datetime.combine(last_day, time(1, 30), tzinfo=LONDON), trigger_kind="left_out")  # the odd hour
    moment(owner, last - timedelta(days=7), trigger_kind="criticised")  # the week before
    moment(owner, last + timedelta(hours=1), trigger_kind="time_apart")  # Monday 00:30: the week after
    review = review_of(owner, week)
    assert sorted(key for key, *_ in review.triggers) == ["left_out", "milestone", "slow_reply"]
    assert dict(review.heatmap)["Sun"] == [0, 0, 1, 1]  # 23:30 is evening; 01:30 is night
    assert dict(review.heatmap)["Mon"] == [0, 0, 0, 1]
    assert review.history[-2].triggers == {"criticised": 1}
    assert [key for key, *_ in review_of(owner, week.next).triggers] == ["time_apart"]


def test_a_sunday_week_runs_sunday_to_saturday_in_the_heatmap(owner):
    owner.journal_settings.week_start = WeekStart.SUNDAY
    owner.journal_settings.save()
    week = Week.from_iso(2026, 48, LONDON, WeekStart.SUNDAY)
    moment(owner, datetime(2026, 11, 28, 23, 30, tzinfo=LONDON))  # Saturday 23:30: the Sunday week's last day
    heatmap = review_of(owner, week).heatmap
    assert [day for day, _ in heatmap] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert heatmap[-1] == ("Sat", [0, 0, 1, 0])


def test_when_no_trigger_is_a_majority_the_words_say_so(owner):
    kinds = ["slow_reply", "slow_reply", "plans_changed", "left_out", "milestone"]
    for day, kind in enumerate(kinds, start=16):
        moment(owner, at(day, 10), trigger_kind=kind)
    assert review_of(owner).observations[0] == (
        "“Slow or no reply” came up most often (2 of 5 moments), and they gathered in the mornings."
    )


def test_two_triggers_tied_for_first_are_both_named(owner):
    for day, kind in ((16, "slow_reply"), (17, "slow_reply"), (18, "plans_changed"), (19, "plans_changed")):
        moment(owner, at(day, 10), trigger_kind=kind)
    note = review_of(owner).observations[0]
    assert note.startswith("“Plans changed” and “slow or no reply” came up most often (twice each, of 4 moments)")


def test_a_run_of_weeks_says_how_the_count_moved(owner):
    for weeks_back, count in ((3, 6), (2, 6), (1, 2), (0, 2)):
        for n in range(count):
            moment(owner, at(16, 8) + timedelta(days=n % 7, hours=n) - timedelta(weeks=weeks_back))
    notes = review_of(owner, weeks=4).observations
    assert "Moments went from about 6 a week in the first 2 weeks to about 2 a week in the last 2." in notes


def test_missing_lessons_are_left_out_quietly(owner, week_of_moments, monkeypatch):
    class EmptyLibrary:
        def get(self, slug):
            return None

    monkeypatch.setattr("journal.review.patterns.library", EmptyLibrary)
    assert review_of(owner).lessons == []


def test_a_far_off_or_malformed_week_is_404_not_an_error(owner_client):
    for path in ("/journal/review/0001-W01/", "/journal/review/9999-W52/", "/journal/review/2026-W60/reflection/"):
        assert owner_client.get(path).status_code == 404


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2026-02-30", "²"])
def test_odd_picker_dates_and_weeks_values_never_break_the_page(owner_client, value):
    assert owner_client.get("/journal/review/", {"date": value}).status_code == 200
    assert owner_client.get("/journal/review/", {"weeks": value}).status_code == 200


@pytest.mark.parametrize(
    ("picked", "week"),
    [
        ("1900-01-01", "1900-W01"),
        ("2999-12-27", "2999-W52"),
        ("1899-12-31", None),
        ("2999-12-31", None),  # a Tuesday in the week the calendar counts as 3000-W01, which no address can name
        ("3000-01-01", None),
    ],
)
def test_a_picked_day_opens_its_week_if_an_address_can_name_it(owner_client, picked, week):
    response = owner_client.get("/journal/review/", {"date": picked})
    if week:
        assert response["Location"] == f"/journal/review/{week}/"
        assert owner_client.get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("4", 4), ("99", MAX_WEEKS)])
def test_the_number_of_weeks_asked_for_is_kept_between_one_and_the_most_shown(owner_client, asked, shown):
    assert owner_client.get("/journal/review/", {"weeks": asked}).context["review"].weeks == shown


def test_editing_a_note_changes_the_same_note(owner_client, owner):
    url = "/journal/review/2026-W47/reflection/"
    owner_client.post(url, {"noticed": "First try"})
    form = owner_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "First try" in form
    owner_client.post(url, {"noticed": "Second thoughts"}, headers={"HX-Request": "true"})
    assert list(WeeklyReflection.objects.filter(user=owner).values_list("noticed", flat=True)) == ["Second thoughts"]


def test_a_plain_get_of_the_note_is_a_whole_page(owner_client):
    content = owner_client.get("/journal/review/2026-W47/reflection/").content.decode()
    assert "<html" in content and 'name="intention"' in content and "Back to the week of" in content


def test_someone_elses_note_never_shows(owner_client, stranger):
    WeeklyReflection.objects.create(user=stranger, week_start=date(2026, 11, 16), noticed="Bob's private note")
    assert "Bob&#x27;s private note" not in owner_client.get("/journal/review/2026-W47/").content.decode()
    assert "private note" not in owner_client.get("/journal/review/2026-W47/reflection/").content.decode()


def test_a_second_look_at_an_unchanged_week_asks_nothing_of_the_journal(owner_client, owner, django_assert_num_queries):
    moment(owner, at(18, 9))
    owner_client.get("/journal/review/2026-W47/")
    with django_assert_num_queries(3):  # session, user, settings: what every signed-in page needs
        owner_client.get("/journal/review/2026-W47/")


def test_a_saved_note_shows_at_once_on_a_cached_review(owner_client):
    assert "Write a note" in owner_client.get("/journal/review/2026-W47/").content.decode()
    owner_client.post(
        "/journal/review/2026-W47/reflection/", {"intention": "Breathe first"}, headers={"HX-Request": "1"}
    )
    content = owner_client.get("/journal/review/2026-W47/").content.decode()
    assert "Breathe first" in content and "Write a note" not in content


def test_a_single_moment_and_a_single_pause_read_naturally(owner):
    log = moment(owner, at(22, 20), trigger_kind="slow_reply")
    PauseSessionFactory(user=owner, log=log, started_at=log.occurred_at, finished=True)
    assert review_of(owner).observations[:2] == [
        "Your one moment came after “slow or no reply”.",
        "You paused once, and the urge faded.",
    ]


@pytest.mark.parametrize(
    ("this_week", "words"), [(1, "quieter than the weeks before: one moment,"), (2, ": 2 moments,")]
)
def test_a_quieter_week_counts_its_moments_in_words_that_read_right(owner, this_week, words):
    for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13):  # five moments in each of the two weeks before
        moment(owner, at(day, 12))
    for hour in range(this_week):
        moment(owner, at(18, 9 + hour))
    assert any(words in note for note in review_of(owner).observations)


def test_a_triggers_average_and_an_urges_tally_add_up_over_every_way_it_came(owner):
    """Moments of one trigger with different urges and outcomes, and one urge after different triggers, each
    counted in full: the average is over all of them and the tally sums across triggers."""
    moment(owner, at(17, 9), trigger_kind="slow_reply", urge="text_again", acted_on="yes", intensity=8)
    moment(owner, at(17, 10), trigger_kind="slow_reply", urge="check_my_phone", acted_on="no", intensity=4)
    moment(owner, at(17, 11), trigger_kind="slow_reply", urge="text_again", acted_on="no", intensity=3)
    moment(owner, at(18, 9), trigger_kind="plans_changed", urge="text_again", acted_on="yes", intensity=6)
    review = review_of(owner)
    slow = next(trigger for trigger in review.triggers if trigger[0] == "slow_reply")
    assert slow[2:] == (3, 5.0)
    text_again = next(urge for urge in review.urges if urge[0] == "text_again")
    assert text_again[2:] == (2, 1, 0), "acted on twice (after two triggers), held back once"
