"""A page load in real headless Chromium that records what the HTML report does (``browser`` is in conftest).

Debian's ``chromium`` is driven by Playwright (``executable_path``); without it these tests fail (``make
test`` installs it). Every page load records console errors, page errors, dialogs and requests: only the
report's own file:// URL may be requested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Log:
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    """What the route saw."""
    events: list[str] = field(default_factory=list)
    """What the page's request events saw (also what no route can catch)."""
    dialogs: list[str] = field(default_factory=list)


def open_report(
    browser: Browser, html: str, path: Path, width: int = 1280, height: int = 900, timeout_ms: int = 10000
) -> tuple[Page, Log]:
    """The report written to ``path`` and opened; returns once its script is done (``data-ready``)."""
    path.write_text(html, encoding="utf-8")
    log = Log(path.resolve().as_uri())
    page = browser.new_page(viewport={"width": width, "height": height})

    def console(m: ConsoleMessage) -> None:
        if m.type in ("error", "warning"):
            log.errors.append(f"{m.type}: {m.text}")

    def route(r: Route) -> None:
        log.requests.append(r.request.url)
        if r.request.url == log.url:
            r.continue_()
        else:
            r.abort()

    page.on("console", console)
    page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: log.events.append(r.url))
    page.route("**/*", route)
    page.goto(log.url)
    try:
        page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=timeout_ms)
    except PlaywrightTimeout:
        pytest.fail(f"the report's script never finished: {log.errors}")
    return page, log


def assert_clean(log: Log) -> None:
    """No console error, page error or dialog; nothing requested but the report itself."""
    assert log.errors == []
    assert log.dialogs == []
    assert log.requests == [log.url] and log.events == [log.url]
