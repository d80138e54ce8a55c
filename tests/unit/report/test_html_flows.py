"""The report's aggregated flow rows, on the tracker sample's real check document and a generated big one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from analyzer.report.html.flows import (
    EVIDENCE,
    PRE_CONSENT_CODE,
    STATUS_EVIDENCE,
    articles,
    flow_rows,
    headline,
    recipient,
    recipients,
)
from analyzer.report.html.view import finding_paths, graph_parts
from tests.bigdoc import APP as BIG_APP
from tests.bigdoc import FIRST_PARTY, big_doc
from tests.conftest import TRACKER

Doc = Callable[[str], dict[str, Any]]
EXPECTED = yaml.safe_load((TRACKER / "expected.yaml").read_text(encoding="utf-8"))
SDK = f"sdk:{EXPECTED['sdks'][0]}"
HOST = EXPECTED["hosts"][0]


def _rows(doc: dict[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    parts = graph_parts(doc)
    fs = list(zip(doc["findings"], finding_paths(doc["findings"], doc, parts), strict=True))
    return flow_rows(doc, lang, fs, parts)


@pytest.fixture(scope="module")
def big() -> dict[str, Any]:
    return big_doc()


@pytest.fixture(scope="module")
def big_rows(big: dict[str, Any]) -> list[dict[str, Any]]:
    return _rows(big)


def test_tracker_rows_name_umeng_with_its_company_country_and_wire_evidence(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    rows = _rows(doc)
    by_pi = {r["pi"]: r for r in rows}
    assert set(by_pi) == {f"pi:{p}" for p in EXPECTED["pi_types"]}
    assert len(rows) == len(by_pi)  # one collector, one recipient
    for r in rows:
        assert r["collector"] == SDK and r["collector_kind"] == "sdk"
        assert r["party"] == "third" and r["recipient"].startswith("company:Umeng")
        assert r["countries"] == ["CN"]
        assert [h["host"] for h in r["hosts"]] == [HOST]
        assert PRE_CONSENT_CODE in r["phases"]  # Umeng reads it in Application.onCreate
    flows = {(f["pi"], f["status"]) for f in doc["flows"]}
    for pi, status in flows:
        assert by_pi[f"pi:{pi}"]["evidence"] == STATUS_EVIDENCE[status]
    imei = by_pi["pi:device.imei"]
    assert {"pre-consent", "consent-given", "consent-refused"} <= set(imei["phases"])
    assert imei["cleartext"] is True


def test_tracker_rows_carry_the_edges_the_drill_down_shows(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    _, edges = graph_parts(doc)
    by_id = {e["_id"]: e for e in edges}
    imei = next(r for r in _rows(doc) if r["pi"] == "pi:device.imei")
    kinds = {by_id[i]["kind"] for i in imei["edges"]}
    assert {"flow", "sent", "accesses", "accesses_before_consent", "leaks_to"} <= kinds
    sent = [by_id[i] for i in imei["edges"] if by_id[i]["kind"] == "sent"]
    assert {e["phase"] for e in sent} == {"pre-consent", "consent-given", "consent-refused"}
    assert all(e["source"] == "pi:device.imei" for e in sent)
    assert len(imei["edges"]) == len(set(imei["edges"]))


def test_tracker_findings_by_row_and_article(tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    rows = {r["pi"]: r for r in _rows(doc)}
    fps = {f["fingerprint"]: f for f in doc["findings"]}
    for r in rows.values():
        for fp in r["findings"]:
            f = fps[fp]
            assert r["pi"] in f["subject"] or SDK in f["subject"] or f["subject"].endswith(HOST), f["subject"]
        assert r["articles"] == sorted({fps[fp]["order24"]["article"] for fp in r["findings"]})
    pre = [f for f in doc["findings"] if f["rule"] == "o24-09-1-pi-sent-before-consent"]
    assert pre
    for f in pre:  # a PI sent before consent belongs to its own PI's row only
        hit = [pi for pi, r in rows.items() if f["fingerprint"] in r["findings"]]
        assert hit == [f["subject"].split(" -> ")[0]]
    arts = articles(doc["findings"], ("critical", "high", "medium", "low", "info"))
    assert sum(a["count"] for a in arts) == len(doc["findings"])
    assert arts[0]["article"] == "Art 4"


def test_big_document_folds_into_a_bounded_number_of_rows(
    big: dict[str, Any], big_rows: list[dict[str, Any]]
) -> None:
    n_pi = sum(1 for n in big["graph"]["nodes"] if n["kind"] == "pi")
    n_sdk = sum(1 for n in big["graph"]["nodes"] if n["kind"] == "sdk")
    n_flows = sum(1 for e in big["graph"]["edges"] if e["kind"] == "flow")
    assert len(big_rows) < n_flows  # hosts fold into their recipient
    assert len(big_rows) <= n_pi * (n_sdk + 1) * 2
    keys = [(r["pi"], r["collector"], r["recipient"]) for r in big_rows]
    assert len(keys) == len(set(keys))
    assert len({r["id"] for r in big_rows}) == len(big_rows)


def test_big_document_every_flow_in_exactly_one_row_with_its_recipient(
    big: dict[str, Any], big_rows: list[dict[str, Any]]
) -> None:
    nodes = {n["id"]: n for n in big["graph"]["nodes"]}
    operator = {e["source"]: e["target"] for e in big["graph"]["edges"] if e["kind"] == "operated_by"}
    _, edges = graph_parts(big)
    flows = {e["_id"]: e for e in edges if e["kind"] == "flow"}
    seen: dict[str, int] = {}
    for r in big_rows:
        for i in r["edges"]:
            if i in flows:
                seen[i] = seen.get(i, 0) + 1
                e = flows[i]
                assert (e["source"], e["owner"]) == (r["pi"], r["collector"])
                host = nodes[e["target"]]
                if host.get("party") == "first":
                    assert r["party"] == "first"
                elif e["target"] in operator:
                    assert r["recipient"] == operator[e["target"]] and r["party"] == "third"
                    assert r["countries"] == [nodes[r["recipient"]]["country"]]
                else:
                    assert r["party"] == "unattributed"
                assert host["label"] in {h["host"] for h in r["hosts"]}
                assert EVIDENCE.index(r["evidence"]) <= EVIDENCE.index(STATUS_EVIDENCE[e["status"]])
    assert set(seen) == set(flows) and set(seen.values()) == {1}


def test_big_document_reads_sent_nowhere_and_sinks(
    big: dict[str, Any], big_rows: list[dict[str, Any]]
) -> None:
    carried = {(e["source"], e["owner"]) for e in big["graph"]["edges"] if e["kind"] in ("flow", "leaks_to")}
    reads = {(e["target"], e["source"]) for e in big["graph"]["edges"] if e["kind"] == "accesses"}
    none = {(r["pi"], r["collector"]) for r in big_rows if r["party"] == "none"}
    assert none == reads - carried and none
    assert all(r["evidence"] == "none" and not r["hosts"] for r in big_rows if r["party"] == "none")
    device = [r for r in big_rows if r["party"] == "device"]
    assert device and all(r["sinks"] and r["evidence"] == "code" for r in device)
    assert any(s.startswith("file") and "kept in the app" in s for r in device for s in r["sinks"])
    early = {
        (e["target"], e["source"]) for e in big["graph"]["edges"] if e["kind"] == "accesses_before_consent"
    }
    for r in big_rows:
        assert (PRE_CONSENT_CODE in r["phases"]) is ((r["pi"], r["collector"]) in early)


def test_first_party_by_declared_domain_without_a_capture(big: dict[str, Any]) -> None:
    doc = big_doc(n_sdks=3, n_hosts=20, n_pi=6, seed=5)
    for n in doc["graph"]["nodes"]:
        n.pop("party", None)  # a static-only scan: no capture said who is first party
    rows = _rows(doc)
    first = [r for r in rows if r["party"] == "first"]
    assert first and all(h["host"].endswith(FIRST_PARTY) for r in first for h in r["hosts"])
    assert all(r["collector"] == BIG_APP for r in first)


def test_headline_counts(big_rows: list[dict[str, Any]]) -> None:
    h = headline(big_rows)
    out = [r for r in big_rows if r["party"] in ("first", "third", "unattributed")]
    assert h["rows"] == len(big_rows)
    assert h["hosts"] == len({x["host"] for r in out for x in r["hosts"]})
    assert h["countries"] == sorted({c for r in out for c in r["countries"]})
    assert h["wire"] == sum(1 for r in out if r["evidence"] == "wire") > 0
    assert h["third"] == len({r["recipient"] for r in out if r["party"] == "third"}) > 0
    assert h["first"] is True
    assert (
        h["unattributed"] == len({d for r in out if r["party"] == "unattributed" for d in r["domains"]}) > 0
    )


def test_zh_labels(tracker_doc: Doc) -> None:
    rows = _rows(tracker_doc("zh"), "zh")
    assert "国际移动设备识别码（IMEI）" in {r["pi_label"] for r in rows}


def test_generator_is_deterministic() -> None:
    assert big_doc(seed=7) == big_doc(seed=7) != big_doc(seed=8)
    doc = big_doc()
    kinds = [n["kind"] for n in doc["graph"]["nodes"]]
    assert kinds.count("sdk") == 50 and kinds.count("host") == 200


def test_recipients_at_a_glance(tracker_doc: Doc, big_rows: list[dict[str, Any]]) -> None:
    (umeng,) = recipients(_rows(tracker_doc("en")))
    assert umeng["label"].startswith("Umeng") and umeng["countries"] == ["CN"] and umeng["party"] == "third"
    assert (umeng["evidence"], umeng["pis"], umeng["hosts"], umeng["pre_consent"]) == ("wire", 4, 1, True)
    rec = recipients(big_rows)
    assert {e["id"] for e in rec} == {
        r["recipient"] for r in big_rows if r["party"] in ("first", "third", "unattributed")
    }
    for e in rec:
        mine = [r for r in big_rows if r["recipient"] == e["id"]]
        assert e["pis"] == len({r["pi"] for r in mine})
        assert e["evidence"] == min((r["evidence"] for r in mine), key=EVIDENCE.index)
    ranks = [(EVIDENCE.index(e["evidence"]), -e["pis"]) for e in rec]
    assert ranks == sorted(ranks)


def test_a_trimmed_document_still_folds() -> None:
    doc = {
        "app": "app:a",
        "graph": {
            "graph": None,
            "nodes": [{"id": "app:a"}, {"id": "pi:x"}],
            "edges": [
                {"source": "pi:x", "target": "host:gone.example.com", "kind": "flow", "status": "odd"},
                {"source": "app:a", "target": "pi:x", "kind": "accesses"},
            ],
        },
        "findings": [],
    }
    (row,) = flow_rows(doc, "en")
    assert (row["collector"], row["party"], row["evidence"]) == ("app:a", "unattributed", "colocated")
    assert row["hosts"] == [{"host": "gone.example.com", "evidence": "colocated"}]
    assert row["domains"] == ["example.com"] and len(row["edges"]) == 2


@pytest.mark.parametrize(("host", "party"), [("host:127.0.0.1", "device"), ("host:localhost", "device"),
                                              ("host:[::1]", "device"), ("host:10.0.0.2", "unattributed"),
                                              ("host:api.example.cn", "unattributed")])
def test_the_device_itself_is_no_recipient_away_from_it(host: str, party: str) -> None:
    ids = {host: {"id": host, "kind": "host", "label": host.removeprefix("host:")}}
    assert recipient(host, ids, {}, {})["party"] == party
