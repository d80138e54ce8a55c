"""`piflow check` on every sample APK: the static rules say exactly what each sample's expected.yaml states.

The expectations are derived from the samples' ground truth (PI types, pre-consent hits, security facts,
log sinks), not written down twice, so a rule that drifts from the scan it reads fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.check import CheckRequest, run_check
from tests.conftest import SAMPLES

APPS = sorted(p.parent.name for p in SAMPLES.glob("*/expected.yaml"))
TLS = {
    "trust_all_trust_manager",
    "trust_all_hostname_verifier",
    "allow_all_hostname_verifier",
    "ssl_error_proceed",
}


def _owner(text: str, pkg: str) -> str:
    return f"app:{pkg}" if text == "app" else text


def _expected(exp: dict[str, Any]) -> dict[str, set[str]]:
    pkg = exp["package"]
    pre = exp.get("pre_consent") or []
    out = {
        "o24-04-pi-inventory": {f"pi:{p}" for p in exp["pi_types"]},
        "o24-09-1-sdk-init-before-consent": {
            f"sdk:{h['sdk']}" for h in pre if h["kind"] == "sdk_call" and h["init"]
        },
        "o24-09-1-pi-read-before-consent": {
            f"{_owner(h['owner'], pkg)}: pi:{p}" for h in pre if h["kind"] == "pi_access" for p in h["pi"]
        },
        "o24-13-weak-tls": {
            f"weakness:{f['kind']}:{f['subject']}"
            for f in exp.get("security") or []
            if f["kind"] in TLS
            and f["reachable"]
            and (f["used"] or f["kind"] not in ("trust_all_trust_manager", "trust_all_hostname_verifier"))
        },
    }
    return out


@pytest.mark.parametrize("app", APPS)
def test_static_rules_match_the_samples_ground_truth(app: str) -> None:
    exp = yaml.safe_load((SAMPLES / app / "expected.yaml").read_text(encoding="utf-8"))
    res = run_check(CheckRequest(target=SAMPLES / app / f"{app}.apk"))
    got: dict[str, set[str]] = {}
    for f in res.findings:
        got.setdefault(f.rule_id, set()).add(f.subject)
    for rule, want in _expected(exp).items():
        assert got.get(rule, set()) == want, rule
    logs = {s.split(" -> ")[0] for s in got.get("o24-10-pi-in-logs", set())}
    assert bool(logs) == ("log" in (exp.get("sinks") or [])), logs
    assert not any(r.startswith("o24-09-2") for r in got)  # no declaration: not evaluated, never a finding
    skipped = {n.rule_id for n in res.report.not_evaluated}
    assert "o24-09-1-pi-sent-before-consent" in skipped and "o24-09-2-undeclared-pi" in skipped


def test_every_sample_is_covered() -> None:
    assert len(APPS) >= 7 and Path(SAMPLES / "tracker" / "capture").is_dir()
