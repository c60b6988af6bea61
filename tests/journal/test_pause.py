import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import PauseSession

pytestmark = pytest.mark.django_db


def start(client, **data):
    return client.post("/journal/pause/", {"idempotency_key": str(uuid.uuid4()), "minutes": "20", **data})


def test_start_page_offers_the_users_default_length(owner_client, owner):
    owner.journal_settings.default_pause_minutes = 10
    owner.journal_settings.save()
    content = owner_client.get("/journal/pause/").content.decode()
    assert re.search(r'value="10"[^>]*checked', content)


@pytest.mark.parametrize(
    "log, status",
    [("9223372036854775807", 404), ("9223372036854775808", 200), ("٣", 200), ("²", 200), ("", 200)],
    ids=["largest-id", "beyond-any-id", "arabic-indic-three", "superscript-two", "none"],
)
def test_a_pause_for_a_moment_that_is_not_there_is_404_and_a_non_number_is_no_moment(owner_client, log, status):
    assert owner_client.get("/journal/pause/", {"log": log}).status_code == status


def test_a_pause_stores_its_end_time_on_the_server(owner_client, owner):
    response = start(owner_client, minutes="10")
    pause = PauseSession.objects.get(user=owner)
    assert response["Location"] == f"/journal/pause/{pause.pk}/"
    assert pause.ends_at - pause.started_at == timedelta(minutes=10)
    assert pause.is_running()


def test_the_countdown_survives_a_reload(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(minutes=5))
    content = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert re.search(r'class="js-remaining">(14:5\d|15:00)<', content)
    ends_at = re.search(r'data-ends-at="([^"]+)"', content).group(1)
    assert datetime.fromisoformat(ends_at) == pause.ends_at


def test_a_pause_from_a_moment_remembers_how_strong_it_was(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=8)
    start(owner_client, log=str(log.pk))
    pause = PauseSession.objects.get(user=owner)
    assert (pause.log, pause.intensity_before) == (log, 8)


def test_only_one_pause_runs_at_a_time(owner_client, owner):
    running = PauseSessionFactory(user=owner, started_at=timezone.now())
    response = start(owner_client)
    assert response["Location"] == f"/journal/pause/{running.pk}/"
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_two_tabs_starting_at_once_get_one_pause(owner_client, owner, monkeypatch):
    """The second tab checked for a running pause before the first saved: the database still refuses a second."""
    first = start(owner_client)
    running = PauseSession.objects.get(user=owner)
    assert first["Location"] == f"/journal/pause/{running.pk}/"
    monkeypatch.setattr(PauseSession.objects.__class__, "running", lambda self, now=None: self.none())

    second = start(owner_client)

    assert second["Location"] == f"/journal/pause/{running.pk}/"
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_the_database_allows_one_running_pause_per_person(owner, stranger):
    from django.db import IntegrityError, transaction

    PauseSessionFactory(user=owner, current=True)
    PauseSessionFactory(user=stranger, current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PauseSessionFactory(user=owner, current=True)


def test_a_finished_or_time_up_pause_makes_way_for_the_next(owner_client, owner):
    start(owner_client, minutes="5")
    first = PauseSession.objects.get(user=owner)
    owner_client.post(f"/journal/pause/{first.pk}/finish/", {"urge_passed": "yes", "intensity_after": "3"})
    start(owner_client)
    second = PauseSession.objects.exclude(pk=first.pk).get(user=owner)
    PauseSession.objects.filter(pk=second.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    third = start(owner_client)
    assert PauseSession.objects.filter(user=owner).count() == 3
    assert list(PauseSession.objects.filter(user=owner, current=True)) == [PauseSession.objects.latest("started_at")]
    assert third["Location"] == f"/journal/pause/{PauseSession.objects.latest('started_at').pk}/"


def test_a_pause_left_open_is_unfinished_not_lost(owner_client, owner):
    old = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(hours=3))
    assert old.is_unfinished
    start(owner_client)
    assert PauseSession.objects.filter(user=owner).count() == 2
    content = owner_client.get("/journal/").content.decode()
    assert "Pauses to finish" in content and "unfinished" in content
    assert "How did it go?" in owner_client.get(f"/journal/pause/{old.pk}/").content.decode()


def test_resending_the_start_form_starts_one_pause(owner_client, owner):
    key = str(uuid.uuid4())
    owner_client.post("/journal/pause/", {"idempotency_key": key, "minutes": "20"})
    owner_client.post("/journal/pause/", {"idempotency_key": key, "minutes": "20"})
    assert PauseSession.objects.filter(user=owner).count() == 1


def test_finishing_records_how_it_went_and_updates_the_moment(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=8)
    pause = PauseSessionFactory(
        user=owner, log=log, intensity_before=8, started_at=timezone.now() - timedelta(minutes=25)
    )
    response = owner_client.post(
        f"/journal/pause/{pause.pk}/finish/",
        {"intensity_after": "3", "urge_passed": "yes", "what_i_did": "Walked"},
    )
    assert response["Location"] == f"/journal/log/{log.pk}/"
    pause.refresh_from_db()
    log.refresh_from_db()
    assert pause.is_finished and not pause.stopped_early
    assert (pause.intensity_drop, pause.urge_passed, pause.what_i_did) == (5, "yes", "Walked")
    assert (log.intensity_after, log.acted_on) == (3, "no")


def test_stopping_early_is_recorded(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"intensity_after": "5", "urge_passed": "partly"})
    pause.refresh_from_db()
    assert pause.stopped_early


