"""Every behaviour family of the taint analysis, on its own small program: exactly the planted leaks.

The index is ``programs/families.yaml``: what each family exercises and the
sink sites that must leak (``implicit``: leak only implicitly, through
branches on PI); every other sink site of its program must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.taint.programs import index, run_family

FAMILIES = index()


@pytest.fixture(scope="session")
def dex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("families")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_leaks_exactly_where_planted(family: str, dex_cache: Path) -> None:
    spec = FAMILIES[family]
    run = run_family(family, spec, dex_cache)
    assert not run.result.partial and not run.result.errors
    assert run.leaks == frozenset(spec["leaks"]), spec["what"]
    assert run.implicit == frozenset(spec.get("implicit", ())), spec["what"]
    if "pi" in spec:  # the PI types each leak carries
        assert run.pi == {k: tuple(v) for k, v in spec["pi"].items()}, spec["what"]


def test_every_program_folder_is_in_the_index() -> None:
    folders = {p.name for p in Path(__file__).resolve().parent.joinpath("programs").iterdir() if p.is_dir()}
    assert folders == set(FAMILIES)


def test_implicit_send_names_the_app_components_that_receive_it(dex_cache: Path) -> None:
    run = run_family("icc_implicit", FAMILIES["icc_implicit"], dex_cache)
    got = {lk.sink.method.split("->")[1].split("(")[0]: lk.receivers
           for lk in run.result.leaks if lk.sink.sink == "icc_implicit"}
    assert got == {"activity": (),
                   "broadcast": ("com.piflow.families.icc_implicit.Receiver",)}
