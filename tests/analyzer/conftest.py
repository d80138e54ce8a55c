"""Fixtures for the report tests: the real ``piflow check`` document of the tracker sample."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from analyzer.check.document import to_json
from analyzer.check.run import CheckRequest, run_check
from analyzer.declaration.load import load_declaration
from tests.conftest import SAMPLES

TRACKER = SAMPLES / "tracker"


@pytest.fixture(scope="session")
def tracker_doc() -> Callable[[str], dict[str, Any]]:
    """``lang`` → the ``piflow.check/2`` document of tracker.apk + its capture + its declaration (a copy)."""
    cache: dict[str, dict[str, Any]] = {}

    def get(lang: str = "en") -> dict[str, Any]:
        if lang not in cache:
            req = CheckRequest(target=TRACKER / "tracker.apk", captures=(TRACKER / "capture",), lang=lang)
            result = run_check(req, load_declaration(TRACKER / "declaration.yaml"))
            cache[lang] = json.loads(json.dumps(to_json(result, lang)))  # as saved by --format json
        return copy.deepcopy(cache[lang])

    return get
