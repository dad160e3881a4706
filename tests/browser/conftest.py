"""Chromium through Playwright against the live server: browser, personas' pages, screenshots.

Every page a test opens is watched: a request to anything but the live server is refused
and fails the test (the app must work offline, CSP ``'self'`` only), and so does any
script error or Content-Security-Policy violation in the console.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, Route, sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# Chromium logs every 4xx response as a console error, pages the tests open on purpose (403,
# 404, a form sent back with 400) included; failed assets and htmx calls are caught by status.
FAILED_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of \d+")


@pytest.fixture(autouse=True)
def _reference_data(reference_data) -> None:
    """Browser tests are transactional (live server): put back the migrations' reference data."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run scripts/services.sh (apt-get install chromium) "
            "or set CHROMIUM_PATH. The browser tests never skip.",
            pytrace=False,
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous calls. Django reads this on each call.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(headless=True, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageWatch:
    """What went wrong in a browser context: outside requests, script errors, CSP violations."""

    def __init__(self) -> None:
        self.outside_requests: list[str] = []
        self.errors: list[str] = []

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._only_local)
        context.on("page", self._watch_page)

    def _only_local(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def _watch_page(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not FAILED_LOAD.search(message.text):
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.request.resource_type} {response.url} answered {response.status}")

    def assert_clean(self) -> None:
        assert not self.outside_requests, f"Requests left 127.0.0.1: {self.outside_requests}"
        assert not self.errors, "Script errors or CSP violations:\n" + "\n".join(self.errors)


@pytest.fixture
def open_page(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """``open_page()`` is a fresh, signed-out browser tab; ``open_page(user)`` logs that user in first.

    Each call is its own browser context, so two personas never share a session.
    """
    contexts: list[BrowserContext] = []
    watch = PageWatch()

    def open_(user=None) -> Page:
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        watch.attach(context)
        contexts.append(context)
        page = context.new_page()
        if user is not None:
            log_in(page, user)
        return page

    yield open_
    for context in contexts:
        context.close()
    watch.assert_clean()


def log_in(page: Page, user, password: str = PASSWORD) -> None:
    """Log in through the real login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page (or only what the window shows) as artifacts/screenshots/<name>.png."""
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
