import re

import pytest

from journal.factories import CustomChoiceFactory, TriggerLogFactory
from journal.models import CustomChoice, UserSettings

pytestmark = pytest.mark.django_db


def test_settings_save_time_zone_week_start_and_pause_length(owner_client, owner):
    response = owner_client.post(
        "/journal/settings/",
        {"time_zone": "Pacific/Auckland", "week_start": "6", "default_pause_minutes": "30"},
    )
    assert response.status_code == 302
    settings = UserSettings.objects.get(user=owner)
    assert (settings.time_zone, settings.week_start, settings.default_pause_minutes) == (
        "Pacific/Auckland",
        6,
        30,
    )


def test_times_are_shown_in_the_users_zone(owner_client, owner):
    from datetime import UTC, datetime

    log = TriggerLogFactory(user=owner, occurred_at=datetime(2026, 1, 10, 23, 30, tzinfo=UTC))
    owner_client.post(
        "/journal/settings/", {"time_zone": "Asia/Tokyo", "week_start": "0", "default_pause_minutes": "20"}
    )
    assert "Sun 11 Jan, 08:30" in owner_client.get(f"/journal/log/{log.pk}/").content.decode()


def test_unknown_time_zone_is_refused_kindly(owner_client, owner):
    response = owner_client.post(
        "/journal/settings/", {"time_zone": "Mars/Olympus", "week_start": "0", "default_pause_minutes": "7"}
    )
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert UserSettings.objects.get(user=owner).time_zone == "Europe/London"


def test_settings_page_suggests_the_browser_zone_with_a_script(owner_client):
    content = owner_client.get("/journal/settings/").content.decode()
    assert "js/timezone.js" in content and "js-zone-suggestion" in content


def test_add_and_remove_your_own_trigger(owner_client, owner):
    owner_client.post("/journal/settings/choices/", {"list_name": "trigger", "label": "Work deadline"})
    choice = CustomChoice.objects.get(user=owner)
    assert (choice.key, choice.label) == ("my-work-deadline", "Work deadline")
    listed = owner_client.get("/journal/settings/").content.decode()
    assert f'action="/journal/settings/choices/{choice.pk}/delete/"' in listed
    assert 'Remove<span class="visually-hidden"> Work deadline</span>' in listed
    response = owner_client.post("/journal/settings/choices/", {"list_name": "trigger", "label": "work deadline"})
    assert "You already have one with that name. Try another." in response.content.decode()
    TriggerLogFactory(user=owner, trigger_kind="my-work-deadline")
    owner_client.post(f"/journal/settings/choices/{choice.pk}/delete/")
    assert not CustomChoice.objects.exists()
    assert "Work deadline" in owner_client.get("/journal/").content.decode()


def test_a_custom_urge_appears_in_the_quick_log(owner_client, owner):
    CustomChoiceFactory(user=owner, list_name="urge", label="Scroll their photos")
    assert "Scroll their photos" in owner_client.get("/journal/log/").content.decode()


def settings_form(**fields):
    return {"time_zone": "Europe/London", "week_start": "0", "default_pause_minutes": "20", **fields}


def test_the_country_is_suggested_from_the_time_zone_but_never_chosen_for_you(owner_client, owner):
    content = owner_client.get("/journal/settings/").content.decode()
    assert "Your time zone suggests United Kingdom" in content
    assert re.search(r'<option value=""[^>]*selected', content)
    assert not re.search(r'<option value="GB"[^>]*selected', content)
    assert UserSettings.objects.get(user=owner).country == ""


def test_a_new_time_zone_brings_a_new_suggestion(owner_client, owner):
    owner_client.post("/journal/settings/", settings_form(time_zone="Pacific/Auckland"))
    content = owner_client.get("/journal/settings/").content.decode()
    assert "Your time zone suggests New Zealand" in content
    assert UserSettings.objects.get(user=owner).country == ""


