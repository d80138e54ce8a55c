"""``piflow batch`` end to end: a real 2-worker LocalCluster, real and hostile APKs, budgets, kill -9."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analyzer.batch.inputs import sha256_of
from analyzer.batch.store import STORE_NAME
from analyzer.cli import main
from analyzer.errors import EXIT_INPUT
from tests.conftest import DROIDBENCH, SAMPLES, sample_apk
from tests.e2e.test_bad_input import _bomb, _truncated

TRACKER = SAMPLES / "tracker"
CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
REAL = CACHE / "app-uiautomator.apk"


def _droidbench(n: int) -> list[Path]:
    apks = sorted(DROIDBENCH.rglob("*.apk"))
    if len(apks) < n:
        pytest.skip(f"DroidBench corpus not found at {DROIDBENCH} (set PIFLOW_SHARED)")
    return apks[:n]


def _piflow(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analyzer.cli", "batch", *args],
                          capture_output=True, text=True, timeout=timeout)


def _rows(db: Path, query: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_batch_on_a_local_cluster(tmp_path: Path) -> None:
    corrupt, bomb = _truncated(tmp_path), _bomb(tmp_path)
    db1, db2, db3 = _droidbench(3)
    manifest = tmp_path / "batch.yaml"
    manifest.write_text(json.dumps({"apps": [
        *[str(p) for p in sorted(SAMPLES.glob("*/*.apk")) if p.parent.name not in ("tracker", "tracker-v2")],
        {"apk": str(TRACKER / "tracker.apk"), "captures": [str(TRACKER / "capture")],
         "declaration": str(TRACKER / "declaration.yaml"), "memory_budget": 1},  # the scan stops early
        str(db1), str(db2),
        {"apk": str(db3), "time_budget": 0.001},  # past its hard deadline: its worker is ended
        str(corrupt), str(bomb),
    ]}))
    out = tmp_path / "out"
    csv, parquet = tmp_path / "s.csv", tmp_path / "s.parquet"
    proc = _piflow(str(manifest), "--out", str(out), "--workers", "2", "--kill-grace", "0",
                   "--summary", str(csv), "--summary", str(parquet))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    db = out / STORE_NAME
    rows = {Path(str(r[0])).name: r[1:] for r in
            _rows(db, "SELECT apk_path, status, budget, reason, verdict, doc IS NOT NULL FROM scans")}
    samples = [p for p in SAMPLES.glob("*/*.apk") if p.parent.name not in ("tracker", "tracker-v2")]
    inputs = len(samples) + 1 + 3 + 2
    assert len(rows) == inputs  # every input ends in the store
    for name in ("notes.apk", "shop.apk", "login.apk", "weather.apk", db1.name, db2.name):
        assert rows[name][0] == "ok", (name, rows[name])
    assert rows["tracker.apk"][:2] == ("over_budget", "memory") and rows["tracker.apk"][4] == 1
    assert rows["tracker.apk"][3] == "fail"  # what was found before the budget ran out still counts
    assert rows[db3.name][:2] == ("over_budget", "time") and rows[db3.name][4] == 0
    assert rows["truncated.apk"][0] == "error" and "ZIP" in str(rows["truncated.apk"][2])
    assert rows["bomb.apk"][0] == "error" and "zip bomb" in str(rows["bomb.apk"][2])
    assert all(r[3] == "error" for n, r in rows.items() if r[0] == "error")
    # the child tables hold the facts of the partial tracker check: its scan stopped in its first
    # phase (1 MB), the capture's traffic still counts
    assert ("device.imei", "traffic") in _rows(
        db, "SELECT p.pi, p.evidence FROM pi_types p JOIN scans s ON s.id = p.scan_id "
            "WHERE s.apk_path LIKE '%tracker.apk'")
    assert _rows(db, "SELECT count(*) FROM findings WHERE scan_id NOT IN (SELECT id FROM scans)") == [(0,)]
    assert len(_rows(db, "SELECT DISTINCT worker FROM scans WHERE worker != ''")) >= 2
    assert stat.S_IMODE(db.stat().st_mode) == 0o600 and stat.S_IMODE(out.stat().st_mode) == 0o700
    # summary: one row per APK, in CSV and Parquet alike
    df = pd.read_csv(csv, keep_default_na=False)
    assert len(df) == inputs and stat.S_IMODE(csv.stat().st_mode) == 0o600
    for col in ("package", "version_name", "pi_types", "sdks", "third_party_hosts", "verdict",
                "sev_high", "sev_medium", "art_4"):
        assert col in df.columns
    tracker = df[df.package == "com.piflow.sample.tracker"].iloc[0]
    assert tracker.third_party_hosts == "alog.umeng.com"  # from the capture
    assert tracker.sdks == ""  # its scan stopped before the code was read: no bundled SDK is claimed
    assert tracker.sev_high > 0
    pq = pd.read_parquet(parquet)
    assert list(pq.columns) == list(df.columns) and sorted(pq.sha256) == sorted(df.sha256)
    # a re-run skips everything already stored
    stored = _rows(db, "SELECT sha256, stored FROM scans ORDER BY sha256")
    again = _piflow(str(manifest), "--out", str(out), "--kill-grace", "0")
    assert again.returncode == 0, again.stderr
    assert f"skipped {inputs}" in again.stderr and "done 0" in again.stderr
    assert _rows(db, "SELECT sha256, stored FROM scans ORDER BY sha256") == stored
    # the report of one app, by package or by SHA-256 prefix
    rep = _piflow("report", str(out), "--app", "com.piflow.sample.tracker", "--format", "json")
    doc = json.loads(rep.stdout)
    assert doc["schema"] == "piflow.batch-report/1" and doc["scan"]["status"] == "over_budget"
    assert doc["check"]["schema"] == "piflow.check/2" and doc["check"]["findings"]
    sha = sha256_of(corrupt)
    rep = _piflow("report", str(db), "--app", sha[:12])
    assert rep.returncode == 0 and "status: error" in rep.stdout


def test_resume_after_kill_9_stores_every_apk_once(tmp_path: Path) -> None:
    apks = [*_droidbench(10), *sorted(SAMPLES.glob("*/*.apk"))]
    listing = tmp_path / "apks.txt"
    listing.write_text("".join(f"{p}\n" for p in apks))
    out = tmp_path / "out"
    db = out / STORE_NAME
    args = [sys.executable, "-m", "analyzer.cli", "batch", str(listing), "--out", str(out), "--workers", "2",
            "-q"]
    client = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and stored < 4:
            time.sleep(0.1)
            with contextlib.suppress(sqlite3.OperationalError):  # the writer may be creating the schema
                stored = _rows(db, "SELECT count(*) FROM scans")[0][0]  # type: ignore[assignment]
        assert stored >= 4, "the batch stored nothing in a minute"
        os.kill(client.pid, signal.SIGKILL)  # kill -9 the client: the one writer dies mid-batch
    finally:
        with contextlib.suppress(ProcessLookupError):  # its worker processes go too (this test started them)
            os.killpg(client.pid, signal.SIGKILL)
        client.wait(10)
    first = _rows(db, "SELECT count(*) FROM scans")[0][0]
    assert 4 <= first < len(apks)  # interrupted: some stored, not all  # type: ignore[operator]
    proc = subprocess.run(args[:-1], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"skipped {first}" in proc.stderr
    shas = [r[0] for r in _rows(db, "SELECT sha256 FROM scans")]
    assert sorted(shas) == sorted({sha256_of(p) for p in apks})  # every APK exactly once
    assert _rows(db, "SELECT count(*) FROM scans WHERE status != 'ok'") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM findings WHERE scan_id NOT IN (SELECT id FROM scans)") == [(0,)]


def test_worker_past_memory_budget_is_restarted_and_apk_over_budget(tmp_path: Path) -> None:
    if not REAL.exists():
        msg = f"{REAL} not fetched (make ref-apps fetches it)"
        if os.environ.get("PIFLOW_REQUIRE_REF_APPS"):  # make test fetches it first: missing is a failure
            pytest.fail(msg)
        pytest.skip(msg)
    apk = tmp_path / "real.apk"
    shutil.copy(REAL, apk)
    proc = _piflow(str(apk), str(sample_apk("notes")), "--out", str(tmp_path / "out"), "--workers", "1",
                   "--memory-budget", "165")
    assert proc.returncode == 0, proc.stderr
    rows = dict((Path(str(r[0])).name, r[1:]) for r in _rows(
        tmp_path / "out" / STORE_NAME,
        "SELECT apk_path, status, budget, reason, peak_rss_mb, doc IS NOT NULL FROM scans"))
    # past the budget either the scan's own check stops the taint (partial results) or, when memory
    # jumps past it between checks, the nanny restarts the worker: then the scan saved before the taint
    # analysis (its checkpoint) is what is kept, if the kill came after it. Which one happens depends on
    # timing (the worker's own ~115 MB count too); test_a_killed_workers_checkpoint_is_checked_and_kept
    # covers the checkpoint path deterministically.
    status, budget, reason, peak, has_doc = rows["real.apk"]
    assert (status, budget) == ("over_budget", "memory")
    assert float(peak) > 0.8 * 165  # type: ignore[arg-type]
    if "restarted" not in str(reason):
        assert "results are partial" in str(reason) and has_doc == 1
    elif has_doc:
        assert "kept what the scan found before the taint" in str(reason)
    assert not list((tmp_path / "out" / "partial").iterdir())  # checkpoints are removed once used
    # notes.apk goes on after real.apk: on the restarted worker (queued tasks that died unstarted are sent
    # again), or on the same worker, which may still hold real.apk's memory and then charges it to notes
    n_status, n_budget, _, n_peak, _ = rows["notes.apk"]
    assert n_status == "ok" or (
        (n_status, n_budget) == ("over_budget", "memory") and float(n_peak) > 0.8 * 165)


def test_a_killed_workers_checkpoint_is_checked_and_kept(tmp_path: Path) -> None:
    """Both halves of keeping what a killed worker found: the scan saves itself before the taint
    analysis (0600), and the client checks that saved scan into the row's document."""
    from analyzer.batch.inputs import Item, sha256_of
    from analyzer.batch.runner import BatchOptions, _Job, _keep_checkpoint
    from analyzer.check.run import CheckRequest, run_check

    apk = TRACKER / "tracker.apk"
    opts = BatchOptions(out=tmp_path)
    job = _Job(sha256_of(apk), Item(apk, (TRACKER / "capture",), TRACKER / "declaration.yaml"),
               apk.stat().st_size, 60.0, 2048.0)
    ckpt = job.checkpoint(opts)
    ckpt.parent.mkdir()
    full = run_check(CheckRequest(target=apk, checkpoint=ckpt))
    assert stat.S_IMODE(ckpt.stat().st_mode) == 0o600
    saved = json.loads(ckpt.read_text(encoding="utf-8"))
    assert saved["leaks"] == [] and saved["stats"]["taint_methods"] == 0 and saved["access"]
    assert "taint" in full.graph.graph["evidence"]
    result = {"status": "over_budget", "budget": "memory", "reason": "restarted by the nanny, nothing kept"}
    _keep_checkpoint(job, opts, result)
    assert not ckpt.exists() and "kept what the scan found before the taint" in result["reason"]
    doc = result["doc"]
    assert {f["rule"] for f in doc["findings"]} >= {"o24-09-1-pi-sent-before-consent", "o24-04-pi-inventory"}
    assert "taint" not in doc["evidence"]  # the taint rules come back not evaluated, never as passes


