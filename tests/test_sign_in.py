"""Sign-in that can't be turned against someone: who gets paused, what lifts it, and what a reset reveals."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from journal.factories import UserFactory
from tests.reminders.conftest import run_worker

pytestmark = pytest.mark.django_db
PASSWORD = "a quiet harbour 42"
FLAT = "10.0.0.7"  # an address people share: a flat, an office, a phone network
ELSEWHERE = "192.0.2.50"


def sign_in(username, password, address=FLAT, client=None, **headers):
    client = client or Client()
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def is_paused(response):
    return response.status_code == 429 and "Too many tries" in response.content.decode()


def test_five_wrong_passwords_pause_that_name_from_that_address_only(settings):
    UserFactory(username="dana")
    UserFactory(username="erin")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert not is_paused(sign_in("dana", "wrong"))
    assert sign_in("dana", "wrong").status_code == 429

    assert is_paused(sign_in("dana", PASSWORD))
    assert sign_in("dana", PASSWORD, address=ELSEWHERE).status_code == 302, "dana elsewhere is not paused"
    assert sign_in("erin", PASSWORD).status_code == 302, "someone else on the same address is not paused"


def test_one_address_guessing_across_many_names_is_paused():
    names = [f"person{n}" for n in range(11)]
    for name in names:
        UserFactory(username=name)
    for name in names[:10]:  # 19 wrong passwords: 2 for each of 9 names, 1 for the tenth
        for _ in range(2 if name != names[9] else 1):
            sign_in(name, "wrong")
    assert sign_in(names[10], PASSWORD).status_code == 302, "19 wrong in all is not yet a pause"

    sign_in(names[9], "wrong")  # the twentieth
    assert is_paused(sign_in(names[10], PASSWORD))
    assert sign_in(names[10], PASSWORD, address=ELSEWHERE).status_code == 302


def test_behind_a_proxy_each_visitor_is_counted_by_their_own_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="dana")
    proxy = "127.0.0.1"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("dana", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=FLAT)
    assert is_paused(sign_in("dana", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=FLAT))
    assert sign_in("dana", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 302
    spoofed = sign_in("dana", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {FLAT}")
    assert is_paused(spoofed), "a visitor can't pick their own address by writing the header"


def reset_password(client, email, new_password):
    client.post("/accounts/password_reset/", {"email": email})
    run_worker()
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": new_password, "new_password2": new_password})


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as a real one does
def test_a_password_reset_lifts_the_pause(settings):
    UserFactory(username="dana", email="dana@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("dana", "wrong")
    assert is_paused(sign_in("dana", PASSWORD))

    done = reset_password(Client(REMOTE_ADDR=FLAT), "dana@example.org", "a new calm tide 7")

    assert done.status_code == 302
    assert User.objects.get(username="dana").check_password("a new calm tide 7")
    assert sign_in("dana", "a new calm tide 7").status_code == 302


def without_tokens(content):
    return re.sub(rb'"X-CSRFToken": "\w+"|name="csrfmiddlewaretoken" value="\w+"', b"token", content)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as a real one does
def test_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(username="dana", email="dana@example.org")
    known = client.post("/accounts/password_reset/", {"email": "dana@example.org"}, follow=True)
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert without_tokens(known.content) == without_tokens(unknown.content)
    assert mail.outbox == [], "nothing is sent while the person waits, so timing can't tell them apart"

    run_worker()
    assert [message.to for message in mail.outbox] == [["dana@example.org"]]
    assert "Secure Base" in mail.outbox[0].body and "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as a real one does
def test_a_reset_email_that_cant_be_sent_is_reported(client, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_sign_in.BrokenMailServer"
    UserFactory(username="dana", email="dana@example.org")
    client.post("/accounts/password_reset/", {"email": "dana@example.org"})
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"
    assert "dana@example.org" not in caplog.text


def test_signing_up_with_an_address_someone_already_uses_looks_like_any_sign_up(client):
    UserFactory(username="dana", email="dana@example.org")
    form = {"password1": "a long calm tide 42", "password2": "a long calm tide 42"}
    taken = client.post("/accounts/signup/", {"username": "newcomer1", "email": "dana@example.org", **form})
    Client().post("/accounts/signup/", {"username": "newcomer2", "email": "fresh@example.org", **form})
    assert taken.status_code == 302
    assert "already" not in taken.content.decode()


def test_changing_your_password_signs_out_your_other_devices(owner):
    phone, laptop = Client(), Client()
    phone.force_login(owner)
    laptop.force_login(owner)
    changed = phone.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "a new calm tide 7", "new_password2": "a new calm tide 7"},
    )
    assert changed.status_code == 302
    assert phone.get("/journal/").status_code == 200, "the device that changed it stays signed in"
    assert laptop.get("/journal/")["Location"].startswith("/accounts/login/")


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")
