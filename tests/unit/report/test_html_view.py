"""The HTML report's pure parts on the tracker sample's real check document: columns, paths, inventory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from analyzer.report.html.view import (
    COL_WIDTH,
    column_of,
    elements,
    finding_path,
    graph_parts,
    inventory,
    party_of,
    positions,
)
from tests.conftest import TRACKER

Doc = Callable[[str], dict[str, Any]]
EXPECTED = yaml.safe_load((TRACKER / "expected.yaml").read_text(encoding="utf-8"))
DECLARED = {p["id"] for p in yaml.safe_load((TRACKER / "declaration.yaml").read_text(encoding="utf-8"))["pi"]}
APP = f"app:{EXPECTED['package']}"
HOST = f"host:{EXPECTED['hosts'][0]}"
SDK = f"sdk:{EXPECTED['sdks'][0]}"


@pytest.mark.parametrize(
    ("node", "col"),
    [
        ("app:com.x", 0),
        ("sdk:umeng", 0),
        ("component:com.x.Main", 0),
        ("pi:device.imei", 1),
        ("perm:android.permission.INTERNET", 1),
        ("host:a.b", 2),
        ("sink:log", 2),
        ("weakness:trust_all:com.x.T", 2),
        ("company:Umeng", 3),
        ("party:Acme", 3),
        ("country:CN", 3),
        ("something:new", 2),
    ],
)
def test_column_of_each_kind(node: str, col: int) -> None:
    assert column_of(node) == col


def test_positions_one_column_per_stage_no_overlap() -> None:
    ids = ["app:a", "sdk:s", "pi:x", "pi:y", "pi:z", "host:h", "company:c", "country:CN"]
    pos = positions(ids)
    assert {n: x for n, (x, _) in pos.items()} == {n: column_of(n) * COL_WIDTH for n in ids}
    assert len(set(pos.values())) == len(ids)
    ys = sorted(y for n, (_, y) in pos.items() if n.startswith("pi:"))
    assert ys[0] == -ys[-1]  # centred
    assert pos["app:a"][1] < pos["sdk:s"][1]  # the app heads its column


def test_tracker_elements_are_laid_out_in_columns(tracker_doc: Doc) -> None:
    els = elements(tracker_doc("en"), "en")
    nodes = {e["data"]["id"]: e for e in els if e["group"] == "nodes"}
    want = {APP, SDK, HOST, "country:CN", *(f"pi:{p}" for p in EXPECTED["pi_types"])}
    assert want <= set(nodes)
    for nid, e in nodes.items():
        assert e["position"]["x"] == column_of(nid) * COL_WIDTH
    assert nodes[APP]["data"]["party"] == "first" and nodes[SDK]["data"]["party"] == "third"
    edges = [e["data"] for e in els if e["group"] == "edges"]
    assert len({e["id"] for e in edges}) == len(edges)
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges)
    located = {(e["source"], e["target"]) for e in edges if e["kind"] == "located_in"}
    assert ("company:Umeng (Alibaba Group)", "country:CN") in located


def test_zh_labels_for_pi_types(tracker_doc: Doc) -> None:
    nodes = {e["data"]["id"]: e["data"] for e in elements(tracker_doc("zh"), "zh") if e["group"] == "nodes"}
    assert nodes["pi:device.imei"]["label"] == "国际移动设备识别码（IMEI）"
    assert nodes[HOST]["label"] == EXPECTED["hosts"][0]


def _find(doc: dict[str, Any], rule: str, subject: str) -> dict[str, Any]:
    return next(f for f in doc["findings"] if f["rule"] == rule and f["subject"] == subject)


def test_path_of_a_phase_finding_is_its_flow_in_that_phase(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    f = _find(doc, "o24-09-1-pi-sent-before-consent", f"pi:device.imei -> {HOST}")
    path = finding_path(f, doc)
    assert {APP, SDK, "pi:device.imei", HOST, "country:CN"} <= set(path["nodes"])
    assert "pi:device.mac" not in path["nodes"]
    assert path["pis"] == ["pi:device.imei"] and path["parties"] == ["third"]
    assert path["phases"] == ["pre-consent"]
    _, edges = graph_parts(doc)
    by_id = {e["_id"]: e for e in edges}
    keys = {(by_id[i]["source"], by_id[i]["target"], by_id[i]["key"]) for i in path["edges"]}
    assert ("pi:device.imei", HOST, "sent:pre-consent") in keys
    assert ("pi:device.imei", HOST, "sent:consent-given") not in keys
    assert ("pi:device.imei", HOST, f"flow:{SDK}") in keys  # flow phases include pre-consent
    assert (SDK, "pi:device.imei", "accesses:telephony.getDeviceId") in keys


def test_path_of_an_sdk_finding_reaches_the_app(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    path = finding_path(_find(doc, "o24-09-1-sdk-init-before-consent", SDK), doc)
    _, edges = graph_parts(doc)
    kinds = {e["kind"] for e in edges if e["_id"] in path["edges"]}
    assert {APP, SDK} <= set(path["nodes"]) and not path["pis"]
    assert {"calls_before_consent", "bundles", "made_by"} <= kinds


def test_path_ignores_names_not_in_the_graph(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    f = {
        "subject": "pi:nope -> host:nowhere.test",
        "evidence": [{"kind": "traffic", "summary": "sdk:ghost", "ref": ""}],
    }
    assert finding_path(f, doc)["nodes"] == []


def test_tracker_inventory(tracker_doc: Doc) -> None:
    rows = {r["pi"]: r for r in inventory(tracker_doc("en"), "en")}
    assert set(rows) == {f"pi:{p}" for p in EXPECTED["pi_types"]}
    for pi, r in rows.items():
        assert [c["id"] for c in r["collectors"]] == [SDK]
        assert [w["host"] for w in r["where"]] == [HOST]
        assert r["where"][0]["company"] == "Umeng (Alibaba Group)" and r["where"][0]["country"] == "CN"
        assert r["where"][0]["cleartext"] is EXPECTED["cleartext"]
        assert r["sinks"] == (EXPECTED["sinks"] if pi.removeprefix("pi:") in EXPECTED["leaked_pi"] else [])
        assert r["declared"] is (pi.removeprefix("pi:") in DECLARED)
    assert rows["pi:device.imei"]["where"][0]["status"] == "confirmed"
    assert rows["pi:device.imei"]["phases"] == ["consent-given", "consent-refused", "pre-consent"]
    # never on the wire, and the taint path to the host carries only the MAC the code takes from the
    # connection info: the Wi-Fi location is read and the host named in the same code, no more
    assert rows["pi:location.wifi"]["where"][0]["status"] == "potential"
    assert rows["pi:location.wifi"]["phases"] == []


def _doc(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"graph": {"nodes": nodes, "edges": edges, "graph": {}}}


def test_inventory_wire_only_and_log_sink() -> None:
    doc = _doc(
        [
            {"id": "app:a"},
            {"id": "pi:contacts", "label": "Contacts"},
            {"id": "host:h.test", "party": "first"},
            {"id": "sink:log", "label": "log"},
        ],
        [
            {"source": "pi:contacts", "target": "host:h.test", "kind": "sent", "phase": "consent-given"},
            {"source": "pi:contacts", "target": "sink:log", "kind": "leaks_to", "owner": "app:a"},
        ],
    )
    (row,) = inventory(doc, "en")
    assert row["collectors"] == [{"id": "app:a", "label": "a"}]
    assert row["where"][0]["status"] == "observed" and row["where"][0]["party"] == "first"
    assert row["sinks"] == ["log"] and row["phases"] == ["consent-given"] and row["declared"] is False


def test_inventory_marks_sinks_where_the_data_stays_in_the_app() -> None:
    doc = _doc(
        [
            {"id": "app:a"},
            {"id": "pi:contacts", "label": "Contacts"},
            {"id": "sink:sqlite", "label": "sqlite", "scope": "storage"},
            {"id": "sink:network", "label": "network", "scope": "outside"},
        ],
        [
            {"source": "pi:contacts", "target": "sink:sqlite", "kind": "leaks_to", "owner": "app:a"},
            {"source": "pi:contacts", "target": "sink:network", "kind": "leaks_to", "owner": "app:a"},
        ],
    )
    (row,) = inventory(doc, "en")
    assert row["sinks"] == ["network", "sqlite (kept in the app)"]


def test_party_of() -> None:
    assert [party_of({"id": n}) for n in ("app:a", "sdk:s", "pi:p", "company:c")] == [
        "first",
        "third",
        "",
        "third",
    ]
    assert party_of({"id": "host:h", "party": "first"}) == "first" and party_of({"id": "host:h"}) == ""