def test_no_suggestion_for_a_zone_we_have_no_lines_for(owner_client):
    owner_client.post("/journal/settings/", settings_form(time_zone="Asia/Tokyo"))
    assert "Your time zone suggests" not in owner_client.get("/journal/settings/").content.decode()


def test_choosing_a_country_saves_it_and_tells_the_crisis_page(owner_client, owner):
    response = owner_client.post("/journal/settings/", settings_form(country="NZ"))
    assert UserSettings.objects.get(user=owner).country == "NZ"
    assert response.cookies["crisis_country"].value == "NZ"
    assert response.cookies["crisis_country"]["httponly"]
    assert "Your time zone suggests" not in owner_client.get("/journal/settings/").content.decode()
    crisis = owner_client.get("/crisis/").content.decode()
    assert re.search(r'id="country-(\w+)"', crisis).group(1) == "NZ"


def test_an_unknown_country_is_refused_kindly(owner_client, owner):
    response = owner_client.post("/journal/settings/", settings_form(country="XX"))
    assert response.status_code == 200 and "Please check the form" in response.content.decode()
    assert UserSettings.objects.get(user=owner).country == ""


def test_clearing_the_country_clears_the_cookie(owner_client, owner):
    owner_client.post("/journal/settings/", settings_form(country="IE"))
    response = owner_client.post("/journal/settings/", settings_form(country=""))
    assert response.cookies["crisis_country"].value == ""  # deleted: empty and expired


def test_the_cookie_follows_settings_on_a_new_device(client, owner):
    owner.journal_settings.country = "AU"
    owner.journal_settings.save()
    client.force_login(owner)
    assert client.get("/journal/").cookies["crisis_country"].value == "AU"
    assert "crisis_country" not in client.get("/journal/").cookies  # set once, not on every page


@pytest.mark.parametrize(
    "label", ["仕事の締め切り", "رسالة لم تُقرأ", "Молчание", "Ψυχρή απάντηση", "🌧️", "📵 phone off", "😶‍🌫️"]
)
def test_your_own_choices_can_be_in_any_script_or_emoji(owner_client, owner, label):
    response = owner_client.post("/journal/settings/choices/", {"list_name": "trigger", "label": label})
    assert response.status_code == 302
    choice = CustomChoice.objects.get(user=owner)
    assert choice.label == label
    page = owner_client.get("/journal/log/").content.decode()
    assert label in page and f'value="{choice.key}"' in page
    saved = owner_client.post("/journal/log/", {"trigger_kind": choice.key, "intensity": "6"})
    assert saved.status_code == 302
    assert label in owner_client.get(saved.url).content.decode()
    again = owner_client.post("/journal/settings/choices/", {"list_name": "trigger", "label": f" {label} "})
    assert "already have one" in again.content.decode()


def test_different_emoji_and_scripts_are_different_choices(owner_client, owner):
    for label in ["🌧️", "🌧️🌧️", "☀️", "不安", "不安な夜"]:
        owner_client.post("/journal/settings/choices/", {"list_name": "trigger", "label": label})
    assert CustomChoice.objects.filter(user=owner).count() == 5


def test_a_stored_zone_this_server_does_not_know_falls_back_to_utc_with_a_notice(owner_client, owner):
    from datetime import UTC, datetime

    log = TriggerLogFactory(user=owner, occurred_at=datetime(2026, 1, 10, 23, 30, tzinfo=UTC))
    UserSettings.objects.filter(user=owner).update(time_zone="Europe/Kyiv-old")
    for url in ("/journal/", "/journal/log/", f"/journal/log/{log.pk}/", "/journal/review/", "/journal/settings/"):
        response = owner_client.get(url)
        assert response.status_code == 200, url
        assert "couldn&#x27;t read your time zone" in response.content.decode(), url
    assert "Sat 10 Jan, 23:30" in owner_client.get(f"/journal/log/{log.pk}/").content.decode()
    owner_client.post("/journal/settings/", settings_form(time_zone="Europe/Kyiv"))
    assert "time zone" not in owner_client.get("/journal/").content.decode().lower()