@pytest.mark.parametrize("args, words", [
    (["batch", "x.apk", "--out", "o", "--no-such-option"], "No such option"),
    (["batch", str(SAMPLES)], "Missing option '--out'"),
    (["batch", str(SAMPLES), "--out", "o", "--memory-budget", "5"], "--memory-budget"),
    (["batch", str(SAMPLES), "--out", "o", "--workers", "0"], "--workers"),
    (["batch", str(SAMPLES), "--out", "o", "--summary", "s.xlsx"], ".csv or .parquet"),
    (["batch", "no-such-dir", "--out", "o"], "no such file, folder or glob"),
    (["batch", "*.apk", "--out", "o"], "no APK found"),
    (["batch", "report", "no-such.sqlite", "--app", "x"], "no such batch store"),
    (["batch", "report", str(SAMPLES / "notes" / "README.md"), "--app", "x"], "not a piflow batch store"),
    (["batch", "summary", "no-such.sqlite", "s.txt"], ".csv or .parquet"),
])
def test_bad_options_are_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         args: list[str], words: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_INPUT, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("piflow: error:"), result.output
    assert words in lines[0]
    assert not (tmp_path / "o").exists()  # nothing ran


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = _piflow(str(sample_apk("notes")), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.count("\n") == 1 and "cannot connect to the Dask scheduler" in proc.stderr


_CLUSTER = """
import sys, time
from distributed import LocalCluster
c = LocalCluster(n_workers=1, threads_per_worker=2, host="127.0.0.1", dashboard_address=None,
                 scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
print(c.scheduler_address, flush=True)
sys.stdin.read()  # until the test closes our stdin
c.close()
"""


def test_existing_cluster_via_scheduler_address(tmp_path: Path) -> None:
    cluster = subprocess.Popen([sys.executable, "-c", _CLUSTER], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        assert cluster.stdout is not None
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:")
        proc = _piflow(str(SAMPLES), "--out", str(tmp_path / "out"), "--scheduler", address, "-q")
        assert proc.returncode == 0, proc.stderr
        rows = _rows(tmp_path / "out" / STORE_NAME, "SELECT status, worker FROM scans")
        apps = len(list(SAMPLES.glob("*/*.apk"))) + 4  # and samples/formats/: .apks, .xapk, .aab, decoded
        assert len(rows) == apps and {r[0] for r in rows} == {"ok"}
        assert len({r[1] for r in rows}) == 1  # the cluster's one worker process ran them all
    finally:
        assert cluster.stdin is not None
        cluster.stdin.close()
        try:
            cluster.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
            cluster.wait(10)
