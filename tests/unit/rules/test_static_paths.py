"""Rules on static taint paths: the cleartext rule's confidence by evidence, path evidence, Art 10 kinds."""

from __future__ import annotations

from analyzer.graph import build
from analyzer.graph.join import join
from analyzer.kb.catalogue import load_kb
from analyzer.model import CodeLocation, Confidence, Finding, Leak, NotEvaluated, Owner, PIAccess
from analyzer.rules.cases import observations
from analyzer.rules.pack import evaluate_rule, load_pack

KB = load_kb()
RULES = {r.id: r for r in load_pack().rules}
PKG = "com.example.app"


def _leak(kind: str, pi: str, *destinations: str, api: str = "java.io.OutputStream.write") -> Leak:
    src = PIAccess("telephony.imei", "android.telephony.TelephonyManager.getDeviceId", "call", (pi,),
                   CodeLocation(f"{PKG}.Ids", "imei", "()Ljava/lang/String;", 4), Owner("app", PKG), True)
    return Leak(kind, api, CodeLocation(f"{PKG}.Net", "post", "(Ljava/lang/String;)V", 12), Owner("app", PKG),
                (src,), (f"{PKG}.Ids.imei", f"{PKG}.Main.onCreate", f"{PKG}.Net.post"), Confidence.MEDIUM,
                destinations=destinations)


def _graph(leaks: list[Leak], sent: list[dict[str, object]] | None = None, **manifest: object) -> object:
    g = build.new_graph()
    build.add_app(g, PKG, **manifest)
    build.add_evidence(g, "static")
    build.add_leaks(g, leaks, KB)
    build.add_evidence(g, "taint")
    obs = observations({"sent": sent}, KB, PKG) if sent is not None else None
    return join(g, KB, PKG, obs, None, ["consent-given"] if sent is not None else [], None)


def _findings(rule: str, g: object) -> list[Finding]:
    res = evaluate_rule(RULES[rule], g, "en", KB)  # type: ignore[arg-type]
    assert not isinstance(res, NotEvaluated), res
    return res


def test_static_cleartext_path_is_medium_and_names_source_methods_and_sink() -> None:
    g = _graph([_leak("network", "device.imei", "http://collect.example.com", "https://api.example.com")],
               cleartext_permitted=True)
    (f,) = _findings("o24-13-pi-over-cleartext", g)
    assert f.subject == "pi:device.imei -> host:collect.example.com"
    assert f.confidence is Confidence.MEDIUM
    path = [e.summary for e in f.evidence if e.kind == "taint" and "read by" in e.summary]
    assert path and "TelephonyManager.getDeviceId" in path[0] and f"{PKG}.Main.onCreate" in path[0]
    assert f"{PKG}.Net.post" in path[0] and "OutputStream.write" in path[0]


def test_cleartext_the_network_security_config_forbids_for_the_host_is_low() -> None:
    g = _graph([_leak("network", "device.imei", "http://collect.example.com")],
               cleartext_permitted=False, cleartext_default=False, cleartext_domains=["other.example.com"])
    (f,) = _findings("o24-13-pi-over-cleartext", g)
    assert f.confidence is Confidence.LOW
    g = _graph([_leak("network", "device.imei", "http://collect.example.com")],
               cleartext_permitted=False, cleartext_default=False, cleartext_domains=["example.com"])
    (f,) = _findings("o24-13-pi-over-cleartext", g)
    assert f.confidence is Confidence.MEDIUM  # a domain-config for the parent domain lets it through


def test_a_capture_of_the_same_pi_to_the_same_host_confirms_the_static_path_once() -> None:
    sent = [{"pi": "device.imei", "host": "collect.example.com", "tls": False, "phase": "consent-given"}]
    to_collect = [_leak("network", "device.imei", "http://collect.example.com")]
    g = _graph(to_collect, sent, cleartext_permitted=True)
    (f,) = _findings("o24-13-pi-over-cleartext", g)
    assert f.confidence is Confidence.HIGH
    assert {e.kind for e in f.evidence} == {"traffic", "taint"}
    # another host in the capture does not confirm this one
    sent = [{"pi": "device.imei", "host": "other.example.com", "tls": False, "phase": "consent-given"}]
    to_collect = [_leak("network", "device.imei", "http://collect.example.com")]
    g = _graph(to_collect, sent, cleartext_permitted=True)
    got = {f.subject: f.confidence for f in _findings("o24-13-pi-over-cleartext", g)}
    assert got == {"pi:device.imei -> host:collect.example.com": Confidence.MEDIUM,
                   "pi:device.imei -> host:other.example.com": Confidence.HIGH}


def test_https_and_unknown_destinations_are_no_cleartext_finding() -> None:
    g = _graph([_leak("network", "device.imei", "https://collect.example.com"),
                _leak("network", "device.android_id")], cleartext_permitted=True)
    assert _findings("o24-13-pi-over-cleartext", g) == []


def test_art10_rules_take_their_own_sink_kinds_only() -> None:
    kinds = {"o24-10-pi-sent-by-sms": "sms", "o24-10-pi-in-implicit-intent": "icc_implicit",
             "o24-10-pi-returned-to-web-content": "webview_js", "o24-10-pi-on-clipboard": "clipboard"}
    g = _graph([_leak(k, "device.imei", api=f"x.Api.{k}") for k in [*kinds.values(), "ipc", "log"]])
    for rule, kind in kinds.items():
        (f,) = _findings(rule, g)
        assert f.subject == f"app:{PKG}: pi:device.imei -> sink:{kind}"
        assert RULES[rule].order24.cite == "Art 10"
        assert any(f"x.Api.{kind} at {PKG}.Net.post" in e.summary for e in f.evidence)


def test_in_app_sends_and_private_storage_are_kept_apart_and_no_art10_finding() -> None:
    leaks = [_leak(k, "device.imei", api=f"x.Api.{k}") for k in ("icc", "sqlite", "shared_prefs", "network")]
    assert [lk.scope for lk in leaks] == ["app", "storage", "storage", "outside"]
    g = _graph(leaks)
    scopes = {v: d["scope"] for _, v, d in g.edges(data=True) if d["kind"] == "leaks_to"}  # type: ignore[attr-defined]
    assert scopes == {"sink:icc": "app", "sink:sqlite": "storage", "sink:shared_prefs": "storage",
                      "sink:network": "outside"}
    for rule in RULES.values():
        if rule.order24.cite == "Art 10" and rule.check.fn == "leak_to_sink":
            subjects = [f.subject for f in _findings(rule.id, g)]
            assert not any("sink:icc" in s or "sink:sqlite" in s for s in subjects), rule.id
    assert not _findings("o24-13-pi-on-shared-storage", g)  # no world-readable file nor external storage


def test_cleartext_to_the_device_itself_is_no_finding() -> None:
    """A local agent on the loopback address: nothing crosses a network, whatever the scheme."""
    for origin in ("http://127.0.0.1:7912", "http://localhost:8080", "ws://[::1]:9000", "http://0.0.0.0"):
        g = _graph([_leak("network", "device.imei", origin)], cleartext_permitted=True)
        assert _findings("o24-13-pi-over-cleartext", g) == [], origin
    g = _graph([_leak("network", "device.imei", "http://127.0.0.1:7912", "http://10.0.0.2:80")],
               cleartext_permitted=True)
    got = [f.subject for f in _findings("o24-13-pi-over-cleartext", g)]
    assert got == ["pi:device.imei -> host:10.0.0.2"]
