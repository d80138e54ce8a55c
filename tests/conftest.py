"""Shared fixtures: where the repository, the sample apps and the shared corpora are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared"))
DROIDBENCH = SHARED / "corpora" / "droidbench-dev"


@pytest.fixture(scope="session")
def droidbench() -> Path:
    """The DroidBench dev split (CI always has ../shared beside the clone)."""
    if not (DROIDBENCH / "ground_truth.csv").exists():
        pytest.skip(f"DroidBench corpus not found at {DROIDBENCH} (set PIFLOW_SHARED)")
    return DROIDBENCH


def sample_apk(name: str) -> Path:
    """Path of a bundled sample app's APK."""
    return SAMPLES / name / f"{name}.apk"


def check_doc(app: str, *captures: Path, lang: str = "en") -> dict[str, object]:
    """The ``piflow.check/2`` document of a real check of a sample APK (and captures)."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check

    return to_json(run_check(CheckRequest(target=sample_apk(app), captures=captures, lang=lang)), lang)
