"""Shared fixtures: where the repository, the sample apps and the shared corpora are; real check documents."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared"))
DROIDBENCH = SHARED / "corpora" / "droidbench-dev"
TRACKER = SAMPLES / "tracker"


@pytest.fixture(scope="session")
def droidbench() -> Path:
    """The DroidBench dev split (CI always has ../shared beside the clone)."""
    if not (DROIDBENCH / "ground_truth.csv").exists():
        pytest.skip(f"DroidBench corpus not found at {DROIDBENCH} (set PIFLOW_SHARED)")
    return DROIDBENCH


def reference_app() -> Path:
    """The 1.9 MB real reference app (``make ref-apps`` fetches it); without it a test skips, or fails under
    ``make test``, which fetches it first (``PIFLOW_REQUIRE_REF_APPS``)."""
    cache = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
    apk = cache / "app-uiautomator.apk"
    if not apk.exists():
        msg = f"{apk} not fetched (make ref-apps fetches it)"
        if os.environ.get("PIFLOW_REQUIRE_REF_APPS"):
            pytest.fail(msg)
        pytest.skip(msg)
    return apk


def sample_apk(name: str) -> Path:
    """Path of a bundled sample app's APK."""
    return SAMPLES / name / f"{name}.apk"


def check_doc(app: str, *captures: Path, lang: str = "en") -> dict[str, object]:
    """The ``piflow.check/2`` document of a real check of a sample APK (and captures)."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check

    return to_json(run_check(CheckRequest(target=sample_apk(app), captures=captures, lang=lang)), lang)


@pytest.fixture(scope="session")
def tracker_doc() -> Callable[[str], dict[str, Any]]:
    """``lang`` → the ``piflow.check/2`` document of tracker.apk + its capture + its declaration (a copy)."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check
    from analyzer.declaration.load import load_declaration

    cache: dict[str, dict[str, Any]] = {}

    def get(lang: str = "en") -> dict[str, Any]:
        if lang not in cache:
            req = CheckRequest(target=TRACKER / "tracker.apk", captures=(TRACKER / "capture",), lang=lang)
            result = run_check(req, load_declaration(TRACKER / "declaration.yaml"))
            cache[lang] = json.loads(json.dumps(to_json(result, lang)))  # as saved by --format json
        return copy.deepcopy(cache[lang])

    return get
