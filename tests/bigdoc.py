"""A large generated ``piflow.check/2`` document (50 SDKs, 200 hosts, 40 PI types): a real app's scale.

Deterministic for a seed. The PI types are the taxonomy's first ``n_pi`` (their English and Chinese
labels); companies, SDKs and hosts are invented, about half with Chinese names, in several countries.
Each SDK reads some PI types (some before consent) and has flows of every status to its own hosts, with
taint paths for the code ones and ``sent`` edges for the wire ones; the app sends to its first-party
hosts and to hosts nobody is known to run, and leaks to the log and files; findings of five articles
name what they are about the way the rules do (``pi -> host``, ``owner: pi -> sink``, an SDK, a PI).
Used by the HTML report's tests and ``bench/html_view.py``.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
APP = "app:com.example.bigapp"
FIRST_PARTY = "bigapp-example.cn"
PHASES = ("pre-consent", "consent-given", "consent-refused")
STATUSES = ("confirmed", "observed", "traced", "traced-unbound", "potential")
COUNTRIES = ("CN", "CN", "CN", "US", "SG", "DE", "IE", "JP")
_ZH = "数据云推送统计广告地图支付分享安全智能科技网络信息"


def _pi_types(n: int) -> list[dict[str, Any]]:
    tax = yaml.safe_load((REPO / "policies" / "taxonomy.yaml").read_text(encoding="utf-8"))
    types = tax["types"] if isinstance(tax, dict) and "types" in tax else tax
    return [t for t in types if isinstance(t, dict) and "id" in t][:n]


def big_doc(n_sdks: int = 50, n_hosts: int = 200, n_pi: int = 40, seed: int = 23) -> dict[str, Any]:
    """The document: ``n_hosts`` hosts (a tenth first party, a tenth unattributed, the rest the SDKs')."""
    rnd = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    flows: list[dict[str, Any]] = []

    def edge(s: str, t: str, kind: str, key: str | None = None, **attrs: Any) -> None:
        edges.append({"kind": kind, **attrs, "source": s, "target": t, "key": key or kind})

    def finding(
        rule: str, article: str, severity: str, subject: str, title: str, evidence: list[dict[str, str]]
    ) -> None:
        findings.append(
            {
                "rule": rule,
                "title": title,
                "subject": subject,
                "fingerprint": f"{len(findings):04x}{rnd.randrange(16**8):08x}",
                "severity": severity,
                "confidence": "high",
                "message": f"{title}: {subject}",
                "order24": {"article": article, "verification": "V"},
                "penalty": {"article": "Art 22", "verification": "V"},
                "basis": [],
                "unverified_basis": False,
                "needs": [],
                "evidence": evidence,
                "remediation": "",
            }
        )

    nodes.append(
        {"id": APP, "kind": "app", "label": APP[4:], "version": "9.9", "first_party_domains": [FIRST_PARTY]}
    )
    pis = _pi_types(n_pi)
    for t in pis:
        nodes.append(
            {
                "id": f"pi:{t['id']}",
                "kind": "pi",
                "label": t.get("en") or t["id"],
                "label_zh": t.get("zh", ""),
            }
        )
    pi_ids = [f"pi:{t['id']}" for t in pis]
    for k in ("log", "file", "network"):
        nodes.append(
            {"id": f"sink:{k}", "kind": "sink", "label": k, "scope": "storage" if k == "file" else "outside"}
        )

    companies = []
    for i in range(max(1, n_sdks * 3 // 5)):
        zh = i % 2 == 0
        name = f"{_ZH[i % 14]}{_ZH[(i * 3 + 1) % 14]}科技有限公司 {i}" if zh else f"Vendor {i} Inc."
        cid = f"company:{name}"
        companies.append(cid)
        nodes.append({"id": cid, "kind": "company", "label": name, "country": COUNTRIES[i % len(COUNTRIES)]})

    n_first = n_unattr = max(1, n_hosts // 10)
    sdk_hosts: dict[str, list[str]] = {}
    sdks = []
    for i in range(n_sdks):
        sid = f"sdk:vendor-sdk-{i:02d}"
        comp = companies[i % len(companies)]
        sdks.append(sid)
        label = f"{_ZH[i % 14]}{_ZH[(i + 5) % 14]} SDK {i}" if i % 3 == 0 else f"Vendor SDK {i}"
        nodes.append({"id": sid, "kind": "sdk", "label": label, "company": comp[8:], "category": "analytics"})
        edge(APP, sid, "bundles")
        edge(sid, comp, "made_by")
        sdk_hosts[sid] = []
    for j in range(n_hosts - n_first - n_unattr):
        sid = sdks[j % n_sdks]
        h = f"h{j}.api.sdk{sdks.index(sid)}-collect.com"
        sdk_hosts[sid].append(f"host:{h}")
        comp = companies[sdks.index(sid) % len(companies)]
        nodes.append(
            {
                "id": f"host:{h}",
                "kind": "host",
                "label": h,
                "sdk": sid[4:],
                "party": "third",
                "domain": h.split(".", 2)[-1],
                "country": COUNTRIES[j % len(COUNTRIES)],
            }
        )
        edge(f"host:{h}", comp, "operated_by")
        edge(
            sid,
            f"host:{h}",
            "contacts",
            sites=[f"com.vendor{sdks.index(sid)}.Net.send()V@0x{j:x}"],
            reachable=True,
        )
    first = [f"host:api{j}.{FIRST_PARTY}" for j in range(n_first)]
    unattr = [f"host:cdn{j}.unknown-mirror{j % 4}.net" for j in range(n_unattr)]
    for h in first:
        nodes.append({"id": h, "kind": "host", "label": h[5:], "party": "first", "domain": FIRST_PARTY})
    for h in unattr:
        nodes.append({"id": h, "kind": "host", "label": h[5:]})

    def path(owner: str, pi: str, host: str, n: int) -> dict[str, Any]:
        pkg = owner.split(":", 1)[1].replace("-", "")
        return {
            "source": f"com.{pkg}.Collect.read{n}()V@0x{n * 4:x}",
            "source_api": f"android.Api.get{pi.split('.')[-1].title()}",
            "methods": [f"com.{pkg}.Collect.read{n}", f"com.{pkg}.Queue.add", f"com.{pkg}.Net.upload{n % 3}"],
            "sink": f"com.{pkg}.Net.upload{n % 3}()V@0x1{n:x}",
            "sink_api": "java.net.URL.openConnection",
            "destinations": [f"https://{host[5:]}"],
        }

    def flow(owner: str, pi: str, host: str, status: str) -> None:
        wire = status in ("confirmed", "observed")
        phases = sorted(rnd.sample(PHASES, rnd.randint(1, 3))) if wire else []
        cleartext = wire and rnd.random() < 0.15
        paths = (
            [path(owner, pi, host, rnd.randrange(100)) for _ in range(rnd.randint(1, 2))]
            if status in ("confirmed", "traced", "traced-unbound")
            else []
        )
        edge(
            pi,
            host,
            "flow",
            f"flow:{owner}",
            owner=owner,
            status=status,
            phases=phases,
            cleartext=cleartext,
            static=["reads the PI in reachable code"] if status != "observed" else [],
            paths=paths,
        )
        flows.append(
            {
                "pi": pi[3:],
                "host": host[5:],
                "owner": owner,
                "status": status,
                "phases": phases,
                "cleartext": cleartext,
                "basis": [],
                "paths": paths,
            }
        )
        for ph in phases:
            loc = f"query:{pi.split('.')[-1][:6]}"
            edge(
                pi,
                host,
                "sent",
                f"sent:{ph}",
                phase=ph,
                encodings=[rnd.choice(["url", "base64", "md5"])],
                locations=[loc],
                detectors=["profile"],
                endpoints=[f"https://{host[5:]}/v{rnd.randint(1, 3)}/c/***"],
                count=rnd.randint(1, 40),
                confidence="high",
                cleartext=cleartext,
                party="third",
            )
            ev = [
                {
                    "kind": "traffic",
                    "summary": f"sent to {host[5:]} in phase {ph} ({loc})",
                    "ref": f"https://{host[5:]}/v1/c",
                }
            ]
            if ph == "pre-consent":
                finding(
                    "o24-09-1-pi-sent-before-consent",
                    "Art 9(1)",
                    "high",
                    f"{pi} -> {host}",
                    "PI sent before consent",
                    ev,
                )
            elif ph == "consent-refused":
                finding(
                    "o24-09-1-pi-sent-after-refusal",
                    "Art 9(1)",
                    "high",
                    f"{pi} -> {host}",
                    "PI sent after the user refused",
                    ev,
                )
        if cleartext:
            finding(
                "o24-13-pi-cleartext",
                "Art 13",
                "high",
                f"{pi} -> {host}",
                "PI sent over cleartext",
                [
                    {
                        "kind": "traffic",
                        "summary": f"sent to {host[5:]} without TLS",
                        "ref": f"http://{host[5:]}/",
                    }
                ],
            )

    for i, sid in enumerate(sdks):
        reads = rnd.sample(pi_ids, min(len(pi_ids), rnd.randint(3, 8)))
        pkg = sid[4:].replace("-", "")
        early = rnd.random() < 0.3
        if early:
            edge(
                APP,
                sid,
                "calls_before_consent",
                sites=[f"com.example.bigapp.App.onCreate()V@0x{i:x}"],
                apis=[f"com.{pkg}.Sdk.init"],
                init=True,
            )
            finding(
                "o24-09-1-sdk-init-before-consent",
                "Art 9(1)",
                "medium",
                sid,
                "SDK started before consent",
                [{"kind": "static", "summary": f"{APP} calls {sid} before consent", "ref": ""}],
            )
        for k, pi in enumerate(reads):
            site = f"com.{pkg}.Collect.read{k}()V@0x{k * 4:x}"
            edge(
                sid, pi, "accesses", f"accesses:{pi}", api=f"android.Api.get{k}", sites=[site], reachable=True
            )
            if early and k % 2 == 0:
                edge(
                    sid,
                    pi,
                    "accesses_before_consent",
                    f"before_consent:{pi}",
                    api=f"android.Api.get{k}",
                    sites=[site],
                    chains=[f"com.example.bigapp.App.onCreate > com.{pkg}.Sdk.init"],
                    entries=["application"],
                )
            if k == len(reads) - 1 and rnd.random() < 0.5:
                continue  # read, sent nowhere
            hosts = sdk_hosts[sid] or unattr
            for h in rnd.sample(hosts, min(len(hosts), rnd.randint(1, 3))):
                flow(sid, pi, h, rnd.choice(STATUSES))
        if rnd.random() < 0.25:
            pi = reads[0]
            edge(
                pi,
                "sink:log",
                "leaks_to",
                f"leak:{sid}",
                owner=sid,
                scope="outside",
                apis=["android.util.Log.d"],
                sites=[f"com.{pkg}.Debug.log()V@0x2"],
                paths=[{**path(sid, pi, "host:-", 1), "sink_api": "android.util.Log.d", "destinations": []}],
            )
            finding(
                "o24-10-pi-in-logs",
                "Art 10",
                "low",
                f"{sid}: {pi} -> sink:log",
                "PI written to the system log",
                [{"kind": "static", "summary": f"{sid} logs {pi}", "ref": ""}],
            )
    for k, pi in enumerate(pi_ids[:20]):
        edge(
            APP,
            pi,
            "accesses",
            f"accesses:{pi}",
            api=f"android.App.get{k}",
            sites=[f"com.example.bigapp.M.a{k}()V@0x0"],
            reachable=True,
        )
        flow(APP, pi, first[k % len(first)], rnd.choice(STATUSES))
        if k % 4 == 0:
            flow(APP, pi, unattr[k % len(unattr)], rnd.choice(("observed", "potential")))
        if k % 5 == 0:
            edge(
                pi,
                "sink:file",
                "leaks_to",
                f"leak:{APP}",
                owner=APP,
                scope="storage",
                apis=["java.io.FileOutputStream.write"],
                sites=["com.example.bigapp.Cache.put()V@0x4"],
                paths=[],
            )
    for pi in pi_ids:
        finding(
            "o24-04-pi-inventory",
            "Art 4",
            "info",
            pi,
            "Inventory of the user PI the app collects",
            [{"kind": "static", "summary": f"{pi} is read", "ref": ""}],
        )
    for sid in sdks[::7]:
        finding(
            "o24-10-sdk-undeclared",
            "Art 10",
            "medium",
            sid,
            "SDK not named in the privacy policy",
            [{"kind": "declaration", "summary": f"{sid} is not declared", "ref": ""}],
        )
    return {
        "schema": "piflow.check/2",
        "tool": {"name": "piflow", "version": "generated"},
        "inputs": {
            "target": "generated",
            "captures": ["generated"],
            "declaration": "",
            "format": "apk",
            "splits": [],
        },
        "rules": [],
        "app": APP,
        "evidence": ["static", "traffic"],
        "phases": list(PHASES),
        "frameworks": [],
        "lang": "en",
        "pack": "cn-miit-order24",
        "findings": findings,
        "not_evaluated": [],
        "manual": [],
        "flows": flows,
        "suppressed": [],
        "expired_suppressions": [],
        "warnings": [],
        "graph": {
            "directed": True,
            "multigraph": True,
            "graph": {"app": APP, "evidence": ["static", "traffic"], "phases": list(PHASES)},
            "nodes": nodes,
            "edges": edges,
        },
    }