def test_finishing_without_answers_keeps_the_pause_open(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    response = owner_client.post(f"/journal/pause/{pause.pk}/finish/", {"what_i_did": "Breathed"})
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert re.search(r'<textarea name="what_i_did"[^>]*>\s*Breathed</textarea>', response.content.decode())
    pause.refresh_from_db()
    assert not pause.is_finished


def test_pause_page_shows_breathing_grounding_and_pinned_reframes(owner_client, owner):
    ReframeFactory(user=owner, pinned=True, balanced_thought="I am safe right now.")
    ReframeFactory(user=owner, pinned=False, balanced_thought="Not pinned.")
    pause = PauseSessionFactory(user=owner, started_at=timezone.now())
    content = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert "breath-circle" in content and "Name five things you can see." in content
    assert "I am safe right now." in content and "Not pinned." not in content
    assert "pause.js" in content


# The end of the pause, ending early, and the message kept instead of sent ------------------------------------

STARTED = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)


def page(client, pause):
    return client.get(f"/journal/pause/{pause.pk}/").content.decode()


def finish(client, pause, **answers):
    return client.post(f"/journal/pause/{pause.pk}/finish/", answers)


def title_and_heading(content):
    return re.search(r"<title>([^<]*)</title>", content).group(1), re.search(r"<h1[^>]*>([^<]*)</h1>", content).group(1)


def test_once_the_time_is_up_the_page_says_so_without_javascript(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=19, seconds=59)):
        running = page(owner_client, pause)
    with time_machine.travel(STARTED + timedelta(minutes=20)):
        over = page(owner_client, pause)
    assert title_and_heading(running) == ("Pause: breathe · Secure Base", "Pause: breathe")
    assert "breath-circle" in running
    assert title_and_heading(over) == ("Your pause is over · Secure Base", "Your pause is over")
    assert "breath-circle" not in over and 'role="timer"' not in over
    assert "Your 20 minutes are over. How are you now?" in over


def test_ending_early_asks_one_question(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=5)):
        content = page(owner_client, pause)
        response = finish(owner_client, pause, urge_passed="partly")
    # The one question is in view; the rest wait, hidden and not required, for the end.
    asked_now, at_the_end = content.split('<div class="js-at-end" hidden>', 1)
    asked_now = asked_now[asked_now.index('id="finish"') :]
    assert 'name="urge_passed"' in asked_now and 'name="intensity_after"' not in asked_now
    assert 'name="intensity_after"' in at_the_end and not re.search(r'name="intensity_after"[^>]*required', content)
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.stopped_early and pause.urge_passed == "partly" and pause.intensity_after is None


def test_ending_early_without_its_one_answer_keeps_the_pause_open(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=5)):
        response = finish(owner_client, pause)
    assert "Please check the form" in response.content.decode()
    pause.refresh_from_db()
    assert not pause.is_finished


def test_when_the_time_is_up_how_strong_it_feels_is_asked_too(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=21)):
        response = finish(owner_client, pause, urge_passed="yes", what_i_did="Made tea")
    content = response.content.decode()
    assert re.search(r'id="id_intensity_after_error"|class="field field-error">\s*<fieldset', content)
    assert re.search(r"<textarea[^>]*>\s*Made tea</textarea>", content)
    pause.refresh_from_db()
    assert not pause.is_finished


def keep_message(client, pause, text, **extra):
    return client.post(f"/journal/pause/{pause.pk}/message/", {"unsent_message": text, **extra})


