"""Browser fixtures for the end-to-end tests: headless Debian Chromium driven by sync Playwright
against pytest-django's `live_server`.

Sync Playwright runs an event loop in the test thread, so Django's "async unsafe" guard would
refuse every ORM call the test (and its fixtures) make; the variable below switches the guard off.

Every page is watched: console errors, uncaught page errors, Content-Security-Policy violations
and any request leaving the live server are recorded in `page_log`, which the tests assert on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from tests.conftest import chromium_path, skip_or_fail

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "mat-khau-thu-nghiem"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous but bounded: a slow CI machine must not turn a hang into a stuck job.
TIMEOUT_MS = 15_000
# A phone-sized screen (a common 6-inch phone in CSS pixels) for the secretary's tasks.
PHONE = {"width": 390, "height": 844}

# Reports CSP violations to the test through an exposed binding (CDP, not subject to the page's CSP).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__xddCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                           + ` at ${event.sourceFile || location.href}:${event.lineNumber}`);
});
"""


@dataclass
class PageLog:
    """What went wrong (or left the server) while a page was in use."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.origin + "/")]

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.csp_violations == []
        assert self.requests, "no request was recorded at all: the watcher is not attached"
        assert self.foreign_requests() == []


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (launching it costs far more than a context)."""
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed (pip install -e '.[dev]')")
    sync_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        _pin_connections(sync_connections)
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _pin_connections(sync_connections: dict[str, Any]) -> None:
    """Keep the test thread on the database connections it had before Playwright started.

    Sync Playwright leaves its event loop marked as running in this thread, and from then on
    asgiref's thread-critical Local (behind django.db.connections) switches to a separate,
    context-var storage: the test would get fresh connection objects. Those lack the test
    database's `_test_serialized_contents`, so serialized rollback would silently restore
    nothing and the reference data (organisation types, roles) written by data migrations
    would be gone after the first transactional test's flush. Same thread, same objects.
    """
    for alias, connection in sync_connections.items():
        connections[alias] = connection


@pytest.fixture
def page_log(live_server: Any) -> PageLog:
    return PageLog(origin=live_server.url)


@pytest.fixture
def page(browser: Any, live_server: Any, page_log: PageLog) -> Iterator[Any]:
    """A fresh context (own cookies) and page on the live server; relative URLs resolve against it."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.expose_function("__xddCspViolation", lambda report: page_log.csp_violations.append(report))
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda msg: page_log.console_errors.append(f"{msg.text} @ {msg.location}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    page.on("request", lambda request: page_log.requests.append(request.url))
    yield page
    context.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, page: Any) -> Any:
    """screenshot("step") saves test-results/e2e/<test>-<nn>-<step>.png (full page)."""
    folder = Path(request.config.rootpath) / "test-results" / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "_", request.node.name)
    steps = iter(range(1, 100))

    def take(step: str) -> Path:
        path = folder / f"{test_name}-{next(steps):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def fits_viewport(page: Any) -> bool:
    """Nothing makes the page wider than the screen (a wide table may scroll inside its own box)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def wider_than_viewport(page: Any) -> list[str]:
    """The elements reaching past the screen's right edge (outside any scrolling box), to say which one broke
    `fits_viewport`."""
    return list(page.evaluate("""() => [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .filter((el) => { /* not inside a box that scrolls or clips it */
          for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return false;
          }
          return true; })
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`
                     + ` right=${Math.round(el.getBoundingClientRect().right)}`)"""))


def shown(page: Any, screenshot: Any, step: str, viewport: str) -> None:
    """A step's screenshot (the test's name carries the viewport); on the phone the page must first fit the
    screen's width."""
    if viewport == "phone":
        assert fits_viewport(page), wider_than_viewport(page)
    screenshot(step)


def login(page: Any, username: str, password: str = PASSWORD, *, then: str | None = "/to-chuc/") -> None:
    """Log in through the real login form, which lands on the home page; then open `then` (the organisation
    tree, where the tests written before the home page start), or stay home with then=None."""
    page.goto("/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
    if then is not None:
        page.goto(then)
