"""The app lock: a PIN, a quiet spell or "Lock now" hide the journal; lessons and crisis help stay open."""

import html
import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.lock import HELD_POST_LIMIT
from journal.models import TriggerLog, UserSettings

pytestmark = pytest.mark.django_db
PASSWORD = "a quiet harbour 42"
MARKER = "owner-private-marker"


@pytest.fixture
def journal(owner):
    log = TriggerLogFactory(user=owner, what_happened=MARKER)
    return {
        "log": log,
        "pause": PauseSessionFactory(user=owner, log=log, what_i_did=MARKER),
        "reframe": ReframeFactory(user=owner, anxious_thought=MARKER),
    }


def set_pin(client, pin="2468", minutes="5"):
    return client.post("/journal/settings/lock/", {"pin": pin, "pin_again": pin, "lock_after_minutes": minutes})


def guarded_urls(journal):
    return [
        "/journal/",
        "/journal/log/",
        f"/journal/log/{journal['log'].pk}/",
        f"/journal/log/{journal['log'].pk}/edit/",
        f"/journal/pause/{journal['pause'].pk}/",
        "/journal/reframes/",
        f"/journal/reframes/{journal['reframe'].pk}/",
        "/journal/review/",
        "/journal/settings/",
        "/journal/settings/lock/",
        "/journal/export.json",
        "/journal/export.csv",
        "/journal/import/",
        "/reminders/",
        "/accounts/password_change/",
        "/accounts/delete/",
    ]


def is_lock_screen(response):
    content = response.content.decode()
    return response.status_code == 200 and "Your journal is locked" in content and MARKER not in content


def test_without_a_pin_nothing_is_locked(owner_client, journal):
    assert owner_client.post("/journal/lock/").url == "/journal/settings/lock/"
    assert MARKER in owner_client.get("/journal/").content.decode()
    assert "Lock your journal now" not in owner_client.get("/journal/").content.decode()


def test_the_pin_is_kept_as_a_hash_and_checked(owner_client, owner):
    assert set_pin(owner_client, "24681357").status_code == 302
    stored = UserSettings.objects.get(user=owner)
    assert "24681357" not in stored.lock_pin and stored.lock_pin.startswith("md5$")  # the test hasher
    assert stored.check_lock_pin("24681357") and not stored.check_lock_pin("24681358")


@pytest.mark.parametrize(
    "pin, again, field, problem",
    [
        ("123", "123", "pin", "Ensure this value has at least 4 characters (it has 3)."),
        ("123456789", "123456789", "pin", "Ensure this value has at most 8 characters (it has 9)."),
        ("12ab", "12ab", "pin", "Use digits only, 4 to 8 of them."),
        # Arabic-Indic digits pass isdigit() but are not what the keypad types
        ("١٢٣٤", "١٢٣٤", "pin", "Use digits only, 4 to 8 of them."),
        ("2468", "2469", "pin_again", "The two PINs are different. Type the same one twice."),
    ],
)
def test_a_pin_must_be_4_to_8_digits_typed_twice(owner_client, owner, pin, again, field, problem):
    response = owner_client.post(
        "/journal/settings/lock/", {"pin": pin, "pin_again": again, "lock_after_minutes": "15"}
    )
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert problem in response.context["form"].errors[field], "said beside its box"
    assert not UserSettings.objects.get(user=owner).has_lock
    assert 'value="15" checked' in response.content.decode() or 'value="15"' in response.content.decode()


def test_lock_now_hides_every_journal_page_and_download(owner_client, journal):
    set_pin(owner_client)
    assert "Lock your journal now" in owner_client.get("/journal/").content.decode()
    assert owner_client.post("/journal/lock/").url == "/journal/unlock/"
    for url in guarded_urls(journal):
        assert is_lock_screen(owner_client.get(url)), url


def test_lessons_crisis_help_and_the_home_page_stay_open_and_show_no_journal(owner_client, journal):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    assert "Your journal is locked" not in owner_client.get("/lessons/").content.decode()
    assert owner_client.get("/lessons/common-triggers/").status_code == 200
    assert "tel:" in owner_client.get("/crisis/").content.decode()
    home = owner_client.get("/").content.decode()
    assert "This week so far" not in home and MARKER not in home


def test_the_right_pin_opens_the_page_you_asked_for(owner_client, journal):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    response = owner_client.post("/journal/unlock/", {"pin": "2468", "next": "/journal/reframes/"})
    assert response.url == "/journal/reframes/"
    assert MARKER in owner_client.get("/journal/reframes/").content.decode()


def test_unlock_never_sends_you_to_another_site(owner_client, journal):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    response = owner_client.post("/journal/unlock/", {"pin": "2468", "next": "https://evil.example/"})
    assert response.url == "/journal/"


def test_five_wrong_pins_sign_you_out_but_never_lock_the_account(client, owner, journal):
    client.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    set_pin(client)
    client.post("/journal/lock/")
    for _ in range(4):
        response = client.post("/journal/unlock/", {"pin": "0000", "next": "/journal/"})
        assert "not right" in response.content.decode()
    response = client.post("/journal/unlock/", {"pin": "0000", "next": "/journal/"})
    assert response.url == "/accounts/login/"
    assert client.get("/journal/").url.startswith("/accounts/login/")

    signed_in = client.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    assert signed_in.status_code == 302, "the password still works at once"
    assert MARKER in client.get("/journal/").content.decode(), "and it opens the journal"


