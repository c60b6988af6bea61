"""Help that always works: /crisis/ and the error page with the database down, the lines file, /healthz."""

import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.checks import Error, Warning
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connection, connections
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject

from attachment_app import crisis_lines
from attachment_app.checks import check_crisis_lines
from attachment_app.crisis_lines import COUNTRY_COOKIE, CrisisLinesError, load_crisis_lines
from journal.middleware import UserTimezoneMiddleware, works_without_database
from journal.models import Heartbeat

pytestmark = pytest.mark.django_db


@contextmanager
def database_stopped():
    """Every connection and query fails, as when the database server is stopped."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused: the database is stopped for this test")

    backend = type(connections["default"])
    with mock.patch.object(backend, "ensure_connection", refuse), mock.patch.object(backend, "create_cursor", refuse):
        yield


def section_of(content, code):
    start = content.index(f'id="country-{code}"')
    return content[start : content.index("</section>", start)]


# /crisis/ --------------------------------------------------------------------------------------------------


def test_the_crisis_page_works_with_the_database_down_and_a_session_cookie(owner_client):
    assert settings.SESSION_COOKIE_NAME in owner_client.cookies  # alice is signed in
    with database_stopped():
        response = owner_client.get("/crisis/")
    assert response.status_code == 200
    assert 'href="tel:999"' in response.content.decode()


def test_a_page_marked_to_work_without_the_database_never_asks_it_who_is_signed_in(owner_client, rf):
    page = works_without_database(lambda request: HttpResponse("help"))
    request = rf.get("/somewhere/")
    request.user = SimpleLazyObject(lambda: pytest.fail("the page asked the database who is signed in"))
    with database_stopped():
        assert UserTimezoneMiddleware(page).process_view(request, page, (), {}) is None
    assert not hasattr(request, "journal_settings")


def test_the_stopped_database_really_stops_journal_pages(owner_client):
    """The crisis test above means something only if the stopped database does break a normal page."""
    with database_stopped(), pytest.raises(OperationalError):
        owner_client.get("/journal/")


def test_without_a_country_every_emergency_number_is_one_tap_away(client):
    content = client.get("/crisis/").content.decode()
    for number in ("999", "112", "911", "000", "111"):
        assert f'href="tel:{number}"' in content
    assert 'href="?country=NZ"' in content and 'href="https://findahelpline.com"' in content


def test_the_country_from_settings_comes_first(client):
    client.cookies[COUNTRY_COOKIE] = "IE"
    content = client.get("/crisis/").content.decode()
    first_country = re.search(r'id="country-(\w+)"', content).group(1)
    assert first_country == "IE"
    ireland = section_of(content, "IE")
    assert 'href="tel:112"' in ireland and 'href="tel:1800341900"' in ireland and 'href="tel:116123"' in ireland
    assert 'href="sms:50808?&amp;body=HELLO"' in ireland
    assert "Other places" in content and 'id="country-US"' in content  # the others are still there, below


def test_a_choice_on_the_page_comes_before_the_cookie(client):
    client.cookies[COUNTRY_COOKIE] = "IE"
    content = client.get("/crisis/?country=AU").content.decode()
    assert re.search(r'id="country-(\w+)"', content).group(1) == "AU"


@pytest.mark.parametrize("code", ["XX", "gb", "<script>", ""])
def test_an_unknown_country_shows_every_country_without_an_error(client, code):
    client.cookies[COUNTRY_COOKIE] = code
    response = client.get(f"/crisis/?country={code}")
    assert response.status_code == 200
    assert "Where are you?" in response.content.decode()


def test_the_page_varies_with_the_cookie(client):
    assert "Cookie" in client.get("/crisis/")["Vary"]


def test_each_country_has_a_person_to_reach_and_an_abuse_line(client):
    content = client.get("/crisis/").content.decode()
    for code, numbers in {
        "GB": ["tel:116123", "sms:85258", "tel:08082000247", "tel:08001111"],
        "US": ["tel:988", "sms:988", "tel:18007997233", "sms:88788"],
        "CA": ["tel:988", "tel:18006686868", "sms:686868", "https://www.sheltersafe.ca"],
        "AU": ["tel:131114", "tel:1800737732", "tel:1800551800"],
        "NZ": ["tel:1737", "tel:0800543354", "tel:0800733843", "tel:0800376633"],
    }.items():
        place = section_of(content, code)
        assert all(number in place for number in numbers), code


def test_the_crisis_page_explains_phone_safety_and_the_quick_exit(client):
    content = client.get("/crisis/").content.decode()
    assert "If someone checks your phone" in content and "Leave quickly" in content


# The 500 page ----------------------------------------------------------------------------------------------


def test_the_error_page_shows_the_numbers_when_the_database_is_down(owner_client, settings):
    settings.DEBUG = False
    owner_client.raise_request_exception = False
    owner_client.cookies[COUNTRY_COOKIE] = "NZ"
    with database_stopped():
        response = owner_client.get("/journal/")
    content = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in content
    assert 'href="tel:1737"' in content and 'href="tel:111"' in content


def test_the_error_page_without_a_country_lists_every_emergency_number_and_a_line(owner_client, settings):
    settings.DEBUG = False
    owner_client.raise_request_exception = False
    with database_stopped():
        response = owner_client.get("/journal/")
    content = response.content.decode()
    assert response.status_code == 500
    assert 'href="tel:911"' in content and 'href="tel:116123"' in content and 'href="tel:988"' in content


# /healthz --------------------------------------------------------------------------------------------------


def test_healthz_writes_to_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    first_beat = Heartbeat.objects.get().beat_at
    with time_machine.travel(first_beat + timedelta(minutes=1)):
        client.get("/healthz")
    assert Heartbeat.objects.get().beat_at > first_beat


def test_healthz_is_503_when_the_database_can_read_but_not_write(client):
    def disk_full(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise OperationalError("database or disk is full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(disk_full):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "cannot write"}


def test_healthz_is_503_when_the_database_is_down(client):
    with database_stopped():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


# The lines file and `manage.py check` ----------------------------------------------------------------------


def every_check_date():
    return [line.checked for _, line in load_crisis_lines().every_line()]


def test_check_warns_when_a_line_has_not_been_checked_for_a_year():
    with time_machine.travel(min(every_check_date()) + timedelta(days=366)):
        warnings = check_crisis_lines(None)
        with pytest.raises(SystemCheckError, match="crisis.W001"):
            call_command("check", fail_level="WARNING")
    assert warnings and {warning.id for warning in warnings} == {"crisis.W001"}
    assert all(isinstance(warning, Warning) for warning in warnings)
    assert "Samaritans" in " ".join(warning.msg for warning in warnings)


def test_check_is_quiet_within_the_year():
    with time_machine.travel(max(every_check_date()) + timedelta(days=364)):
        assert check_crisis_lines(None) == []


def test_check_names_every_problem_in_a_broken_file(tmp_path, monkeypatch):
    broken = tmp_path / "crisis_lines.toml"
    broken.write_text(
        '[fallback]\nname = "Find a Helpline"\nurl = "https://findahelpline.com"\nsource = "x"\nchecked = 2026-11-23\n'
        '[[countries]]\ncode = "GB"\nname = "United Kingdom"\n'
        '[[countries.lines]]\nkind = "crisis"\nname = "Samaritans"\ncall = "116 123"\n'
    )
    monkeypatch.setattr(crisis_lines, "DATA_FILE", broken)
    errors = check_crisis_lines(None)
    assert all(isinstance(error, Error) and error.id == "crisis.E001" for error in errors)
    messages = " ".join(error.msg for error in errors)
    assert "no source" in messages and "no checked" in messages


def test_the_file_covers_the_places_we_promise():
    lines = load_crisis_lines()
    assert {country.code for country in lines.countries} >= {"GB", "IE", "US", "CA", "AU", "NZ", "EU"}
    assert lines.get("EU").emergency.call == "112"
    assert lines.fallback.url == "https://findahelpline.com"
    for country in lines.countries:
        if country.code != "EU":
            assert country.reach_a_person and country.of_kind("abuse") and country.of_kind("youth"), country.code


def test_every_line_has_a_source_and_a_check_date():
    for where, line in load_crisis_lines().every_line():
        assert line.source.startswith("https://"), (where, line.name)
        assert line.checked.year >= 2026, (where, line.name)


def test_every_suggested_time_zone_is_a_real_one():
    import zoneinfo

    zones = zoneinfo.available_timezones()
    for country in load_crisis_lines().countries:
        assert set(country.time_zones) <= zones, country.code


def test_a_broken_file_is_refused_with_every_problem_named(tmp_path):
    broken = tmp_path / "lines.toml"
    broken.write_text('[[countries]]\ncode = "ZZ"\nname = "Nowhere"\n[[countries.lines]]\nkind = "sing"\n')
    with pytest.raises(CrisisLinesError) as failure:
        load_crisis_lines(broken)
    assert any("no emergency number" in problem or "no name" in problem for problem in failure.value.problems)
