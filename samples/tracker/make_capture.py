"""Record samples/tracker/capture/ with a real mitmdump: the requests tracker.apk's code sends, per phase.

What the app does (see README.md): TrackerApp.onCreate calls UMConfigure.init,
which reads the IMEI, Android ID and Wi-Fi MAC and sends them in one GET to
http://alog.umeng.com/app_logs over HttpURLConnection, on every launch and
before any UI. So a tester who follows the regulators' protocol (launch and
leave the privacy notice alone; relaunch and refuse; relaunch and agree) sees
that request once in each phase. This script replays exactly that request,
with the values of samples/device-profile.yaml and the headers Android's
HttpURLConnection sends, through `piflow capture` (mitmdump with the piflow
addon) on 127.0.0.1, switching phases with `piflow mark`. responder.py
answers locally, so nothing leaves the machine.

    .venv/bin/python samples/tracker/make_capture.py
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent
OUT = HERE / "capture"
PROFILE = REPO / "samples" / "device-profile.yaml"
# The values UMConfigure.init reads, as the profile's test phone returns them.
QUERY = {"imei": "869876041234561", "aid": "9f3c2a7b1e5d4c60", "mac": "3c:a9:f4:5e:21:07"}
HEADERS = {"User-Agent": "Dalvik/2.1.0 (Linux; U; Android 10; MI 9 Build/QKQ1.190825.002)",
           "Connection": "Keep-Alive", "Accept-Encoding": "gzip"}
PHASES = ("pre-consent", "consent-refused", "consent-given")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"piflow capture exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("mitmdump did not listen within 60 s")


def _launch(port: int) -> int:
    """One app launch: the GET UMConfigure$ReportTask.run sends (absolute form: the phone uses the proxy)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    conn.request("GET", "http://alog.umeng.com/app_logs?" + urlencode(QUERY), headers=HEADERS)
    status = conn.getresponse().status
    conn.close()
    return status


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    port = _free_port()
    with tempfile.TemporaryDirectory() as conf:
        argv = [str(BIN / "piflow"), "capture", "--profile", str(PROFILE.relative_to(REPO)), "--out",
                str(OUT.relative_to(REPO)), "--port", str(port), "--app", "com.piflow.sample.tracker",
                "--confdir", conf, "--", "-s", str(HERE / "responder.py"), "--set", "connection_strategy=lazy"]
        proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            _wait(port, proc)
            for i, phase in enumerate(PHASES):
                if i:
                    subprocess.run([str(BIN / "piflow"), "mark", phase, "--out", str(OUT)], check=True,
                                   stdout=subprocess.DEVNULL)
                time.sleep(0.5)
                assert _launch(port) == 200
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    print(f"wrote {OUT}: {', '.join(sorted(p.name for p in OUT.iterdir()))}")


if __name__ == "__main__":
    main()