def test_a_quiet_spell_locks_the_journal(owner_client, journal, owner):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        set_pin(owner_client, minutes="15")
        clock.shift(timedelta(minutes=15))
        assert MARKER in owner_client.get("/journal/").content.decode(), "15 quiet minutes are not yet more than 15"
        clock.shift(timedelta(minutes=14))
        assert MARKER in owner_client.get("/journal/").content.decode(), "being active restarts the quiet spell"
        clock.shift(timedelta(minutes=15, seconds=1))
        assert is_lock_screen(owner_client.get("/journal/"))


def test_each_person_and_each_device_locks_on_its_own(owner_client, owner, stranger, journal):
    set_pin(owner_client)
    laptop = Client()
    laptop.force_login(owner)
    strangers = Client()
    strangers.force_login(stranger)
    owner_client.post("/journal/lock/")
    assert MARKER in laptop.get("/journal/").content.decode()
    assert strangers.get("/journal/").status_code == 200


def test_what_you_typed_as_it_locked_is_offered_back_after_unlocking(owner_client, owner):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    typed = {
        "trigger_kind": "slow_reply",
        "intensity": "7",
        "what_happened": MARKER,
        "idempotency_key": str(uuid.uuid4()),
    }

    held = owner_client.post("/journal/log/", typed)

    assert is_lock_screen(held)
    assert not TriggerLog.objects.filter(user=owner).exists()
    offer = owner_client.post("/journal/unlock/", {"pin": "2468", "next": "/journal/log/"})
    assert "Save what I wrote" in offer.content.decode() and MARKER in offer.content.decode()
    owner_client.post("/journal/log/", typed)
    owner_client.post("/journal/log/", typed)
    assert list(TriggerLog.objects.filter(user=owner).values_list("what_happened", flat=True)) == [MARKER]


def test_a_held_form_comes_back_with_a_fresh_token_and_not_the_old_one(owner_client, owner):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    owner_client.post(
        "/journal/log/", {"trigger_kind": "slow_reply", "intensity": "7", "csrfmiddlewaretoken": "token-from-before"}
    )
    page = owner_client.post("/journal/unlock/", {"pin": "2468", "next": "/journal/log/"}).content.decode()
    offer = page[page.index('<form method="post" action="/journal/log/">') :]
    offer = offer[: offer.index("</form>")]
    assert "Save what I wrote" in offer and 'value="slow_reply"' in offer
    assert offer.count('name="csrfmiddlewaretoken"') == 1 and "token-from-before" not in page


def test_htmx_requests_while_locked_reload_the_page(owner_client, journal):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    response = owner_client.get("/journal/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_turning_the_lock_off_needs_the_current_pin(owner_client, owner):
    set_pin(owner_client)
    refused = owner_client.post("/journal/settings/lock/remove/", {"pin": "1357"})
    assert refused.context["remove_form"].errors["pin"] == ["That PIN is not right. The lock stays on."]
    assert UserSettings.objects.get(user=owner).has_lock
    owner_client.post("/journal/settings/lock/remove/", {"pin": "2468"})
    assert not UserSettings.objects.get(user=owner).has_lock


def test_wrong_pins_count_again_from_zero_after_unlocking(client, owner, journal):
    client.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    set_pin(client)
    for _ in range(2):  # two locks, four wrong PINs each: eight in all, never five in a row
        client.post("/journal/lock/")
        for _ in range(4):
            assert "not right" in client.post("/journal/unlock/", {"pin": "0000", "next": "/"}).content.decode()
        assert client.post("/journal/unlock/", {"pin": "2468", "next": "/journal/"}).url == "/journal/"
    assert MARKER in client.get("/journal/").content.decode(), "still signed in"


@pytest.mark.parametrize("length, offered", [(HELD_POST_LIMIT, True), (HELD_POST_LIMIT + 1, False)])
def test_typing_up_to_the_limit_is_held_while_locked_and_more_is_not(owner_client, owner, length, offered):
    set_pin(owner_client)
    owner_client.post("/journal/lock/")
    owner_client.post("/journal/log/", {"what_happened": "x" * length})
    offer = owner_client.post("/journal/unlock/", {"pin": "2468", "next": "/journal/log/"})
    assert ("Save what I wrote" in offer.content.decode()) is offered


def test_the_lock_screen_unlocks_in_a_browser_that_checks_its_form(owner, journal):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    settings = UserSettings.objects.get(user=owner)
    settings.set_lock_pin("2468")
    settings.lock_after_minutes = 0  # locked by the next page
    settings.save()
    lock_screen = browser.get("/journal/reframes/?page=2").content.decode()

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', lock_screen).group(1)
    asked = html.unescape(re.search(r'name="next" value="([^"]*)"', lock_screen).group(1))
    action = re.search(r'<form method="post" action="([^"]+)" class="unlock-form"', lock_screen).group(1)
    response = browser.post(action, {"csrfmiddlewaretoken": token, "pin": "2468", "next": asked})
    assert response.status_code == 302 and response.url == "/journal/reframes/?page=2"


def test_lock_now_is_offered_only_while_the_journal_is_open(owner_client, journal):
    assert "Lock your journal now" not in owner_client.get("/journal/").content.decode(), "no PIN, nothing to lock"
    set_pin(owner_client)
    assert "Lock your journal now" in owner_client.get("/journal/").content.decode()
    owner_client.post("/journal/lock/")
    assert "Lock your journal now" not in owner_client.get("/lessons/").content.decode()
