"""Fixtures of the addon tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.proxy import Capture, running_capture


@pytest.fixture
def capture(tmp_path: Path) -> Iterator[Capture]:
    """A running `piflow capture`: (output folder, proxy port, mitmproxy confdir, stop())."""
    with running_capture(tmp_path) as cap:
        yield cap
