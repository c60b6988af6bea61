"""No input of any kind makes a 500: every form field and every URL and query parameter, fuzzed with hypothesis.

Huge, empty, any script, right-to-left marks, emoji, NUL, HTML, any number, any date from year 1 to 9999,
times in DST gaps, for people in zones from -11 to +14 hours. A form with an error keeps what was typed.
"""

import uuid
from datetime import date, datetime
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from journal.models import UserSettings

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)
ZONES = ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "America/Sao_Paulo"]

EDGES = [
    "",
    " ",
    "\x00",
    "nul\x00inside",
    "²",
    "٣",
    "𝟘",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-03-29T01:30",  # Europe/London's spring gap
    "2026-10-25T01:30",  # and its autumn fold
    "2026-W99",
    "<script>alert(1)</script>",
    "\u202eevil",
    "שלום עולם",
    "😶‍🌫️" * 50,
    "x" * 20_000,
    "../../etc/passwd",
    "https://evil.example/",
    "//evil.example",
]
ANY_VALUE = st.one_of(
    st.sampled_from(EDGES),
    st.text(max_size=200),
    st.integers().map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(str),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M")
    ),
)
QUERY_NAMES = [
    "log", "reframe", "script", "lesson", "weeks", "date", "before", "after", "page", "next", "from", "q", "topic",
    "country", "trigger", "urge", "since", "until",
]  # fmt: skip


@pytest.fixture
def journal(owner):
    log = TriggerLogFactory(user=owner)
    return {
        "log": log.pk,
        "pause": PauseSessionFactory(user=owner, log=log).pk,
        "reframe": ReframeFactory(user=owner, log=log).pk,
    }


def get_pages(journal):
    return [
        "/",
        "/lessons/",
        "/lessons/common-triggers/",
        "/crisis/",
        "/journal/",
        "/journal/log/",
        f"/journal/log/{journal['log']}/",
        f"/journal/log/{journal['log']}/edit/",
        "/journal/pause/",
        f"/journal/pause/{journal['pause']}/",
        "/journal/reframes/",
        "/journal/reframes/new/",
        f"/journal/reframes/{journal['reframe']}/",
        "/journal/review/",
        "/journal/review/2026-W47/",
        "/journal/review/2026-W47/reflection/",
        "/journal/settings/",
        "/journal/settings/lock/",
        "/journal/unlock/",
        "/journal/secure/",
        "/reminders/",
    ]


def no_server_error(response):
    assert response.status_code < 500, response.status_code


@settings(FUZZ, max_examples=8)
@given(zone=st.sampled_from(ZONES), params=st.dictionaries(st.sampled_from(QUERY_NAMES), ANY_VALUE, max_size=4))
def test_no_query_string_breaks_a_page(owner_client, owner, journal, zone, params):
    UserSettings.objects.filter(user=owner).update(time_zone=zone)
    for url in get_pages(journal):
        no_server_error(owner_client.get(url, params))


# Where each query parameter is read, so every awkward value reaches the code that reads it.
QUERY_PAGES = {
    "log": ["/journal/pause/", "/journal/reframes/new/"],
    "reframe": ["/journal/reframes/new/?lesson=common-triggers"],
    "script": ["/journal/reframes/new/?lesson=common-triggers"],
    "lesson": ["/journal/reframes/new/"],
    "weeks": ["/journal/review/"],
    "date": ["/journal/review/"],
    "before": ["/journal/", "/journal/?after=1"],
    "after": ["/journal/", "/journal/?trigger=work"],
    "page": ["/journal/secure/"],
    "trigger": ["/journal/"],
    "urge": ["/journal/"],
    "since": ["/journal/", "/journal/?until=2026-11-01"],
    "until": ["/journal/", "/journal/?since=2026-11-01"],
    "next": ["/journal/unlock/"],
    "from": ["/journal/log/"],
    "q": ["/lessons/"],
    "topic": ["/lessons/"],
    "country": ["/crisis/"],
}


