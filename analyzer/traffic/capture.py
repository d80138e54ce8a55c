"""Run a live capture: the mitmdump command line for the piflow addon, and how to point a phone at it.

No shell is involved: the command is a list of arguments, and the folder,
profile and package names the user gives travel as separate arguments.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import InputError
from analyzer.kb.resources import addon_path
from analyzer.traffic.observations import FLOWS


def mitmdump_path() -> Path:
    """The ``mitmdump`` of the Python environment piflow runs in (never another one on PATH first)."""
    exe = Path(sys.executable).parent / "mitmdump"
    if exe.exists():
        return exe
    found = shutil.which("mitmdump")
    if found is None:
        raise InputError("mitmdump not found beside this Python; reinstall piflow (it depends on mitmproxy)")
    return Path(found)


@dataclass(frozen=True)
class CaptureSpec:
    """What ``piflow capture`` was asked to do."""

    out: Path
    """Capture folder."""
    profile: Path | None = None
    """Device profile."""
    port: int = 8080
    """Proxy port."""
    listen_host: str = "127.0.0.1"
    """Proxy address."""
    app: str = ""
    """Package of the app under test."""
    first_party: tuple[str, ...] = ()
    """Publisher's domains."""
    phase: str = "pre-consent"
    """Phase at start."""
    confdir: Path | None = None
    """mitmproxy configuration folder (CA certificate); default ``~/.mitmproxy``."""
    show_values: bool = False
    """Unmasked values in the observation file."""
    geoip: Path | None = None
    """MaxMind-format GeoIP database."""
    extra: tuple[str, ...] = field(default_factory=tuple)
    """Further mitmdump arguments, passed through as given."""


def mitmdump_argv(spec: CaptureSpec) -> list[str]:
    """The mitmdump command for ``spec`` as an argument list."""
    argv = [str(mitmdump_path()), "--listen-host", spec.listen_host, "--listen-port", str(spec.port),
            "-s", str(addon_path()), "-w", f"+{spec.out / FLOWS}",  # + appends: a restart keeps earlier flows
            "--set", f"piflow_out={spec.out}", "--set", f"piflow_phase={spec.phase}",
            "--set", "flow_detail=0"]
    if spec.profile is not None:
        argv += ["--set", f"piflow_profile={spec.profile}"]
    if spec.app:
        argv += ["--set", f"piflow_app={spec.app}"]
    for d in spec.first_party:
        argv += ["--set", f"piflow_first_party={d}"]
    if spec.show_values:
        argv += ["--set", "piflow_show_values=true"]
    if spec.geoip is not None:
        argv += ["--set", f"piflow_geoip={spec.geoip}"]
    if spec.confdir is not None:
        argv += ["--set", f"confdir={spec.confdir}"]
    return argv + list(spec.extra)


def instructions(spec: CaptureSpec) -> str:
    """How to route a test phone through the proxy and trust its CA, for people."""
    confdir = spec.confdir or Path("~/.mitmproxy")
    host = spec.listen_host
    lines = [f"piflow: capturing into {spec.out} (observations.jsonl, {FLOWS}); Ctrl-C stops.",
             f"  proxy:    {host}:{spec.port}"]
    if host in ("127.0.0.1", "localhost", "::1"):
        lines += [f"  USB:      adb reverse tcp:{spec.port} tcp:{spec.port}",
                  f"            adb shell settings put global http_proxy 127.0.0.1:{spec.port}",
                  "            (undo: adb shell settings put global http_proxy :0)",
                  "  Wi-Fi:    restart with --listen-host set to this machine's LAN address"]
    else:
        lines += [f"  Wi-Fi:    set the phone's Wi-Fi proxy to {host}:{spec.port} (manual)"]
    lines += [f"  CA cert:  {confdir}/mitmproxy-ca-cert.cer (created on first start), or browse to",
              "            http://mitm.it on the phone once the proxy is set",
              "            Android 7+ apps trust user CAs only if their network security config says so;",
              "            install it as a system CA on a rooted test phone to see every app's TLS.",
              "  phases:   piflow mark PHASE --out " + str(spec.out) +
              "  (pre-consent, consent-refused, consent-given, permission-denied, background,",
              "            logged-out, account-deleted)"]
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    """Run mitmdump in the foreground (files it creates are 0600); Ctrl-C or SIGTERM stops it cleanly."""
    proc = subprocess.Popen(argv, umask=0o077)  # an argument list, never a shell

    def forward(signum: int, _frame: object) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # mitmdump flushes its flow file on SIGINT

    old_term = signal.signal(signal.SIGTERM, forward)
    try:
        try:
            return proc.wait()
        except KeyboardInterrupt:  # the terminal sent SIGINT to mitmdump too: let it flush
            return proc.wait(timeout=15)
    finally:
        signal.signal(signal.SIGTERM, old_term)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def prepare_out(out: Path) -> None:
    """Create the capture folder (0700)."""
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{out}: cannot create capture folder ({e.strerror})") from e
    if not os.access(out, os.W_OK):
        raise InputError(f"{out}: capture folder is not writable")
