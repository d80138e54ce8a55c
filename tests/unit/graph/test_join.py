"""Joining static, traffic and declaration evidence: flow statuses, where the sides meet, app types."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import InputError, PolicyError
from analyzer.kb.apptypes import necessary_pi
from analyzer.kb.catalogue import load_kb
from analyzer.rules.cases import case_graph

KB = load_kb()


def _flows(given: dict[str, object]) -> dict[tuple[str, str, str], str]:
    g = case_graph(given, KB)  # type: ignore[arg-type]
    return {(u, v, d["owner"]): d["status"] for u, v, d in g.edges(data=True) if d.get("kind") == "flow"}


def test_confirmed_potential_observed() -> None:
    flows = _flows(
        {
            "static": {
                "sdks": ["umeng-analytics"],
                "access": [{"owner": "sdk:umeng-analytics", "pi": ["device.imei", "location.wifi"]}],
                "endpoints": [{"owner": "sdk:umeng-analytics", "host": "alog.umeng.com", "scheme": "http"}],
            },
            "traffic": {
                "phases": ["pre-consent"],
                "sent": [
                    {"pi": "device.imei", "host": "alog.umeng.com"},
                    {"pi": "device.oaid", "host": "alog.umeng.com"},
                ],
            },
        }
    )
    sdk, host = "sdk:umeng-analytics", "host:alog.umeng.com"
    assert flows == {
        ("pi:device.imei", host, sdk): "confirmed",
        ("pi:device.oaid", host, sdk): "observed",
        ("pi:location.wifi", host, sdk): "potential",
    }


def test_static_and_traffic_meet_on_a_host_named_in_code() -> None:
    """A host with no SDK network signature: the owner is the code that names it."""
    flows = _flows(
        {
            "static": {
                "access": [{"owner": "app", "pi": ["account.id"]}],
                "endpoints": [{"owner": "app", "host": "api.example.com"}],
            },
            "traffic": {
                "phases": ["consent-given"],
                "sent": [{"pi": "account.id", "host": "api.example.com"}],
            },
        }
    )
    assert flows == {("pi:account.id", "host:api.example.com", "app:com.example.app"): "confirmed"}


def test_unreachable_reads_do_not_confirm() -> None:
    flows = _flows(
        {
            "static": {
                "access": [{"owner": "app", "pi": ["account.id"], "reachable": False}],
                "endpoints": [{"owner": "app", "host": "api.example.com"}],
            },
            "traffic": {
                "phases": ["consent-given"],
                "sent": [{"pi": "account.id", "host": "api.example.com"}],
            },
        }
    )
    assert set(flows.values()) == {"observed"}


def test_taint_to_the_network_confirms() -> None:
    flows = _flows(
        {
            "static": {"leaks": [{"sink_kind": "network", "pi": ["device.imei"], "owner": "app"}]},
            "traffic": {
                "phases": ["consent-given"],
                "sent": [{"pi": "device.imei", "host": "api.example.com"}],
            },
        }
    )
    assert set(flows.values()) == {"confirmed"}


def test_declaration_for_another_package() -> None:
    with pytest.raises(InputError, match="declares package"):
        case_graph({"static": {"package": "com.a"}, "declaration": {"package": "com.b"}}, KB)


def test_declared_edges_carry_sources() -> None:
    g = case_graph(
        {
            "declaration": {
                "package": "com.a",
                "pi": [{"pi": "device.imei", "purposes": ["risk"]}],
                "policy": {"pi": ["device.imei", "location.precise"], "third_parties": ["x"]},
            }
        },
        KB,
    )
    e = g.edges["app:com.a", "pi:device.imei", "declared"]
    assert e["sources"] == ["declaration", "policy"] and e["purposes"] == ["risk"]
    assert g.has_edge("app:com.a", "party:x", key="declared")
    assert {"declaration", "policy_text"} <= set(g.graph["evidence"])


def test_app_types_override_file(tmp_path: Path) -> None:
    p = tmp_path / "t.yaml"
    with pytest.raises(PolicyError, match="not found"):
        necessary_pi(KB, tmp_path / "none.yaml")
    p.write_text("- {id: maps, necessary_pi: location.precise}\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        necessary_pi(KB, p)
    assert necessary_pi(KB)["map-navigation"] >= {"location.precise"}


def test_unknown_app_type_is_an_input_error(tmp_path: Path) -> None:
    from analyzer.declaration.model import Declaration
    from analyzer.graph.join import build

    with pytest.raises(InputError, match="unknown app type"):
        build(KB, declaration=Declaration("d.yaml", app_type="games"))
    g = build(KB, declaration=Declaration("d.yaml", package="com.a", app_type="map-navigation"))
    assert g.nodes["app:com.a"]["necessary_pi"] == sorted(necessary_pi(KB)["map-navigation"])


def _traced_case(**traffic: object) -> dict[str, object]:
    """The app reads the IMEI and the account id and names two hosts; taint sends the IMEI to one of
    them and the account id to a sink whose host the code does not fix."""
    given: dict[str, object] = {
        "static": {
            "access": [{"owner": "app", "pi": ["device.imei", "account.id"]}],
            "endpoints": [{"owner": "app", "host": "a.example.com"},
                          {"owner": "app", "host": "b.example.com"}],
            "leaks": [
                {"sink_kind": "network", "pi": ["device.imei"], "owner": "app",
                 "destinations": ["https://a.example.com"]},
                {"sink_kind": "network", "pi": ["account.id"], "owner": "app", "method": "send"},
            ],
        },
    }
    if traffic:
        given["traffic"] = traffic
    return given


def test_flow_statuses_by_strength_of_evidence() -> None:
    app = "app:com.example.app"
    flows = _flows(_traced_case())
    assert flows == {
        ("pi:device.imei", "host:a.example.com", app): "traced",
        ("pi:device.imei", "host:b.example.com", app): "potential",  # taint sent it elsewhere only
        ("pi:account.id", "host:a.example.com", app): "traced-unbound",
        ("pi:account.id", "host:b.example.com", app): "traced-unbound",
    }


def test_the_wire_outranks_a_traced_path_and_a_path_confirms_it() -> None:
    sent = [{"pi": "device.imei", "host": "a.example.com"}]
    g = case_graph(_traced_case(phases=["consent-given"], sent=sent), KB)
    d = g.edges["pi:device.imei", "host:a.example.com", "flow:app:com.example.app"]
    assert d["status"] == "confirmed"
    assert "taint: a path to a sink that sends to this host" in d["static"]
    assert d["paths"] and d["paths"][0]["destinations"] == ["https://a.example.com"]


def test_each_flow_carries_the_paths_it_rests_on() -> None:
    g = case_graph(_traced_case(), KB)
    flows = {(u, v): d for u, v, d in g.edges(data=True) if d.get("kind") == "flow"}
    traced = flows[("pi:device.imei", "host:a.example.com")]
    assert [p["destinations"] for p in traced["paths"]] == [["https://a.example.com"]]
    unbound = flows[("pi:account.id", "host:b.example.com")]
    assert unbound["paths"] and all(p["destinations"] == [] for p in unbound["paths"])
    assert flows[("pi:device.imei", "host:b.example.com")]["paths"] == []


def test_a_destination_the_code_names_nowhere_else_gets_its_host() -> None:
    """A host a builder puts together is no URL constant: the path's destination adds it (and its
    scheme says cleartext)."""
    g = case_graph({"static": {"access": [{"owner": "app", "pi": ["device.imei"]}],
                               "leaks": [{"sink_kind": "network", "pi": ["device.imei"], "owner": "app",
                                          "destinations": ["http://c.example.com:8080"]}]}}, KB)
    d = g.edges["pi:device.imei", "host:c.example.com", "flow:app:com.example.app"]
    assert d["status"] == "traced" and d["cleartext"] is True


def test_an_sdk_signature_destination_binds_the_hosts_under_it() -> None:
    flows = _flows({"static": {
        "sdks": ["umeng-analytics"],
        "access": [{"owner": "sdk:umeng-analytics", "pi": ["device.imei"]}],
        "endpoints": [{"owner": "sdk:umeng-analytics", "host": "alog.umeng.com"}],
        "leaks": [{"sink_kind": "network", "pi": ["device.imei"], "owner": "sdk:umeng-analytics",
                   "destinations": ["https://umeng.com"]}]}})
    assert flows == {("pi:device.imei", "host:alog.umeng.com", "sdk:umeng-analytics"): "traced"}
