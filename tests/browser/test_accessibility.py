"""axe-core finds no accessibility problems on any page, in light and dark mode; the strict CSP blocks nothing."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from journal.factories import PauseSessionFactory, ReframeFactory, TriggerLogFactory
from tests.browser.conftest import AXE, PHONE, sign_in

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PUBLIC = [
    "/", "/lessons/", "/lessons/attachment-theory/", "/lessons/common-triggers/", "/lessons/glossary/", "/crisis/",
    "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/", "/no-such-page/",
]  # fmt: skip
JOURNAL = ["/journal/", "/journal/log/", "/journal/log/{log}/", "/journal/pause/", "/journal/pause/{pause}/",
           "/journal/reframes/", "/journal/reframes/new/", "/journal/settings/", "/journal/review/",
           "/journal/review/?weeks=4", "/journal/import/", "/accounts/delete/"]  # fmt: skip

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed: run `npm ci` (make test does)")


def violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.fixture(params=["light", "dark"])
def axe_page(request, browser):
    context = browser.new_context(**PHONE, color_scheme=request.param, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_violations(axe_page, site, path):
    axe_page.goto(site + path)
    assert violations(axe_page) == []


@pytest.fixture
def journal(person):
    log = TriggerLogFactory(user=person, intensity=9, trigger_kind="slow_reply", urge="text_again")
    TriggerLogFactory(user=person, occurred_at=timezone.now() - timedelta(days=3))
    ReframeFactory(user=person, log=log, pinned=True)
    pause = PauseSessionFactory(user=person, log=log, started_at=timezone.now())
    PauseSessionFactory(user=person, started_at=timezone.now() - timedelta(days=2), finished=True)
    return {"log": log.pk, "pause": pause.pk}


@pytest.mark.parametrize("path", JOURNAL)
def test_journal_pages_have_no_violations(axe_page, site, journal, path):
    sign_in(axe_page, site)
    axe_page.goto(site + path.format(**journal))
    assert violations(axe_page) == []


def test_the_demo_review_has_no_violations(axe_page, site):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(axe_page, site, username="demo", password="demo-password-123")
    for weeks in (1, 4):
        axe_page.goto(f"{site}/journal/review/?weeks={weeks}")
        assert violations(axe_page) == []


@pytest.mark.parametrize("path", ["/", "/lessons/self-soothing/", "/journal/log/", "/journal/pause/{pause}/",
                                  "/journal/review/", "/journal/settings/"])  # fmt: skip
def test_the_content_security_policy_blocks_nothing(browser, site, journal, path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, site)
    page.goto(site + path.format(**journal))
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
