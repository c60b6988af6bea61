import re

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/lessons/", "/lessons/glossary/", "/crisis/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_links_to_crisis_help_and_says_it_is_not_therapy(client, path):
    content = client.get(path).content.decode()
    assert 'href="/crisis/"' in content
    assert "not a substitute for therapy" in content
    assert 'href="#main"' in content


def test_home_invites_a_newcomer_in(client):
    content = client.get("/").content.decode()
    assert "Log a moment" in content and "Create an account" in content


def test_home_shows_the_week_at_a_glance_when_signed_in(owner_client):
    content = owner_client.get("/").content.decode()
    assert "This week so far" in content


def test_crisis_page_lists_emergency_numbers(client):
    content = client.get("/crisis/").content.decode()
    assert "988" in content and "116 123" in content and "112" in content


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_500_page_is_calm_and_leaks_nothing(settings):
    settings.DEBUG = False
    from django.urls import path

    from attachment_app import urls

    def boom(request):
        raise RuntimeError("secret journal words")

    urls.urlpatterns.append(path("boom-test/", boom))
    try:
        response = Client(raise_request_exception=False).post("/boom-test/", {"notes": "secret journal words"})
    finally:
        urls.urlpatterns.pop()
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong on our side" in content
    assert "secret journal words" not in content


def test_security_headers_are_set(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_stale_form_gets_a_kind_page_not_an_error():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()


def header_of(response):
    content = response.content.decode()
    return content[content.index("<header") : content.index("</header>")]


JOURNAL_PAGES = [
    "/journal/",
    "/journal/log/",
    "/journal/pause/",
    "/journal/reframes/",
    "/journal/reframes/new/",
    "/journal/review/",
    "/journal/settings/",
    "/journal/import/",
]


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/no-such-page/"])
def test_help_and_a_quick_exit_are_in_the_header_of_every_public_page(client, path):
    header = header_of(client.get(path))
    assert '<a class="get-help" href="/crisis/"' in header
    assert 'class="quick-exit js-quick-exit" href="https://www.bbc.co.uk/weather"' in header


@pytest.mark.parametrize("path", JOURNAL_PAGES)
def test_help_and_a_quick_exit_are_in_the_header_of_every_journal_page(owner_client, path):
    header = header_of(owner_client.get(path))
    assert '<a class="get-help" href="/crisis/"' in header and "Leave quickly" in header


def test_the_quick_exit_script_is_a_file_not_inline(client):
    content = client.get("/").content.decode()
    assert '<script src="/static/js/quick-exit.js" defer></script>' in content
    assert "location.replace" in (settings.BASE_DIR / "static/js/quick-exit.js").read_text()


def test_signed_in_home_leads_with_log_pause_and_this_week(owner_client):
    content = owner_client.get("/").content.decode()
    main = content[content.index("<main") :]
    first_links = re.findall(r'<a class="button[^"]*" href="([^"]+)"', main)[:3]
    assert first_links == ["/journal/log/", "/journal/pause/", "/journal/review/"]
    assert "A calm place for an anxious heart" not in main


def test_every_signed_in_page_has_log_in_the_menu(owner_client):
    for url in ("/", "/lessons/", "/journal/", "/journal/review/", "/journal/settings/"):
        assert 'class="nav-log" href="/journal/log/"' in owner_client.get(url).content.decode(), url
    assert "nav-log" not in Client().get("/").content.decode()


HTMX_ATTRIBUTE = re.compile(r"\shx-(get|post|put|patch|delete|target|swap)=")


def test_htmx_is_loaded_on_the_pages_that_use_it_and_no_others(owner_client, owner):
    from journal.factories import ReframeFactory, TriggerLogFactory

    moment = TriggerLogFactory(user=owner)
    ReframeFactory(user=owner)
    paths = [*PUBLIC_PAGES, *JOURNAL_PAGES, "/lessons/what-is-anxious-attachment/", moment.get_absolute_url()]
    uses_htmx = set()
    for path in paths:
        content = owner_client.get(path).content.decode()
        loads_htmx = "/static/django_htmx/htmx" in content
        assert loads_htmx == bool(HTMX_ATTRIBUTE.search(content)), path
        if loads_htmx:
            uses_htmx.add(path)
    assert {"/journal/reframes/", "/journal/review/", moment.get_absolute_url()} <= uses_htmx
    assert "/journal/log/" not in uses_htmx
