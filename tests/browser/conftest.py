"""Browser tests: Debian's Chromium driven by Playwright at a 390×844 touch viewport, against a live server.

Every test here gets the `browser` marker. Without /usr/bin/chromium they are skipped with one message, and the
accessibility checks are skipped when axe-core (from npm) is missing; `make test` installs both when it can.
"""

from pathlib import Path

import pytest
from django.conf import settings

from attachment_app.lessons import GLOSSARY_SLUG, library

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
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
SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PASSWORD = "a quiet harbour 42"  # what journal.factories.UserFactory gives every user
NO_CHROMIUM = "Chromium not installed: run `make test` as root or `apt-get install chromium`"
NO_AXE = "axe-core not installed: run `npm ci` (`make test` does) to check accessibility"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    # A conftest hook sees the whole session's items, so pick out the ones in this folder.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's context factory, failing in 10 s rather than 30 when an element never shows."""

    def make(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(10_000)
        return context

    return make


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages open with relative URLs (`page.goto("/crisis/")`). Because every `page` now depends on
    `live_server`, pytest-django gives each browser test transactional database access, which the server
    thread needs to see the rows a test creates."""
    return live_server.url


def sign_in(page, username, password=PASSWORD):
    """Through the real form, as a person would: django-axes watches this form, so no `client.login`."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").tap()
    page.wait_for_url("**/journal/")


@pytest.fixture
def small_phone(browser, base_url):
    """Opens pages on a 360×740 touch screen (the other contexts are a larger phone), each in its own context:
    `small_phone()`, or `small_phone(color_scheme="dark")` with any other context option."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=base_url, **SMALL_PHONE, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def small_phone_page(small_phone):
    return small_phone()


@pytest.fixture
def signed_in_page(page, owner):
    sign_in(page, owner.username)
    return page


def a_lesson():
    """attachment-theory when it exists (it has the widest content: a four-column table), else the first lesson."""
    lessons = library()
    if lessons.get("attachment-theory"):
        return lessons.get("attachment-theory")
    return next(lesson for lesson in lessons if lesson.slug != GLOSSARY_SLUG)


def check_accessibility(page):
    """Run axe-core on the page and fail with every violation: rule, impact, help, and the nodes it found."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    problems = []
    for violation in result["violations"]:
        problems.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"][:8]:
            checks = node["any"] + node["all"] + node["none"]
            detail = checks[0]["message"] if checks else ""
            problems.append(f"    {' '.join(node['target'])}: {detail}")
        if len(violation["nodes"]) > 8:
            problems.append(f"    … and {len(violation['nodes']) - 8} more")
    if problems:
        pytest.fail(f"axe found {len(result['violations'])} violation(s) on {page.url}:\n" + "\n".join(problems))


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip(NO_AXE)
    return check_accessibility


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def crisis_link(page):
    return page.get_by_role("contentinfo").locator('a[href="/crisis/"]')


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
