"""Measure traffic detection: recall and precision on the labelled corpus, cost per flow, proxy throughput.

1. **Accuracy.** Every request of ``bench/traffic_corpus/corpus.jsonl`` goes through the detector,
   with the corpus phone's profile and without any profile. A request's predicted PI types are those
   observed at ``--min-confidence`` (default medium, the CLI's default) in the request; they are
   compared with its labels per type (TP, FP, FN). Encrypted payloads are counted apart: no
   detector sees into them, but each should leave a *not inspected* record (opaque body,
   :mod:`analyzer.traffic.opaque`); the requests that do, and the others that do, are counted.
2. **Cost per flow.** Median detection time for a ~10 KB JSON body (an analytics batch holding a few
   of the phone's identifiers) with a 20-value profile, for the same body without PI and without a
   profile, and of ``json.loads`` of the body, timed in turn within each round; plus the median over
   the corpus's own requests.
3. **Proxy throughput.** Two real ``mitmdump`` processes on 127.0.0.1, one plain and one with the
   piflow addon, take turns relaying the corpus requests (HTTP/1.1, keep-alive, 4 client threads)
   to a local server; requests per second of each, in the same run, and the ratio.

The machine is shared: read ratios, not absolutes. Usage: ``python bench/traffic.py [--json OUT]``.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.kb.catalogue import load_kb  # noqa: E402
from analyzer.kb.resources import addon_path  # noqa: E402
from analyzer.model import Confidence  # noqa: E402
from analyzer.traffic.attribution import Attributor  # noqa: E402
from analyzer.traffic.capture import mitmdump_path  # noqa: E402
from analyzer.traffic.detect import Detector  # noqa: E402
from analyzer.traffic.model import Message  # noqa: E402
from analyzer.traffic.profile import DeviceProfile, load_profile  # noqa: E402

CORPUS = REPO / "bench" / "traffic_corpus"


def load_corpus(path: Path = CORPUS / "corpus.jsonl") -> list[dict[str, Any]]:
    """The corpus entries (the first line is the generator's header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:] if line.strip()]


def to_message(e: dict[str, Any]) -> Message:
    """A corpus entry as the Message the addon would build."""
    u = urlsplit(e["url"])
    return Message(
        flow_id=str(e["id"]),
        direction="request",
        method=e["method"],
        scheme=u.scheme,
        host=u.hostname or "",
        port=u.port or 443,
        path=u.path or "/",
        query=u.query,
        headers=tuple((k, v) for k, v in e["headers"]),
        body=base64.b64decode(e["body"]),
        timestamp=1_700_000_000.0 + e["id"],
        tls=u.scheme == "https",
        http_version="HTTP/1.1",
    )


# ---------------------------------------------------------------------------
# 1. accuracy
# ---------------------------------------------------------------------------


def accuracy(entries: list[dict[str, Any]], detector: Detector, floor: Confidence) -> dict[str, Any]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[str] = []
    false: list[str] = []
    encrypted = opaque = opaque_other = 0
    for e in entries:
        truth = set(e["labels"])
        detector.opaque.clear()  # per request: does this one leave a not-inspected record?
        if e["encrypted"]:
            encrypted += 1
            detector.detect(to_message(e), "bench")
            opaque += bool(detector.opaque.records())
            continue
        pred = {o.pi for o in detector.detect(to_message(e), "bench") if o.confidence >= floor}
        opaque_other += bool(detector.opaque.records())
        for t in pred & truth:
            tp[t] += 1
        for t in pred - truth:
            fp[t] += 1
            false.append(f"#{e['id']} {e['sdk']}/{e['kind']}: {t}")
        for t in truth - pred:
            fn[t] += 1
            misses.append(f"#{e['id']} {e['sdk']}/{e['kind']}: {t}")
    types = sorted(set(tp) | set(fp) | set(fn))
    rows = []
    for t in types:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else float("nan")
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else float("nan")
        rows.append({"pi": t, "tp": tp[t], "fp": fp[t], "fn": fn[t], "precision": p, "recall": r})
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {
        "rows": rows,
        "tp": TP,
        "fp": FP,
        "fn": FN,
        "precision": TP / (TP + FP) if TP + FP else float("nan"),
        "recall": TP / (TP + FN) if TP + FN else float("nan"),
        "encrypted_skipped": encrypted,
        "encrypted_opaque": opaque,
        "other_opaque": opaque_other,
        "misses": misses,
        "false": false,
    }


def print_accuracy(title: str, res: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'PI type':24} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>10} {'recall':>8}")
    for r in res["rows"]:
        print(f"{r['pi']:24} {r['tp']:5} {r['fp']:5} {r['fn']:5} {r['precision']:10.3f} {r['recall']:8.3f}")
    print(
        f"{'ALL':24} {res['tp']:5} {res['fp']:5} {res['fn']:5} {res['precision']:10.3f} {res['recall']:8.3f}"
        f"   ({res['encrypted_skipped']} encrypted requests not scored, {res['encrypted_opaque']} of them"
        f" reported not inspected (opaque body); {res['other_opaque']} other requests reported so)"
    )
    for line in res["false"][:15]:
        print("  false:", line)
    for line in res["misses"][:15]:
        print("  missed:", line)


