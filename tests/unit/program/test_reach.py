"""Reachability on the taint families' small programs: what the manifest and the code make runnable."""

from __future__ import annotations

import pytest

from analyzer.apk.dex import DexFile
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import Reachability, reachable
from tests.unit.taint.programs import PACKAGE, app_info, dex_bytes, index


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Program:
    return Program([DexFile(dex_bytes(tmp_path_factory.mktemp("dex")), "classes.dex")], load_framework())


def _reach(program: Program, family: str) -> tuple[Reachability, str]:
    info = app_info(family, index()[family])
    return reachable(program, info), "L" + f"{PACKAGE}.{family}".replace(".", "/")


def test_a_disabled_component_is_no_entry_point(program: Program) -> None:
    reach, pkg = _reach(program, "disabled")
    assert f"{pkg}/Main;-><init>()V" in reach.entry_points
    assert not any(k.startswith(f"{pkg}/Dormant;") for k in reach.methods)


def test_framework_callbacks_of_live_classes_are_reachable(program: Program) -> None:
    reach, pkg = _reach(program, "thread")  # Job is allocated; Thread.start runs its run()
    assert f"{pkg}/Job;->run()V" in reach.framework_called
    reach, pkg = _reach(program, "receiver")  # a receiver registered in code, not in the manifest
    assert f"{pkg}/Listener;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V" in reach.methods


def test_a_class_first_used_runs_its_static_initialiser(program: Program) -> None:
    reach, pkg = _reach(program, "static_init")
    assert f"{pkg}/Loader;-><clinit>()V" in reach.methods


def test_only_the_familys_code_is_reachable(program: Program) -> None:
    reach, pkg = _reach(program, "locals")
    mine = {k for k in reach.methods if k.startswith("Lcom/piflow/families/")}
    assert mine and all(k.startswith(pkg + "/") for k in mine)
