"""Region, role and country source travel with an observation: detected, saved, read back, graphed."""

from __future__ import annotations

import json

from analyzer.graph import build as graph
from analyzer.kb.catalogue import load_kb
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message, NotInspected, Observation


def _posthog_event(host: str) -> Message:
    body = json.dumps({"api_key": "phc_x", "event": "signup", "distinct_id": "u1",
                       "properties": {"$set": {"email": "li.lei@example.com"}}}).encode()
    return Message(flow_id="f1", direction="request", method="POST", scheme="https", host=host, port=443,
                   path="/i/v0/e/", headers=(("content-type", "application/json"),), body=body,
                   timestamp=1.0, tls=True, http_version="HTTP/2.0")


def test_an_observation_to_an_eu_host_carries_eu_facts_through_save_and_graph() -> None:
    kb = load_kb()
    det = Detector(None, Attributor(kb, app="com.example.shop"))
    obs = [o for o in det.detect(_posthog_event("eu.i.posthog.com"), "consent-given")
           if o.pi == "contact.email"]
    assert obs, "the e-mail under $set.email is found without a profile"
    a = obs[0].attribution
    assert (a.sdk, a.region, a.country, a.role, a.country_source) == (
        "posthog", "EU", "DE", "ingest", "kb")
    rec = json.loads(json.dumps(obs[0].to_dict()))
    assert (rec["region"], rec["role"], rec["country"], rec["country_source"]) == ("EU", "ingest", "DE", "kb")
    assert Observation.from_dict(rec) == obs[0]
    g = graph.from_observations(obs, kb, app="com.example.shop")
    node = g.nodes["host:eu.i.posthog.com"]
    facts = (node["region"], node["role"], node["country"], node["country_source"])
    assert facts == ("EU", "ingest", "DE", "kb")


def test_records_written_before_regions_read_back() -> None:
    old = {"record": "observation", "pi": "contact.email", "location": "json:$.email", "encoding": "plain",
           "excerpt": "l***", "confidence": "high", "detector": "key:email", "flow_id": "f",
           "direction": "request", "method": "POST", "endpoint": "https://x.example/", "host": "x.example",
           "domain": "x.example", "party": "third", "sdk": "", "company": "", "country": "CN",
           "phase": "unmarked", "timestamp": 1.0, "tls": True}
    a = Observation.from_dict(old).attribution
    assert (a.country, a.region, a.role, a.country_source) == ("CN", "", "", "")
    o = Observation.from_dict(old)
    g = graph.from_observations([o])
    assert g.nodes["host:x.example"]["country_source"] == "geoip"  # before regions, only GeoIP gave a country
    ni = NotInspected.from_dict({"host": "h", "reason": "r", "phase": "unmarked", "timestamp": 2.0})
    assert ni.attribution.region == "" and ni.attribution.party == "unknown"


def test_the_traffic_table_says_where_the_data_goes() -> None:
    import dataclasses
    import io

    from analyzer.traffic.report import render_table

    det = Detector(None, Attributor(load_kb(), app="com.example.shop"))
    eu = det.detect(_posthog_event("eu.i.posthog.com"), "consent-given")
    moved = [dataclasses.replace(o, attribution=dataclasses.replace(o.attribution, country="US",
                                                                   country_source="geoip")) for o in eu]
    buf = io.StringIO()
    render_table(eu, [], buf)
    assert "EU, DE" in buf.getvalue() and "GeoIP" not in buf.getvalue()
    buf = io.StringIO()
    render_table(moved, [], buf)
    assert "EU, US (GeoIP)" in buf.getvalue()
