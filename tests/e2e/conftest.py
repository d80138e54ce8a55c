"""Fixtures of the end-to-end tests: a running capture (addon tests), headless Chromium (HTML report)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import CHROMIUM
from tests.e2e.proxy import Capture, running_capture


@pytest.fixture
def capture(tmp_path: Path) -> Iterator[Capture]:
    """A running `piflow capture`: (output folder, proxy port, mitmproxy confdir, stop())."""
    with running_capture(tmp_path) as cap:
        yield cap


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, one per test module."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()
