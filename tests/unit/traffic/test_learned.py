"""Identifiers a capture names itself: learned where a field names them, found where they recur."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from mitmproxy import http, io
from mitmproxy.test import tflow

from analyzer.cli import main
from analyzer.kb.catalogue import load_kb
from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector, detect_capture, observations_for
from analyzer.traffic.learned import learned_profile
from analyzer.traffic.model import Message, Observation
from analyzer.traffic.profile import profile_from_dict

OAID = "5f0c2a7e-93b1-4d6e-a8f2-3c1b9e7d4a60"
OTHER = "0b8e5d2c-41f7-4a93-9c6e-7d2f1a8b3e54"  # a random id of the same shape, named nowhere
IMEI = "869876041234561"


def _msg(n: int, host: str, body: object, direction: str = "request") -> Message:
    return Message(str(n), direction, "POST", "https", host, 443, "/v1/e", "",
                   (("content-type", "application/json"),), json.dumps(body).encode(), float(n))


CAPTURE = [
    _msg(1, "push.example-sdk.cn", {"oaid": OAID, "imei": IMEI}),            # fields that say what they are
    _msg(2, "api.mixpanel.com", [{"event": "open", "properties": {"distinct_id": OAID}}]),
    _msg(3, "api.mixpanel.com", [{"event": "open", "properties": {"distinct_id": OTHER}}]),
    _msg(4, "stats.example.com", {"u": hashlib.md5(IMEI.encode()).hexdigest()}),  # the learned IMEI's digest
]


def _found(obs: list[Observation], flow: str) -> dict[str, tuple[Confidence, str]]:
    return {o.pi: (o.confidence, o.detector) for o in obs
            if o.flow_id == flow and o.confidence >= Confidence.MEDIUM}


def test_a_value_a_field_names_is_that_identifier_where_it_recurs() -> None:
    det = Detector(None, Attributor(load_kb()))
    single = observations_for(det, CAPTURE)
    assert "device.oaid" not in _found(single, "2")  # alone, a UUID under distinct_id could be anything
    obs = detect_capture(det, lambda: CAPTURE)
    assert _found(obs, "2")["device.oaid"] == (Confidence.HIGH, "learned:oaid")
    assert _found(obs, "3") == {}  # the random id of the same shape stays quiet
    assert _found(obs, "4")["device.imei"][1] == "learned:imei"  # any spelling the profile knows: MD5 too
    assert det.learned is None  # the learned values are not kept on the detector


def test_nothing_learned_means_one_pass_and_the_same_result() -> None:
    det = Detector(None, Attributor(load_kb()))
    reads = []

    def messages() -> list[Message]:
        reads.append(1)
        return CAPTURE[2:3]
    assert detect_capture(det, messages) == observations_for(det, CAPTURE[2:3]) and len(reads) == 1


def test_responses_digests_and_loose_kinds_teach_nothing() -> None:
    det = Detector(None, Attributor(load_kb()))
    sent_back = [_msg(1, "push.example-sdk.cn", {"oaid": OAID}, direction="response"),
                 _msg(2, "api.mixpanel.com", [{"properties": {"distinct_id": OAID}}])]
    assert "device.oaid" not in _found(detect_capture(det, lambda: sent_back), "2")
    hashed = [_msg(1, "a.example.com", {"imei_md5": hashlib.md5(IMEI.encode()).hexdigest()}),
              _msg(2, "b.example.com", {"x": hashlib.md5(IMEI.encode()).hexdigest()})]
    assert "device.imei" not in _found(detect_capture(det, lambda: hashed), "2")
    assert learned_profile({"identity.name": {"李雷"}}) is None


def test_learned_values_join_a_given_profile_and_keep_its_origin() -> None:
    given = profile_from_dict({"imei": IMEI, "label": "phone A"})
    learned = {"device.imei": {IMEI}, "device.oaid": {OAID}, "device.gaid": {"too-short"}}
    prof = learned_profile(learned, given)
    assert prof is not None and prof.label == "phone A"
    assert [(kv.field, kv.origin) for kv in prof.values] == [("imei", "profile"), ("oaid", "learned")]


def test_piflow_traffic_learns_within_one_flow_file(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    with cap.open("wb") as fh:
        w = io.FlowWriter(fh)
        for m in CAPTURE:
            req = http.Request.make("POST", f"https://{m.host}{m.path}", m.body,
                                    {"content-type": "application/json"})
            w.add(tflow.tflow(req=req, resp=True))
    res = CliRunner().invoke(main, ["traffic", str(cap), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    oaid = [o for o in doc["observations"] if o["pi"] == "device.oaid"]
    assert "learned:oaid" in {o["detector"] for o in oaid}
    assert "api.mixpanel.com" in {o["host"] for o in oaid}
    assert OAID not in res.stdout  # masked like any other value


def test_the_live_addon_searches_later_messages_for_what_earlier_ones_named(tmp_path: Path) -> None:
    from mitmproxy.test import taddons

    from addons.piflow_addon import Piflow

    a = Piflow()
    with taddons.context(a) as tctx:
        tctx.configure(a, piflow_out=str(tmp_path / "cap"))
        for m in CAPTURE[:3]:
            req = http.Request.make("POST", f"https://{m.host}{m.path}", m.body,
                                    {"content-type": "application/json"})
            f = tflow.tflow(req=req, resp=True)
            a.request(f)
            a.response(f)
            assert a.settle(30)  # one message after the other, as a phone sends them
        a.done()
    found = {(o.host, o.pi, o.detector) for o in a.seen if o.confidence >= Confidence.MEDIUM}
    assert ("api.mixpanel.com", "device.oaid", "learned:oaid") in found
    oaid_at_mixpanel = [o for o in a.seen if o.host == "api.mixpanel.com" and o.pi == "device.oaid"]
    assert len(oaid_at_mixpanel) == 1  # the flow with OTHER reports nothing