def test_the_message_waits_on_the_pause_until_the_time_is_up(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=3)):
        response = keep_message(owner_client, pause, "Why haven't you answered me?", unsent_choice="send_myself")
        assert response["Location"] == f"/journal/pause/{pause.pk}/#message"
        running = page(owner_client, pause)
    pause.refresh_from_db()
    assert pause.unsent_message == "Why haven't you answered me?"
    assert pause.unsent_choice == "", "nothing to decide until the time is up"
    assert "Your message waits here until 21:20" in running
    assert "Copy the message" not in running.split('<div class="js-at-end" hidden>')[0]

    with time_machine.travel(STARTED + timedelta(minutes=20, seconds=1)):
        over = page(owner_client, pause)
    assert "The message you kept" in over and "Copy the message" in over
    assert re.search(r"<textarea[^>]*>\s*Why haven&#x27;t you answered me\?</textarea>", over)
    assert 'name="unsent_choice"' in over


def test_the_choice_about_the_message_is_recorded_with_the_outcome(owner_client, owner):
    log = TriggerLogFactory(user=owner, intensity=7)
    pause = PauseSessionFactory(user=owner, log=log, started_at=STARTED, minutes=20, intensity_before=7)
    with time_machine.travel(STARTED + timedelta(minutes=2)):
        keep_message(owner_client, pause, "Are you angry with me?")
    with time_machine.travel(STARTED + timedelta(minutes=20, seconds=5)):
        finish(
            owner_client,
            pause,
            urge_passed="yes",
            intensity_after="3",
            unsent_message="Hope your day went well. Talk later?",
            unsent_choice="change_it",
        )
        moment = owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    pause.refresh_from_db()
    assert (pause.unsent_message, pause.unsent_choice) == ("Hope your day went well. Talk later?", "change_it")
    assert pause.is_finished and not pause.stopped_early
    assert "The message you kept: “I changed it first.”" in moment


def test_after_ending_early_the_message_can_still_be_decided(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    with time_machine.travel(STARTED + timedelta(minutes=2)):
        keep_message(owner_client, pause, "Call me")
        finish(owner_client, pause, urge_passed="no")
        content = page(owner_client, pause)
        assert "The message you kept" in content and "Copy the message" in content
        keep_message(owner_client, pause, "Call me", unsent_choice="let_it_go")
    pause.refresh_from_db()
    assert pause.unsent_choice == "let_it_go"


def test_a_message_too_long_keeps_what_was_typed(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=STARTED, minutes=20)
    words = "please answer " * 200
    with time_machine.travel(STARTED + timedelta(minutes=2)):
        response = keep_message(owner_client, pause, words)
    content = response.content.decode()
    assert response.status_code == 200 and "Please check the form" in content
    assert words.strip() in content
    pause.refresh_from_db()
    assert pause.unsent_message == ""


def test_no_one_can_write_a_message_on_someone_elses_pause(owner_client, stranger):
    pause = PauseSessionFactory(user=stranger, started_at=timezone.now())
    response = keep_message(owner_client, pause, "not mine to write")
    assert response.status_code == 404
    pause.refresh_from_db()
    assert pause.unsent_message == ""


def test_a_refused_choice_about_the_message_keeps_the_words_and_decides_nothing(owner_client, owner):
    pause = PauseSessionFactory(user=owner, finished=True, unsent_message="See you later?")
    words = "I'm sorry " * 250
    response = keep_message(owner_client, pause, words, unsent_choice="change_it")
    content = response.content.decode()
    assert "Please check the form" in content and words.strip().replace("'", "&#x27;") in content
    assert re.search(r'value="change_it"[^>]*checked', content)
    pause.refresh_from_db()
    assert (pause.unsent_message, pause.unsent_choice) == ("See you later?", "")


def test_starting_a_second_pause_says_the_first_is_still_running(owner_client, owner):
    running = PauseSessionFactory(user=owner, started_at=timezone.now())
    page = owner_client.get(start(owner_client)["Location"]).content.decode()
    assert re.search(r">\s*You already have a pause running. Here it is.\s*<", page)
    opened = owner_client.get("/journal/pause/")  # only opening the start page: no need to say anything
    assert opened["Location"] == f"/journal/pause/{running.pk}/"
    assert "already have a pause running" not in owner_client.get(opened["Location"]).content.decode()


def test_a_pause_that_ended_between_two_taps_lets_you_start_afresh(owner_client, owner, monkeypatch):
    def another_tab_won(*args, **kwargs):  # ...and that pause has ended by the time we look for it
        raise IntegrityError("unique_current_pause")

    monkeypatch.setattr("journal.views.pauses.save_once", another_tab_won)
    response = start(owner_client)
    assert response.status_code == 302 and response["Location"] == "/journal/pause/"


def test_the_pause_page_with_both_its_forms_gives_every_box_its_own_id(owner_client, owner):
    pause = PauseSessionFactory(user=owner, started_at=timezone.now(), unsent_message="See you later?")
    page = owner_client.get(f"/journal/pause/{pause.pk}/").content.decode()
    assert page.count('name="unsent_message"') == 2, "the message box while it runs, and the one for its end"
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
