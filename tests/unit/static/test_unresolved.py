"""Calls into code the analysis cannot see are listed as unresolved, never dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.apk.container import open_apk
from analyzer.apk.dex import DexFile
from analyzer.apk.native import bind, inspect_library
from analyzer.kb.catalogue import load_kb
from analyzer.kb.owners import OwnerResolver
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import reachable
from analyzer.static.scan import scan_apk
from analyzer.static.serialize import scan_to_dict
from analyzer.static.unresolved import find_unresolved
from tests.conftest import SAMPLES


def test_dex_class_loader_is_an_unresolved_dynamic_code_site(droidbench: Path) -> None:
    r = scan_apk(droidbench / "DynamicLoading/DynamicSource1.apk")
    (u,) = r.unresolved
    assert (u.kind, u.api, u.location.method) == ("dynamic_code", "dalvik.system.DexClassLoader.<init>",
                                                  "onCreate")
    assert "hidden in the APK were analysed" in u.detail
    assert any("unresolved" in w for w in r.warnings)
    assert scan_to_dict(r)["unresolved"][0]["kind"] == "dynamic_code"


def test_native_library_loaded_by_path_is_unresolved(droidbench: Path) -> None:
    r = scan_apk(droidbench / "SelfModification/BytecodeTamper2.apk")
    assert [(u.kind, u.api) for u in r.unresolved] == [("dynamic_code", "java.lang.System.load")]


@pytest.mark.parametrize("libraries", [True, False])
def test_native_method_is_unresolved_only_without_a_library(droidbench: Path, libraries: bool) -> None:
    contents = open_apk(droidbench / "Native/SourceInNativeCode.apk")
    program = Program([DexFile(d, n) for n, d in contents.dex], load_framework())
    reach = reachable(program, contents.info)
    kb = load_kb()
    libs = [inspect_library(n, s, kb) for n, s in contents.native_code] if libraries else []
    natives = [(ci.descriptor, m.name) for ci in program.classes.values() for m in ci.methods.values()
               if m.access & 0x100]
    assert natives
    bindings = {f"{c}->{n}": b for (c, n), b in bind(natives, libs).items()}
    got = find_unresolved(program, reach, bindings, OwnerResolver(kb, contents.info.package))
    if libraries:  # the bundled library exports the method: modelled, not unresolved
        assert got == []
    else:  # the same call with the library gone
        assert got and {u.kind for u in got} == {"native"}
        assert all(u.location.offset >= 0 for u in got)


def test_samples_have_no_unresolved_calls() -> None:
    for apk in sorted(SAMPLES.glob("*/*.apk")):
        r = scan_apk(apk)
        if apk.parent.name == "packed":  # the stub: its unbound native decrypt, its DexClassLoader
            assert sorted(u.kind for u in r.unresolved) == ["dynamic_code", "native"]
            continue
        assert r.unresolved == (), apk.name
        assert json.dumps(scan_to_dict(r)["unresolved"]) == "[]"


def test_unresolved_calls_are_edges_in_the_graph(droidbench: Path) -> None:
    from analyzer.graph import build as graph

    r = scan_apk(droidbench / "DynamicLoading/DynamicSource1.apk")
    g = graph.from_scan(r, load_kb())
    (edge,) = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "calls_unresolved"]
    u, v, d = edge
    assert v == "unresolved:dynamic_code" and g.nodes[v]["kind"] == "unresolved"
    assert u.startswith("app:") and d["api"] == "dalvik.system.DexClassLoader.<init>"
    assert d["sites"] and "onCreate" in d["sites"][0] and d["details"]
    # and the samples, which load nothing at run time, have none
    sample = graph.from_scan(scan_apk(SAMPLES / "tracker" / "tracker.apk"), load_kb())
    assert not any(n.startswith("unresolved:") for n in sample)
