"""Browser tests: Debian's Chromium driven by Playwright at a phone viewport, against a live server.

Skipped, with a message, where Chromium is not installed (`make test` installs it when it runs as root).
"""

from pathlib import Path

import pytest
from django.conf import settings

from journal.factories import UserFactory, UserSettingsFactory

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PASSWORD = "a quiet harbour 42"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason="Chromium not installed: run `make test` as root or `apt-get install chromium`"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


@pytest.fixture
def site(live_server):
    return live_server.url


@pytest.fixture
def person(db):
    user = UserFactory(username="alice")
    UserSettingsFactory(user=user, time_zone="Europe/London")
    return user


def sign_in(page, site, username="alice", password=PASSWORD):
    page.goto(f"{site}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").tap()
    page.wait_for_url(f"{site}/journal/")


@pytest.fixture
def signed_in(page, site, person):
    sign_in(page, site)
    return page


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
