"""Helpers of the end-to-end tests: a real `piflow capture` (mitmdump) on 127.0.0.1, test certificates,
bounded waits for observations.

Everything binds 127.0.0.1 on free ports; every wait is bounded; the capture is stopped (and, failing
that, killed) on exit. Upstream certificate checks are relaxed only here (``ssl_insecure``), because
the test servers use a self-signed certificate made on the spot.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from analyzer.traffic.model import Observation
from analyzer.traffic.observations import OBSERVATIONS, read_records
from tests.conftest import REPO

PROFILE = REPO / "samples" / "device-profile.yaml"
BIN = Path(sys.executable).parent
TIMEOUT = 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "piflow-test-upstream")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cpath, kpath = tmp / "up.crt", tmp / "up.key"
    cpath.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    kpath.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    return cpath, kpath


def wait_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"piflow capture exited early with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("mitmdump did not start listening in 60 s")


Capture = tuple[Path, int, Path, Callable[[], int]]


@contextlib.contextmanager
def running_capture(tmp_path: Path, *options: str) -> Iterator[Capture]:
    """`piflow capture` (with ``options``) on a free port of 127.0.0.1; stopped at exit."""
    out, conf = tmp_path / "cap", tmp_path / "conf"
    port = free_port()
    argv = [str(BIN / "piflow"), "capture", "--profile", str(PROFILE), "--out", str(out), "--port", str(port),
            "--app", "com.example.shop", "--confdir", str(conf), *options, "--",
            "--set", "ssl_insecure=true", "--set", "connection_strategy=lazy"]
    log = (tmp_path / "capture.log").open("wb")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop() -> int:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)   # piflow passes it on to mitmdump as SIGINT: a clean stop
        return proc.wait(timeout=30)

    try:
        wait_port(port, proc)
        yield out, port, conf, stop
        assert stop() == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def client_ctx(conf: Path, alpn: list[str]) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(conf / "mitmproxy-ca-cert.pem"))
    ctx.set_alpn_protocols(alpn)
    return ctx


def observations(out: Path) -> list[Observation]:
    return [r for r in read_records(out / OBSERVATIONS) if isinstance(r, Observation)]


def wait_for(out: Path, pred: object, what: str) -> list[Observation]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        obs = observations(out) if (out / OBSERVATIONS).exists() else []
        if pred(obs):  # type: ignore[operator]
            return obs
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; have {[(o.pi, o.location) for o in obs]}")




def tunnel(port: int, target: str) -> socket.socket:
    """A CONNECT tunnel through the proxy on ``port`` to ``target`` (host:port), still cleartext."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    reply = b""
    deadline = time.monotonic() + TIMEOUT
    while b"\r\n\r\n" not in reply and time.monotonic() < deadline:
        chunk = sock.recv(4096)
        assert chunk, "proxy closed the tunnel"
        reply += chunk
    assert reply.split(b" ")[1] == b"200", reply[:80]
    return sock
