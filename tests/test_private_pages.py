"""What the browser may keep: private pages are never stored, sign-out and deletion clear the site's data."""

import pytest
from django.urls import reverse

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory

pytestmark = pytest.mark.django_db

PASSWORD = "calm-tides-42"


@pytest.fixture
def journal(owner):
    log = TriggerLogFactory(user=owner)
    return {"log": log, "pause": PauseSessionFactory(user=owner, log=log), "reframe": ReframeFactory(user=owner)}


def private_urls(journal):
    return [
        reverse("journal:entries"),
        reverse("journal:log_new"),
        reverse("journal:log_detail", args=[journal["log"].pk]),
        reverse("journal:log_edit", args=[journal["log"].pk]),
        reverse("journal:pause_detail", args=[journal["pause"].pk]),
        reverse("journal:reframes"),
        reverse("journal:reframe_edit", args=[journal["reframe"].pk]),
        reverse("journal:review"),
        reverse("journal:settings"),
        reverse("journal:export_json"),
        reverse("journal:export_csv"),
        reverse("reminders:settings"),
        reverse("password_change"),
        reverse("delete_account"),
    ]


def test_no_private_page_is_stored_by_the_browser(owner_client, journal):
    for url in private_urls(journal):
        response = owner_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_sign_in_pages_are_not_stored_either(client):
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"):
        assert client.get(url)["Cache-Control"] == "no-store", url


def test_public_lessons_may_be_cached(client):
    assert "no-store" not in client.get("/lessons/").get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/", "/lessons/", "/crisis/", "/accounts/login/"])
def test_no_page_may_use_camera_microphone_or_location(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy, (url, feature)


def test_signing_out_clears_the_browsers_copies_and_stored_data(owner_client):
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 200
    cleared = {part.strip() for part in response["Clear-Site-Data"].split(",")}
    assert cleared == {'"cache"', '"cookies"', '"storage"'}


def test_a_signed_in_page_does_not_clear_anything(owner_client):
    assert "Clear-Site-Data" not in owner_client.get(reverse("journal:entries"))


def test_deleting_the_account_clears_the_browsers_copies(client, owner):
    owner.set_password(PASSWORD)
    owner.save()
    client.force_login(owner)
    refused = client.post(reverse("delete_account"), {"password": "not it"})
    assert "Clear-Site-Data" not in refused
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert "Your account is deleted" in response.content.decode()
    assert '"storage"' in response["Clear-Site-Data"]
