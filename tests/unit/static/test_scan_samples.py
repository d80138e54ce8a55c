"""`piflow scan` on each bundled sample app reports exactly what its README (expected.yaml) plants."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from analyzer.static.scan import ScanResult, scan_apk
from tests.conftest import SAMPLES

SAMPLE_NAMES = sorted(p.parent.name for p in SAMPLES.glob("*/expected.yaml"))


@cache
def _scan(name: str) -> ScanResult:
    return scan_apk(SAMPLES / name / f"{name}.apk")


def _expected(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((SAMPLES / name / "expected.yaml").read_text(encoding="utf-8"))


def test_there_are_enough_samples() -> None:
    assert len(SAMPLE_NAMES) >= 4


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_manifest_facts(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    assert r.app.package == exp["package"]
    assert r.app.min_sdk == exp["min_sdk"]
    assert r.app.target_sdk == exp["target_sdk"]
    assert exp["launcher"] in r.app.launcher_activities
    assert r.app.application_class == exp["application"]
    assert sorted({p.name for p in r.app.permissions}) == sorted(exp["permissions"])
    assert r.app.uses_cleartext_traffic == exp["cleartext"]
    if "allow_backup" in exp:
        assert r.app.allow_backup == exp["allow_backup"]
    if "debuggable" in exp:
        assert r.app.debuggable == exp["debuggable"]
    if "declared_permissions" in exp:
        assert [list(p) for p in r.app.declared_permissions] == exp["declared_permissions"]
    if "network_security" in exp:
        nsc = r.app.network_security
        for key, want in exp["network_security"].items():
            got = getattr(nsc, key)
            assert (list(got) if isinstance(got, tuple) else got) == want, key
    if "components" in exp:
        got_c = sorted((c.kind, c.name, c.exported, c.enabled) for c in r.app.components)
        want_c = sorted((c["kind"], c["name"], c["exported"], c["enabled"]) for c in exp["components"])
        assert got_c == want_c


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pi_types_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    assert r.pi_types == sorted(exp["pi_types"])
    assert r.unreachable_pi_types == sorted(exp["unreachable_pi_types"])
    assert sorted({p for a in r.unheld for p in a.pi}) == sorted(exp.get("unheld_pi_types", []))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sdks_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    assert [h.sdk_id for h in r.sdks] == sorted(exp["sdks"])
    assert all(h.reachable for h in r.sdks)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_call_sites_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    found = Counter(
        (p, a.api.split("(")[0], a.location.cls, a.location.method,
         "app" if a.owner.kind == "app" else a.owner.node)
        for a in r.access if a.reachable for p in a.pi)
    want = Counter((e["pi"], e["api"], e["class"], e["method"], e["owner"]) for e in exp["access"])
    assert found == want


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_hosts_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    assert sorted({e.host for e in r.endpoints}) == sorted(exp["hosts"])


def _owner(node: str) -> str:
    return "app" if node.startswith("app:") else node


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_security_facts_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    found = Counter(
        (f.kind, f.subject, f"{f.location.cls}.{f.location.method}", _owner(f.owner.node), f.reachable,
         f.unconditional, f.used)
        for f in r.security)
    want = Counter((e["kind"], e["subject"], e["where"], e["owner"], e["reachable"], e["unconditional"],
                    e["used"]) for e in exp["security"])
    assert found == want


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pre_consent_exactly(name: str) -> None:
    r, exp = _scan(name), _expected(name)
    found = Counter(
        (h.kind, h.api.split("(")[0], f"{h.location.cls}.{h.location.method}", _owner(h.owner.node), h.sdk,
         h.sdk_init, tuple(sorted(h.pi)), h.permissions, bool(h.gate))
        for h in r.pre_consent)
    want = Counter((e["kind"], e["api"], e["where"], e["owner"], e.get("sdk", ""), e.get("init", False),
                    tuple(sorted(e.get("pi", ()))), tuple(sorted(e.get("permissions", ()))), "gate" in e)
                   for e in exp["pre_consent"])
    assert found == want
    # a gated hit names the flag that gates it, and the consent dialog's handler that sets it
    for h in r.pre_consent:
        e = next(e for e in exp["pre_consent"] if e["where"] == f"{h.location.cls}.{h.location.method}"
                 and e["api"] == h.api.split("(")[0])
        if "gate" in e:
            assert h.gate.startswith(f"behind {e['gate']}") and ".SplashActivity$1.onClick" in h.gate, h.gate


def test_dead_code_is_found_but_not_reachable() -> None:
    r = _scan("notes")
    dead = [a for a in (*r.access, *r.unheld) if not a.reachable]
    assert dead and all(a.location.cls.endswith(".legacy.DeviceInfo") for a in dead)
    assert r.pi_types == ["input.text"]  # only the note the user types
    assert {a.permission for a in r.unheld} == {"android.permission.READ_PHONE_STATE"}


def test_layout_onclick_is_an_entry_point() -> None:
    r = _scan("invite")
    assert any(a.location.method == "inviteAll" and a.reachable for a in r.access)


def test_sample_apks_are_the_committed_files() -> None:
    for name in SAMPLE_NAMES:
        assert Path(SAMPLES / name / f"{name}.apk").stat().st_size > 1000
