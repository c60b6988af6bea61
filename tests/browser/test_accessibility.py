"""axe-core finds no accessibility problems on any page, in light and (for the pages people live on) dark mode;
and the strict content security policy blocks nothing the pages need."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from attachment_app.lessons import library
from journal.factories import PauseSessionFactory, ReframeFactory, SecureMomentFactory, TriggerLogFactory
from journal.management.commands import seed_demo
from journal.weeks import Week
from tests.browser.conftest import a_lesson, screenshot, sign_in

PUBLIC = {
    "home": "/",
    "lessons": "/lessons/",
    "lesson": "/lessons/{lesson}/",
    "glossary": "/lessons/glossary/",
    "crisis": "/crisis/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password-reset": "/accounts/password_reset/",
    "not-found": "/no-such-page/",
}
JOURNAL = {
    "entries": "/journal/",
    "quick-log": "/journal/log/",
    "entry": "/journal/log/{log}/",
    "pause-start": "/journal/pause/",
    "pause-running": "/journal/pause/{running_pause}/",
    "pause-finished": "/journal/pause/{finished_pause}/",
    "pause-over": "/journal/pause/{pause_over}/",
    "reframes": "/journal/reframes/",
    "reframe-new": "/journal/reframes/new/",
    "reframe-script": "/journal/reframes/new/?lesson=communicating-needs&script=0",
    "settings": "/journal/settings/",
    "review": "/journal/review/",
    "review-4-weeks": "/journal/review/?weeks=4",
    "import": "/journal/import/",
    "secure-moments": "/journal/secure/",
    "secure-moment": "/journal/secure/{secure}/",
    "delete-account": "/accounts/delete/",
}
DARK = [
    "home",
    "lesson",
    "glossary",
    "crisis",
    "quick-log",
    "entry",
    "pause-running",
    "pause-over",
    "reframes",
    "reframe-new",
    "review",
    "secure-moments",
]
PAGES = [pytest.param(name, "light", id=name) for name in [*PUBLIC, *JOURNAL]] + [
    pytest.param(name, "dark", id=f"{name}-dark") for name in DARK
]


@pytest.fixture
def journal(owner):
    """A week with something in it: two moments, a pinned reframe, a finished pause; a pause runs only on
    request, because a running pause turns /journal/pause/ into a redirect to it."""
    log = TriggerLogFactory(user=owner, intensity=9, trigger_kind="slow_reply", urge="text_again")
    TriggerLogFactory(user=owner, occurred_at=timezone.now() - timedelta(days=3))
    ReframeFactory(user=owner, log=log, pinned=True)
    ReframeFactory(user=owner, is_draft=True, balanced_thought="")
    finished = PauseSessionFactory(
        user=owner, log=log, started_at=timezone.now() - timedelta(hours=2), finished=True, unsent_message="Call me?"
    )
    over = PauseSessionFactory(user=owner, started_at=timezone.now() - timedelta(hours=3), unsent_message="Call me?")
    secure = SecureMomentFactory(user=owner)
    return {"log": log.pk, "finished_pause": finished.pk, "pause_over": over.pk, "secure": secure.pk}


@pytest.mark.parametrize(("name", "scheme"), PAGES)
def test_no_accessibility_violations(request, new_context, axe, name, scheme):
    page = new_context(bypass_csp=True, color_scheme=scheme).new_page()  # axe is injected past the strict CSP
    values = {"lesson": a_lesson().slug}
    if name in JOURNAL:
        owner = request.getfixturevalue("owner")
        values.update(request.getfixturevalue("journal"))
        if name == "pause-running":
            values["running_pause"] = PauseSessionFactory(
                user=owner, started_at=timezone.now(), unsent_message="Call me?"
            ).pk
        sign_in(page, owner.username)
    page.goto({**PUBLIC, **JOURNAL}[name].format(**values))
    if scheme == "dark":
        screenshot(page, f"{name}-dark")
    axe(page)


def test_every_lesson_has_no_violations(new_context, axe):
    """Lessons are Markdown written by many hands: a wide table or a bare link shows up here first."""
    page = new_context(bypass_csp=True).new_page()
    failures = []
    for lesson in library():
        page.goto(f"/lessons/{lesson.slug}/")
        try:
            axe(page)
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
    if failures:
        pytest.fail("\n".join(failures))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_demo_review_has_no_violations(new_context, axe, scheme):
    """The review with twelve weeks of demo data draws every chart, so it is the one to check."""
    call_command(seed_demo.Command(), stdout=io.StringIO())
    page = new_context(bypass_csp=True, color_scheme=scheme).new_page()
    sign_in(page, seed_demo.USERNAME, seed_demo.PASSWORD)
    last_week = Week.current(ZoneInfo(seed_demo.ZONE)).previous
    for path in (f"/journal/review/{last_week.slug}/", "/journal/review/?weeks=4"):
        page.goto(path)
        axe(page)
    if scheme == "dark":
        screenshot(page, "review-4-weeks-dark")


def test_the_content_security_policy_blocks_nothing(signed_in_page, owner, journal):
    page = signed_in_page
    running = PauseSessionFactory(user=owner, started_at=timezone.now())
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for path in (
        "/",
        "/lessons/",
        f"/lessons/{a_lesson().slug}/",
        "/journal/log/",
        f"/journal/log/{journal['log']}/",
        f"/journal/pause/{running.pk}/",
        "/journal/reframes/new/",
        "/journal/review/",
        "/journal/settings/",
    ):
        page.goto(path)  # deferred scripts have run by "load", and htmx has tried to add its style
    assert errors == []
