"""piflow capture / mark / traffic through click's runner: outputs, masking, and one-line errors (exit 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from mitmproxy import http, io
from mitmproxy.test import tflow

from analyzer.cli import main
from analyzer.graph import build as graphmod
from analyzer.traffic.capture import CaptureSpec, mitmdump_argv
from analyzer.traffic.phase import history
from tests.conftest import REPO

PROFILE = REPO / "samples" / "device-profile.yaml"
IMEI = "869876041234561"


def _write_flows(path: Path) -> None:
    with path.open("wb") as fh:
        w = io.FlowWriter(fh)
        for url, body in [(f"https://alog.umeng.com/app_logs?imei={IMEI}", b""),
                          ("https://api.example.com/login", json.dumps({"mobile": "13912345678"}).encode()),
                          ("https://cdn.example.com/a.png?t=1700000000123", b"")]:
            req = http.Request.make("POST", url, body, {"content-type": "application/json"})
            w.add(tflow.tflow(req=req, resp=True))


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_traffic_table_is_masked(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    _write_flows(cap)
    code, out, _ = _run("traffic", str(cap), "--profile", str(PROFILE), "--app", "com.example.app")
    assert code == 0
    assert "device.imei" in out and "contact.phone_number" in out and "umeng" in out
    assert IMEI not in out and "13912345678" not in out
    code, out, _ = _run("traffic", str(cap), "--profile", str(PROFILE), "--show-values")
    assert IMEI in out


def test_traffic_json_phases_from_history(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    _write_flows(cap)
    code, out, _ = _run("traffic", str(cap), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "piflow.traffic/1"
    assert {o["pi"] for o in doc["observations"]} == {"device.imei", "contact.phone_number"}
    assert {o["phase"] for o in doc["observations"]} == {"unmarked"}
    assert _run("mark", "consent-given", "--out", str(tmp_path))[0] == 0
    os.utime(cap)
    # flows were captured before the mark: still before it
    doc = json.loads(_run("traffic", str(cap), "--format", "json")[1])
    assert {o["phase"] for o in doc["observations"]} == {"unmarked"}
    (tmp_path / "phases.jsonl").write_text('{"record": "phase", "phase": "background", "since": 0}\n',
                                           encoding="utf-8")
    doc = json.loads(_run("traffic", str(cap), "--format", "json")[1])
    assert {o["phase"] for o in doc["observations"]} == {"background"}


def test_traffic_jsonl_roundtrip_and_graph(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    _write_flows(cap)
    saved = tmp_path / "obs.jsonl"
    gpath = tmp_path / "g.json"
    code, _, _ = _run("traffic", str(cap), "--format", "jsonl", "-o", str(saved), "--graph", str(gpath),
                      "--profile", str(PROFILE))
    assert code == 0 and oct(saved.stat().st_mode & 0o777) == "0o600"
    code, out, _ = _run("traffic", str(saved), "--format", "json")
    assert {o["pi"] for o in json.loads(out)["observations"]} >= {"device.imei", "contact.phone_number"}
    g = graphmod.load_json(gpath)
    assert g.has_edge("pi:device.imei", "host:alog.umeng.com", key="sent:unmarked")
    assert g.has_edge("sdk:umeng-analytics", "host:alog.umeng.com", key="observed")


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"), (b"{\"log\": 5}", "not a readable"), (b"garbage" * 10, "not a readable"),
])
def test_traffic_bad_input_exit_2(tmp_path: Path, content: bytes, needle: str) -> None:
    f = tmp_path / "c.har"
    f.write_bytes(content)
    code, _, err = _run("traffic", str(f))
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1


def test_traffic_truncated_mitm_and_bad_profile_exit_2(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    _write_flows(cap)
    cap.write_bytes(cap.read_bytes()[:-40])
    code, _, err = _run("traffic", str(cap))
    assert code == 2 and len(err.strip().splitlines()) == 1
    bad = tmp_path / "p.yaml"
    bad.write_text("imei: [1,\n", encoding="utf-8")
    code, _, err = _run("traffic", str(cap), "--profile", str(bad))
    assert code == 2 and "malformed YAML" in err
    bad_jsonl = tmp_path / "o.jsonl"
    bad_jsonl.write_text('{"record": "observation", "pi": 1}\n', encoding="utf-8")
    code, _, err = _run("traffic", str(bad_jsonl))
    assert code == 2 and "o.jsonl:1" in err


def test_mark(tmp_path: Path) -> None:
    code, out, _ = _run("mark", "background", "--out", str(tmp_path))
    assert code == 0 and "background" in out
    assert [p for _, p in history(tmp_path)] == ["background"]
    assert oct((tmp_path / "phase.json").stat().st_mode & 0o777) == "0o600"
    code, _, err = _run("mark", "after-lunch", "--out", str(tmp_path))
    assert code == 2 and "unknown phase" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run("mark", "background", "--out", str(tmp_path / "nope"))
    assert code == 2 and "no such capture folder" in err


def test_capture_refuses_bad_input_before_starting(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("wifi_mac: nope\n", encoding="utf-8")
    code, _, err = _run("capture", "--profile", str(bad), "--out", str(tmp_path / "c"))
    assert code == 2 and "wifi_mac" in err
    code, _, err = _run("capture", "--out", str(tmp_path / "c"), "--phase", "lunch")
    assert code == 2 and "unknown phase" in err


def test_mitmdump_argv_is_a_list_of_plain_arguments(tmp_path: Path) -> None:
    evil = "com.x; rm -rf / #"
    argv = mitmdump_argv(CaptureSpec(out=tmp_path / "o u t", profile=PROFILE, app=evil, port=8123,
                                     extra=("--set", "ssl_insecure=true")))
    assert argv[0].endswith("mitmdump") and f"piflow_app={evil}" in argv
    assert f"piflow_out={tmp_path / 'o u t'}" in argv
    assert argv[-2:] == ["--set", "ssl_insecure=true"]
    assert argv[argv.index("--listen-port") + 1] == "8123"
    assert argv[argv.index("-w") + 1] == f"+{tmp_path / 'o u t' / 'flows.mitm'}"  # appends


def test_received_pi_is_a_host_to_pi_edge_and_old_records_still_load(tmp_path: Path) -> None:
    path = tmp_path / "flows.mitm"
    with path.open("wb") as fh:
        req = http.Request.make("GET", "https://api.jpush.cn/v1/me", b"", {})
        f = tflow.tflow(req=req, resp=True)
        assert f.response is not None
        f.response.headers["content-type"] = "application/json"
        f.response.content = json.dumps({"user": {"shouji": "13912345678"}}).encode()
        io.FlowWriter(fh).add(f)
    gpath = tmp_path / "g.json"
    code, out, _ = _run("traffic", str(path), "--format", "json", "--min-confidence", "low",
                        "--graph", str(gpath))
    assert code == 0
    [o] = json.loads(out)["observations"]
    assert (o["direction"], o["from_client"], o["pi"]) == ("response", False, "contact.phone_number")
    g = graphmod.load_json(gpath)
    assert g.has_edge("host:api.jpush.cn", "pi:contact.phone_number", key="received:unmarked")
    assert not g.has_edge("pi:contact.phone_number", "host:api.jpush.cn", key="sent:unmarked")
    # a record written before from_client existed reads back by its direction
    old = {k: v for k, v in o.items() if k != "from_client"}
    saved = tmp_path / "old.jsonl"
    saved.write_text(json.dumps({"schema": "piflow.traffic/1", "record": "capture"}) + "\n"
                     + json.dumps(old) + "\n", encoding="utf-8")
    code, out, err = _run("traffic", str(saved), "--format", "json", "--min-confidence", "low")
    assert code == 0, err
    assert json.loads(out)["observations"][0]["from_client"] is False
