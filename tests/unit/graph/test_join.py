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
