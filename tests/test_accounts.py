import pytest
from django.contrib.auth.models import User

from journal.factories import TriggerLogFactory, UserFactory
from journal.models import TriggerLog

pytestmark = pytest.mark.django_db
PASSWORD = "a quiet harbour 42"


def test_sign_up_signs_you_in_and_asks_for_your_time_zone(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "password1": "calm tides 2026", "password2": "calm tides 2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/journal/settings/"
    assert client.get("/journal/").status_code == 200
    assert User.objects.get(username="carol").password.startswith("md5$")  # tests hash fast; settings use Argon2


def test_sign_up_with_the_devices_time_zone_goes_straight_to_the_journal(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "carol",
            "password1": "calm tides 2026",
            "password2": "calm tides 2026",
            "time_zone": "Asia/Tokyo",
        },
    )
    assert response["Location"] == "/journal/"
    assert User.objects.get(username="carol").journal_settings.time_zone == "Asia/Tokyo"


def test_sign_up_errors_keep_what_was_typed(client):
    response = client.post("/accounts/signup/", {"username": "carol", "password1": "calm tides 2026", "password2": "x"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="carol"' in content
    assert "Please check the form" in content


def test_production_settings_hash_with_argon2():
    from attachment_app import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_in_and_out(client):
    UserFactory(username="dana")
    response = client.post("/accounts/login/", {"username": "dana", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/journal/"
    response = client.post("/accounts/logout/")
    assert "You are signed out" in response.content.decode()
    assert client.get("/journal/").status_code == 302


def test_wrong_password_says_so_kindly(client):
    UserFactory(username="dana")
    response = client.post("/accounts/login/", {"username": "dana", "password": "wrong"})
    assert response.status_code == 200
    assert "don't match" in response.content.decode()


def test_password_change(owner_client, owner):
    response = owner_client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "new calm tides 9", "new_password2": "new calm tides 9"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("new calm tides 9")


def test_deleting_the_account_removes_every_row(owner_client, owner, stranger):
    TriggerLogFactory(user=owner)
    TriggerLogFactory(user=stranger)
    response = owner_client.post("/accounts/delete/", {"password": "wrong"})
    assert "Nothing has been deleted" in response.content.decode()
    response = owner_client.post("/accounts/delete/", {"password": PASSWORD})
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(username="alice").exists()
    assert list(TriggerLog.objects.values_list("user__username", flat=True)) == ["bob"]