# ---------------------------------------------------------------------------
# 2. cost per flow
# ---------------------------------------------------------------------------


def twenty_values(profile: DeviceProfile) -> DeviceProfile:
    return DeviceProfile(label=profile.label, values=profile.values[:20])


def ten_kb_body(rng: random.Random, ids: dict[str, str] | None) -> bytes:
    events: list[dict[str, Any]] = []
    head: dict[str, Any] = {
        "appkey": f"{rng.getrandbits(96):024x}",
        "os": "Android",
        "osv": "12",
        "model": "V2118A",
        "carrier": "46001",
        "ver": "3.2.1",
    }
    if ids:
        head.update(ids)
    while len(json.dumps({"header": head, "events": events})) < 10_000:
        events.append(
            {
                "id": rng.choice(["page_view", "click", "share"]),
                "ts": 1_700_000_000_000 + rng.randrange(10**9),
                "item": str(7 * 10**18 + rng.randrange(10**18)),
                "dur": rng.randint(1, 99999),
                "props": {
                    "page": f"/p/{rng.randrange(999)}",
                    "pos": rng.randint(1, 40),
                    "ab": rng.choice("ab"),
                },
            }
        )
    return json.dumps({"header": head, "events": events}).encode()


def cost(entries: list[dict[str, Any]], profile: DeviceProfile, kb: Any, n: int) -> dict[str, float]:
    rng = random.Random(7)
    prof20 = twenty_values(profile)
    d = Detector(prof20, Attributor(kb, "com.example.shop"))
    vals = {v.field: v.value for v in profile.values}
    with_pi = ten_kb_body(rng, {"imei": vals["imei"], "mc": vals["wifi_mac"], "oaid": vals["oaid"]})
    without = ten_kb_body(rng, None)
    hdrs = (("content-type", "application/json"), ("user-agent", "okhttp/4.9.3"))

    def msg(body: bytes) -> Message:
        return Message(
            "c",
            "request",
            "POST",
            "https",
            "alog.umeng.com",
            443,
            "/app_logs",
            headers=hdrs,
            body=body,
            timestamp=time.time(),
            tls=True,
        )

    for _ in range(20):  # warm up
        d.detect(msg(with_pi), "bench")
    corpus_times = []
    for e in entries:
        m = to_message(e)
        t = time.perf_counter()
        d.detect(m, "bench")
        corpus_times.append(time.perf_counter() - t)
    bare = Detector(None, Attributor(kb))
    cases: dict[str, Any] = {
        "median_ms_json_loads_same_body": lambda: json.loads(with_pi),
        "median_ms_10kb_with_pi": lambda: d.detect(msg(with_pi), "bench"),
        "median_ms_10kb_without_pi": lambda: d.detect(msg(without), "bench"),
        "median_ms_10kb_no_profile": lambda: bare.detect(msg(with_pi), "bench"),
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(n):  # round robin: load on the shared machine hits every case alike
        for k, fn in cases.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    out: dict[str, float] = {"profile_values": len(prof20.values), "body_bytes": len(with_pi)}
    out.update({k: statistics.median(v) * 1000 for k, v in times.items()})
    out["median_ms_corpus_request"] = statistics.median(corpus_times) * 1000
    return out


# ---------------------------------------------------------------------------
# 3. proxy throughput
# ---------------------------------------------------------------------------


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _reply(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        if n:
            self.rfile.read(n)
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_proxy(port: int, with_addon: bool, profile: Path, out: Path) -> subprocess.Popen[bytes]:
    argv = [
        str(mitmdump_path()),
        "--listen-host",
        "127.0.0.1",
        "--listen-port",
        str(port),
        "-q",
        "--set",
        "flow_detail=0",
        "--set",
        f"confdir={out / 'conf'}",
    ]
    if with_addon:
        argv += [
            "-s",
            str(addon_path()),
            "--set",
            f"piflow_profile={profile}",
            "--set",
            f"piflow_out={out / 'cap'}",
        ]
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("mitmdump did not start")


def _blast(proxy_port: int, upstream: int, entries: list[dict[str, Any]], threads: int) -> float:
    """Send every entry once through the proxy; requests per second."""
    chunks = [entries[i::threads] for i in range(threads)]
    errors: list[BaseException] = []

    def worker(chunk: list[dict[str, Any]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=30)
        try:
            for e in chunk:
                u = urlsplit(e["url"])
                path = u.path + ("?" + u.query if u.query else "")
                headers = {k: v for k, v in e["headers"]}
                headers["host"] = u.hostname or "x"
                conn.request(
                    e["method"],
                    f"http://127.0.0.1:{upstream}{path}",
                    body=base64.b64decode(e["body"]),
                    headers=headers,
                )
                conn.getresponse().read()
        except BaseException as err:  # reported below
            errors.append(err)
        finally:
            conn.close()

    ts = [threading.Thread(target=worker, args=(c,)) for c in chunks]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=300)
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"throughput run failed: {errors[0]!r}")
    return len(entries) / elapsed


def throughput(entries: list[dict[str, Any]], profile: Path, rounds: int, threads: int) -> dict[str, float]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    upstream = int(srv.server_address[1])
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            plain_port, addon_port = _free_port(), _free_port()
            procs.append(_start_proxy(plain_port, False, profile, Path(tmp)))
            procs.append(_start_proxy(addon_port, True, profile, Path(tmp)))
            _blast(plain_port, upstream, entries[:40], threads)  # warm up both
            _blast(addon_port, upstream, entries[:40], threads)
            plain, addon = [], []
            for _ in range(rounds):  # take turns so load on the shared machine hits both alike
                plain.append(_blast(plain_port, upstream, entries, threads))
                addon.append(_blast(addon_port, upstream, entries, threads))
        finally:
            for p in procs:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGINT)
                    try:
                        p.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        os.killpg(p.pid, signal.SIGKILL)
            srv.shutdown()
    return {
        "rps_without_addon": statistics.median(plain),
        "rps_with_addon": statistics.median(addon),
        "ratio": statistics.median(addon) / statistics.median(plain),
        "rounds": rounds,
        "requests_per_round": len(entries),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-confidence", default="medium", choices=["low", "medium", "high"])
    ap.add_argument("--repeat", type=int, default=300, help="Timed detections per cost figure.")
    ap.add_argument("--rounds", type=int, default=3, help="Throughput rounds per proxy.")
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--skip-proxy", action="store_true", help="Leave out the mitmdump throughput run.")
    ap.add_argument("--json", type=Path, help="Also write the figures here.")
    args = ap.parse_args()
    entries = load_corpus()
    profile_path = CORPUS / "device-profile.yaml"
    profile = load_profile(profile_path)
    kb = load_kb()
    floor = Confidence(args.min_confidence)
    with_pi = sum(1 for e in entries if e["labels"] and not e["encrypted"])
    print(
        f"corpus: {len(entries)} requests, {with_pi} carrying PI (scored), "
        f"{sum(1 for e in entries if not e['labels'])} without PI, "
        f"{sum(1 for e in entries if e['encrypted'])} encrypted"
    )
    acc_p = accuracy(entries, Detector(profile, Attributor(kb, "com.example.shop")), floor)
    print_accuracy(f"with the device profile (confidence >= {floor.value})", acc_p)
    acc_n = accuracy(entries, Detector(None, Attributor(kb, "com.example.shop")), floor)
    print_accuracy(f"without a profile: shapes and key names only (confidence >= {floor.value})", acc_n)
    c = cost(entries, profile, kb, args.repeat)
    print(
        f"\ncost per flow (median of {args.repeat}; {c['profile_values']}-value profile, "
        f"{c['body_bytes']} byte JSON body):"
    )
    print(f"  10 KB body with PI      {c['median_ms_10kb_with_pi']:.3f} ms")
    print(f"  10 KB body without PI   {c['median_ms_10kb_without_pi']:.3f} ms")
    print(f"  10 KB body, no profile  {c['median_ms_10kb_no_profile']:.3f} ms")
    print(f"  corpus requests         {c['median_ms_corpus_request']:.3f} ms (median over {len(entries)})")
    print(
        f"  baseline: json.loads of the same 10 KB body {c['median_ms_json_loads_same_body']:.3f} ms "
        f"(detection = {c['median_ms_10kb_with_pi'] / c['median_ms_json_loads_same_body']:.1f}x that)"
    )
    result: dict[str, Any] = {
        "with_profile": {k: v for k, v in acc_p.items() if k not in ("misses", "false")},
        "without_profile": {k: v for k, v in acc_n.items() if k not in ("misses", "false")},
        "cost": c,
    }
    if not args.skip_proxy:
        tp = throughput(entries, profile_path, args.rounds, args.threads)
        print(
            f"\nproxy throughput on loopback ({tp['requests_per_round']} requests x {tp['rounds']} rounds, "
            f"{args.threads} client threads, HTTP/1.1):"
        )
        print(f"  mitmdump alone          {tp['rps_without_addon']:.1f} req/s")
        print(f"  mitmdump + piflow       {tp['rps_with_addon']:.1f} req/s")
        print(f"  ratio                   {tp['ratio']:.2f}  (target >= 0.80)")
        result["throughput"] = tp
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
