"""`piflow check` on every sample APK: the static rules say exactly what each sample's expected.yaml states.

The expectations are derived from the samples' ground truth (PI types, pre-consent hits, security facts,
log sinks), not written down twice, so a rule that drifts from the scan it reads fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.check.run import CheckRequest, run_check
from analyzer.declaration.model import Declaration
from analyzer.kb.apptypes import load_app_types
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
    pre = [h for h in exp.get("pre_consent") or [] if "gate" not in h]  # gated hits are no finding
    out = {
        "o24-04-pi-inventory": {f"pi:{p}" for p in exp["pi_types"]},
        "o24-09-1-sdk-init-before-consent": {
            f"sdk:{h['sdk']}" for h in pre if h["kind"] == "sdk_call" and h["init"]
        },
        "o24-09-1-permission-before-consent": {
            f"{_owner(h['owner'], pkg)}: perm:{p}"
            for h in pre if h["kind"] == "permission_request" for p in h.get("permissions") or ["unknown"]
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
        # Art 10: PI the app's code hands out by SMS (invite: the contacts' numbers as destinations)
        "o24-10-pi-sent-by-sms": {
            f"{_owner(a['owner'], pkg)}: pi:{a['pi']} -> sink:sms"
            for a in exp.get("access") or [] if "sms" in (exp.get("sinks") or [])
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


@pytest.mark.parametrize(("app", "status"), [("gated", 0), ("ungated", 1)])
def test_fail_on_high_passes_the_gated_app_and_fails_its_ungated_twin(app: str, status: int) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    res = CliRunner().invoke(main, ["check", "--fail-on", "high", str(SAMPLES / app / f"{app}.apk")])
    assert res.exit_code == status, res.output[-2000:]


def test_every_sample_is_covered() -> None:
    assert len(APPS) >= 7 and Path(SAMPLES / "tracker" / "capture").is_dir()


# --------------------------------------------------------------------------- with the declarations

DECLARED = sorted(p.parent.name for p in SAMPLES.glob("*/declaration.yaml"))
DECLARATION_RULES = (
    "o24-08-policy-not-simplified-chinese",
    "o24-09-1-default-consent",
    "o24-09-1-no-consent-withdrawal",
    "o24-09-2-undeclared-pi",
    "o24-09-2-undeclared-sdk",
    "o24-09-3-pi-beyond-necessary",
    "o24-09-4-no-account-deletion",
    "o24-11-sdk-without-role",
    "o24-12-no-complaint-channel",
    "o24-10-sharing-beyond-declared",
    "o24-09-3-permission-beyond-app-type",
)
OWN_ACCOUNT_PI = {"account.id", "account.password", "account.token"}
# the permissions the rule calls high-risk, with the PI each is for (its own data, read here, not copied)
_PERM_RULE = yaml.safe_load(
    (SAMPLES.parent / "policies" / "cn-miit-order24" / "o24-09-3-permission-beyond-app-type.yaml").read_text()
)
GUARDS = {
    k: set(v.split("|"))
    for k, _, v in (i.partition("=") for i in _PERM_RULE["check"]["params"]["permissions"])
}


def _expected_with_declaration(exp: dict[str, Any], decl: Declaration) -> dict[str, set[str]]:
    """The declaration rules' findings, from the facts expected.yaml states about code and declaration.

    Rules the declaration gives nothing to judge by are left out (they must come back not evaluated)."""
    roles = {t.sdk: t.role for t in decl.third_parties if t.sdk}
    shared = {t.sdk: set(t.pi) for t in decl.third_parties if t.sdk and t.pi}
    w, app = exp["declaration"], f"app:{exp['package']}"
    policy_pi, policy_parties = set(w["policy_pi"]), set(w["policy_third_parties"])
    handled = set(exp["pi_types"]) | set(w["declared_pi"]) | policy_pi
    named = set(w["declared_sdks"]) | (set(exp["sdks"]) & policy_parties)
    out = {
        "o24-08-policy-not-simplified-chinese": {app} if not w["policy_simplified_chinese"] else set(),
        "o24-09-1-default-consent": {app} if w["consent"]["default_checked"] else set(),
        "o24-09-1-no-consent-withdrawal": {app} if not w["consent"]["withdrawable"] else set(),
        "o24-09-2-undeclared-pi": {f"pi:{p}" for p in set(w["undeclared_pi"]) - policy_pi},
        "o24-09-2-undeclared-sdk": {f"sdk:{s}" for s in set(w["undeclared_sdks"]) - policy_parties},
        "o24-09-3-pi-beyond-necessary": {f"pi:{p}" for p in w["beyond_necessary_pi"]},
        "o24-09-4-no-account-deletion": (
            {app} if not w["account_deletion"] and handled & OWN_ACCOUNT_PI else set()
        ),
        "o24-11-sdk-without-role": {f"sdk:{s}" for s in named if not roles.get(s)},
        "o24-12-no-complaint-channel": {app} if not w["complaint_channel"] else set(),
    }
    need = set(load_app_types()[w["app_type"]].necessary_pi)
    out["o24-09-3-permission-beyond-app-type"] = {
        f"perm:{p}" for p in exp["permissions"] if p in GUARDS and not GUARDS[p] & need
    }
    if any(t.pi for t in decl.third_parties):  # an SDK's own code reading PI not listed as shared with it
        out["o24-10-sharing-beyond-declared"] = {
            f"{a['owner']}: pi:{a['pi']}"
            for a in exp["access"]
            if a["owner"].startswith("sdk:") and a["pi"] not in shared.get(a["owner"][4:], {a["pi"]})
        }
    return out


@pytest.mark.parametrize("app", DECLARED)
def test_declaration_rules_match_what_the_sample_plants(app: str) -> None:
    """APK + the sample's declaration.yaml and policy text: each declaration rule finds exactly the gaps
    the sample's expected.yaml (and README) says were planted, and nothing on the samples that have none."""
    from analyzer.declaration.load import load_declaration

    exp = yaml.safe_load((SAMPLES / app / "expected.yaml").read_text(encoding="utf-8"))
    decl = load_declaration(SAMPLES / app / "declaration.yaml")
    res = run_check(CheckRequest(target=SAMPLES / app / f"{app}.apk"), decl)
    got: dict[str, set[str]] = {}
    for f in res.findings:
        got.setdefault(f.rule_id, set()).add(f.subject)
    want = _expected_with_declaration(exp, decl)
    for rule in DECLARATION_RULES:
        assert got.get(rule, set()) == want.get(rule, set()), rule
    assert set(want) <= set(res.report.evaluated)
    skipped = {n.rule_id for n in res.report.not_evaluated}
    assert set(DECLARATION_RULES) - set(want) <= skipped
    # the static rules do not change because a declaration came along
    for rule, static in _expected(exp).items():
        assert got.get(rule, set()) == static, rule


def test_the_planted_gaps_cover_every_declaration_rule() -> None:
    """Across the samples, every declaration rule fires at least once (the rules' own cases cover quiet)."""
    fired: dict[str, set[bool]] = {r: set() for r in DECLARATION_RULES}
    from analyzer.declaration.load import load_declaration

    for app in DECLARED:
        exp = yaml.safe_load((SAMPLES / app / "expected.yaml").read_text(encoding="utf-8"))
        decl = load_declaration(SAMPLES / app / "declaration.yaml")
        want = _expected_with_declaration(exp, decl)
        for rule in DECLARATION_RULES:
            fired[rule].add(bool(want.get(rule)))
    assert all(True in v for v in fired.values()), fired
