"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

The browser is never downloaded: it is /usr/bin/chromium (or CHROMIUM_PATH). Without it
these tests are skipped on a developer's machine, and fail in CI (REQUIRE_BROWSER=1).
"""

import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by
# fixtures in that same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# The closed network here refuses Chromium's background connections; these flags stop them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    # Any third-party request is a failure: the site must not contact anyone uninvited.
    page.third_party_requests = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "about:"))
            else page.third_party_requests.append(request.url)
        ),
    )
    # The strict CSP is part of the design: a violation means an inline script or style slipped in.
    page.csp_errors = []
    page.on(
        "console",
        lambda message: page.csp_errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page


@pytest.fixture
def live_demo(transactional_db, live_server):
    """A live server with the full demo content in both languages."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return live_server
