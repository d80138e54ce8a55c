"""The app's class hierarchy is made a shallow DAG: cycles and hostile depth are cut, every walk ends."""

from __future__ import annotations

import pytest

from analyzer.apk.dex import DexFile
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import MAX_DEPTH, Program
from bench.hostile import LAUNCHER, deep_chain, self_extending, smali_dex, supertype_cycle


def _program(sources: dict[str, str]) -> Program:
    return Program([DexFile(smali_dex(sources), "classes.dex")], load_framework())


def _walks_end(p: Program) -> None:
    for c in p.classes:
        p.resolve(c, "onCreate(Landroid/os/Bundle;)V")
        p.external_declaring(c, "onCreate")
        p.subtypes(c)
        n, cur = 0, p.classes[c].superclass
        while cur is not None and cur in p.classes:  # the walk every analysis does
            cur, n = p.classes[cur].superclass, n + 1
            assert n <= MAX_DEPTH


def test_a_class_extending_itself_is_cut() -> None:
    p = _program(self_extending())
    assert p.hierarchy_cuts == [f"{LAUNCHER}: supertype {LAUNCHER} closes a cycle"]
    assert p.classes[LAUNCHER].superclass == "Ljava/lang/Object;"
    _walks_end(p)


def test_cycles_through_superclasses_and_interfaces_are_cut() -> None:
    p = _program(supertype_cycle())
    assert len(p.hierarchy_cuts) == 2 and all("closes a cycle" in c for c in p.hierarchy_cuts)
    _walks_end(p)
    assert "Landroid/app/Activity;" not in p.supertypes(LAUNCHER)  # what was left is Object's


@pytest.mark.parametrize("n", [MAX_DEPTH - 1, 3 * MAX_DEPTH + 5])
def test_a_deep_chain_is_cut_every_max_depth_levels(n: int) -> None:
    p = _program(deep_chain(n))
    expected_cuts = (n + 1) // (MAX_DEPTH + 1)  # the launcher sits below n chain classes
    assert len(p.hierarchy_cuts) == expected_cuts
    assert max(len(p.supertypes(c) & set(p.classes)) for c in p.classes) <= MAX_DEPTH
    _walks_end(p)
    if not expected_cuts:  # a hierarchy within bounds is left as it is
        assert "Landroid/app/Activity;" in p.supertypes(LAUNCHER)
