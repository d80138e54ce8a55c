"""Measure traffic detection on requests made by real SDK client libraries, through a real mitmdump.

``generate`` installs the pinned SDK client libraries into a bench-local place
(``bench/sdk_traffic/.venv`` from ``requirements.txt``; ``node_modules`` from
``package-lock.json``; both gitignored, never piflow's own environment), starts
``mitmdump`` on 127.0.0.1 with a fresh CA and the bench's responder addon
(``bench/sdk_traffic/responder.py``: every request answered on the spot, so
nothing leaves the machine), runs the drivers (``drive_py.py``, ``node/drive.js``)
with the proxy and CA in their environment — each SDK keeps its default
production host — and records the flows with mitmdump's own writer (``-w``).
The recorded flows are read back with piflow's reader
(``analyzer/traffic/mitm.py``), as a user's capture is. Each request's truth
is the set of PI types its driver call put in (logged with the call's time
window), cross-checked by an independent decode of the body (gzip, deflate,
base64, form, JSON, JSON lines, LZ4 blocks, protobuf strings) and an exact search for the phone's values,
not using piflow's detector; a disagreement stops the run. Writes
``bench/sdk_traffic/capture.mitm``, ``truth.jsonl`` and ``device-profile.yaml``
(the bench set), or with ``--set heldout`` the held-out set (other SDK calls,
a second phone) beside them; ``--part sls`` records only that part of the set
(``capture.sls.mitm``, ``truth.sls.jsonl``: SDK calls added later, scored with
the set, each capture file read on its own).

``score`` (the default) needs no SDK: it reads the committed captures, runs
piflow's detector with and without the device profile at the CLI's default
minimum confidence (medium) — over the whole capture as ``piflow traffic``
reads one, and each request alone — and prints TP/FP/FN, precision and
recall per SDK client and overall, the misses (with where the value sits)
and false hits, and who each host is attributed to.
Usage: ``python bench/sdk_traffic.py [score|generate] [--set bench|heldout] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import gzip
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.common.files import write_private  # noqa: E402
from analyzer.kb.catalogue import load_kb  # noqa: E402
from analyzer.model import Confidence  # noqa: E402
from analyzer.traffic.attribution import Attributor  # noqa: E402
from analyzer.traffic.capture import mitmdump_path  # noqa: E402
from analyzer.traffic.decode import Unwrapper  # noqa: E402
from analyzer.traffic.detect import Detector, detect_capture  # noqa: E402
from analyzer.traffic.mitm import read_messages  # noqa: E402
from analyzer.traffic.model import Message  # noqa: E402
from analyzer.traffic.profile import load_profile  # noqa: E402

HERE = REPO / "bench" / "sdk_traffic"
VENV = HERE / ".venv"
NODE = HERE / "node"
APP = "com.example.shop"

# The synthetic test phone (valid shapes, nobody's data): IMEI with Luhn and a GSMA reporting body, IMSI of a
# Chinese carrier, ICCID with Luhn, a mainland mobile (also written +86...), an RFC 2606 e-mail, coordinates
# in Shanghai, an address of the documentation range (RFC 5737: IP is no PI type of piflow, never a label).
PHONE: dict[str, Any] = {
    "imei": "867692043518725",
    "imsi": "460017294158036",
    "iccid": "8986011976415230879",
    "android_id": "3f9a2c7e1b8d4605",
    "oaid": "b7e4a1c2-9d3f-4e6a-8b5c-0f1e2d3c4b5a",
    "gaid": "5c1f0e2d-7a9b-4c3d-8e6f-1a2b3c4d5e6f",
    "wifi_mac": "a4:50:46:1c:2e:7f",
    "phone": "13917254086",
    "phone_e164": "+8613917254086",
    "email": "zhang.wei.shop@example.com",
    "name": "张伟",
    "name_latin": "Zhang Wei",
    "lat": 31.230416,
    "lng": 121.473701,
    "ip": "203.0.113.45",
}

PHONE2: dict[str, Any] = {
    "imei": "353287109462537",
    "imsi": "460028351940627",
    "iccid": "8986005101837264590",
    "android_id": "9c41e07a2d5b8f36",
    "oaid": "e3d2c1b0-7f6e-4d5c-9b8a-1f2e3d4c5b6a",
    "gaid": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
    "wifi_mac": "3c:f5:cc:81:4a:d2",
    "phone": "15821946370",
    "phone_e164": "+8615821946370",
    "email": "li.na.reader@example.org",
    "name": "李娜",
    "name_latin": "Li Na",
    "lat": 39.908823,
    "lng": 116.39747,
    "ip": "198.51.100.23",
}
"""The second phone, of the held-out set."""


@dataclass(frozen=True)
class BenchSet:
    """One recorded set: its phone, capture, truth and profile; and its parts, recorded on their own."""

    name: str
    phone: dict[str, Any]
    about: str
    parts: tuple[str, ...] = ()
    """Parts of the set with a capture and truth of their own (``capture.sls.mitm``, ``truth.sls.jsonl``):
    SDK calls added later, recorded by ``generate --part NAME`` without re-recording the rest."""

    @property
    def capture(self) -> Path:
        return self.part_capture("")

    @property
    def truth(self) -> Path:
        return self.part_truth("")

    def part_capture(self, part: str) -> Path:
        stem = "capture" if self.name == "bench" else f"capture-{self.name}"
        return HERE / (f"{stem}.{part}.mitm" if part else f"{stem}.mitm")

    def part_truth(self, part: str) -> Path:
        stem = "truth" if self.name == "bench" else f"truth-{self.name}"
        return HERE / (f"{stem}.{part}.jsonl" if part else f"{stem}.jsonl")

    @property
    def captures(self) -> list[tuple[Path, Path]]:
        """(capture, truth) of the main recording and of every recorded part."""
        out = [(self.capture, self.truth)]
        return out + [(self.part_capture(p), self.part_truth(p)) for p in self.parts
                      if self.part_truth(p).exists()]

    @property
    def profile(self) -> Path:
        return HERE / ("device-profile.yaml" if self.name == "bench" else f"device-profile-{self.name}.yaml")


SETS: dict[str, BenchSet] = {
    "bench": BenchSet("bench", PHONE, "the calls whose misses were listed for the schema work", ("sls",)),
    "heldout": BenchSet("heldout", PHONE2, "other SDK calls and fields, another phone, recorded after the "
                        "schemas were written: never listed, never looked at while writing them"),
}
BENCH = SETS["bench"]


def truth_values(phone: dict[str, Any]) -> dict[str, list[str]]:
    """PI type -> the phone's values of that type (what the independent search looks for; ``location.precise``
    holds only when both coordinates are found; hashes are added by :func:`_needles`)."""
    return {
        "device.imei": [phone["imei"]],
        "device.imsi": [phone["imsi"]],
        "device.iccid": [phone["iccid"]],
        "device.android_id": [phone["android_id"]],
        "device.oaid": [phone["oaid"]],
        "device.gaid": [phone["gaid"]],
        "device.mac": [phone["wifi_mac"]],
        "contact.phone_number": [phone["phone"]],
        "contact.email": [phone["email"]],
        "identity.name": [phone["name"], phone["name_latin"]],
        "location.precise": [str(phone["lat"]), str(phone["lng"])],
    }


def profile_yaml(phone: dict[str, Any] = PHONE, label: str = "sdk-bench-phone") -> str:
    p = phone
    return (
        "# Written by bench/sdk_traffic.py: the synthetic phone the SDK drivers report (fake values).\n"
        f"schema: piflow.device-profile/1\nlabel: {label}\n"
        f'imei: "{p["imei"]}"\nimsi: "{p["imsi"]}"\niccid: "{p["iccid"]}"\n'
        f'android_id: "{p["android_id"]}"\noaid: "{p["oaid"]}"\ngaid: "{p["gaid"]}"\n'
        f'wifi_mac: "{p["wifi_mac"]}"\nphone: "{p["phone"]}"\nemail: "{p["email"]}"\n'
        f'name: ["{p["name"]}", "{p["name_latin"]}"]\n'
        f'location:\n  - {{lat: {p["lat"]}, lng: {p["lng"]}}}\n'
    )


# ---------------------------------------------------------------------------
# independent decode + exact search (the cross-check of the truth; no piflow code)
# ---------------------------------------------------------------------------


def _unlz4(src: bytes, size: int) -> bytes:
    """An LZ4 block (the format's own description: token, literals, 2-byte offset, match), ``size`` bytes."""
    out = bytearray()
    i, n = 0, len(src)
    while i < n:
        token = src[i]
        i += 1
        lit = token >> 4
        if lit == 15:
            while True:
                b = src[i]
                i += 1
                lit += b
                if b != 255:
                    break
        out += src[i:i + lit]
        i += lit
        if i >= n:
            break
        off = src[i] | src[i + 1] << 8
        i += 2
        ml = token & 15
        if ml == 15:
            while True:
                b = src[i]
                i += 1
                ml += b
                if b != 255:
                    break
        start = len(out) - off
        if off == 0 or start < 0:
            raise ValueError("bad lz4 offset")
        for k in range(ml + 4):
            out.append(out[start + k])
        if len(out) > size:
            raise ValueError("lz4 block past its size")
    if len(out) != size:
        raise ValueError("lz4 block of another size")
    return bytes(out)


def _pb_strings(data: bytes, depth: int = 0) -> Iterator[str]:
    """The UTF-8 strings of a protobuf message (every length-delimited field, and inside those that parse)."""
    i, n, found = 0, len(data), []
    try:
        while i < n:
            tag, i = _uvarint(data, i)
            wt = tag & 7
            if wt == 0:
                _, i = _uvarint(data, i)
            elif wt in (1, 5):
                i += 8 if wt == 1 else 4
            elif wt == 2:
                size, i = _uvarint(data, i)
                found.append(data[i:i + size])
                i += size
            else:
                return
        if i != n or not found:
            return
    except IndexError:
        return
    for raw in found:
        with contextlib.suppress(UnicodeDecodeError):
            yield raw.decode("utf-8")
        if depth < 8:
            yield from _pb_strings(raw, depth + 1)


def _uvarint(data: bytes, i: int) -> tuple[int, int]:
    v = shift = 0
    while True:
        b = data[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return v, i


def _layers(data: bytes, depth: int = 0) -> Iterator[str]:
    """Every text the bytes unwrap to: gzip/deflate, base64, form fields, JSON strings, JSON lines."""
    if depth > 6 or not data:
        return
    for unz in (gzip.decompress, zlib.decompress, lambda b: zlib.decompress(b, -15)):
        try:
            yield from _layers(unz(data), depth + 1)
            return
        except (OSError, zlib.error, EOFError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    yield text
    parts = [text]
    if "=" in text and "{" not in text[:1]:
        parts += [v for _, v in parse_qsl(text, keep_blank_values=True)]
    for part in parts:
        docs = []
        for chunk in [part, *part.splitlines()]:
            with contextlib.suppress(ValueError):
                docs.append(json.loads(chunk))
        for doc in docs:
            yield json.dumps(doc, ensure_ascii=False)
            yield from _json_strings(doc, depth)
        if part is not text:
            yield part
            yield from _b64(part, depth)


def _json_strings(doc: Any, depth: int) -> Iterator[str]:
    if isinstance(doc, dict):
        for v in doc.values():
            yield from _json_strings(v, depth)
    elif isinstance(doc, list):
        for v in doc:
            yield from _json_strings(v, depth)
    elif isinstance(doc, str) and len(doc) >= 16:
        yield from _b64(doc, depth)


def _b64(s: str, depth: int) -> Iterator[str]:
    s = s.strip()
    if len(s) < 16 or any(c.isspace() for c in s):
        return
    for dec in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            raw = dec(s + "=" * (-len(s) % 4))
        except (binascii.Error, ValueError):
            continue
        yield from _layers(raw, depth + 1)
        return


def _needles(pi: str, phone: dict[str, Any]) -> list[list[str]]:
    """For each value of ``pi``: its spellings (plain, and the SHA-256 of its normalised form)."""
    out = []
    for v in truth_values(phone)[pi]:
        forms = [v]
        if pi == "contact.email":
            forms.append(hashlib.sha256(v.strip().lower().encode()).hexdigest())
        if pi == "contact.phone_number":
            forms.append(hashlib.sha256(("86" + v).encode()).hexdigest())
            forms.append(hashlib.sha256(v.encode()).hexdigest())
        out.append(forms)
    return out


def found_types(msg: Message, phone: dict[str, Any] = PHONE) -> set[str]:
    """PI types whose values an exact search finds in the decoded request (URL, query, headers, body)."""
    texts = [msg.path, msg.query, *[v for _, v in msg.headers]]
    texts += list(_layers(msg.query.encode()))
    body = msg.body
    heads = {k.lower(): v for k, v in msg.headers}
    if heads.get("x-log-compresstype") == "lz4":  # Alibaba Cloud Log Service: a raw LZ4 block
        body = _unlz4(body, int(heads["x-log-bodyrawsize"]))
    if "protobuf" in heads.get("content-type", ""):
        texts += list(_pb_strings(body))
    texts += list(_layers(body))
    blob = "\n".join(texts)
    hit = set()
    for pi in truth_values(phone):
        values = [any(f in blob for f in forms) for forms in _needles(pi, phone)]
        if (all(values) if pi == "location.precise" else any(values)):
            hit.add(pi)
    return hit


# ---------------------------------------------------------------------------
# generate
# ---------------------------------------------------------------------------


def _run(argv: list[str], **kw: Any) -> None:
    subprocess.run(argv, check=True, **kw)


def install(node: bool = True) -> None:
    """The pinned SDK client libraries, in the bench's own places (``node``: the npm ones too)."""
    py = VENV / "bin" / "python"
    if not py.exists():
        _run([sys.executable, "-m", "venv", str(VENV)])
    _run([str(py), "-m", "pip", "install", "-q", "-r", str(HERE / "requirements.txt")])
    if not node:
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm not found: the Node SDK drivers need node 20 and npm")
    _run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_mitmdump(tmp: Path, port: int) -> subprocess.Popen[bytes]:
    argv = [str(mitmdump_path()), "--listen-host", "127.0.0.1", "--listen-port", str(port), "-q",
            "--set", f"confdir={tmp / 'conf'}", "--set", "connection_strategy=lazy",
            "-s", str(HERE / "responder.py"), "-w", str(tmp / "flows.mitm")]
    log = (tmp / "mitmdump.log").open("wb")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log_text = (tmp / "mitmdump.log").read_text()
            raise RuntimeError(f"mitmdump exited with {proc.returncode}: {log_text}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            if (tmp / "conf" / "mitmproxy-ca-cert.pem").exists():
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("mitmdump did not start")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def record(tmp: Path, only: list[str], bset: BenchSet, part: str = "") -> tuple[Path, list[dict[str, Any]]]:
    """Run the drivers (of one part: its Python drivers only) through mitmdump; the flow file and the truth
    log of the calls."""
    port = _free_port()
    phone, truth_log = tmp / "phone.json", tmp / "truth-log.jsonl"
    phone.write_text(json.dumps(bset.phone), encoding="utf-8")
    proc = _start_mitmdump(tmp, port)
    ca = str(tmp / "conf" / "mitmproxy-ca-cert.pem")
    proxy = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(HTTPS_PROXY=proxy, HTTP_PROXY=proxy, https_proxy=proxy, http_proxy=proxy, SSL_CERT_FILE=ca,
               REQUESTS_CA_BUNDLE=ca, NODE_EXTRA_CA_CERTS=ca, SDKBENCH_PHONE=str(phone),
               SDKBENCH_TRUTH=str(truth_log), SDKBENCH_PROXY=proxy, SDKBENCH_SET=bset.name,
               SDKBENCH_PART=part, PYTHONDONTWRITEBYTECODE="1")
    try:
        node_sdks = [s for s in only if s.endswith(("-node", "-browser"))]
        py_sdks = [s for s in only if s not in node_sdks]
        if not only or py_sdks:
            _run([str(VENV / "bin" / "python"), str(HERE / "drive_py.py"), *py_sdks], env=env, timeout=600)
        if not part and (not only or node_sdks) and (NODE / "drive.js").exists():
            _run(["node", str(NODE / "drive.js"), *node_sdks], env=env, cwd=NODE, timeout=600)
    finally:
        _stop(proc)
    calls = [json.loads(line) for line in truth_log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tmp / "flows.mitm", calls


def label(flows: Path, calls: list[dict[str, Any]],
          phone: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Truth per recorded request: its call's labels, checked against the independent search."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen_calls: Counter[int] = Counter()
    for msg in read_messages(flows):
        if msg.direction != "request":
            continue
        if msg.method == "OPTIONS":  # a browser's CORS preflight: made by the browser, never an SDK upload
            if found_types(msg, phone):
                problems.append(f"{msg.host}{msg.path}: a CORS preflight carrying PI")
            continue
        owner = [i for i, c in enumerate(calls) if c["t0"] <= msg.timestamp <= c["t1"]]
        found = found_types(msg, phone)
        where = f"{msg.method} {msg.host}{msg.path}"
        if msg.host in ("127.0.0.1", "localhost"):
            problems.append(f"{where}: recorded with a loopback host (the SDK's real host must be kept)")
        if len(owner) != 1:
            problems.append(f"{where}: in {len(owner)} call windows; found by search {sorted(found)}")
            continue
        c = calls[owner[0]]
        seen_calls[owner[0]] += 1
        labels = set(c["labels"])
        if found != labels:
            problems.append(f"{where} ({c['sdk']}: {c['call']}): by construction {sorted(labels)}, "
                            f"by search {sorted(found)}")
        rows.append({"flow_id": msg.flow_id, "sdk": c["sdk"], "lang": c["lang"], "host": msg.host,
                     "path": msg.path, "call": c["call"], "labels": sorted(labels), "why": c["why"]})
    for i, c in enumerate(calls):
        if seen_calls[i] != c.get("requests", 1):
            problems.append(f"{c['sdk']} ({c['lang']}): {c['call']}: {seen_calls[i]} requests, "
                            f"expected {c.get('requests', 1)}")
    return rows, problems


def generate(only: list[str], skip_install: bool, bset: BenchSet, part: str = "") -> None:
    """Record a set (or one part of it: only its capture and truth are written)."""
    if part and part not in bset.parts:
        raise SystemExit(f"set {bset.name!r} has no part {part!r} (parts: {', '.join(bset.parts) or 'none'})")
    if not skip_install:
        install(node=not part)
    capture, truth = bset.part_capture(part), bset.part_truth(part)
    with tempfile.TemporaryDirectory(prefix="sdkbench-") as t:
        flows, calls = record(Path(t), only, bset, part)
        rows, problems = label(flows, calls, bset.phone)
        for p in problems:
            print("DISAGREE:", p)
        if problems:
            keep = Path(tempfile.mkdtemp(prefix="sdkbench-keep-"))
            shutil.copy(flows, keep / "flows.mitm")
            print(f"{len(problems)} disagreement(s); nothing written (flows kept in {keep})")
            raise SystemExit(1)
        write_private(bset.profile, profile_yaml(bset.phone, f"sdk-{bset.name}-phone"))
        fd = os.open(capture, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(flows.read_bytes())
        write_private(truth, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows)} requests from {len({r['sdk'] + r['lang'] for r in rows})} SDK clients; "
          f"wrote {capture.relative_to(REPO)} ({capture.stat().st_size} bytes), {truth.relative_to(REPO)}")


# ---------------------------------------------------------------------------
# score
# ---------------------------------------------------------------------------


def load_truth(bset: BenchSet = BENCH) -> dict[str, dict[str, Any]]:
    """The truth rows of a set, its parts' included, by flow id."""
    out: dict[str, dict[str, Any]] = {}
    for _capture, truth in bset.captures:
        lines = truth.read_text(encoding="utf-8").splitlines()
        out.update((r["flow_id"], r) for r in map(json.loads, lines) if r)
    return out


def requests(bset: BenchSet = BENCH) -> list[Message]:
    """The SDKs' requests of a set's committed captures, its parts' included (CORS preflights left out)."""
    return [m for msgs in capture_requests(bset) for m in msgs]


def capture_requests(bset: BenchSet = BENCH) -> list[list[Message]]:
    """The requests of each committed capture of a set (the main one, then its parts)."""
    return [[m for m in read_messages(capture) if m.direction == "request" and m.method != "OPTIONS"]
            for capture, _truth in bset.captures]


def observations(detector: Detector, msgs: list[Message], whole: bool) -> dict[str, list[Any]]:
    """Request observations per flow id.

    ``whole``: of the whole capture, as ``piflow traffic`` reads one offline (what the capture names itself is
    learned for a second pass: :mod:`analyzer.traffic.learned`); else of each request alone.
    """
    if whole:
        obs = detect_capture(detector, lambda: msgs)
    else:
        obs = [o for m in msgs for o in detector.detect(m, "bench")]
    out: dict[str, list[Any]] = defaultdict(list)
    for o in obs:
        if o.direction == "request":
            out[o.flow_id].append(o)
    return out


def score(detector: Detector, floor: Confidence, bset: BenchSet = BENCH,
          whole: bool = True) -> dict[str, Any]:
    """Per SDK client and overall: TP/FP/FN over (request, PI type) pairs; the misses and false hits."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    false: list[str] = []
    seen = set()
    truth = load_truth(bset)
    captures = capture_requests(bset)
    msgs = [m for c in captures for m in c]
    by_flow: dict[str, list[Any]] = {}
    for c in captures:  # each capture file read on its own, as `piflow traffic` would read it
        by_flow.update(observations(detector, c, whole))
    for msg in msgs:
        t = truth[msg.flow_id]
        seen.add(msg.flow_id)
        every = by_flow.get(msg.flow_id, [])
        obs = [o for o in every if o.confidence >= floor]
        pred = {o.pi for o in obs}
        key = f"{t['sdk']} ({t['lang']})"
        labels = set(t["labels"])
        per[key]["tp"] += len(pred & labels)
        per[key]["fp"] += len(pred - labels)
        per[key]["fn"] += len(labels - pred)
        per[key]["requests"] += 1
        for pi in sorted(pred - labels):
            at = sorted({o.location for o in obs if o.pi == pi})
            false.append(f"{key} {msg.host}{msg.path}: {pi} at {', '.join(at)}")
        for pi in sorted(labels - pred):
            where = _where(msg, pi, every, bset.phone)
            misses.append(f"{key} {msg.host}{msg.path} [{t['call']}]: {pi} at {where}")
    if seen != set(truth):
        raise SystemExit(f"capture and truth disagree: {len(set(truth) - seen)} truth rows without a request")
    total: Counter[str] = Counter()
    for c in per.values():
        total.update(c)
    return {"per_sdk": {k: _rates(c) for k, c in sorted(per.items())}, "all": _rates(total),
            "misses": misses, "false": false}


def _where(msg: Message, pi: str, every: list[Any], phone: dict[str, Any]) -> str:
    """Where a missed value sits (piflow's own leaves) and what, if anything, saw it below the floor."""
    needles = _needles(pi, phone)[:1 if pi == "location.precise" else None]
    forms = [f for spellings in needles for f in spellings]
    locs = sorted({leaf.location for leaf in Unwrapper().leaves(msg) if any(f in leaf.text for f in forms)})
    seen = sorted({f"{o.confidence.value} by {o.detector}" for o in every if o.pi == pi})
    return ", ".join(locs) + (f" (seen {'; '.join(seen)})" if seen else "")


def _rates(c: Counter[str]) -> dict[str, Any]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {"requests": c["requests"], "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def attribution(kb: Any) -> list[dict[str, str]]:
    att = Attributor(kb, APP)
    out = []
    hosts = {r["host"] for b in SETS.values() if b.truth.exists() for r in load_truth(b).values()}
    for host in sorted(hosts):
        a = att(host)
        spec = kb.sdk_for_host(host)
        # the observation's country (GeoIP, or what the KB says of the host) beside the SDK's country
        out.append({"host": host, "sdk": a.sdk, "company": a.company, "country": a.country,
                    "kb_country": spec.country if spec else ""})
    return out


def print_score(title: str, res: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'SDK client':30} {'req':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for k, r in [*res["per_sdk"].items(), ("ALL", res["all"])]:
        print(f"{k:30} {r['requests']:4} {r['tp']:4} {r['fp']:4} {r['fn']:4} {r['precision']:10.3f} "
              f"{r['recall']:7.3f}")
    for line in res["false"]:
        print("  false:", line)
    for line in res["misses"]:
        print("  missed:", line)


def run_score(floor: Confidence, bset: BenchSet = BENCH) -> dict[str, Any]:
    kb = load_kb()
    with_p = score(Detector(load_profile(bset.profile), Attributor(kb, APP)), floor, bset)
    without = score(Detector(None, Attributor(kb, APP)), floor, bset)
    alone = score(Detector(None, Attributor(kb, APP)), floor, bset, whole=False)
    return {"set": bset.name, "with_profile": with_p, "without_profile": without,
            "without_profile_each_request_alone": alone, "attribution": attribution(kb)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", nargs="?", default="score", choices=["score", "generate"])
    ap.add_argument("--set", default="", choices=["", *SETS],
                    help="which recorded set (default: score both, generate the bench set)")
    ap.add_argument("--min-confidence", default="medium", choices=["low", "medium", "high"])
    ap.add_argument("--part", default="",
                    help="generate: only this part of the set (sls: capture.sls.mitm, truth.sls.jsonl)")
    ap.add_argument("--only", nargs="*", default=[],
                    help="generate: these drivers only (a trial; writes nothing unless every call agrees)")
    ap.add_argument("--skip-install", action="store_true",
                    help="generate: use the installed SDKs as they are")
    ap.add_argument("--json", type=Path, help="score: also write the figures here")
    args = ap.parse_args()
    if args.action == "generate":
        generate(args.only, args.skip_install, SETS[args.set or "bench"], args.part)
        return
    out = {}
    for name in [args.set] if args.set else [n for n, b in SETS.items() if b.truth.exists()]:
        bset = SETS[name]
        res = out[name] = run_score(Confidence(args.min_confidence), bset)
        n = sum(r["requests"] for r in res["with_profile"]["per_sdk"].values())
        clients = len(res["with_profile"]["per_sdk"])
        files = ", ".join(str(c.relative_to(REPO)) for c, _t in bset.captures)
        print(f"\n=== set '{name}': {bset.about}\n{n} requests from {clients} real SDK clients "
              f"({files}), confidence >= {args.min_confidence}")
        print_score("with the device profile", res["with_profile"])
        print_score("without a profile (the whole capture, as `piflow traffic` reads it)",
                    res["without_profile"])
        alone = res["without_profile_each_request_alone"]["all"]
        print(f"\nwithout a profile, each request alone (nothing learned from the rest of the capture): "
              f"TP {alone['tp']} FP {alone['fp']} FN {alone['fn']}, precision {alone['precision']:.3f}, "
              f"recall {alone['recall']:.3f}")
    print("\nwho receives each host (piflow's attribution):")
    for a in next(iter(out.values()))["attribution"]:
        print(f"  {a['host']:45} {a['sdk'] or '-':20} {a['company'] or '-':30} "
              f"SDK's country {a['kb_country'] or '-':3} observation's country {a['country'] or '-'}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
