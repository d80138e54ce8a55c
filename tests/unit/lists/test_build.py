"""What the evidence cannot decide is marked for a person, and hostile names stay text in every format."""

from __future__ import annotations

import csv
import io
import re

import networkx as nx
import openpyxl
import pytest

from analyzer.kb.catalogue import load_kb
from analyzer.lists.build import build
from analyzer.lists.draft import draft
from analyzer.lists.model import Lists
from analyzer.lists.render import csv_text, html_page, markdown
from analyzer.lists.xlsx import workbook

HOSTILE = '<script>alert(1)</script>|=cmd'


def graph() -> nx.MultiDiGraph:
    """An app whose helper class reads the IMEI, that sends a phone number to an unknown host in an
    unmarked capture, and bundles an SDK whose code reads nothing."""
    g = nx.MultiDiGraph(app="app:com.evil", evidence=["static", "traffic"], phases=["unmarked"])
    g.add_node("app:com.evil", kind="app", label="com.evil")
    g.add_node("pi:device.imei", kind="pi", label="IMEI (device identifier)",
               label_zh="国际移动设备识别码（IMEI）")
    g.add_node("pi:contact.phone_number", kind="pi", label="Phone number", label_zh="手机号码")
    g.add_node("sdk:x", kind="sdk", label=HOSTILE, company='=HYPERLINK("http://a")', country="ZZ",
               category="ads")
    g.add_node("host:api.evil-partner.example", kind="host", domain="evil-partner.example", party="third")
    g.add_edge("app:com.evil", "sdk:x", key="bundles", kind="bundles", classes=3, reachable=True)
    g.add_edge("app:com.evil", "pi:device.imei", key="accesses:x", kind="accesses", reachable=True,
               api="android.telephony.TelephonyManager.getDeviceId", sites=["com.evil.Helper.run()V@0x1"])
    g.add_edge("pi:contact.phone_number", "host:api.evil-partner.example", key="sent:unmarked", kind="sent",
               phase="unmarked", locations=["json:$.tel"], endpoints=["https://api.evil-partner.example/u"])
    return g


@pytest.fixture(scope="module")
def lists() -> Lists:
    return build(graph(), [], load_kb())


def test_rows_the_evidence_cannot_decide_are_marked(lists: Lists) -> None:
    pi = {r.pi: r for r in lists.pi}
    assert pi["device.imei"].review == ("scenario",)  # a helper class: no screen, no SDK function
    assert pi["device.imei"].when == "after"  # read, but not by start-up code
    assert pi["contact.phone_number"].review == ("scenario", "when")  # on the wire, phase unmarked
    assert pi["contact.phone_number"].evidence == ("wire",)
    parties = {r.key: r for r in lists.parties}
    assert parties["sdk:x"].review == ("pi", "how") and parties["sdk:x"].evidence == ("bundled",)
    assert parties["host:evil-partner.example"].how == "direct"
    assert parties["host:evil-partner.example"].review == ("company",)
    assert lists.undecided == 4 and lists.left_out == 0
    assert all(r.declared is None for r in lists.pi)


def test_declared_only_pi_and_gaps_come_from_the_findings() -> None:
    g = graph()
    g.graph["evidence"].append("declaration")
    g.add_node("pi:location.precise", kind="pi", label="Precise location", label_zh="精确位置")
    g.add_edge("app:com.evil", "pi:location.precise", key="declared", kind="declared",
               sources=["declaration"], purposes=["导航"], pi=[], domains=[], name="", role="")
    found = [("o24-09-2-undeclared-pi", "pi:device.imei"), ("o24-09-2-undeclared-sdk", "sdk:x"),
             ("o24-04-pi-inventory", "pi:device.imei")]
    lists = build(g, found, load_kb())
    pi = {r.pi: r for r in lists.pi}
    assert pi["location.precise"].evidence == ("declared-only",)
    assert pi["location.precise"].when == "undecided"
    assert pi["location.precise"].purpose.zh == "导航" and pi["location.precise"].declared is True
    assert pi["device.imei"].gaps == ("o24-09-2-undeclared-pi",) and pi["device.imei"].declared is False
    assert pi["contact.phone_number"].gaps == ()  # no finding names it: the rule decides, not the list
    assert {r.key: r.gaps for r in lists.parties}["sdk:x"] == ("o24-09-2-undeclared-sdk",)


def test_hostile_names_stay_text_in_every_format(lists: Lists) -> None:
    for lang in ("zh", "en"):
        page = html_page(lists, lang)
        assert "<script" not in page and "&lt;script&gt;" in page
        md = markdown(lists, lang)
        assert "<script" not in md
        party_rows = [ln for ln in md.splitlines() if "alert" in ln]
        assert len(party_rows) == 1 and len(re.findall(r"(?<!\\)\|", party_rows[0])) == 12  # 11 cells
        rows = list(csv.reader(io.StringIO(csv_text(lists, "parties", lang).removeprefix("\ufeff"))))
        assert rows[1][1] == "'=HYPERLINK(\"http://a\")"  # a formula start neutralised
        wb = openpyxl.load_workbook(io.BytesIO(workbook(lists, lang)))
        cell = wb.worksheets[1].cell(row=2, column=2)
        assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://a\")"


def test_the_draft_quotes_names_as_strings(lists: Lists) -> None:
    import yaml

    doc = yaml.safe_load(draft(lists))
    assert doc["schema"] == "piflow.declaration/1"
    names = [t["name"] for t in doc["third_parties"]]
    assert any(HOSTILE in n for n in names)
    assert {p["id"] for p in doc["pi"]} == {"device.imei", "contact.phone_number"}


def test_a_taint_path_of_the_app_to_a_host_makes_a_recipient_row_but_not_to_loopback() -> None:
    g = graph()
    for host in ("host:api.partner.example", "host:127.0.0.1"):
        g.add_node(host, kind="host")
        g.add_edge("pi:device.imei", host, key="flow:app:com.evil", kind="flow", status="traced",
                   owner="app:com.evil", paths=[{"source": "com.evil.Helper.run()V@0x1"}])
    parties = {r.key: r for r in build(g, [], load_kb()).parties}
    row = parties["host:api.partner.example"]
    assert row.pi == ("device.imei",) and row.evidence == ("code-path",) and row.how == "direct"
    assert row.review == ("company",)  # from code alone: whose server it is, a person says
    assert not [k for k in parties if "127.0.0.1" in k]


def test_a_scan_cut_by_its_budget_decides_no_consent_phase_from_code_alone() -> None:
    g = graph()
    g.graph["static_partial"] = "security facts"
    lists = build(g, [], load_kb())
    assert {r.pi: r.when for r in lists.pi}["device.imei"] == "undecided"
    assert lists.partial == "security facts"
    assert "security facts phase" in markdown(lists, "en")
