"""The installable app and its offline half, as the server sees them: manifest, service worker, the two shells."""

import struct
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from attachment_app import offline
from journal.factories import CustomChoiceFactory, ReframeFactory, TriggerLogFactory
from journal.models import TriggerLog, UserSettings

pytestmark = pytest.mark.django_db
MARKER = "owner-private-marker"
SHELLS = ["/journal/log/offline/", "/journal/pause/offline/"]


def png_size(url):
    data = (Path(settings.BASE_DIR) / url.removeprefix("/")).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_the_manifest_opens_the_quick_log_as_an_app(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["name"], manifest["start_url"], manifest["display"]) == (
        "Secure Base",
        "/journal/log/",
        "standalone",
    )
    assert [(shortcut["short_name"], shortcut["url"]) for shortcut in manifest["shortcuts"]] == [
        ("Log", "/journal/log/"),
        ("Pause", "/journal/pause/"),
    ]
    assert manifest["theme_color"] and manifest["background_color"]


def test_the_manifest_icons_are_ours_and_the_sizes_they_say(client):
    icons = client.get("/manifest.webmanifest").json()["icons"]
    pngs = [icon for icon in icons if icon["type"] == "image/png"]
    for icon in pngs:
        width, height = png_size(icon["src"])
        assert icon["sizes"] == f"{width}x{height}"
    assert {icon["sizes"] for icon in pngs} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in pngs)
    assert any(icon["type"] == "image/svg+xml" for icon in icons)


@pytest.mark.parametrize("url", ["/", "/lessons/", "/crisis/"])
def test_pages_link_the_manifest_and_theme_colours_for_light_and_dark(client, url):
    content = client.get(url).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in content or url == "/crisis/"
    if url != "/crisis/":
        assert 'name="theme-color" content="#f7f4ef" media="(prefers-color-scheme: light)"' in content
        assert 'name="theme-color" content="#1c1f24" media="(prefers-color-scheme: dark)"' in content


def test_the_service_worker_is_checked_on_every_visit_and_keeps_push(client):
    response = client.get("/sw.js")
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    assert 'importScripts("/static/js/sw-push.js")' in source
    assert 'importScripts("/static/js/moment-queue.js", "/static/js/sw-offline.js")' in source
    assert 'const OFFLINE_PAGES = ["/crisis/", "/journal/log/offline/", "/journal/pause/offline/"]' in source


def cache_name(client):
    source = client.get("/sw.js").content.decode()
    return next(line for line in source.splitlines() if line.startswith("const CACHE = "))


def test_a_new_hashed_static_name_means_a_new_cache(client, monkeypatch):
    before = cache_name(client)
    plain = offline.static
    monkeypatch.setattr(offline, "static", lambda name: plain(name).replace("site.css", "site.0123abcd.css"))
    assert cache_name(client) != before


def test_in_development_a_changed_file_means_a_new_cache(client, settings, monkeypatch, tmp_path):
    settings.DEBUG = True
    before = cache_name(client)
    changed = tmp_path / "site.css"
    changed.write_text("body { color: red; }")
    found = offline.finders.find
    monkeypatch.setattr(offline.finders, "find", lambda name: str(changed) if name == "css/site.css" else found(name))
    assert cache_name(client) != before


@pytest.mark.parametrize("url", SHELLS)
def test_a_signed_out_visitor_gets_no_shell(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "X-Offline-Shell" not in response


@pytest.mark.parametrize("url", SHELLS)
def test_the_shells_hold_no_journal_text(owner_client, owner, url):
    TriggerLogFactory(user=owner, what_happened=MARKER)
    ReframeFactory(user=owner, balanced_thought=MARKER, pinned=True)
    CustomChoiceFactory(user=owner, label=MARKER)
    response = owner_client.get(url)
    assert response.status_code == 200
    assert response["X-Offline-Shell"] == "1"
    assert response["Cache-Control"] == "no-store"  # the browser's HTTP cache keeps none; only the worker does
    assert MARKER not in response.content.decode()


def test_the_log_shell_is_the_quick_log_form_marked_for_the_queue(owner_client):
    content = owner_client.get("/journal/log/offline/").content.decode()
    assert "data-offline-form data-offline-shell" in content
    assert 'name="idempotency_key"' in content
    assert 'name="trigger_kind"' in content and 'name="intensity"' in content


def test_a_message_waiting_for_the_next_page_is_not_taken_by_the_shell(owner_client):
    response = owner_client.post("/journal/log/", {"trigger_kind": "slow_reply", "intensity": "5"})
    assert "Saved. Well done for noticing." not in owner_client.get("/journal/log/offline/").content.decode()
    assert "Saved. Well done for noticing." in owner_client.get(response.url).content.decode()


def test_a_locked_journal_shows_its_lock_not_a_shell(owner_client):
    owner_client.post("/journal/settings/lock/", {"pin": "2468", "pin_again": "2468", "lock_after_minutes": "5"})
    owner_client.post("/journal/lock/")
    response = owner_client.get("/journal/log/offline/")
    assert "Your journal is locked" in response.content.decode()
    assert "X-Offline-Shell" not in response


def test_a_moment_sent_later_keeps_the_moment_it_was_saved_and_arrives_once(owner_client, owner):
    # Far from UTC: a time read in the person's zone instead of as the instant it names would show.
    UserSettings.objects.filter(user=owner).update(time_zone="Australia/Sydney")
    key = str(uuid.uuid4())
    saved_on_the_phone = {
        "idempotency_key": key,
        "trigger_kind": "slow_reply",
        "intensity": "7",
        "occurred_at": "2026-03-02T21:14:05.250Z",
    }
    for _ in range(2):
        response = owner_client.post("/journal/log/", saved_on_the_phone)
        assert response.status_code == 302
    log = TriggerLog.objects.get(user=owner)
    assert log.occurred_at == datetime(2026, 3, 2, 21, 14, 5, 250000, tzinfo=UTC)
