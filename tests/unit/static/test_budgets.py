"""Scan budgets give partial, counted results; the worker processes and fast decoding paths change nothing."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.apk.container import open_apk, open_apk_deferred
from analyzer.apk.dex import DexFile
from analyzer.cli import main
from analyzer.common import parallel
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import _FACT_OPS, MethodFacts, Program
from analyzer.static.scan import scan_apk
from tests.conftest import sample_apk

CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
REAL = CACHE / "app-uiautomator.apk"


def _real() -> Path:
    if not REAL.exists():
        msg = f"{REAL} not fetched (make ref-apps fetches it)"
        if os.environ.get("PIFLOW_REQUIRE_REF_APPS"):  # make test fetches it first: missing is a failure
            pytest.fail(msg)
        pytest.skip(msg)
    return REAL


def test_full_scan_covers_every_method() -> None:
    r = scan_apk(sample_apk("tracker"), taint=True)
    assert not r.stats.partial and r.stats.partial_reason == ""
    assert r.stats.taint_methods_total > 0
    assert r.stats.taint_methods_covered == r.stats.taint_methods_total


@pytest.mark.parametrize("apk", ["sample", "real"])
def test_tiny_memory_budget_stops_taint_with_partial_counted_results(apk: str) -> None:
    path = sample_apk("tracker") if apk == "sample" else _real()
    full = scan_apk(path, taint=True)
    r = scan_apk(path, taint=True, max_memory_mb=1.0)
    assert r.stats.partial and r.stats.partial_reason == "memory"
    assert r.stats.taint_methods_total == full.stats.taint_methods_total
    assert r.stats.taint_methods_covered < r.stats.taint_methods_total
    assert r.stats.taint_methods < full.stats.taint_methods
    assert any("memory budget of 1 MB ran out" in w and f"of {r.stats.taint_methods_total} methods" in w
               for w in r.warnings)
    # what a partial run reports is still found by the full run
    full_sites = {(lk.sink.cls, lk.sink.method, lk.sink.offset) for lk in full.leaks}
    assert {(lk.sink.cls, lk.sink.method, lk.sink.offset) for lk in r.leaks} <= full_sites
    # the rest of the scan is complete
    assert r.access and {a.source_id for a in full.access} >= {a.source_id for a in r.access}
    assert r.sdks == full.sdks and r.security == full.security


def test_tiny_time_budget_on_a_real_app_is_partial_by_time() -> None:
    r = scan_apk(_real(), taint=True, budget_s=0.01)
    assert r.stats.partial and r.stats.partial_reason == "time"
    assert r.stats.taint_methods_covered < r.stats.taint_methods_total
    assert any("time budget" in w and "methods analysed" in w for w in r.warnings)


def test_cli_max_memory_marks_json_partial() -> None:
    res = CliRunner().invoke(main, ["scan", "-q", "--taint", "--max-memory", "1", "--format", "json",
                                    str(sample_apk("tracker"))])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.output)["stats"]
    assert stats["partial"] is True and stats["partial_reason"] == "memory"
    assert stats["taint_methods_covered"] < stats["taint_methods_total"]


def test_cli_rejects_a_zero_memory_budget() -> None:
    res = CliRunner().invoke(main, ["scan", "--max-memory", "0", str(sample_apk("tracker"))])
    assert res.exit_code == 2


# -- parallel workers ----------------------------------------------------------


def _boom() -> int:
    raise KeyError("inline")


def _probe() -> tuple[bool, bool]:
    return parallel.can_fork(), parallel.start(os.getpid)() == os.getpid()


def test_worker_runs_in_another_process_and_returns_its_result() -> None:
    assert parallel.start(os.getpid)() != os.getpid()
    assert parallel.start(os.getpid, background=False)() == os.getpid()
    assert parallel.start(lambda: {"a": (1, 2)})() == {"a": (1, 2)}


def test_worker_failure_is_raised_as_an_inline_call_raises_it() -> None:
    with pytest.raises(KeyError, match="inline"):
        parallel.start(_boom)()


def test_inside_a_daemonic_worker_the_function_runs_inline() -> None:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        can, inline = pool.apply(_probe)
    assert not can and inline


def test_deferred_manifest_equals_inline_manifest() -> None:
    contents, manifest = open_apk_deferred(sample_apk("tracker"))
    assert manifest() == open_apk(sample_apk("tracker")).info
    assert contents.dex == open_apk(sample_apk("tracker")).dex


# -- fast decoding paths -------------------------------------------------------


@pytest.mark.parametrize("apk", ["sample", "real"])
def test_fast_facts_and_selected_instructions_match_full_decoding(apk: str) -> None:
    path = sample_apk("tracker") if apk == "sample" else _real()
    c = open_apk(path)
    p = Program([DexFile(d, n) for n, d in c.dex], load_framework())
    n = 0
    for m in p.methods():
        if not m.code_off:
            continue
        d = p.dex[m.dex]
        full = list(d.instructions(m.code_off))
        assert d.select(m.code_off, _FACT_OPS) == [(i, x) for i, x in enumerate(full) if x[1] in _FACT_OPS]
        fast, slow = MethodFacts(), MethodFacts()
        p._fast_facts(m, fast)
        p._slow_facts(m, slow)
        assert fast == slow
        n += 1
    assert n > 10