@pytest.mark.parametrize("name", QUERY_PAGES)
def test_every_awkward_value_in_every_query_parameter(owner_client, owner, journal, name):
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        UserSettings.objects.filter(user=owner).update(time_zone=zone)
        for url in QUERY_PAGES[name]:
            for value in EDGES:
                joined = f"{url}{'&' if '?' in url else '?'}{urlencode({name: value})}"
                no_server_error(owner_client.get(joined))


POSTS = {
    "/journal/log/": ["trigger_kind", "intensity", "urge", "what_happened", "occurred_at", "idempotency_key"],
    "/journal/log/{log}/": ["sensations", "emotions", "story", "urge_strength", "acted_on", "intensity_after"]
    + ["helped", "notes"],
    "/journal/log/{log}/edit/": ["trigger_kind", "intensity", "urge", "what_happened", "occurred_at"],
    "/journal/pause/": ["minutes", "log", "idempotency_key"],
    "/journal/pause/{pause}/finish/": ["intensity_after", "urge_passed", "what_i_did"],
    "/journal/reframes/new/": ["anxious_thought", "believability_before", "alternatives", "balanced_thought"]
    + ["believability_after", "script_instead", "script_try", "lesson_slug", "log", "pinned", "idempotency_key"],
    "/journal/reframes/{reframe}/": ["anxious_thought", "balanced_thought", "believability_after", "log"],
    "/journal/review/2026-W47/reflection/": ["noticed", "helped", "intention"],
    "/journal/secure/": ["what_happened", "what_helped", "occurred_at", "idempotency_key"],
    "/journal/settings/": ["time_zone", "country", "week_start", "default_pause_minutes"],
    "/journal/settings/choices/": ["list_name", "label"],
    "/journal/settings/lock/": ["pin", "pin_again", "lock_after_minutes"],
    "/reminders/": ["daily_check_in", "check_in_at", "heads_up", "week_ready", "by_email", "email"]
    + ["quiet_from", "quiet_until"],
    "/accounts/signup/": ["username", "email", "password1", "password2", "time_zone"],
    "/accounts/password_reset/": ["email"],
}


@pytest.mark.parametrize("path", POSTS)
@FUZZ
@given(zone=st.sampled_from(ZONES), values=st.lists(ANY_VALUE, min_size=12, max_size=12))
def test_no_form_input_breaks_a_form(owner, journal, path, zone, values):
    UserSettings.objects.filter(user=owner).update(time_zone=zone)
    client = Client()
    if not path.startswith("/accounts/"):
        client.force_login(owner)
    data = dict(zip(POSTS[path], values, strict=False))
    no_server_error(client.post(path.format(**journal), data))


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=150)


@FUZZ
@given(zone=st.sampled_from(ZONES), words=TEXT, when=st.sampled_from(EDGES[9:18]))
def test_a_refused_moment_keeps_what_was_typed(owner_client, owner, zone, words, when):
    UserSettings.objects.filter(user=owner).update(time_zone=zone)
    typed = words.strip() or "x"
    response = owner_client.post(
        "/journal/log/",
        {"trigger_kind": "slow_reply", "intensity": "11", "what_happened": typed, "occurred_at": when}
        | {"idempotency_key": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert escape(typed) in response.content.decode()


@FUZZ
@given(words=TEXT)
def test_a_refused_reframe_keeps_what_was_typed(owner_client, words):
    typed = words.strip() or "x"
    response = owner_client.post("/journal/reframes/new/", {"anxious_thought": typed, "believability_before": "101"})
    assert response.status_code == 200
    assert escape(typed) in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["log=%ED%A0%80", "q=%FF%FE", "reframe=%C0%AF", "weeks=%00", "next=%E2%80%AE//evil", "date=%F0%9F%98%B6"],
)
def test_bytes_that_are_not_utf8_break_nothing(owner_client, journal, query):
    for url in get_pages(journal):
        no_server_error(owner_client.get(url, QUERY_STRING=query))
    no_server_error(
        owner_client.post(
            "/journal/log/",
            data=b"what_happened=%ED%A0%80&intensity=%FF",
            content_type="application/x-www-form-urlencoded",
        )
    )
