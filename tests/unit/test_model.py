"""Value types: ordered severity and confidence, stable fingerprints, frozen records."""

from __future__ import annotations

import dataclasses

import pytest

from analyzer.model import CodeLocation, Confidence, Finding, NotEvaluated, Severity, fingerprint


def test_severity_and_confidence_are_separately_ordered() -> None:
    assert Severity.INFO < Severity.LOW < Severity.MEDIUM < Severity.HIGH < Severity.CRITICAL
    assert max([Severity.LOW, Severity.CRITICAL, Severity.MEDIUM]) is Severity.CRITICAL
    assert Confidence.LOW < Confidence.HIGH
    with pytest.raises(TypeError):
        _ = Severity.HIGH < Confidence.HIGH  # type: ignore[operator]


def test_fingerprint_is_stable_and_ignores_location_details() -> None:
    a = Finding("r1", "sdk:x|pi:device.imei", Severity.HIGH, Confidence.MEDIUM, "m1")
    b = Finding("r1", "sdk:x|pi:device.imei", Severity.LOW, Confidence.LOW, "other text")
    c = Finding("r2", "sdk:x|pi:device.imei", Severity.HIGH, Confidence.MEDIUM, "m1")
    assert a.fingerprint == b.fingerprint == fingerprint("r1", "sdk:x|pi:device.imei")
    assert a.fingerprint != c.fingerprint
    assert len(a.fingerprint) == 16


def test_records_are_frozen() -> None:
    loc = CodeLocation("com.a.B", "run", "()V", 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loc.offset = 5  # type: ignore[misc]
    assert str(loc) == "com.a.B.run()V@0x4"


def test_not_evaluated_is_not_a_finding() -> None:
    ne = NotEvaluated("r1", "no capture given")
    assert not isinstance(ne, Finding)
