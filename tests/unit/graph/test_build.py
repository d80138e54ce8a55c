"""The flow graph: built from a scan, saved and re-read as node-link JSON, GraphML and GEXF."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.graph import build as graph
from analyzer.kb.catalogue import load_kb
from analyzer.model import CodeLocation, Confidence, Endpoint, Owner
from analyzer.static.scan import scan_apk
from analyzer.traffic.model import Attribution, Observation
from tests.conftest import sample_apk


@pytest.fixture(scope="module")
def tracker_graph() -> nx.MultiDiGraph:
    return graph.from_scan(scan_apk(sample_apk("tracker")), load_kb())


def test_nodes_and_edges_of_a_scan(tracker_graph: nx.MultiDiGraph) -> None:
    g = tracker_graph
    app, sdk = "app:com.piflow.sample.tracker", "sdk:umeng-analytics"
    assert g.nodes[app]["kind"] == "app"
    assert g.nodes[sdk]["kind"] == "sdk"
    assert g.has_edge(app, sdk, key="bundles")
    for pi in ("device.imei", "device.android_id", "device.mac", "location.wifi"):
        assert g.has_edge(sdk, f"pi:{pi}"), pi
        assert not g.has_edge(app, f"pi:{pi}"), pi
    assert g.has_edge(sdk, "host:alog.umeng.com", key="contacts")
    assert g.edges[sdk, "host:alog.umeng.com", "contacts"]["schemes"] == ["http"]
    assert g.has_edge(app, "perm:android.permission.READ_PHONE_STATE", key="requests")
    assert all(isinstance(n, str) and ":" in n for n in g.nodes)
    company = next(v for _, v, k in g.out_edges(sdk, keys=True) if k == "made_by")
    assert g.nodes[company]["kind"] == "company"


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_export_round_trip(tracker_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    graph.export(tracker_graph, path)
    if fmt == "json":
        back = graph.load_json(path)
    elif fmt == "graphml":
        back = nx.read_graphml(path, force_multigraph=True)
    else:
        back = nx.read_gexf(path)
    assert set(back.nodes) == set(tracker_graph.nodes)
    assert back.number_of_edges() == tracker_graph.number_of_edges()
    kinds = {d.get("kind") for _, _, d in back.edges(data=True)}
    assert {"bundles", "accesses", "contacts", "requests"} <= kinds
    imei_edges = [d for u, v, d in back.edges(data=True) if v == "pi:device.imei"]
    sites = imei_edges[0]["sites"]
    sites = json.loads(sites) if isinstance(sites, str) else sites
    assert any("UMConfigure.init" in s for s in sites)


def test_unknown_graph_format(tracker_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="unknown graph format"):
        graph.export(tracker_graph, tmp_path / "g.xyz")


def test_load_rejects_non_graph(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    with pytest.raises(Exception, match="not a piflow graph"):
        graph.load_json(bad)


def test_cli_writes_graph_and_json(tmp_path: Path) -> None:
    out, gpath = tmp_path / "scan.json", tmp_path / "flow.graphml"
    res = CliRunner().invoke(main, ["scan", "-q", "--format", "json", "-o", str(out),
                                    "--graph", str(gpath), str(sample_apk("weather"))])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["schema"] == "piflow.scan/1"
    assert doc["summary"]["pi_types"] == ["location.precise"]
    assert doc["summary"]["sdks"] == ["tencent-bugly"]
    g = nx.read_graphml(gpath, force_multigraph=True)
    assert g.has_node("sdk:tencent-bugly") and g.has_node("pi:location.precise")


def test_table_output_names_pi_and_sdk() -> None:
    res = CliRunner().invoke(main, ["scan", "-q", str(sample_apk("tracker"))])
    assert res.exit_code == 0
    assert "device.imei" in res.output and "sdk:umeng-analytics" in res.output


def test_hosts_named_in_code_carry_the_region_role_and_country_of_their_sdk_entry() -> None:
    kb = load_kb()
    loc = CodeLocation("io.sentry.Dsn", "<init>", "(Ljava/lang/String;)V", 4)
    app = Owner("app", "com.example")
    dsn = "https://k@o4507.ingest.de.sentry.io/1"
    eps = [Endpoint("o4507.ingest.de.sentry.io", dsn, "https", loc, app, True),
           Endpoint("alog.umeng.com", "http://alog.umeng.com/app_logs", "http", loc, app, True)]
    g = graph.new_graph()
    graph.add_endpoints(g, eps, kb)
    n = g.nodes["host:o4507.ingest.de.sentry.io"]
    assert (n["sdk"], n["region"], n["role"], n["country"], n["country_source"]) == (
        "sentry", "EU", "crash", "DE", "kb")
    assert not {"region", "role", "country"} & set(g.nodes["host:alog.umeng.com"])  # no facts for this host
    # seen on the wire at an address a GeoIP database places in the US: that country wins, and stays
    att = Attribution("sentry.io", "third", "sentry", "Sentry", country="US", region="EU", role="crash",
                      country_source="geoip")
    seen = Observation("contact.email", "json:$.user.email", "plain", "l***", Confidence.HIGH, "key:email",
                       "f1", "request", "POST", "https://o4507.ingest.de.sentry.io/api/1/envelope/",
                       "o4507.ingest.de.sentry.io", att, "consent-given", 1.0, True)
    graph.add_observations(g, [seen], kb, app="com.example")
    graph.add_endpoints(g, eps, kb)
    n = g.nodes["host:o4507.ingest.de.sentry.io"]
    assert (n["country"], n["country_source"], n["region"]) == ("US", "geoip", "EU")
